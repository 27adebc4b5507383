import { restartStrategyConfig } from '../../src/model/config-sections';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { FlinkCluster, FlinkClusterProps, FlinkValidationError, FlinkVersion, HaStorage } from '../../src';
import { ConversionFinding } from '../../src/convert/conversion-report';
import { flinkDeploymentToProps } from '../../src/convert/flink-deployment';
import { exampleClusterProps } from '../../examples/main';
import { find, K8sObject } from '../support/synth';
import { cleanManifest, SEED_YAML, withSpec } from './support';

const convert = (m: object | string, o = {}) => flinkDeploymentToProps(m, o);
const mib = (s: Size | undefined) => s?.toMebibytes();
/** The keys of a converted configuration other than the operator's defaults. */
const OPERATOR_DEFAULT_KEYS = [
  'web.cancel.enable',
  'pipeline.name',
  'execution.submit-failed-job-on-application-error',
];
const ownKeys = (c: FlinkClusterProps['flinkConfiguration']) =>
  Object.fromEntries(Object.entries(c ?? {}).filter(([k]) => !OPERATOR_DEFAULT_KEYS.includes(k)));

test('a clean FlinkDeployment converts without errors: its own service accounts, object-store credentials, operator defaults', () => {
  const { props, report } = convert(cleanManifest());
  expect(report).toEqual([
    {
      severity: 'warning',
      path: 'spec.serviceAccount',
      message: expect.stringContaining('least-privilege service accounts'),
    },
    {
      severity: 'info',
      path: 'spec.flinkConfiguration["high-availability.storageDir"]',
      message: expect.stringContaining('HaStorage.objectStore("s3://bucket/flink-ha")'),
    },
    {
      severity: 'info',
      path: 'spec.flinkConfiguration',
      message: expect.stringContaining("the operator's defaults, carried over: web.cancel.enable: false"),
    },
  ]);
  expect(props.clusterId).toBe('orders');
  expect(props.namespace).toBe('flink');
  expect(props.flinkVersion).toBe(FlinkVersion.V1_20);
});

