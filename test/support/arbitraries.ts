import { Duration, Size } from 'cdk8s';
import * as fc from 'fast-check';
import {
  AccessMode,
  CheckpointingMode,
  FlinkClusterProps,
  FlinkVersion,
  HaStorage,
  ImagePullPolicy,
  RestartStrategy,
  RestartStrategyType,
} from '../../src';
import { MIN_JOBMANAGER_PROCESS_MIB, MIN_TASKMANAGER_PROCESS_MIB } from '../../src/flink/memory-model';

/** Escape-hatch keys that are valid in every supported version, with value generators. */
const EXTRA_KEYS: Record<string, fc.Arbitrary<string | number | boolean>> = {
  'pipeline.max-parallelism': fc.integer({ min: 1, max: 32768 }),
  'state.backend.type': fc.constantFrom('hashmap', 'rocksdb'),
  'pipeline.name': fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,20}[A-Za-z0-9]$/),
  'web.submit.enable': fc.boolean(),
  'web.cancel.enable': fc.boolean(),
  'pipeline.object-reuse': fc.boolean(),
  'classloader.resolve-order': fc.constantFrom('child-first', 'parent-first'),
  'heartbeat.timeout': fc.integer({ min: 10_000, max: 300_000 }),
};

const LABEL_KEY = fc.constantFrom('team', 'example.com/owner', 'tier', 'cost-center');
const LABEL_VALUE = fc.stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/);
const mib = (min: number, max: number) => fc.integer({ min, max });
const seconds = (min: number, max: number) => fc.integer({ min, max }).map((s) => Duration.seconds(s));

/** Pod resources whose memory is at or above `minMiB`, optionally with a smaller process size. */
function resources(minMiB: number) {
  return fc
    .record({
      cpu: fc.constantFrom(0.1, 0.25, 0.5, 1, 1.5, 2, 4),
      cpuLimit: fc.option(fc.constantFrom(4, 8), { nil: undefined }),
      memoryMiB: mib(minMiB, 16384),
      processDelta: fc.option(mib(0, 2048), { nil: undefined }),
    })
    .map(({ cpu, cpuLimit, memoryMiB, processDelta }) => ({
      cpu,
      ...(cpuLimit !== undefined ? { cpuLimit } : {}),
      memory: Size.mebibytes(memoryMiB),
      ...(processDelta !== undefined && memoryMiB - processDelta >= minMiB
        ? { processSize: Size.mebibytes(memoryMiB - processDelta) }
        : {}),
    }));
}

const restartStrategy: fc.Arbitrary<RestartStrategy | undefined> = fc.oneof(
  fc.constant(undefined),
  fc.constant(RestartStrategy.none()),
  fc
    .record({ attempts: fc.integer({ min: 1, max: 100 }), delay: seconds(0, 600) })
    .map((p) => RestartStrategy.fixedDelay(p)),
  fc
    .record({
      max: fc.integer({ min: 1, max: 20 }),
      interval: fc.integer({ min: 2, max: 3600 }),
      delayFraction: fc.double({ min: 0, max: 0.99, noNaN: true }),
    })
    .map(({ max, interval, delayFraction }) =>
      RestartStrategy.failureRate({
        maxFailuresPerInterval: max,
        interval: Duration.seconds(interval),
        delay: Duration.seconds(Math.floor(interval * delayFraction)),
      }),
    ),
  fc
    .record({
      initial: fc.integer({ min: 1, max: 60 }),
      extra: fc.integer({ min: 0, max: 600 }),
      multiplier: fc.double({ min: 1, max: 4, noNaN: true }),
      jitter: fc.double({ min: 0, max: 1, noNaN: true }),
      attempts: fc.option(fc.integer({ min: 1, max: 100 }), { nil: undefined }),
    })
    .map((p) =>
      RestartStrategy.exponentialDelay({
        initialBackoff: Duration.seconds(p.initial),
        maxBackoff: Duration.seconds(p.initial + p.extra),
        backoffMultiplier: p.multiplier,
        jitterFactor: p.jitter,
        resetBackoffThreshold: Duration.hours(1),
        ...(p.attempts !== undefined ? { attemptsBeforeResetBackoff: p.attempts } : {}),
      }),
    ),
);

const hasAttempts = (s: RestartStrategy) =>
  s._spec.type === RestartStrategyType.EXPONENTIAL_DELAY && s._spec.attemptsBeforeResetBackoff !== undefined;

