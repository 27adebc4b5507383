// A user's chart: the package as installed from its tarball, typed imports, a cdk8s synth.
import { App, Chart, Duration, Size } from 'cdk8s';
import { FlinkCluster, FlinkValidationError, FlinkVersion, HaStorage, RestartStrategy } from 'cdk8s-flink';

const app = new App();
const chart = new Chart(app, 'orders', { namespace: 'streaming' });
const cluster: FlinkCluster = new FlinkCluster(chart, 'Orders', {
  flinkVersion: FlinkVersion.V2_2,
  clusterId: 'orders',
  highAvailability: { storage: HaStorage.newClaim({ size: Size.gibibytes(2) }) },
  job: { jarUri: 'local:///opt/flink/usrlib/orders.jar', parallelism: 2 },
  taskManager: { replicas: 2, taskSlots: 1 },
  restartStrategy: RestartStrategy.fixedDelay({ attempts: 3, delay: Duration.seconds(10) }),
});
const warnings: readonly string[] = cluster.warnings;
if (warnings.length) throw new Error(`unexpected warnings: ${warnings.join('; ')}`);

// Validation errors reach the user as the documented class.
try {
  new FlinkCluster(new Chart(new App(), 'bad'), 'Bad', { flinkVersion: FlinkVersion.V2_2, clusterId: 'Not_Valid' });
  throw new Error('an invalid clusterId was accepted');
} catch (e) {
  if (!(e instanceof FlinkValidationError)) throw e;
}
app.synth();