describe('mapped fields', () => {
  const cases: Array<[string, object, (p: FlinkClusterProps) => unknown, unknown, object?]> = [
    ['metadata.name -> clusterId', withSpec({}, { metadata: { name: 'payments' } }), (p) => p.clusterId, 'payments'],
    [
      'metadata.namespace -> namespace',
      withSpec({}, { metadata: { namespace: 'streaming' } }),
      (p) => p.namespace,
      'streaming',
    ],
    ['namespace option wins', cleanManifest(), (p) => p.namespace, 'other', { namespace: 'other' }],
    [
      'image string with registry port, tag and digest',
      withSpec({ image: `registry:5000/team/flink:1.20.1@sha256:${'a'.repeat(64)}` }),
      (p) => p.image,
      { repository: 'registry:5000/team/flink', tag: '1.20.1', digest: `sha256:${'a'.repeat(64)}` },
    ],
    ['imagePullPolicy', withSpec({ imagePullPolicy: 'Always' }), (p) => p.image?.pullPolicy, 'Always'],
    [
      'flinkVersion v2_0',
      withSpec({ flinkVersion: 'v2_0', image: 'flink:2.0.0' }),
      (p) => p.flinkVersion,
      FlinkVersion.V2_0,
    ],
    [
      'flinkVersion v1_18',
      withSpec({ flinkVersion: 'v1_18', image: 'flink:1.18' }),
      (p) => p.flinkVersion,
      FlinkVersion.V1_18,
    ],
    ['resource.memory 2048m (Flink syntax)', cleanManifest(), (p) => mib(p.jobManager?.resources?.memory), 2048],
    ['resource.memory 2Gi', cleanManifest(), (p) => mib(p.taskManager?.resources?.memory), 2048],
    [
      'resource.memory as bytes',
      withSpec({ taskManager: { resource: { memory: 2147483648 } } }),
      (p) => mib(p.taskManager?.resources?.memory),
      2048,
    ],
    [
      'resource.cpu "500m"',
      withSpec({ jobManager: { resource: { cpu: '500m' } } }),
      (p) => p.jobManager?.resources?.cpu,
      0.5,
    ],
    [
      'process size without resource.memory',
      withSpec({
        taskManager: { resource: { memory: undefined } },
        flinkConfiguration: { 'taskmanager.memory.process.size': '3 gb' },
      }),
      (p) => mib(p.taskManager?.resources?.memory),
      3072,
    ],
    ['replicas', cleanManifest(), (p) => [p.jobManager?.replicas, p.taskManager?.replicas], [2, 2]],
    [
      'taskmanager.numberOfTaskSlots',
      withSpec({ flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '4' } }),
      (p) => p.taskManager?.taskSlots,
      4,
    ],
    [
      'main container envFrom',
      withSpec({
        taskManager: {
          podTemplate: {
            spec: { containers: [{ name: 'flink-main-container', envFrom: [{ secretRef: { name: 'kafka' } }] }] },
          },
        },
      }),
      (p) => [p.taskManager?.envFrom, p.jobManager?.envFrom],
      [[{ secretRef: { name: 'kafka' } }], undefined],
    ],
    [
      'affinities of the common and the component template combine per kind',
      withSpec({
        podTemplate: {
          spec: {
            affinity: { nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [] } } },
          },
        },
        jobManager: {
          podTemplate: {
            spec: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [] } } },
          },
        },
      }),
      (p) => Object.keys(p.jobManager?.affinity ?? {}).sort(),
      ['nodeAffinity', 'podAntiAffinity'],
    ],
    [
      'TaskManager replicas decide the parallelism, as in the operator',
      withSpec({ job: { parallelism: 2 }, flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '4' } }),
      (p) => p.job?.parallelism,
      8,
    ],
    [
      'session cluster: parallelism.default kept as a key',
      withSpec({ job: undefined, flinkConfiguration: { 'parallelism.default': '4' } }),
      (p) => [p.job, p.flinkConfiguration?.['parallelism.default']],
      [undefined, '4'],
    ],
    [
      'parallelism.default when job.parallelism is absent',
      withSpec({ job: { parallelism: undefined }, flinkConfiguration: { 'parallelism.default': '2' } }),
      (p) => p.job?.parallelism,
      2,
    ],
    [
      'HA factory class (old value)',
      withSpec({
        flinkConfiguration: {
          'high-availability.type': 'org.apache.flink.kubernetes.highavailability.KubernetesHaServicesFactory',
        },
      }),
      (p) => p.highAvailability?.enabled !== false && p.highAvailability?.storage instanceof HaStorage,
      true,
    ],
    [
      's3:// storage dir -> object store',
      cleanManifest(),
      (p) => p.highAvailability?.storage?._choice.kind,
      'object-store',
    ],
    [
      'file:// storage dir -> new claim',
      withSpec({ flinkConfiguration: { 'high-availability.storageDir': 'file:///flink-data/ha' } }),
      (p) => p.highAvailability?.storage?._choice.kind,
      'new-claim',
    ],
    [
      'file:// storage dir on a pod-template claim -> existing claim',
      withSpec({
        flinkConfiguration: { 'high-availability.storageDir': 'file:///flink-data/ha' },
        podTemplate: {
          spec: {
            containers: [{ name: 'flink-main-container', volumeMounts: [{ name: 'data', mountPath: '/flink-data' }] }],
            volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'flink-data' } }],
          },
        },
      }),
      (p) => [(p.highAvailability?.storage?._choice as any)?.claimName, p.jobManager?.volumes],
      ['flink-data', undefined],
    ],
    [
      'haStorage option overrides and enables HA',
      withSpec({
        flinkConfiguration: { 'high-availability.type': undefined, 'high-availability.storageDir': undefined },
      }),
      (p) => p.highAvailability?.storage?._choice.kind,
      'existing-claim',
      { haStorage: HaStorage.existingClaim('mine') },
    ],
    [
      'no HA in the manifest -> HA off',
      withSpec({
        flinkConfiguration: { 'high-availability.type': undefined, 'high-availability.storageDir': undefined },
        jobManager: { replicas: 1 },
      }),
      (p) => p.highAvailability,
      { enabled: false },
    ],
    [
      'leader-election timings',
      withSpec({
        flinkConfiguration: {
          'high-availability.kubernetes.leader-election.lease-duration': '20 s',
          'high-availability.kubernetes.leader-election.renew-deadline': '20000',
          'high-availability.kubernetes.leader-election.retry-period': '4 s',
        },
      }),
      (p) =>
        [p.highAvailability?.leaseDuration, p.highAvailability?.renewDeadline, p.highAvailability?.retryPeriod].map(
          (d) => d?.toMilliseconds(),
        ),
      [20000, 20000, 4000],
    ],
    [
      'legacy restart-strategy: failure-rate with ms numbers',
      withSpec({
        flinkConfiguration: {
          'restart-strategy': 'failure-rate',
          'restart-strategy.failure-rate.max-failures-per-interval': '3',
          'restart-strategy.failure-rate.failure-rate-interval': '300000',
          'restart-strategy.failure-rate.delay': '60000',
        },
      }),
      (p) => p.restartStrategy && restartStrategyConfig(p.restartStrategy._spec),
      {
        'restart-strategy.type': 'failure-rate',
        'restart-strategy.failure-rate.max-failures-per-interval': '3',
        'restart-strategy.failure-rate.failure-rate-interval': '5 min',
        'restart-strategy.failure-rate.delay': '1 min',
      },
    ],
    [
      'restart-strategy.type fixed-delay',
      withSpec({
        flinkConfiguration: {
          'restart-strategy.type': 'fixed-delay',
          'restart-strategy.fixed-delay.attempts': '5',
          'restart-strategy.fixed-delay.delay': '10 s',
        },
      }),
      (p) => p.restartStrategy && restartStrategyConfig(p.restartStrategy._spec),
      {
        'restart-strategy.type': 'fixed-delay',
        'restart-strategy.fixed-delay.attempts': '5',
        'restart-strategy.fixed-delay.delay': '10 s',
      },
    ],
    [
      'restart-strategy.type none',
      withSpec({ flinkConfiguration: { 'restart-strategy.type': 'off' } }),
      (p) => p.restartStrategy?.type,
      'none',
    ],
    [
      'checkpointing',
      withSpec({
        flinkConfiguration: {
          'execution.checkpointing.interval': '30 s',
          'execution.checkpointing.dir': 's3://bucket/cp',
          'execution.checkpointing.savepoint-dir': 's3://bucket/sp',
          'execution.checkpointing.num-retained': '3',
          'execution.checkpointing.mode': 'AT_LEAST_ONCE',
        },
      }),
      (p) => ({ ...p.checkpointing, interval: p.checkpointing?.interval.toMilliseconds() }),
      {
        interval: 30000,
        directory: 's3://bucket/cp',
        savepointDirectory: 's3://bucket/sp',
        retained: 3,
        mode: 'AT_LEAST_ONCE',
      },
    ],
    [
      'state.checkpoints.dir (legacy for 1.20)',
      withSpec({
        flinkConfiguration: { 'execution.checkpointing.interval': '1 min', 'state.checkpoints.dir': 's3://bucket/cp' },
      }),
      (p) => p.checkpointing?.directory,
      's3://bucket/cp',
    ],
    [
      'file:// checkpoints under the HA dir move with it',
      withSpec({
        flinkConfiguration: {
          'high-availability.storageDir': 'file:///flink-data/ha',
          'execution.checkpointing.interval': '1 min',
          'execution.checkpointing.dir': 'file:///flink-data/ha/cp',
        },
      }),
      (p) => p.checkpointing?.directory,
      'file:///opt/flink/ha/cp',
    ],
    [
      'pod templates: placement, env, labels, annotations',
      withSpec({
        podTemplate: {
          metadata: { labels: { team: 'data' } },
          spec: {
            nodeSelector: { pool: 'flink' },
            tolerations: [{ key: 'flink', operator: 'Exists' }],
            containers: [{ name: 'flink-main-container', env: [{ name: 'A', value: '1' }] }],
          },
        },
        jobManager: {
          podTemplate: {
            metadata: { annotations: { note: 'jm' } },
            spec: {
              affinity: { nodeAffinity: {} },
              containers: [{ name: 'flink-main-container', env: [{ name: 'B', value: '2' }] }],
            },
          },
        },
      }),
      (p) => [
        p.jobManager?.podLabels,
        p.jobManager?.podAnnotations,
        p.jobManager?.nodeSelector,
        p.jobManager?.tolerations?.length,
        p.jobManager?.affinity,
        p.jobManager?.env?.map((e) => e.name),
        p.taskManager?.env?.map((e) => e.name),
        p.taskManager?.podAnnotations,
      ],
      // The operator merges the env lists by position: the JobManager's B replaces A.
      [{ team: 'data' }, { note: 'jm' }, { pool: 'flink' }, 1, { nodeAffinity: {} }, ['B'], ['A'], undefined],
    ],
    [
      'pod template volume of the main container',
      withSpec({
        podTemplate: {
          spec: {
            containers: [
              {
                name: 'flink-main-container',
                volumeMounts: [{ name: 'udf', mountPath: '/opt/flink/udf', readOnly: true }],
              },
            ],
            volumes: [{ name: 'udf', configMap: { name: 'udfs' } }],
          },
        },
      }),
      (p) => p.taskManager?.volumes,
      [{ volume: { name: 'udf', configMap: { name: 'udfs' } }, mountPath: '/opt/flink/udf', readOnly: true }],
    ],
    [
      'imagePullSecrets -> image.pullSecrets',
      withSpec({ podTemplate: { spec: { imagePullSecrets: [{ name: 'regcred' }] } } }),
      (p) => p.image?.pullSecrets,
      ['regcred'],
    ],
    [
      'job fields',
      withSpec({
        job: {
          entryClass: 'org.example.Orders',
          args: ['--topic', 'orders'],
          initialSavepointPath: 's3://bucket/sp/1',
          allowNonRestoredState: true,
        },
      }),
      (p) => p.job,
      {
        jarUri: 'local:///opt/flink/usrlib/orders.jar',
        entryClass: 'org.example.Orders',
        args: ['--topic', 'orders'],
        parallelism: 2,
        initialSavepointPath: 's3://bucket/sp/1',
        allowNonRestoredState: true,
      },
    ],
    [
      'execution.savepoint.path (legacy) -> job.initialSavepointPath',
      withSpec({ flinkConfiguration: { 'execution.savepoint.path': 's3://bucket/sp/2' } }),
      (p) => p.job?.initialSavepointPath,
      's3://bucket/sp/2',
    ],
    [
      'logConfiguration root level',
      withSpec({
        logConfiguration: {
          'log4j-console.properties':
            'rootLogger.level = DEBUG\nrootLogger.appenderRef.console.ref = ConsoleAppender\n',
        },
      }),
      (p) => p.logLevel,
      'DEBUG',
    ],
    [
      'pass-through Flink option',
      withSpec({ flinkConfiguration: { 'pekko.ask.timeout': '30 s', 'state.backend.type': 'rocksdb' } }),
      (p) => ownKeys(p.flinkConfiguration),
      { 'pekko.ask.timeout': '30 s', 'state.backend.type': 'rocksdb' },
    ],
    [
      'renamed key passes through under its new name',
      withSpec({ flinkConfiguration: { 'state.backend': 'rocksdb' } }),
      (p) => ownKeys(p.flinkConfiguration),
      { 'state.backend.type': 'rocksdb' },
    ],
    [
      'nested YAML configuration',
      withSpec({
        flinkConfiguration: {
          'high-availability.type': undefined,
          'high-availability.storageDir': undefined,
          'high-availability': { type: 'kubernetes', storageDir: 's3://bucket/ha2' },
        },
      }),
      (p) => p.highAvailability?.storage?._choice.kind === 'object-store' && p.highAvailability.storage._choice.uri,
      's3://bucket/ha2',
    ],
    [
      'TaskManagers derived from parallelism when replicas are absent',
      withSpec({
        taskManager: { replicas: undefined },
        job: { parallelism: 5 },
        flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2' },
      }),
      (p) => p.taskManager?.replicas,
      3,
    ],
  ];
  // Every row gets an options object: jest would take a missing fifth argument for a done callback.
  test.each(cases.map(([n, m, g, e, o]) => [n, m, g, e, o ?? {}] as const))(
    '%s',
    (_name, manifest, get, expected, options) => {
      const { props } = convert(manifest, options);
      expect(get(props)).toEqual(expected);
    },
  );
});

