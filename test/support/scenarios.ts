import { Duration } from 'cdk8s';
import { AccessMode, CheckpointingMode, FlinkClusterProps, FlinkVersion, HaStorage, RestartStrategy } from '../../src';
import { exampleClusterProps } from '../../examples/main';

/** The seed article's FlinkDeployment, as the example app builds it. */
export const exampleProps = exampleClusterProps;

/** Named scenarios every cross-cutting test (snapshots, keys, schemas, invariants) runs over. */
export const SCENARIOS: Record<string, () => FlinkClusterProps> = {
  'example app': () => exampleProps(),
  'session mode': () => ({
    flinkVersion: FlinkVersion.V1_20,
    clusterId: 'session',
    taskManager: { replicas: 3, taskSlots: 4 },
    highAvailability: { storage: HaStorage.newClaim({ storageClassName: 'nfs' }) },
  }),
  ...Object.fromEntries(
    Object.values(FlinkVersion).map((v) => [
      `version ${v}`,
      () =>
        ({
          ...exampleProps(v),
          checkpointing: {
            interval: Duration.seconds(30),
            mode: CheckpointingMode.AT_LEAST_ONCE,
            retained: 3,
            incremental: true,
          },
          // attempts-before-reset-backoff exists from Flink 1.19 on.
          restartStrategy: RestartStrategy.exponentialDelay(
            v === FlinkVersion.V1_18 ? {} : { attemptsBeforeResetBackoff: 10 },
          ),
        }) as FlinkClusterProps,
    ]),
  ),
  'object-store HA': () => ({
    flinkVersion: FlinkVersion.V2_0,
    clusterId: 'orders',
    taskManager: { replicas: 2, taskSlots: 2 },
    highAvailability: {
      storage: HaStorage.objectStore('s3://flink-state/orders', { credentials: { envFromSecret: 'flink-s3' } }),
      leaseDuration: Duration.seconds(30),
      renewDeadline: Duration.seconds(20),
      retryPeriod: Duration.seconds(5),
    },
    checkpointing: { interval: Duration.minutes(1) },
    restartStrategy: RestartStrategy.fixedDelay({ attempts: 5, delay: Duration.seconds(10) }),
    job: { jarUri: 'local:///opt/flink/usrlib/orders.jar', parallelism: 4, args: ['--topic', 'orders'] },
    network: {
      restAllowedFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress' } } }],
    },
    flinkConfiguration: { 'state.backend.type': 'rocksdb', 'pipeline.max-parallelism': 128 },
  }),
  'existing claim': () => ({
    flinkVersion: FlinkVersion.V2_1,
    clusterId: 'analytics',
    jobManager: { replicas: 3 },
    highAvailability: {
      storage: HaStorage.existingClaim('shared-flink-ha', { accessMode: AccessMode.READ_WRITE_MANY }),
    },
    checkpointing: { interval: Duration.seconds(10), directory: 'file:///opt/flink/ha/checkpoints/analytics' },
    image: { repository: 'registry.example.com/flink', tag: '2.1.0-java17', pullSecrets: ['regcred'] },
  }),
  'no HA': () => ({
    flinkVersion: FlinkVersion.V1_18,
    clusterId: 'dev',
    highAvailability: { enabled: false },
  }),
};
