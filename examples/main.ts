import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { FlinkCluster, FlinkClusterProps, FlinkVersion, HaStorage, RestartStrategy } from '../src/index';

/**
 * The seed article's FlinkDeployment as FlinkCluster props: WordCount, two TaskManagers and
 * two JobManager candidates of 1 CPU / 1024Mi, Kubernetes HA on a claim, failure-rate restarts.
 */
export function exampleClusterProps(flinkVersion = FlinkVersion.V1_19): FlinkClusterProps {
  return {
    flinkVersion,
    clusterId: 'my-flink-cluster',
    jobManager: { replicas: 2, resources: { cpu: 1, memory: Size.mebibytes(1024) } },
    taskManager: { replicas: 2, resources: { cpu: 1, memory: Size.mebibytes(1024) } },
    highAvailability: { storage: HaStorage.newClaim({ size: Size.gibibytes(1) }) },
    job: {
      jarUri: 'local:///opt/flink/examples/streaming/WordCount.jar',
      entryClass: 'org.apache.flink.streaming.examples.wordcount.WordCount',
      parallelism: 2,
    },
    restartStrategy: RestartStrategy.failureRate({
      maxFailuresPerInterval: 3,
      interval: Duration.minutes(5),
      delay: Duration.minutes(1),
    }),
  };
}

/** The example app's chart, synthesized into dist/. */
export class ExampleChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'flink', ...props });
    new FlinkCluster(this, 'MyFlinkCluster', exampleClusterProps());
  }
}

/** Synthesizes the example app into $CDK8S_OUTDIR (set by `cdk8s synth`) or dist/. */
export function synthExampleApp(): void {
  const app = new App({ outdir: process.env.CDK8S_OUTDIR ?? 'dist' });
  new ExampleChart(app, 'flink-example');
  app.synth();
}

if (require.main === module) synthExampleApp();
