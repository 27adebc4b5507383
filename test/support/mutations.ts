import { Duration, Size } from 'cdk8s';
import * as fc from 'fast-check';
import { AccessMode, FlinkClusterProps, FlinkVersion, HaStorage, RestartStrategy } from '../../src';
import { FlinkVersionTraits } from '../../src/flink/flink-version';
import { KeyHistoryFile } from '../../src/flink/catalog/option-catalog';
import { ownerOf } from '../../src/model/config-sections';

type P = FlinkClusterProps & Record<string, any>;

/**
 * One way to break a valid prop set: which prop the error must name, when the mutation
 * applies (so the break is the first rule to fire), and a generator of broken props.
 * `build` may throw itself (factories such as RestartStrategy.fixedDelay validate eagerly).
 */
export interface Mutation {
  readonly name: string;
  readonly prop: RegExp;
  readonly applies?: (p: P) => boolean;
  readonly build: fc.Arbitrary<(p: P) => P>;
}

const haOn = (p: P) => p.highAvailability?.enabled !== false;
const slots = (p: P) => (p.taskManager?.replicas ?? 1) * (p.taskManager?.taskSlots ?? 1);
const withJob = (p: P, job: Record<string, unknown>): P => ({
  ...p,
  job: { jarUri: 'local:///opt/flink/usrlib/job.jar', parallelism: 1, ...job } as any,
});
const set = <T>(values: T[], f: (p: P, v: T) => P) => fc.constantFrom(...values).map((v) => (p: P) => f(p, v));
const traits = (p: P) => FlinkVersionTraits.of(p.flinkVersion);

// eslint-disable-next-line @typescript-eslint/no-require-imports
const HISTORY: KeyHistoryFile = require('../../src/flink/catalog/key-history.generated.json');
/** Keys removed by a version (and not owned), so only the removed-key rule fires. */
const removedFor = (v: FlinkVersion) =>
  HISTORY.removed
    .filter((r) => FlinkVersionTraits.of(v).atLeast(r.since as FlinkVersion) && !ownerOf(r.key) && /^[a-z]/.test(r.key))
    .map((r) => r.key);
const OWNED_KEYS = [
  'kubernetes.cluster-id',
  'high-availability.cluster-id',
  'kubernetes.namespace',
  'high-availability',
  'high-availability.type',
  'high-availability.storageDir',
  'rest.port',
  'rest.bind-port',
  'jobmanager.rpc.address',
  'jobmanager.bind-host',
  'jobmanager.memory.process.size',
  'taskmanager.numberOfTaskSlots',
  'parallelism.default',
  'restart-strategy',
  'restart-strategy.fixed-delay.attempts',
  'execution.checkpointing.interval',
  'state.checkpoints.dir',
  'execution.savepoint.path',
  '$internal.pipeline.job-id',
  'metrics.reporter.prom.port',
];