/** Everything the generator decides, before cross-field constraints are applied. */
const raw = fc.record({
  version: fc.constantFrom(...Object.values(FlinkVersion)),
  clusterId: fc.stringMatching(/^[a-z]([-a-z0-9]{0,30}[a-z0-9])?$/),
  storage: fc.constantFrom('new-claim', 'existing-claim', 's3', 'gs', 'abfss', 'disabled'),
  accessMode: fc.constantFrom(AccessMode.READ_WRITE_MANY, AccessMode.READ_WRITE_ONCE, AccessMode.READ_WRITE_ONCE_POD),
  jmReplicas: fc.integer({ min: 1, max: 5 }),
  tmReplicas: fc.integer({ min: 0, max: 8 }),
  taskSlots: fc.integer({ min: 1, max: 16 }),
  jmResources: fc.option(resources(MIN_JOBMANAGER_PROCESS_MIB), { nil: undefined }),
  tmResources: fc.option(resources(MIN_TASKMANAGER_PROCESS_MIB), { nil: undefined }),
  job: fc.option(
    fc.record({
      parallelismFraction: fc.double({ min: 0, max: 1, noNaN: true }),
      entryClass: fc.option(
        fc.constantFrom('com.example.Job', 'org.apache.flink.streaming.examples.wordcount.WordCount'),
        { nil: undefined },
      ),
      args: fc.array(fc.stringMatching(/^--?[a-z]{1,8}$/), { maxLength: 4 }),
      jar: fc.constantFrom('local:///opt/flink/usrlib/job.jar', 'file:///opt/flink/examples/streaming/WordCount.jar'),
      savepoint: fc.boolean(),
    }),
    { nil: undefined },
  ),
  timings: fc.option(
    fc.record({
      retry: fc.integer({ min: 1, max: 10 }),
      renewExtra: fc.integer({ min: 1, max: 30 }),
      leaseExtra: fc.integer({ min: 0, max: 30 }),
    }),
    { nil: undefined },
  ),
  restartStrategy,
  checkpointing: fc.option(
    fc.record({
      interval: fc.integer({ min: 10, max: 600_000 }),
      mode: fc.option(fc.constantFrom(CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE), {
        nil: undefined,
      }),
      where: fc.constantFrom('default', 'object-store', 'on-claim'),
      retained: fc.option(fc.integer({ min: 1, max: 1000 }), { nil: undefined }),
      incremental: fc.option(fc.boolean(), { nil: undefined }),
    }),
    { nil: undefined },
  ),
  extra: fc.dictionary(fc.constantFrom(...Object.keys(EXTRA_KEYS)), fc.constant(null), { maxKeys: 4 }),
  extraValues: fc.record(EXTRA_KEYS),
  prometheus: fc.boolean(),
  podMonitor: fc.boolean(),
  podMonitorIntervalMs: fc.integer({ min: 1000, max: 300_000 }),
  dashboard: fc.boolean(),
  networkPolicies: fc.boolean(),
  restPeers: fc.boolean(),
  ingress: fc.boolean(),
  agent: fc.constantFrom('default', 'off', 'image'),
  tag: fc.option(fc.constantFrom('', '.0', '.1', '.2-java17', '.3-scala_2.12-java11'), { nil: undefined }),
  pullPolicy: fc.option(fc.constantFrom(...Object.values(ImagePullPolicy)), { nil: undefined }),
  nodeSelector: fc.dictionary(LABEL_KEY, LABEL_VALUE, { maxKeys: 2 }),
  podLabels: fc.dictionary(LABEL_KEY, LABEL_VALUE, { maxKeys: 2 }),
  logLevel: fc.option(fc.constantFrom('TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'OFF'), { nil: undefined }),
  syncWaves: fc.boolean(),
});

type Raw = typeof raw extends fc.Arbitrary<infer T> ? T : never;

/** Applies the cross-field rules a valid prop set must follow, turning raw choices into props. */
function toProps(r: Raw): FlinkClusterProps {
  const ha = r.storage !== 'disabled';
  const onClaim = r.storage === 'new-claim' || r.storage === 'existing-claim';
  const jmReplicas = ha ? r.jmReplicas : 1;
  const totalSlots = r.tmReplicas * r.taskSlots;
  const job =
    r.job && totalSlots > 0
      ? {
          jarUri: r.job.jar,
          ...(r.job.entryClass ? { entryClass: r.job.entryClass } : {}),
          args: r.job.args,
          parallelism: 1 + Math.floor(r.job.parallelismFraction * (totalSlots - 1)),
          ...(r.job.savepoint ? { initialSavepointPath: 's3://bucket/savepoints/sp-1' } : {}),
        }
      : undefined;
  let where = r.checkpointing?.where;
  if (where === 'on-claim' && !onClaim) where = 'object-store';
  if (where === 'default' && !ha) where = 'object-store';
  // The default checkpoint directory lives under the HA storage dir, on the claim when HA uses one.
  const tmMountsClaim = (where === 'on-claim' || (where === 'default' && onClaim)) && r.tmReplicas > 0;
  // A single-node access mode only works when one pod mounts the claim.
  const sharers = jmReplicas + (tmMountsClaim ? r.tmReplicas : 0);
  const accessMode = sharers > 1 ? AccessMode.READ_WRITE_MANY : r.accessMode;
  const storage = {
    'new-claim': () => HaStorage.newClaim({ accessMode }),
    'existing-claim': () => HaStorage.existingClaim('shared-ha', { accessMode }),
    s3: () => HaStorage.objectStore('s3://bucket/flink-ha', { credentials: { envFromSecret: 'aws-creds' } }),
    gs: () =>
      HaStorage.objectStore('gs://bucket/flink-ha', {
        credentials: { fileSecret: { name: 'gcs-key', key: 'key.json', fileEnv: 'GOOGLE_APPLICATION_CREDENTIALS' } },
      }),
    abfss: () => HaStorage.objectStore('abfss://container@account.dfs.core.windows.net/flink-ha'),
    disabled: () => undefined,
  }[r.storage]();
  const retry = r.timings?.retry ?? 5;
  const renew = Math.ceil(retry * 1.2) + (r.timings?.renewExtra ?? 0);
  const timings = r.timings
    ? {
        retryPeriod: Duration.seconds(retry),
        renewDeadline: Duration.seconds(renew),
        leaseDuration: Duration.seconds(renew + r.timings.leaseExtra),
      }
    : {};
  const prometheus = r.prometheus || r.podMonitor || r.dashboard;
  const restPeers = r.restPeers || (r.ingress && r.networkPolicies);
  // With an Ingress, web submission is restIngress.jobSubmission's to decide.
  const flinkConfiguration = Object.fromEntries(
    Object.keys(r.extra)
      .filter((k) => !(r.ingress && k === 'web.submit.enable'))
      .map((k) => [k, r.extraValues[k as keyof typeof r.extraValues]]),
  );
  return {
    flinkVersion: r.version,
    clusterId: r.clusterId,
    ...(r.tag !== undefined || r.pullPolicy !== undefined
      ? {
          image: {
            ...(r.tag !== undefined ? { tag: `${r.version}${r.tag}` } : {}),
            ...(r.pullPolicy !== undefined ? { pullPolicy: r.pullPolicy } : {}),
          },
        }
      : {}),
    jobManager: {
      replicas: jmReplicas,
      ...(r.jmResources ? { resources: r.jmResources } : {}),
      nodeSelector: r.nodeSelector,
      podLabels: r.podLabels,
    },
    taskManager: {
      replicas: r.tmReplicas,
      taskSlots: r.taskSlots,
      ...(r.tmResources ? { resources: r.tmResources } : {}),
      nodeSelector: r.nodeSelector,
    },
    highAvailability: ha ? { storage, ...timings } : { enabled: false },
    ...(job ? { job } : {}),
    // attempts-before-reset-backoff exists from Flink 1.19 on.
    ...(r.restartStrategy && !(r.version === FlinkVersion.V1_18 && hasAttempts(r.restartStrategy))
      ? { restartStrategy: r.restartStrategy }
      : {}),
    ...(r.checkpointing
      ? {
          checkpointing: {
            interval: Duration.millis(r.checkpointing.interval),
            ...(r.checkpointing.mode ? { mode: r.checkpointing.mode } : {}),
            ...(where === 'object-store'
              ? { directory: 's3://bucket/checkpoints', savepointDirectory: 's3://bucket/savepoints' }
              : {}),
            ...(where === 'on-claim' ? { directory: 'file:///opt/flink/ha/checkpoints' } : {}),
            ...(r.checkpointing.retained !== undefined ? { retained: r.checkpointing.retained } : {}),
            ...(r.checkpointing.incremental !== undefined ? { incremental: r.checkpointing.incremental } : {}),
          },
        }
      : {}),
    ...(Object.keys(flinkConfiguration).length ? { flinkConfiguration } : {}),
    ...(r.logLevel ? { logLevel: r.logLevel } : {}),
    network: {
      networkPolicies: r.networkPolicies,
      ...(restPeers
        ? {
            restAllowedFrom: [
              { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } },
            ],
          }
        : {}),
    },
    ...(ha
      ? {
          haAgent:
            r.agent === 'off'
              ? { enabled: false }
              : r.agent === 'image'
                ? { image: 'registry.example.com/ha-agent:1' }
                : {},
        }
      : {}),
    metrics: {
      prometheus,
      ...(r.podMonitor
        ? {
            podMonitor: { labels: { release: 'prom' }, interval: Duration.millis(r.podMonitorIntervalMs) },
            allowedFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
          }
        : {}),
      ...(r.dashboard ? { grafanaDashboard: {} } : {}),
    },
    ...(r.ingress ? { restIngress: { host: `${r.clusterId}.example.com`, jobSubmission: r.syncWaves } } : {}),
    gitOps: { argoCdSyncWaves: r.syncWaves },
  };
}

/** Valid FlinkCluster props over the whole supported space. */
export const validProps: fc.Arbitrary<FlinkClusterProps> = raw.map(toProps);
