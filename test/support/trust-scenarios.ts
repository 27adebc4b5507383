import { Duration, Size } from 'cdk8s';
import { FlinkClusterProps, FlinkVersion, HaStorage, ImagePullPolicy, RestartStrategy } from '../../src';
import { exampleProps, SCENARIOS } from './scenarios';

/**
 * The shared scenarios plus ones that reach the optional parts (monitoring, Ingress,
 * credentials files, user volumes, GitOps annotations...). Kept apart from SCENARIOS so
 * snapshot tests over SCENARIOS do not grow with them.
 */
export const TRUST_SCENARIOS: Record<string, () => FlinkClusterProps> = {
  ...SCENARIOS,
  'monitoring and ingress': () => ({
    ...exampleProps(FlinkVersion.V2_2),
    clusterId: 'observed',
    metrics: {
      podMonitor: { labels: { release: 'prometheus' }, interval: Duration.seconds(15) },
      grafanaDashboard: { folder: 'Flink' },
      allowedFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
    },
    restIngress: {
      host: 'flink.example.com',
      ingressClassName: 'nginx',
      tlsSecretName: 'flink-tls',
      annotations: { 'nginx.ingress.kubernetes.io/ssl-redirect': 'true' },
    },
    network: {
      restAllowedFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } }],
    },
    gitOps: { argoCdSyncWaves: true },
  }),
  'gcs credentials file, user volumes and env': () => ({
    flinkVersion: FlinkVersion.V1_19,
    clusterId: 'gcs',
    image: { tag: '1.19.1-java17', digest: `sha256:${'a'.repeat(64)}`, pullPolicy: ImagePullPolicy.ALWAYS },
    jobManager: {
      replicas: 3,
      resources: { cpu: 0.5, cpuLimit: 2, memory: Size.gibibytes(2), processSize: Size.mebibytes(1800) },
    },
    taskManager: {
      replicas: 4,
      taskSlots: 2,
      resources: { cpu: 2, memory: Size.gibibytes(4) },
      nodeSelector: { 'node.kubernetes.io/instance-type': 'm5.xlarge' },
      tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'flink', effect: 'NoSchedule' }],
      env: [{ name: 'JOB_SECRET', valueFrom: { secretKeyRef: { name: 'job-secrets', key: 'token' } } }],
      envFrom: [
        { secretRef: { name: 'kafka-credentials' } },
        { configMapRef: { name: 'job-settings', optional: true }, prefix: 'JOB_' },
      ],
      volumes: [
        {
          volume: { name: 'job-config', configMap: { name: 'job-config' } },
          mountPath: '/opt/flink/job-config',
          readOnly: true,
        },
        { volume: { name: 'scratch', emptyDir: {} }, mountPath: '/scratch' },
      ],
      podAnnotations: { 'example.com/team': 'data' },
      podLabels: { team: 'data' },
    },
    highAvailability: {
      storage: HaStorage.objectStore('gs://state/flink', {
        credentials: { fileSecret: { name: 'gcs-key', key: 'key.json', fileEnv: 'GOOGLE_APPLICATION_CREDENTIALS' } },
      }),
    },
    job: {
      jarUri: 'file:///opt/flink/usrlib/job.jar',
      entryClass: 'com.example.Job',
      parallelism: 8,
      jobId: 'f'.repeat(32),
      initialSavepointPath: 'gs://state/savepoints/sp-1',
      allowNonRestoredState: true,
    },
    checkpointing: {
      interval: Duration.seconds(30),
      directory: 'gs://state/checkpoints',
      savepointDirectory: 'gs://state/savepoints',
    },
    restartStrategy: RestartStrategy.none(),
    logLevel: 'DEBUG',
    haAgent: { image: 'registry.example.com/flink-ha-agent:1.0.0' },
  }),
  'checkpoints on the claim, TaskManagers mount it (1.18)': () => ({
    flinkVersion: FlinkVersion.V1_18,
    clusterId: 'legacy',
    taskManager: { replicas: 2 },
    highAvailability: { storage: HaStorage.newClaim({ size: Size.gibibytes(5) }) },
    checkpointing: { interval: Duration.seconds(20), directory: 'file:///opt/flink/ha/checkpoints' },
    flinkConfiguration: { 'pipeline.max-parallelism': 64, 'state.backend.type': 'hashmap' },
  }),
  'no metrics, no network policies, no TaskManagers': () => ({
    flinkVersion: FlinkVersion.V2_0,
    clusterId: 'bare',
    taskManager: { replicas: 0 },
    highAvailability: { storage: HaStorage.newClaim() },
    metrics: { prometheus: false },
    network: { networkPolicies: false },
    haAgent: { enabled: false },
  }),
};