describe('reported fields', () => {
  const cases: Array<[string, object, string, ConversionFinding['severity'], string]> = [
    [
      'object-form image',
      withSpec({ image: { repository: 'flink', tag: '1.20.1' } }),
      'spec.image',
      'error',
      'not part of the FlinkDeployment CRD',
    ],
    ['untagged image', withSpec({ image: 'flink' }), 'spec.image', 'warning', 'pulls "latest"'],
    [
      'serviceAccount',
      withSpec({ serviceAccount: 'flink' }),
      'spec.serviceAccount',
      'warning',
      'least-privilege service accounts',
    ],
    ['unknown spec field', withSpec({ replicas: 3 }), 'spec.replicas', 'error', 'not part of the FlinkDeployment CRD'],
    [
      'unknown job field',
      withSpec({ job: { className: 'a.B' } }),
      'spec.job.className',
      'error',
      'did you mean entryClass',
    ],
    [
      'apiVersion',
      withSpec({}, { apiVersion: 'flink.apache.org/v1alpha1' }),
      'apiVersion',
      'error',
      'flink.apache.org/v1beta1',
    ],
    [
      'missing flinkVersion',
      withSpec({ flinkVersion: undefined }),
      'spec.flinkVersion',
      'error',
      'inferred 1.20 from the image tag',
    ],
    [
      'flink.master.num-task-managers',
      withSpec({ flinkConfiguration: { 'flink.master.num-task-managers': 2 } }),
      'spec.flinkConfiguration["flink.master.num-task-managers"]',
      'error',
      'not a Flink option',
    ],
    [
      'high-availability.storage-dir',
      withSpec({ flinkConfiguration: { 'high-availability.storage-dir': 's3://b/ha' } }),
      'spec.flinkConfiguration["high-availability.storage-dir"]',
      'error',
      'did you mean high-availability.storageDir',
    ],
    [
      'legacy high-availability key',
      withSpec({ flinkConfiguration: { 'high-availability.type': undefined, 'high-availability': 'kubernetes' } }),
      'spec.flinkConfiguration["high-availability"]',
      'warning',
      'legacy spelling of high-availability.type',
    ],
    [
      'kubernetes.cluster-id',
      withSpec({ flinkConfiguration: { 'kubernetes.cluster-id': 'x' } }),
      'spec.flinkConfiguration["kubernetes.cluster-id"]',
      'error',
      'Forbidden Flink config key',
    ],
    [
      'kubernetes.namespace',
      withSpec({ flinkConfiguration: { 'kubernetes.namespace': 'x' } }),
      'spec.flinkConfiguration["kubernetes.namespace"]',
      'error',
      'Forbidden Flink config key',
    ],
    [
      'operator setting',
      withSpec({ flinkConfiguration: { 'kubernetes.operator.periodic.savepoint.interval': '1h' } }),
      'spec.flinkConfiguration["kubernetes.operator.periodic.savepoint.interval"]',
      'warning',
      'Flink Kubernetes Operator setting',
    ],
    [
      'native-mode option',
      withSpec({ flinkConfiguration: { 'kubernetes.rest-service.exposed.type': 'LoadBalancer' } }),
      'spec.flinkConfiguration["kubernetes.rest-service.exposed.type"]',
      'warning',
      'native Kubernetes mode',
    ],
    [
      'key the construct owns',
      withSpec({ flinkConfiguration: { 'rest.port': '8081' } }),
      'spec.flinkConfiguration["rest.port"]',
      'warning',
      'is set by the construct',
    ],
    [
      'key removed in 2.0',
      withSpec({ flinkVersion: 'v2_0', image: 'flink:2.0', flinkConfiguration: { 'taskmanager.heap.size': '1g' } }),
      'spec.flinkConfiguration["taskmanager.heap.size"]',
      'error',
      'was removed in Flink 2.0',
    ],
    [
      'ZooKeeper HA',
      withSpec({ flinkConfiguration: { 'high-availability.type': 'zookeeper' } }),
      'spec.flinkConfiguration["high-availability.type"]',
      'error',
      'ZooKeeper HA is not supported',
    ],
    [
      'HA without storage dir',
      withSpec({ flinkConfiguration: { 'high-availability.storageDir': undefined } }),
      'spec.flinkConfiguration["high-availability.type"]',
      'error',
      'without high-availability.storageDir',
    ],
    [
      'HA storage dir on HDFS',
      withSpec({ flinkConfiguration: { 'high-availability.storageDir': 'hdfs://nn/ha' } }),
      'spec.flinkConfiguration["high-availability.storageDir"]',
      'error',
      'not storage the construct can use',
    ],
    [
      'file:// storage dir',
      withSpec({ flinkConfiguration: { 'high-availability.storageDir': 'file:///opt/flink/ha' } }),
      'spec.flinkConfiguration["high-availability.storageDir"]',
      'info',
      'ReadWriteMany claim',
    ],
    [
      'restart sub-key of another type',
      withSpec({
        flinkConfiguration: { 'restart-strategy.type': 'none', 'restart-strategy.fixed-delay.attempts': '3' },
      }),
      'spec.flinkConfiguration["restart-strategy.fixed-delay.attempts"]',
      'warning',
      'restart-strategy.type is none',
    ],
    [
      'unreadable duration',
      withSpec({ flinkConfiguration: { 'execution.checkpointing.interval': 'often' } }),
      'spec.flinkConfiguration["execution.checkpointing.interval"]',
      'error',
      'not a Flink duration',
    ],
    [
      'checkpoint dir without interval',
      withSpec({ flinkConfiguration: { 'execution.checkpointing.dir': 's3://b/cp' } }),
      'spec.flinkConfiguration["execution.checkpointing.dir"]',
      'error',
      'only with checkpointing.interval',
    ],
    [
      'file:// checkpoints outside the HA volume',
      withSpec({
        flinkConfiguration: {
          'execution.checkpointing.interval': '1 min',
          'execution.checkpointing.dir': 'file:///data/cp',
        },
      }),
      'spec.flinkConfiguration["execution.checkpointing.dir"]',
      'error',
      'outside the shared HA volume',
    ],
    [
      'memory disagreement',
      withSpec({ flinkConfiguration: { 'jobmanager.memory.process.size': '1600m' } }),
      'spec.flinkConfiguration["jobmanager.memory.process.size"]',
      'warning',
      'disagrees with spec.jobManager.resource.memory',
    ],
    [
      'ephemeral storage',
      withSpec({ taskManager: { resource: { ephemeralStorage: '2G' } } }),
      'spec.taskManager.resource.ephemeralStorage',
      'error',
      'no equivalent',
    ],
    [
      'bad memory',
      withSpec({ taskManager: { resource: { memory: 'big' } } }),
      'spec.taskManager.resource.memory',
      'error',
      'not a memory size',
    ],
    [
      'non-main container',
      withSpec({
        jobManager: { podTemplate: { spec: { containers: [{ name: 'flink-jobmanager', resources: {} }] } } },
      }),
      'spec.jobManager.podTemplate.spec.containers[0].name',
      'error',
      "not the operator's main container name",
    ],
    [
      'sidecar',
      withSpec({ podTemplate: { spec: { containers: [{ name: 'log-shipper', image: 'fluent-bit' }] } } }),
      'spec.podTemplate.spec.containers[0].name',
      'error',
      'no prop for sidecars',
    ],
    [
      'main container cpu (the operator replaces it)',
      withSpec({
        podTemplate: { spec: { containers: [{ name: 'flink-main-container', resources: { requests: { cpu: 2 } } }] } },
      }),
      'spec.podTemplate.spec.containers[0].resources.requests.cpu',
      'info',
      'is replaced by the operator',
    ],
    [
      'main container ephemeral storage (the operator keeps it)',
      withSpec({
        podTemplate: {
          spec: {
            containers: [{ name: 'flink-main-container', resources: { limits: { 'ephemeral-storage': '1Gi' } } }],
          },
        },
      }),
      'spec.podTemplate.spec.containers[0].resources.limits["ephemeral-storage"]',
      'error',
      'kept by the operator',
    ],
    [
      'main container envFrom with a bad Secret name',
      withSpec({
        podTemplate: {
          spec: { containers: [{ name: 'flink-main-container', envFrom: [{ secretRef: { name: 'Kafka_Creds' } }] }] },
        },
      }),
      'spec.podTemplate.spec.containers[0].envFrom[0]',
      'error',
      'not a valid Secret name',
    ],
    [
      'an inline S3 secret key (never echoed)',
      withSpec({ flinkConfiguration: { 's3.secret-key': 'wJalrXUtnFEMI' } }),
      'spec.flinkConfiguration["s3.secret-key"]',
      'error',
      'would write a credential into the ConfigMap',
    ],
    [
      'main container env not a list',
      withSpec({ podTemplate: { spec: { containers: [{ name: 'flink-main-container', env: { TZ: 'UTC' } }] } } }),
      'spec.podTemplate.spec.containers[0].env',
      'error',
      'is not a list; not mapped',
    ],
    [
      'pod template nodeSelector not a map',
      withSpec({ podTemplate: { spec: { nodeSelector: 'pool=flink' } } }),
      'spec.podTemplate.spec.nodeSelector',
      'error',
      'is not a map of label keys to values',
    ],
    [
      'pod template tolerations not a list',
      withSpec({ taskManager: { podTemplate: { spec: { tolerations: { key: 'x' } } } } }),
      'spec.taskManager.podTemplate.spec.tolerations',
      'error',
      'is not a list of tolerations',
    ],
    [
      'pull secret given as a string',
      withSpec({ podTemplate: { spec: { imagePullSecrets: ['regcred'] } } }),
      'spec.podTemplate.spec.imagePullSecrets[0]',
      'error',
      'is not a { name } reference',
    ],
    [
      'pod labels not a map',
      withSpec({ podTemplate: { metadata: { labels: 'team=data' } } }),
      'spec.podTemplate.metadata.labels',
      'error',
      'is not a map of keys to values',
    ],
    [
      'main container lifecycle hooks',
      withSpec({ podTemplate: { spec: { containers: [{ name: 'flink-main-container', lifecycle: {} }] } } }),
      'spec.podTemplate.spec.containers[0].lifecycle',
      'error',
      'no equivalent',
    ],
    [
      'reserved env var',
      withSpec({
        podTemplate: {
          spec: { containers: [{ name: 'flink-main-container', env: [{ name: 'POD_IP', value: 'x' }] }] },
        },
      }),
      'spec.podTemplate.spec.containers[0].env[0]',
      'error',
      'is reserved',
    ],
    [
      'hostPath volume',
      withSpec({
        podTemplate: {
          spec: {
            containers: [{ name: 'flink-main-container', volumeMounts: [{ name: 'h', mountPath: '/data' }] }],
            volumes: [{ name: 'h', hostPath: { path: '/x' } }],
          },
        },
      }),
      'spec.podTemplate.spec.containers[0].volumeMounts[0]',
      'error',
      'restricted',
    ],
    [
      'initContainers',
      withSpec({ podTemplate: { spec: { initContainers: [{ name: 'fetch', image: 'busybox' }] } } }),
      'spec.podTemplate.spec.initContainers[0]',
      'error',
      'not carried over',
    ],
    [
      'pod securityContext',
      withSpec({ podTemplate: { spec: { securityContext: { fsGroup: 1 } } } }),
      'spec.podTemplate.spec.securityContext',
      'warning',
      'restricted',
    ],
    [
      'job.upgradeMode',
      withSpec({ job: { upgradeMode: 'last-state' } }),
      'spec.job.upgradeMode',
      'warning',
      'operator-only',
    ],
    ['job.state suspended', withSpec({ job: { state: 'suspended' } }), 'spec.job.state', 'error', 'no equivalent'],
    [
      'job.savepointTriggerNonce',
      withSpec({ job: { savepointTriggerNonce: 1 } }),
      'spec.job.savepointTriggerNonce',
      'warning',
      'operator-only',
    ],
    [
      'job.restartStrategy',
      withSpec({ job: { restartStrategy: { type: 'FIXED_DELAY', attempts: 2, delayInterval: 1000 } } }),
      'spec.job.restartStrategy',
      'info',
      'fixed-delay (2 attempts, 1 s delay)',
    ],
    [
      'job.restartStrategy beside flinkConfiguration',
      withSpec({ job: { restartStrategy: { type: 'NONE' } }, flinkConfiguration: { 'restart-strategy.type': 'none' } }),
      'spec.job.restartStrategy',
      'warning',
      'is ignored',
    ],
    ['restartNonce', withSpec({ restartNonce: 2 }), 'spec.restartNonce', 'warning', 'operator-only'],
    ['mode native', withSpec({ mode: 'native' }), 'spec.mode', 'warning', 'standalone cluster'],
    [
      'ingress',
      withSpec({ ingress: { template: '{{name}}.{{namespace}}.example.com', className: 'nginx' } }),
      'spec.ingress',
      'error',
      'host: "orders.flink.example.com", ingressClassName: "nginx"',
    ],
    [
      'logConfiguration with loggers',
      withSpec({
        logConfiguration: {
          'log4j-console.properties':
            'rootLogger.level = WARN\nlogger.kafka.name = org.apache.kafka\nlogger.kafka.level = ERROR\n',
        },
      }),
      'spec.logConfiguration["log4j-console.properties"]',
      'warning',
      'logger.kafka',
    ],
    [
      'logback',
      withSpec({ logConfiguration: { 'logback-console.xml': '<configuration/>' } }),
      'spec.logConfiguration["logback-console.xml"]',
      'error',
      'Logback is not supported',
    ],
    ['invalid name', withSpec({}, { metadata: { name: 'My_App' } }), 'metadata.name', 'error', 'converted as "my-app"'],
    [
      'job.parallelism when TaskManager replicas are set (the operator uses replicas x slots)',
      withSpec({ job: { parallelism: 8 } }),
      'spec.job.parallelism',
      'warning',
      '(8) is ignored: the operator runs the job at taskManager.replicas x taskmanager.numberOfTaskSlots = 2',
    ],
    [
      'parallelism beyond the task slots, without TaskManager replicas',
      withSpec({
        taskManager: { replicas: undefined },
        job: { parallelism: 8 },
        flinkConfiguration: { 'taskmanager.numberOfTaskSlots': '2' },
      }),
      'spec.taskManager.replicas',
      'info',
      'the construct runs a fixed number, 4',
    ],
    [
      'absent JobManager replicas',
      withSpec({ jobManager: { replicas: undefined } }),
      'spec.jobManager.replicas',
      'info',
      '2 leader candidates',
    ],
  ];
  test.each(cases)('%s', (_name, manifest, path, severity, message) => {
    const { report } = convert(manifest);
    expect(report).toContainEqual({ path, severity, message: expect.stringContaining(message) });
  });

  test('a credential in the manifest never reaches the report or the props', () => {
    const { props, report } = convert(withSpec({ flinkConfiguration: { 's3.secret-key': 'wJalrXUtnFEMI' } }));
    expect(JSON.stringify(report)).not.toContain('wJalrXUtnFEMI');
    expect(JSON.stringify(props.flinkConfiguration ?? {})).not.toContain('wJalrXUtnFEMI');
  });

  test('not convertible at all', () => {
    expect(() => convert(withSpec({ flinkVersion: 'v1_17', image: 'flink:1.17' }))).toThrow(
      /spec\.flinkVersion: "v1_17" is not supported/,
    );
    expect(() => convert({ apiVersion: 'flink.apache.org/v1beta1', kind: 'FlinkSessionJob' })).toThrow(
      /not a FlinkDeployment/,
    );
    expect(() => convert('kind: [unclosed')).toThrow(FlinkValidationError);
    expect(() => convert(`${SEED_YAML}\n---\n${SEED_YAML}`)).toThrow(
      /2 YAML documents \(FlinkDeployment my-flink-app, FlinkDeployment my-flink-app\)/,
    );
    expect(() => convert(cleanManifest(), { namespace: 'Bad/NS' })).toThrow(
      /namespace option: "Bad\/NS" - is not a namespace name/,
    );
  });
});

