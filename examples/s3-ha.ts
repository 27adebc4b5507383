import { Chart, ChartProps, Duration } from 'cdk8s';
import { Construct } from 'constructs';
import { CheckpointingMode, FlinkCluster, FlinkVersion, HaStorage, RestartStrategy } from '../src';

/**
 * An application cluster with HA metadata and checkpoints on S3. The Secret `flink-s3`
 * (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY) is created outside the GitOps repository;
 * only its name appears here.
 */
export class S3HaChart extends Chart {
  constructor(scope: Construct, id: string, props: ChartProps = {}) {
    super(scope, id, { namespace: 'orders', ...props });
    new FlinkCluster(this, 'Orders', {
      flinkVersion: FlinkVersion.V1_20,
      clusterId: 'orders',
      image: { repository: 'registry.example.com/orders-flink', tag: '1.20.1-orders-42' },
      taskManager: { replicas: 3, taskSlots: 2 },
      highAvailability: {
        storage: HaStorage.objectStore('s3://flink-state/orders/ha', { credentials: { envFromSecret: 'flink-s3' } }),
      },
      checkpointing: {
        interval: Duration.minutes(1),
        mode: CheckpointingMode.EXACTLY_ONCE,
        directory: 's3://flink-state/orders/checkpoints',
        retained: 3,
        incremental: true,
      },
      restartStrategy: RestartStrategy.exponentialDelay({ maxBackoff: Duration.minutes(2) }),
      job: {
        jarUri: 'local:///opt/flink/usrlib/orders.jar',
        entryClass: 'com.example.orders.OrdersJob',
        parallelism: 6,
      },
      flinkConfiguration: { 'state.backend.type': 'rocksdb' },
      metrics: {
        podMonitor: { labels: { release: 'kube-prometheus-stack' } },
        grafanaDashboard: {},
        allowedFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      },
      gitOps: { argoCdSyncWaves: true },
    });
  }
}
