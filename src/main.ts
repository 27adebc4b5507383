import { App, Chart, ChartProps, Duration, Size } from 'cdk8s';
import { Construct } from 'constructs';
import { FlinkCluster, FlinkVersion, HaStorage, RestartStrategy } from './index';

/**
 * The example: the seed article's FlinkDeployment (WordCount, Flink 1.19, two
 * TaskManagers, two JobManager candidates with Kubernetes HA on a PVC) as plain manifests.
 */
export class ExampleChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'flink', ...props });
    new FlinkCluster(this, 'MyFlinkCluster', {
      flinkVersion: FlinkVersion.V1_19,
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
    });
  }
}

if (require.main === module) {
  const app = new App({ outdir: process.env.CDK8S_OUTDIR ?? 'dist' });
  new ExampleChart(app, 'flink-example');
  app.synth();
}