const SEED_FINDINGS: Array<[ConversionFinding['severity'], string]> = [
  ['error', 'spec.flinkVersion'],
  ['error', 'spec.image'],
  ['error', 'spec.serviceAccount'],
  ['error', 'spec.flinkConfiguration["flink.master.num-task-managers"]'],
  ['warning', 'spec.flinkConfiguration["high-availability"]'],
  ['error', 'spec.flinkConfiguration["high-availability.storage-dir"]'],
  ['error', 'spec.flinkConfiguration["kubernetes.cluster-id"]'],
  ['info', 'metadata.name'],
  ['info', 'metadata.namespace'],
  ['error', 'spec.jobManager.podTemplate.spec.containers[0].name'],
  ['error', 'spec.taskManager.podTemplate.spec.containers[0].name'],
  ['info', 'spec.flinkConfiguration["high-availability.storage-dir"]'],
  ['error', 'spec.job.className'],
  ['error', 'spec.job.restartStrategy'],
  ['info', 'spec.job.className'],
  ['info', 'spec.job.restartStrategy'],
  ['info', 'spec.jobManager.replicas'],
  ['info', 'spec.flinkConfiguration'],
];

describe("the seed article's FlinkDeployment", () => {
  test('its findings are exactly the expected ones', () => {
    const { report } = convert(SEED_YAML);
    expect(report.map((f) => [f.severity, f.path])).toEqual(SEED_FINDINGS);
    const message = (path: string, severity: string) =>
      report.find((f) => f.path === path && f.severity === severity)!.message;
    expect(message('spec.image', 'error')).toContain('image: flinkci/flink:1.19.0 and imagePullPolicy: IfNotPresent');
    expect(message('spec.flinkConfiguration["flink.master.num-task-managers"]', 'error')).toContain(
      'spec.taskManager.replicas',
    );
    expect(message('spec.flinkConfiguration["high-availability.storage-dir"]', 'error')).toContain(
      'did you mean high-availability.storageDir',
    );
    expect(message('spec.flinkConfiguration["high-availability.storage-dir"]', 'info')).toContain(
      'mounts it at /opt/flink/ha',
    );
    expect(message('spec.jobManager.podTemplate.spec.containers[0].name', 'error')).toContain('flink-main-container');
    expect(message('spec.job.restartStrategy', 'info')).toContain('failure-rate (3 failures per 5 min, 1 min delay)');
    expect(report.some((f) => f.message.includes('flinkci'))).toBe(true);
    expect(report.some((f) => f.severity !== 'info' && /repository .*flinkci|flinkci\/flink is/.test(f.message))).toBe(
      false,
    );
  });

  test('it converts into a cluster that synthesizes, equivalent to what the article meant', () => {
    const chart = new Chart(Testing.app(), 'seed', { namespace: 'flink' });
    const cluster = FlinkCluster.fromFlinkDeployment(chart, 'Seed', SEED_YAML);
    const report = cluster.conversionReport!;
    expect(report.length).toBe(SEED_FINDINGS.length);
    const objects = Testing.synth(chart) as K8sObject[];
    expect(cluster.clusterId).toBe('my-flink-cluster');
    const tm = find(objects, 'Deployment', 'my-flink-cluster-taskmanager');
    expect(tm.spec.replicas).toBe(2);
    const tmMain = tm.spec.template.spec.containers.find((c: any) => c.name === 'flink-main-container');
    expect(tmMain.resources.requests).toEqual({ cpu: '1', memory: '1024Mi' });
    expect(tmMain.image).toBe('flinkci/flink:1.19.0');
    expect(tmMain.imagePullPolicy).toBe('IfNotPresent');
    const jm = find(objects, 'Deployment', 'my-flink-cluster-jobmanager');
    const jmMain = jm.spec.template.spec.containers.find((c: any) => c.name === 'flink-main-container');
    expect(jmMain.resources.requests).toEqual({ cpu: '1', memory: '1024Mi' });
    expect(jmMain.args).toEqual(expect.arrayContaining(['org.apache.flink.streaming.examples.wordcount.WordCount']));
    expect(find(objects, 'PersistentVolumeClaim', 'my-flink-cluster-ha').spec.accessModes).toEqual(['ReadWriteMany']);
    expect(cluster.flinkConfig).toMatchObject({
      'kubernetes.cluster-id': 'my-flink-cluster',
      'high-availability.type': 'kubernetes',
      'high-availability.storageDir': 'file:///opt/flink/ha',
      'parallelism.default': '2',
      'restart-strategy.type': 'failure-rate',
      'restart-strategy.failure-rate.max-failures-per-interval': '3',
      'restart-strategy.failure-rate.failure-rate-interval': '5 min',
      'restart-strategy.failure-rate.delay': '1 min',
      'taskmanager.memory.process.size': '1024m',
      'jobmanager.memory.process.size': '1024m',
    });
    expect(cluster.flinkConfig).not.toHaveProperty('high-availability');
    expect(cluster.flinkConfig).not.toHaveProperty(['flink.master.num-task-managers']);
    expect(cluster.flinkConfig).not.toHaveProperty(['high-availability.storage-dir']);
  });

  test("it converts into the example app's cluster, object for object, but for the image and what the operator adds", () => {
    const chart = new Chart(Testing.app(), 'flink-example', { namespace: 'flink' });
    FlinkCluster.fromFlinkDeployment(chart, 'MyFlinkCluster', SEED_YAML);
    const converted = JSON.stringify(Testing.synth(chart)).replace(/flinkci\/flink:1\.19\.0/g, 'flink:1.19');
    // What the operator adds to every such cluster: its default Flink options, and CPU limits
    // equal to the requests (Flink's limit factor 1.0).
    const example = exampleClusterProps();
    const withOperatorDefaults: FlinkClusterProps = {
      ...example,
      jobManager: { ...example.jobManager, resources: { ...example.jobManager!.resources, cpuLimit: 1 } },
      taskManager: { ...example.taskManager, resources: { ...example.taskManager!.resources, cpuLimit: 1 } },
      flinkConfiguration: {
        'web.cancel.enable': 'false',
        'pipeline.name': 'my-flink-app',
        'execution.submit-failed-job-on-application-error': 'true',
      },
    };
    const expected = new Chart(Testing.app(), 'flink-example', { namespace: 'flink' });
    new FlinkCluster(expected, 'MyFlinkCluster', withOperatorDefaults);
    expect(converted).toBe(JSON.stringify(Testing.synth(expected)));
  });

  test('strict mode throws one FlinkValidationError naming every error', () => {
    let error: unknown;
    try {
      convert(SEED_YAML, { strict: true });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(FlinkValidationError);
    const message = (error as Error).message;
    const errors = SEED_FINDINGS.filter(([s]) => s === 'error');
    expect(message).toContain(`${errors.length} errors`);
    for (const [, path] of errors) expect(message).toContain(`${path}:`);
    expect(message).not.toContain('spec.jobManager.replicas');
  });

  test('strict mode passes a clean manifest and ignores warnings', () => {
    const { report } = convert(withSpec({ serviceAccount: 'flink', mode: 'native' }), { strict: true });
    expect(report.filter((f) => f.severity !== 'info').map((f) => [f.severity, f.path])).toEqual([
      ['warning', 'spec.serviceAccount'],
      ['warning', 'spec.mode'],
    ]);
  });
});

test('a manifest object and its YAML text convert alike', () => {
  const text = JSON.stringify(cleanManifest());
  expect(convert(text).props).toEqual(convert(cleanManifest()).props);
  expect(Duration.millis(1).toMilliseconds()).toBe(1);
});