/** Breaks of every validated prop; each must end in a FlinkValidationError naming `prop`. */
export const MUTATIONS: Mutation[] = [
  { name: 'props not an object', prop: /^props$/, build: set([null, 'flink', 42], (_p, v) => v as any) },
  {
    name: 'unsupported version',
    prop: /^flinkVersion$/,
    build: set(['1.17', '3.0', '', 1.19, null, undefined, 'V1_19', {}], (p, v) => ({ ...p, flinkVersion: v as any })),
  },
  {
    name: 'bad cluster id',
    prop: /^clusterId$/,
    build: set(['Orders', 'a'.repeat(46), '1abc', 'abc-', '', 'a_b', 42, 'a.b'], (p, v) => ({
      ...p,
      clusterId: v as any,
    })),
  },
  {
    name: 'bad namespace',
    prop: /^namespace$/,
    build: set(['Bad_NS', 'a'.repeat(64), '-x', 5, 'a.b'], (p, v) => ({ ...p, namespace: v as any })),
  },
  {
    name: 'JobManager replicas out of range',
    prop: /^jobManager\.replicas$/,
    build: set([0, 11, 1.5, '2', NaN, -1, Infinity], (p, v) => ({
      ...p,
      jobManager: { ...p.jobManager, replicas: v as any },
    })),
  },
  {
    name: 'standby JobManagers without HA',
    prop: /^jobManager\.replicas$/,
    applies: (p) => !haOn(p),
    build: set([2, 3], (p, v) => ({ ...p, jobManager: { ...p.jobManager, replicas: v } })),
  },
  {
    name: 'TaskManager replicas out of range',
    prop: /^taskManager\.replicas$/,
    build: set([-1, 1001, 2.5, '1', NaN], (p, v) => ({ ...p, taskManager: { ...p.taskManager, replicas: v as any } })),
  },
  {
    name: 'task slots out of range',
    prop: /^taskManager\.taskSlots$/,
    build: set([0, 1025, 1.5, '4'], (p, v) => ({ ...p, taskManager: { ...p.taskManager, taskSlots: v as any } })),
  },
  {
    name: 'cpu out of range',
    prop: /^(jobManager|taskManager)\.resources\.cpu$/,
    build: fc
      .tuple(fc.constantFrom('jobManager', 'taskManager'), fc.constantFrom(0, -1, 257, NaN, '1', Infinity))
      .map(([pod, v]) => (p: P) => ({
        ...p,
        [pod]: { ...p[pod], resources: { ...p[pod]?.resources, cpu: v as any, cpuLimit: undefined } },
      })),
  },
  {
    name: 'cpu limit below request',
    prop: /^(jobManager|taskManager)\.resources\.cpuLimit$/,
    build: set(['jobManager', 'taskManager'], (p, pod) => ({
      ...p,
      [pod]: { ...p[pod], resources: { ...p[pod]?.resources, cpu: 2, cpuLimit: 1 } },
    })),
  },
  {
    name: 'memory not a Size or too small',
    prop: /^(jobManager|taskManager)\.resources\.memory$/,
    build: fc
      .tuple(
        fc.constantFrom('jobManager', 'taskManager'),
        fc.constantFrom<unknown>(
          '1Gi',
          1024,
          {},
          Size.mebibytes(600),
          Size.mebibytes(100),
          Size.kibibytes(1500),
          Size.mebibytes(0),
          Size.gibibytes(0.5 + 1e-9),
        ),
      )
      .map(([pod, v]) => (p: P) => ({
        ...p,
        [pod]: { ...p[pod], resources: { ...p[pod]?.resources, memory: v as any, processSize: undefined } },
      })),
  },
  {
    name: 'process size above memory',
    prop: /^(jobManager|taskManager)\.resources\.processSize$/,
    build: set(['jobManager', 'taskManager'], (p, pod) => ({
      ...p,
      [pod]: {
        ...p[pod],
        resources: { ...p[pod]?.resources, memory: Size.gibibytes(2), processSize: Size.mebibytes(2049) },
      },
    })),
  },
  {
    name: 'Duration given as a string or number',
    prop: /^highAvailability\.(leaseDuration|renewDeadline|retryPeriod)$/,
    applies: haOn,
    build: fc
      .tuple(
        fc.constantFrom('leaseDuration', 'renewDeadline', 'retryPeriod'),
        fc.constantFrom<unknown>('15s', 15, { amount: 15, unit: 'seconds' }),
      )
      .map(([k, v]) => (p: P) => ({ ...p, highAvailability: { ...p.highAvailability, [k]: v } })),
  },
  {
    name: 'HA timings in the wrong order',
    prop: /^highAvailability\.(renewDeadline|retryPeriod)$/,
    applies: haOn,
    build: set(
      [
        [15, 20, 5],
        [15, 15, 13],
        [30, 20, 0.5],
        [10, 5, 5],
      ],
      (p, [l, r, y]) => ({
        ...p,
        highAvailability: {
          ...p.highAvailability,
          leaseDuration: Duration.seconds(l),
          renewDeadline: Duration.seconds(r),
          retryPeriod: Duration.millis(y * 1000),
        },
      }),
    ),
  },
  {
    name: 'HA storage not from HaStorage',
    prop: /^highAvailability\.storage$/,
    build: set<unknown>(['pvc', { kind: 'new-claim' }, 42], (p, v) => ({
      ...p,
      jobManager: { ...p.jobManager, replicas: 1 },
      highAvailability: { enabled: true, storage: v as any },
      haAgent: undefined,
    })),
  },
  {
    name: 'HA storage without HA',
    prop: /^highAvailability\.storage$/,
    applies: (p) => !haOn(p),
    build: fc.constant((p: P) => ({ ...p, highAvailability: { enabled: false, storage: HaStorage.newClaim() } })),
  },
  {
    name: 'HA enabled without storage',
    prop: /^highAvailability\.storage$/,
    build: fc.constant((p: P) => ({
      ...p,
      highAvailability: { ...p.highAvailability, enabled: true, storage: undefined },
      jobManager: { ...p.jobManager, replicas: 1 },
      haAgent: undefined,
    })),
  },
  {
    name: 'HA enabled not a boolean',
    prop: /^highAvailability\.enabled$/,
    build: set<unknown>(['yes', 1], (p, v) => ({
      ...p,
      highAvailability: { ...p.highAvailability, enabled: v as any },
    })),
  },
  {
    name: 'malformed object-store URI',
    prop: /^highAvailability\.storage$/,
    build: set<unknown>(
      [
        'bucket/path',
        'hdfs://nn/x',
        's3://',
        's3:///x',
        'file:///opt/flink/ha',
        's3://b/with space',
        42,
        'S3://bucket/x',
      ],
      (p, v) => ({
        ...p,
        jobManager: { ...p.jobManager, replicas: 1 },
        highAvailability: { enabled: true, storage: HaStorage.objectStore(v as any) },
        haAgent: undefined,
        checkpointing: undefined,
      }),
    ),
  },
  {
    name: 'bad claim settings',
    prop: /^highAvailability\.storage\.(claimName|accessMode|size|storageClassName)$/,
    build: set<() => HaStorage>(
      [
        () => HaStorage.existingClaim(''),
        () => HaStorage.newClaim({ accessMode: 'RWX' as any }),
        () => HaStorage.newClaim({ size: Size.kibibytes(100) }),
        () => HaStorage.newClaim({ size: '1Gi' as any }),
        () => HaStorage.newClaim({ storageClassName: ' ' }),
        () => HaStorage.existingClaim(42 as any),
      ],
      (p, make) => ({ ...p, highAvailability: { enabled: true, storage: make() } }),
    ),
  },
  {
    name: 'single-node claim shared by candidates',
    prop: /^highAvailability\.storage\.accessMode$/,
    build: set([AccessMode.READ_WRITE_ONCE, AccessMode.READ_WRITE_ONCE_POD], (p, m) => ({
      ...p,
      jobManager: { ...p.jobManager, replicas: 2 },
      highAvailability: {
        ...(haOn(p) ? p.highAvailability : {}),
        enabled: true,
        storage: HaStorage.newClaim({ accessMode: m }),
      },
    })),
  },
  {
    name: 'checkpoint interval not a Duration or too short',
    prop: /^checkpointing\.interval$/,
    build: set<unknown>(['30s', 30000, Duration.millis(5), Duration.millis(0)], (p, v) => ({
      ...p,
      checkpointing: { ...p.checkpointing, interval: v as any },
    })),
  },
  {
    name: 'malformed checkpoint directory',
    prop: /^checkpointing\.(directory|savepointDirectory)$/,
    build: fc
      .tuple(
        fc.constantFrom('directory', 'savepointDirectory'),
        fc.constantFrom<unknown>('checkpoints', 'hdfs://x/y', 'file:///data/cp', 's3://', 'file://rel', 7),
      )
      .map(([k, v]) => (p: P) => ({
        ...p,
        checkpointing: {
          interval: Duration.seconds(10),
          directory: 's3://b/cp',
          savepointDirectory: 's3://b/sp',
          [k]: v,
        },
      })),
  },
  {
    name: 'checkpoints without HA storage or directory',
    prop: /^checkpointing\.directory$/,
    applies: (p) => !haOn(p),
    build: fc.constant((p: P) => ({ ...p, checkpointing: { interval: Duration.seconds(10) } })),
  },
  {
    name: 'bad checkpoint options',
    prop: /^checkpointing\.(retained|mode|incremental|retainOnCancellation)$/,
    build: set<[string, unknown]>(
      [
        ['retained', 0],
        ['retained', 1001],
        ['retained', 1.5],
        ['mode', 'exactly_once'],
        ['incremental', 'yes'],
        ['retainOnCancellation', 1],
      ],
      (p, [k, v]) => ({
        ...p,
        checkpointing: {
          interval: Duration.seconds(10),
          directory: 's3://b/cp',
          savepointDirectory: 's3://b/sp',
          [k]: v,
        },
      }),
    ),
  },
  {
    name: 'malformed jar URI',
    prop: /^job\.jarUri$/,
    build: set<unknown>(
      ['WordCount.jar', '/opt/x.jar', 'https://x/y.jar', 'local://rel.jar', 'local:///opt/x.zip', 42, 's3://b/job.jar'],
      (p, v) => withJob(p, { jarUri: v }),
    ),
  },
  {
    name: 'bad job options',
    prop: /^job\.(entryClass|args|jobId|initialSavepointPath|allowNonRestoredState|shutdownOnFinish)$/,
    applies: (p) => slots(p) > 0,
    build: set<[string, unknown]>(
      [
        ['entryClass', '1Main'],
        ['entryClass', 'com..x'],
        ['args', [1]],
        ['args', '--x'],
        ['jobId', 'xyz'],
        ['jobId', 'A'.repeat(32)],
        ['jobId', 32],
        ['initialSavepointPath', 'savepoints/x'],
        ['initialSavepointPath', 'ftp://x/y'],
        ['allowNonRestoredState', 'yes'],
        ['shutdownOnFinish', 'no'],
      ],
      (p, [k, v]) => withJob(p, { [k]: v }),
    ),
  },
  {
    name: 'parallelism above slots or out of range',
    prop: /^job\.parallelism$/,
    build: set([0, 1.5, 'all', 40000, 'slots+1'], (p, v) =>
      withJob(p, { parallelism: v === 'slots+1' ? slots(p) + 1 : v }),
    ),
  },
  {
    name: 'inline credential in the escape hatch',
    prop: /^flinkConfiguration\["/,
    build: set(
      [
        's3.access-key',
        's3.secret-key',
        'fs.s3a.secret.key',
        'fs.azure.account.key.acct.dfs.core.windows.net',
        'fs.oss.accessKeySecret',
        'fs.azure.account.oauth2.client.secret',
        'fs.gs.auth.service.account.private.key',
        'security.ssl.internal.keystore-password',
        'metrics.reporter.influx.password',
      ],
      (p, k) => ({ ...p, flinkConfiguration: { ...p.flinkConfiguration, [k]: 'AKIAEXAMPLE' } }),
    ),
  },
  {
    name: 'owned escape-hatch key',
    prop: /^flinkConfiguration\["/,
    build: set(OWNED_KEYS, (p, k) => ({ ...p, flinkConfiguration: { ...p.flinkConfiguration, [k]: 'x' } })),
  },
  {
    name: 'unknown escape-hatch key or a value of the wrong type',
    prop: /^flinkConfiguration\["/,
    build: set(
      [
        ['pipeline.nmae', 'x'],
        ['taskmanager.number-of-task-slots', '2'],
        ['web.submit.enabled', 'true'],
        ['heartbeat.timeout', 'soon'],
        ['pipeline.max-parallelism', 'many'],
        ['pipeline.object-reuse', 'maybe'],
      ],
      (p, [k, v]) => ({ ...p, flinkConfiguration: { ...p.flinkConfiguration, [k]: v } }),
    ),
  },
  {
    name: 'removed escape-hatch key',
    prop: /^flinkConfiguration\["/,
    applies: (p) => removedFor(p.flinkVersion).length > 0,
    build: fc.nat().map((i) => (p: P) => {
      const keys = removedFor(p.flinkVersion);
      return { ...p, flinkConfiguration: { ...p.flinkConfiguration, [keys[i % keys.length]]: '1' } };
    }),
  },
  {
    name: 'escape-hatch key syntax',
    prop: /^flinkConfiguration$/,
    build: set(['my key', 'a:b', '', '.x', 'ä.b'], (p, k) => ({
      ...p,
      flinkConfiguration: { ...p.flinkConfiguration, [k]: 'x' },
    })),
  },
  {
    name: 'escape-hatch value type',
    prop: /^flinkConfiguration\["/,
    build: set<unknown>([{}, [], null, undefined, NaN, Infinity, () => 1], (p, v) => ({
      ...p,
      flinkConfiguration: { ...p.flinkConfiguration, 'pipeline.name': v as any },
    })),
  },
  {
    name: 'escape-hatch keys prefixing each other',
    prop: /^flinkConfiguration\["/,
    build: set(['pipeline.name.x'], (p, k) => ({ ...p, flinkConfiguration: { 'pipeline.name': 'a', [k]: 'b' } })),
  },
  // Flink 1.x reads flat keys: a user key beside one of the construct's is only a problem for 2.x's nested YAML.
  {
    name: 'escape-hatch key prefixing a construct key (2.x)',
    prop: /^flinkConfiguration\["/,
    applies: (p) => FlinkVersionTraits.of(p.flinkVersion).atLeast(FlinkVersion.V2_0),
    build: set(['rest.port.x', 'kubernetes'], (p, k) => ({ ...p, flinkConfiguration: { [k]: 'b' } })),
  },
  {
    name: 'value flink-conf.yaml cannot hold',
    prop: /^flinkConfiguration\["/,
    applies: (p) => traits(p).configFileName === 'flink-conf.yaml',
    build: set(['job #1', 'a\nb', ' padded'], (p, v) => ({ ...p, flinkConfiguration: { 'pipeline.name': v } })),
  },
  {
    name: 'bad log level',
    prop: /^logLevel$/,
    build: set<unknown>(['info', 'VERBOSE', 3, ''], (p, v) => ({ ...p, logLevel: v as any })),
  },
  {
    name: 'image tag naming another version',
    prop: /^image\.tag$/,
    build: fc.constantFrom(...Object.values(FlinkVersion)).map((other) => (p: P) => ({
      ...p,
      flinkVersion: other === FlinkVersion.V1_18 ? FlinkVersion.V2_2 : FlinkVersion.V1_18,
      image: { tag: `${other}.0-java17` },
    })),
  },
  {
    name: 'bad image settings',
    prop: /^image\.(tag|repository|digest|pullPolicy|pullSecrets(\[\d+\])?)$/,
    build: set<[string, unknown]>(
      [
        ['tag', 'bad tag'],
        ['tag', ''],
        ['repository', 'Flink'],
        ['repository', 'flink:1.19'],
        ['repository', ''],
        ['digest', 'sha256:xyz'],
        ['digest', 'abc'],
        ['pullPolicy', 'always'],
        ['pullSecrets', ['Bad_Name']],
        ['pullSecrets', 'regcred'],
        ['pullSecrets', ['']],
      ],
      (p, [k, v]) => ({ ...p, image: { [k]: v } }),
    ),
  },
  {
    name: 'restart strategy not from RestartStrategy',
    prop: /^restartStrategy$/,
    build: set<unknown>([{ type: 'none' }, 'none', 3], (p, v) => ({ ...p, restartStrategy: v as any })),
  },
  {
    name: 'bad restart strategy options',
    prop: /^restartStrategy\.(fixedDelay|failureRate|exponentialDelay)\./,
    build: set<() => RestartStrategy>(
      [
        () => RestartStrategy.fixedDelay({ attempts: 0, delay: Duration.seconds(1) }),
        () => RestartStrategy.fixedDelay({ attempts: 3, delay: '10s' as any }),
        () =>
          RestartStrategy.failureRate({
            maxFailuresPerInterval: 3,
            interval: Duration.minutes(1),
            delay: Duration.minutes(2),
          }),
        () =>
          RestartStrategy.failureRate({
            maxFailuresPerInterval: 0,
            interval: Duration.minutes(1),
            delay: Duration.seconds(1),
          }),
        () =>
          RestartStrategy.failureRate({
            maxFailuresPerInterval: 1,
            interval: Duration.seconds(0),
            delay: Duration.seconds(0),
          }),
        () =>
          RestartStrategy.exponentialDelay({ initialBackoff: Duration.seconds(10), maxBackoff: Duration.seconds(5) }),
        () => RestartStrategy.exponentialDelay({ jitterFactor: 2 }),
        () => RestartStrategy.exponentialDelay({ backoffMultiplier: 0.5 }),
        () => RestartStrategy.exponentialDelay({ initialBackoff: Duration.seconds(0) }),
        () => RestartStrategy.exponentialDelay({ attemptsBeforeResetBackoff: 0 }),
        () => RestartStrategy.exponentialDelay({ resetBackoffThreshold: Duration.seconds(0) }),
      ],
      (p, make) => ({ ...p, restartStrategy: make() }),
    ),
  },
  {
    name: 'agent without HA',
    prop: /^haAgent\.enabled$/,
    applies: (p) => !haOn(p),
    build: fc.constant((p: P) => ({ ...p, haAgent: { enabled: true } })),
  },
  {
    name: 'bad agent settings',
    prop: /^haAgent\.(enabled|image|nodeImage)$/,
    applies: haOn,
    build: set<[string, unknown]>(
      [
        ['enabled', 'yes'],
        ['image', ''],
        ['nodeImage', ' '],
        ['image', 'a\nb'],
      ],
      (p, [k, v]) => ({ ...p, haAgent: { [k]: v } }),
    ),
  },
  {
    name: 'bad metrics settings',
    prop: /^metrics\.(prometheus|allowedFrom|podMonitor\.(interval|labels.*)|grafanaDashboard\.(labels.*|folder))$/,
    build: set<Record<string, unknown>>(
      [
        { prometheus: 'yes' },
        { prometheus: false, podMonitor: {} },
        { prometheus: false, grafanaDashboard: {} },
        { allowedFrom: {} },
        { podMonitor: { interval: Duration.millis(500) } },
        { podMonitor: { interval: '30s' } },
        { podMonitor: { labels: { 'bad key': 'x' } } },
        { podMonitor: { labels: { ok: 'bad value!' } } },
        { grafanaDashboard: { labels: 'x' } },
        { grafanaDashboard: { folder: '' } },
      ],
      (p, m) => ({ ...p, metrics: m as any }),
    ),
  },
  {
    name: 'bad network settings',
    prop: /^(network\.(networkPolicies|restAllowedFrom)|restIngress(\.host|\.ingressClassName|\.tlsSecretName|\.jobSubmission)?|flinkConfiguration\["web\.submit\.enable"\])$/,
    build: set<Partial<P>>(
      [
        { network: { networkPolicies: 'no' as any } },
        { network: { restAllowedFrom: {} as any } },
        { network: { networkPolicies: true }, restIngress: { host: 'flink.example.com' } },
        { network: { networkPolicies: false }, restIngress: { host: 'Flink.Example.com' } },
        { network: { networkPolicies: false }, restIngress: { host: 'a_b' } },
        { network: { networkPolicies: false }, restIngress: { host: 'x.example.com', ingressClassName: '' } },
        { network: { networkPolicies: false }, restIngress: { host: 'x.example.com', tlsSecretName: ' ' } },
      ],
      (p, m) => ({ ...p, ...m }),
    ),
  },
  {
    name: 'GitOps flag not a boolean',
    prop: /^gitOps\.argoCdSyncWaves$/,
    build: set<unknown>(['true', 1], (p, v) => ({ ...p, gitOps: { argoCdSyncWaves: v as any } })),
  },
  {
    name: 'reserved or malformed env',
    prop: /^(jobManager|taskManager)\.env(\[0\](\.name)?)?$/,
    build: fc
      .tuple(
        fc.constantFrom('jobManager', 'taskManager'),
        fc.constantFrom<unknown>(
          [{ name: 'POD_IP', value: 'x' }],
          [{ name: 'FLINK_PROPERTIES', value: 'x' }],
          [{ name: 'ENABLE_BUILT_IN_PLUGINS', value: 'x' }],
          [{ name: '' }],
          [{}],
          'A=1',
          [null],
        ),
      )
      .map(([pod, env]) => (p: P) => ({ ...p, [pod]: { ...p[pod], env } })),
  },
  {
    name: 'malformed envFrom',
    prop: /^(jobManager|taskManager)\.envFrom(\[0\](\.(secretRef|configMapRef)(\.(name|optional))?|\.prefix)?)?$/,
    build: fc
      .tuple(
        fc.constantFrom('jobManager', 'taskManager'),
        fc.constantFrom<unknown>(
          'job-secrets',
          [{}],
          [null],
          [{ secretRef: { name: 'a' }, configMapRef: { name: 'b' } }],
          [{ secretRef: { name: 'Job_Secrets' } }],
          [{ secretRef: 'job-secrets' }],
          [{ configMapRef: { name: 'c', optional: 'yes' } }],
          [{ secretRef: { name: 's' }, prefix: '1X' }],
          [{ secretName: 's' }],
        ),
      )
      .map(([pod, envFrom]) => (p: P) => ({ ...p, [pod]: { ...p[pod], envFrom } })),
  },
  {
    name: 'reserved or non-restricted volume',
    prop: /^(jobManager|taskManager)\.volumes(\[0\](\.(volume(\.name)?|mountPath))?)?$/,
    build: fc
      .tuple(
        fc.constantFrom('jobManager', 'taskManager'),
        fc.constantFrom<unknown>(
          [{ volume: { name: 'tmp', emptyDir: {} }, mountPath: '/data' }],
          [{ volume: { name: 'd', emptyDir: {} }, mountPath: '/opt/flink/conf' }],
          [{ volume: { name: 'd', emptyDir: {} }, mountPath: '/tmp/x' }],
          [{ volume: { name: 'd', emptyDir: {} }, mountPath: '/opt/flink' }],
          [{ volume: { name: 'd', hostPath: { path: '/' } }, mountPath: '/data' }],
          [{ volume: { name: 'd', nfs: { server: 'n', path: '/' } }, mountPath: '/data' }],
          [{ volume: { name: 'd', emptyDir: {}, configMap: { name: 'c' } }, mountPath: '/data' }],
          [{ volume: { name: 'd' }, mountPath: '/data' }],
          [{ volume: { name: '', emptyDir: {} }, mountPath: '/data' }],
          [{ volume: { name: 'd', emptyDir: {} } }],
          'vol',
          [{}],
        ),
      )
      .map(([pod, volumes]) => (p: P) => ({ ...p, [pod]: { ...p[pod], volumes } })),
  },
  {
    name: 'bad object-store credentials',
    prop: /^highAvailability\.storage\.credentials\./,
    build: set<Record<string, unknown>>(
      [
        { envFromSecret: '' },
        { fileSecret: { name: 'k', key: 'key.json', fileEnv: '1BAD' } },
        { fileSecret: { name: '', key: 'k', fileEnv: 'X' } },
        { fileSecret: { name: 'k', key: '', fileEnv: 'X' } },
      ],
      (p, c) => ({
        ...p,
        highAvailability: {
          enabled: true,
          storage: HaStorage.objectStore('s3://bucket/ha', { credentials: c as any }),
        },
      }),
    ),
  },
];
