import { App, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import {
  AccessMode,
  FlinkCluster,
  FlinkClusterProps,
  FlinkValidationError,
  FlinkVersion,
  HaStorage,
  RestartStrategy,
} from '../../src';
import { exampleProps } from '../support/scenarios';
import { synthCluster } from '../support/synth';

const base = exampleProps;
/** Each rule: props that break it, and the parts the message must contain (prop, value, fix). */
const RULES: Array<[string, () => FlinkClusterProps, RegExp]> = [
  [
    'unsupported version',
    () => ({ ...base(), flinkVersion: '1.17' as any }),
    /^flinkVersion: "1.17" - is not a supported Flink version; use one of FlinkVersion\.V1_18/,
  ],
  [
    'cluster id too long',
    () => ({ ...base(), clusterId: 'a'.repeat(46) }),
    /^clusterId: "a{46}" - must be at most 45 characters/,
  ],
  [
    'cluster id not a DNS label',
    () => ({ ...base(), clusterId: 'My_Cluster' }),
    /^clusterId: "My_Cluster" - .*e\.g\. "orders-flink"/,
  ],
  [
    'more than one JobManager without HA',
    () => ({ ...base(), highAvailability: { enabled: false }, jobManager: { replicas: 2 } }),
    /^jobManager\.replicas: 2 - needs HA/,
  ],
  [
    'HA without storage',
    () => ({ ...base(), highAvailability: {} }),
    /^highAvailability\.storage: undefined - is required with HA: use HaStorage\.newClaim\(\)/,
  ],
  [
    'storage without HA',
    () => ({
      ...base(),
      highAvailability: { enabled: false, storage: HaStorage.newClaim() },
      jobManager: { replicas: 1 },
    }),
    /^highAvailability\.storage: HaStorage\.newClaim\(\.\.\.\) - has no effect/,
  ],
  [
    'RWO claim shared by candidates',
    () => ({
      ...base(),
      highAvailability: { storage: HaStorage.newClaim({ accessMode: AccessMode.READ_WRITE_ONCE }) },
    }),
    /^highAvailability\.storage\.accessMode: "ReadWriteOnce" - cannot be shared by 2 pods .*READ_WRITE_MANY/,
  ],
  [
    'parallelism above slots',
    () => ({ ...base(), job: { ...base().job!, parallelism: 3 } }),
    /^job\.parallelism: 3 - exceeds the 2 task slots/,
  ],
  [
    'JobManager memory too small',
    () => ({ ...base(), jobManager: { resources: { memory: Size.mebibytes(600) } } }),
    /^jobManager\.resources\.memory: 600Mi - .*at least Size\.mebibytes\(704\)/,
  ],
  [
    'TaskManager memory too small',
    () => ({ ...base(), taskManager: { replicas: 2, resources: { memory: Size.mebibytes(900) } } }),
    /^taskManager\.resources\.memory: 900Mi - .*at least Size\.mebibytes\(982\)/,
  ],
  [
    'process size above the container limit',
    () => ({
      ...base(),
      taskManager: { replicas: 2, resources: { memory: Size.gibibytes(2), processSize: Size.gibibytes(3) } },
    }),
    /^taskManager\.resources\.processSize: 3072Mi - exceeds the container memory limit \(2048Mi\)/,
  ],
  [
    'jar without scheme',
    () => ({ ...base(), job: { jarUri: '/opt/flink/examples/streaming/WordCount.jar' } }),
    /^job\.jarUri: "\/opt\/flink\/examples\/streaming\/WordCount\.jar" - has no scheme; write local:\/\/\/opt/,
  ],
  [
    'remote jar',
    () => ({ ...base(), job: { jarUri: 'https://example.com/job.jar' } }),
    /^job\.jarUri: .* - uses https:\/\/.*bake the jar into your image/,
  ],
  [
    'restart attempts out of range',
    () => ({ ...base(), restartStrategy: RestartStrategy.fixedDelay({ attempts: 0, delay: Duration.seconds(1) }) }),
    /^restartStrategy\.fixedDelay\.attempts: 0 - must be a whole number >= 1/,
  ],
  [
    'failure-rate delay not shorter than interval',
    () => ({
      ...base(),
      restartStrategy: RestartStrategy.failureRate({
        maxFailuresPerInterval: 3,
        interval: Duration.minutes(1),
        delay: Duration.minutes(1),
      }),
    }),
    /^restartStrategy\.failureRate\.delay: .* - must be shorter than interval/,
  ],
  [
    'jitter out of range',
    () => ({ ...base(), restartStrategy: RestartStrategy.exponentialDelay({ jitterFactor: 2 }) }),
    /^restartStrategy\.exponentialDelay\.jitterFactor: 2 - must be a number between 0 and 1/,
  ],
  [
    'checkpoint interval below 10 ms',
    () => ({ ...base(), checkpointing: { interval: Duration.millis(5) } }),
    /^checkpointing\.interval: 5 millis - must be at least 10 milliseconds/,
  ],
  [
    'checkpoints retained out of range',
    () => ({ ...base(), checkpointing: { interval: Duration.seconds(5), retained: 0 } }),
    /^checkpointing\.retained: 0 - must be a whole number between 1 and 1000/,
  ],
  [
    'checkpoint dir outside shared storage',
    () => ({ ...base(), checkpointing: { interval: Duration.seconds(5), directory: 'file:///data/checkpoints' } }),
    /^checkpointing\.directory: "file:\/\/\/data\/checkpoints" - is a file:\/\/ path outside shared storage/,
  ],
  [
    'renew deadline above lease',
    () => ({ ...base(), highAvailability: { storage: HaStorage.newClaim(), renewDeadline: Duration.seconds(20) } }),
    /^highAvailability\.renewDeadline: 20 seconds - must not exceed leaseDuration \(15 seconds\)/,
  ],
  [
    'retry period too close to the deadline',
    () => ({ ...base(), highAvailability: { storage: HaStorage.newClaim(), retryPeriod: Duration.seconds(13) } }),
    /^highAvailability\.retryPeriod: 13 seconds - must be shorter than renewDeadline \/ 1\.2/,
  ],
  [
    'image tag names another version',
    () => ({ ...base(), image: { tag: '1.20.0' } }),
    /^image\.tag: "1\.20\.0" - names Flink 1\.20 but flinkVersion is 1\.19/,
  ],
  [
    'bad digest',
    () => ({ ...base(), image: { digest: 'sha256:abc' } }),
    /^image\.digest: "sha256:abc" - must be "sha256:" followed by 64/,
  ],
  [
    'escape hatch: owned key',
    () => ({ ...base(), flinkConfiguration: { 'kubernetes.cluster-id': 'x' } }),
    /^flinkConfiguration\["kubernetes\.cluster-id"\]: "x" - is set by the construct; use clusterId instead/,
  ],
  [
    'escape hatch: legacy alias of an owned key',
    () => ({ ...base(), flinkConfiguration: { 'high-availability': 'kubernetes' } }),
    /use highAvailability\.enabled instead/,
  ],
  [
    'escape hatch: unknown key, with the nearest real keys',
    () => ({ ...base(FlinkVersion.V1_20), flinkConfiguration: { 'taskmanager.number-of-task-slots': '2' } }),
    /^flinkConfiguration\["taskmanager\.number-of-task-slots"\]: "2" - is not an option of Flink 1\.20; did you mean/,
  ],
  [
    'escape hatch: removed key in 2.x',
    () => ({ ...base(FlinkVersion.V2_0), flinkConfiguration: { 'taskmanager.network.numberOfBuffers': 100 } }),
    /^flinkConfiguration\["taskmanager\.network\.numberOfBuffers"\]: 100 - was removed in Flink 2\.0/,
  ],
  [
    'escape hatch: keys that prefix each other',
    () => ({ ...base(), flinkConfiguration: { 'state.backend': 'rocksdb', 'state.backend.type': 'rocksdb' } }),
    /^flinkConfiguration\["state\.backend"\]: .* - conflicts with "state\.backend\.type"/,
  ],
  [
    'escape hatch: value type',
    () => ({ ...base(), flinkConfiguration: { 'pipeline.name': { a: 1 } as any } }),
    /^flinkConfiguration\["pipeline\.name"\]: \{"a":1\} - must be a string, a finite number or a boolean/,
  ],
  [
    'escape hatch: "#" in flink-conf.yaml',
    () => ({ ...base(FlinkVersion.V1_18), flinkConfiguration: { 'pipeline.name': 'job #1' } }),
    /^flinkConfiguration\["pipeline\.name"\]: "job #1" - cannot be written to flink-conf\.yaml/,
  ],
  [
    'Duration given as a string',
    () => ({ ...base(), checkpointing: { interval: '30s' as any } }),
    /^checkpointing\.interval: "30s" - is not a Duration; pass e\.g\. Duration\.seconds\(15\)/,
  ],
  [
    'Size given as a string',
    () => ({ ...base(), jobManager: { resources: { memory: '1Gi' as any } } }),
    /^jobManager\.resources\.memory: "1Gi" - is not a Size/,
  ],
  [
    'object store without plugin',
    () => ({ ...base(), highAvailability: { storage: HaStorage.objectStore('hdfs://nn/flink') } }),
    /^highAvailability\.storage: "hdfs:\/\/nn\/flink" - uses scheme "hdfs:\/\/"/,
  ],
  [
    'reserved env var',
    () => ({ ...base(), taskManager: { replicas: 2, env: [{ name: 'FLINK_PROPERTIES', value: 'x' }] } }),
    /^taskManager\.env\[0\]\.name: "FLINK_PROPERTIES" - is reserved: .*use flinkConfiguration/,
  ],
  [
    'hostPath volume',
    () => ({
      ...base(),
      taskManager: { replicas: 2, volumes: [{ volume: { name: 'h', hostPath: { path: '/x' } }, mountPath: '/data' }] },
    }),
    /^taskManager\.volumes\[0\]\.volume: "h" - .*restricted/,
  ],
  [
    'volume over a construct path',
    () => ({
      ...base(),
      taskManager: { replicas: 2, volumes: [{ volume: { name: 'c', emptyDir: {} }, mountPath: '/opt/flink/conf' }] },
    }),
    /^taskManager\.volumes\[0\]\.mountPath: "\/opt\/flink\/conf" - overlaps a path the construct mounts/,
  ],
  [
    'agent without HA',
    () => ({
      ...base(),
      jobManager: { replicas: 1 },
      highAvailability: { enabled: false },
      haAgent: { enabled: true },
    }),
    /^haAgent\.enabled: true - needs highAvailability/,
  ],
];

describe('every validation rule fires with the prop, the value and the fix', () => {
  test.each(RULES)('%s', (_name, props, message) => {
    let error: unknown;
    try {
      synthCluster(props());
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlinkValidationError);
    expect((error as Error).message).toMatch(message);
  });
});

test('missing namespace', () => {
  expect(() => synthCluster(exampleProps(), { namespace: null })).toThrow(
    /^namespace: undefined - is required: set the namespace prop or create the chart with \{ namespace: "\.\.\." \}/,
  );
});

test('two clusters with the same namespace and cluster id in one app', () => {
  const app: App = Testing.app();
  new FlinkCluster(new Chart(app, 'a', { namespace: 'flink' }), 'One', exampleProps());
  expect(() => new FlinkCluster(new Chart(app, 'b', { namespace: 'flink' }), 'Two', exampleProps())).toThrow(
    /^clusterId: "my-flink-cluster" - is already used by a\/One in namespace "flink"; the two clusters would share Flink's HA ConfigMaps and storage/,
  );
  // Same id in another namespace, or in another app, is fine.
  expect(() => new FlinkCluster(new Chart(app, 'c', { namespace: 'other' }), 'Three', exampleProps())).not.toThrow();
  expect(
    () => new FlinkCluster(new Chart(Testing.app(), 'a', { namespace: 'flink' }), 'One', exampleProps()),
  ).not.toThrow();
});

test('a ConfigMap over the 1 MiB limit', () => {
  expect(() =>
    synthCluster({ ...exampleProps(), flinkConfiguration: { 'pipeline.name': 'x'.repeat(1024 * 1024) } }),
  ).toThrow(/^ConfigMap my-flink-cluster-flink-config: "\d+ bytes" - exceeds Kubernetes' 1 MiB ConfigMap limit/);
});

test('second tier: app.synth() rejects a JSON patch that adds standby JobManagers without HA', () => {
  const app = Testing.app();
  const chart = new Chart(app, 'patched', { namespace: 'flink' });
  const cluster = new FlinkCluster(chart, 'NoHa', {
    flinkVersion: FlinkVersion.V1_19,
    highAvailability: { enabled: false },
  });
  cluster.jobManager.deployment.addJsonPatch(JsonPatch.replace('/spec/replicas', 2));
  expect(() => app.synth()).toThrow(/Deployment noha-jobmanager: replicas 2 - standby JobManagers need HA/);
});
