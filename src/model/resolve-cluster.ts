import { createHash } from 'crypto';
import { Duration, Size } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { resolveFlinkImage, ResolvedImage } from './flink-image';
import { AccessMode, HA_MOUNT_PATH, HaStorage, HaStorageSpec } from '../props/ha-storage';
import {
  ExtraVolume,
  FlinkClusterProps,
  FlinkPodProps,
  GrafanaDashboardProps,
  HaAgentProps,
  PodMonitorProps,
  RestIngressProps,
} from '../props/cluster-props';
import { resolveCheckpointing, ResolvedCheckpointing } from '../props/checkpointing';
import { FlinkVersionTraits } from '../flink/flink-version';
import { checkExtraKey } from './key-rules';
import {
  jobManagerMemory,
  MIN_JOBMANAGER_HEAP_MIB,
  MIN_JOBMANAGER_PROCESS_MIB,
  MIN_TASKMANAGER_PROCESS_MIB,
  taskManagerMemory,
} from '../flink/memory-model';
import { RestartStrategy } from '../props/restart-strategy';
import { parseStorageUri, StorageUri } from '../flink/storage-uri';
import {
  requireAnnotations,
  requireDnsLabel,
  requireDnsSubdomain,
  requireEnvFrom,
  requireEnvVarName,
  requireLabels,
  requireList,
  requireObject,
  requirePeers,
  requireTolerations,
} from '../validation/k8s-syntax';
import {
  durationMillis,
  requireBoolean,
  requireInt,
  requireNumber,
  requireString,
  sizeMebibytes,
} from '../validation/values';
import { fail } from '../validation/errors';

/** Node.js image the HA agent runs on by default: an LTS line, pinned; override or pin a digest with haAgent.nodeImage. */
export const DEFAULT_AGENT_NODE_IMAGE = 'node:24.13.0-alpine3.23';

/** A JobManager or TaskManager pod group, with defaults applied. */
export interface ResolvedPods {
  readonly replicas: number;
  readonly cpu: number;
  readonly cpuLimit?: number;
  readonly memoryMiB: number;
  readonly processMiB: number;
  readonly nodeSelector: { [key: string]: string };
  readonly tolerations: k8s.Toleration[];
  readonly affinity: k8s.Affinity;
  readonly env: k8s.EnvVar[];
  readonly envFrom: k8s.EnvFromSource[];
  readonly volumes: ExtraVolume[];
  readonly podAnnotations: { [key: string]: string };
  readonly podLabels: { [key: string]: string };
}

export interface ResolvedHighAvailability {
  readonly enabled: boolean;
  readonly storage?: HaStorageSpec;
  readonly leaseDuration: Duration;
  readonly renewDeadline: Duration;
  readonly retryPeriod: Duration;
}

export interface ResolvedJob {
  readonly jarUri: string;
  /** Absolute path of the jar inside the image. */
  readonly jarPath: string;
  readonly entryClass?: string;
  readonly args: string[];
  readonly parallelism: number;
  readonly jobId: string;
  readonly initialSavepointPath?: string;
  readonly allowNonRestoredState: boolean;
  readonly shutdownOnFinish: boolean;
}

export interface ResolvedMetrics {
  readonly prometheus: boolean;
  readonly allowedFrom: k8s.NetworkPolicyPeer[];
  readonly podMonitor?: { readonly labels: { [key: string]: string }; readonly interval: Duration };
  readonly grafanaDashboard?: { readonly labels: { [key: string]: string }; readonly folder?: string };
}

export interface ResolvedAgent {
  readonly enabled: boolean;
  readonly nodeImage: string;
  readonly image?: string;
}

/** Every prop with its default, validated: what the constructs build from. */
export interface ResolvedCluster {
  readonly traits: FlinkVersionTraits;
  readonly clusterId: string;
  readonly namespace: string;
  readonly image: ResolvedImage;
  readonly jobManager: ResolvedPods;
  readonly taskManager: ResolvedPods & { readonly taskSlots: number };
  readonly highAvailability: ResolvedHighAvailability;
  readonly job?: ResolvedJob;
  readonly restartStrategy?: RestartStrategy;
  readonly checkpointing?: ResolvedCheckpointing;
  /** Storage URIs Flink reads or writes (HA, checkpoints, savepoints). */
  readonly storageUris: StorageUri[];
  /** TaskManagers mount the HA volume because checkpoints live on it. */
  readonly taskManagersMountHaVolume: boolean;
  readonly extraConfig: { [key: string]: string };
  readonly logLevel: string;
  readonly networkPolicies: boolean;
  readonly restAllowedFrom: k8s.NetworkPolicyPeer[];
  readonly agent: ResolvedAgent;
  readonly metrics: ResolvedMetrics;
  readonly restIngress?: RestIngressProps;
  readonly argoCdSyncWaves: boolean;
}

const CLUSTER_ID = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'OFF'];

/** Volume names and paths the construct uses itself. */
export const RESERVED_VOLUMES = [
  'flink-config-src',
  'flink-config',
  'flink-log',
  'tmp',
  'usrlib',
  'plugins',
  'ha-storage',
  'fs-credentials',
  'ha-agent',
];
export const RESERVED_PATHS = [
  '/opt/flink/conf',
  '/opt/flink/log',
  '/tmp',
  '/opt/flink/usrlib',
  '/opt/flink/plugins',
  HA_MOUNT_PATH,
  '/opt/flink/secrets',
];
const RESERVED_ENV: { [name: string]: string } = {
  POD_IP: 'it carries the pod IP each JobManager advertises',
  JOB_MANAGER_RPC_ADDRESS:
    'the construct sets the address each JobManager advertises (its pod IP with HA); a fixed value would break leader election',
  FLINK_PROPERTIES: 'it would override the generated config; use flinkConfiguration',
  ENABLE_BUILT_IN_PLUGINS: 'filesystem plugins are enabled from the storage URIs',
};
/** Volume types the "restricted" Pod Security Standard admits. */
const RESTRICTED_VOLUME_TYPES = [
  'configMap',
  'secret',
  'emptyDir',
  'persistentVolumeClaim',
  'projected',
  'downwardApi',
  'csi',
  'ephemeral',
];

/** Derives a cluster id from a construct id: lowercase, dashes for anything else. */
export function clusterIdFromConstructId(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
}

/** Resolves and validates all props (the first tier of validation: each prop on its own and with its neighbours). */
export function resolveCluster(
  props: FlinkClusterProps,
  constructId: string,
  chartNamespace: string | undefined,
): ResolvedCluster {
  if (props === null || typeof props !== 'object') fail('props', props, 'must be an object with at least flinkVersion');
  const traits = FlinkVersionTraits.of(props.flinkVersion);

  const clusterId = props.clusterId ?? clusterIdFromConstructId(constructId);
  const idProp = props.clusterId === undefined ? `clusterId (derived from construct id "${constructId}")` : 'clusterId';
  if (typeof clusterId !== 'string' || !CLUSTER_ID.test(clusterId) || clusterId.length > 45) {
    fail(
      idProp,
      clusterId,
      'must be at most 45 characters of lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (Flink\'s rule for kubernetes.cluster-id); e.g. "orders-flink"',
    );
  }

  const namespace = props.namespace ?? chartNamespace;
  if (namespace === undefined) {
    fail(
      'namespace',
      undefined,
      'is required: set the namespace prop or create the chart with { namespace: "..." } (Flink\'s kubernetes.namespace must name the pods\' namespace)',
    );
  }
  if (typeof namespace !== 'string' || !NAMESPACE.test(namespace) || namespace.length > 63) {
    fail('namespace', namespace, 'must be a DNS label: at most 63 lowercase letters, digits and "-"');
  }

  for (const key of [
    'image',
    'jobManager',
    'taskManager',
    'highAvailability',
    'job',
    'checkpointing',
    'network',
    'haAgent',
    'metrics',
    'restIngress',
    'gitOps',
  ] as const) {
    if (props[key] !== undefined)
      requireObject(key, props[key], `{ ... } as documented for FlinkClusterProps.${key}, or leave it out`);
  }
  const image = resolveFlinkImage(props.image, traits);
  const highAvailability = resolveHighAvailability(props, clusterId);
  const haStorage = highAvailability.storage;

  const jmReplicas = requireInt(
    'jobManager.replicas',
    props.jobManager?.replicas ?? (highAvailability.enabled ? 2 : 1),
    1,
    10,
  );
  if (jmReplicas > 1 && !highAvailability.enabled) {
    fail(
      'jobManager.replicas',
      jmReplicas,
      'needs HA: standby JobManagers only work with highAvailability enabled; set replicas to 1 or enable highAvailability',
    );
  }
  const jobManager = resolvePods('jobManager', props.jobManager, jmReplicas, 1600, MIN_JOBMANAGER_PROCESS_MIB);
  const jm = jobManagerMemory(jobManager.processMiB);
  if (jm.heapMiB < MIN_JOBMANAGER_HEAP_MIB) {
    fail(
      'jobManager.resources.memory',
      Size.mebibytes(jobManager.processMiB),
      `leaves Flink a JVM heap of ${Math.floor(jm.heapMiB)} MiB (below ${MIN_JOBMANAGER_HEAP_MIB}); use at least Size.mebibytes(${MIN_JOBMANAGER_PROCESS_MIB})`,
    );
  }

  const tmReplicas = requireInt('taskManager.replicas', props.taskManager?.replicas ?? 1, 0, 1000);
  const taskSlots = requireInt('taskManager.taskSlots', props.taskManager?.taskSlots ?? 1, 1, 1024);
  const taskManager = {
    ...resolvePods('taskManager', props.taskManager, tmReplicas, 1728, MIN_TASKMANAGER_PROCESS_MIB),
    taskSlots,
  };
  const tm = taskManagerMemory(taskManager.processMiB);
  if (tm.taskHeapMiB <= 0) {
    fail(
      'taskManager.resources.memory',
      Size.mebibytes(taskManager.processMiB),
      `leaves no task heap in Flink's memory model (${Math.floor(tm.flinkMiB)} MiB Flink memory after JVM overhead and metaspace, less framework, network and managed memory); use at least Size.mebibytes(${MIN_TASKMANAGER_PROCESS_MIB})`,
    );
  }

  const job = props.job === undefined ? undefined : resolveJob(props, clusterId, tmReplicas * taskSlots);

  if (props.restartStrategy !== undefined && !(props.restartStrategy instanceof RestartStrategy)) {
    fail(
      'restartStrategy',
      props.restartStrategy,
      'must be created with RestartStrategy.none(), .fixedDelay(), .failureRate() or .exponentialDelay()',
    );
  }

  const checkpointing =
    props.checkpointing === undefined
      ? undefined
      : resolveCheckpointing(props.checkpointing, haStorage?.storageDir.uri);
  const storageUris: StorageUri[] = haStorage ? [haStorage.storageDir] : [];
  let taskManagersMountHaVolume = false;
  if (checkpointing) {
    for (const [prop, uri] of [
      ['checkpointing.directory', checkpointing.directory],
      ['checkpointing.savepointDirectory', checkpointing.savepointDirectory],
    ]) {
      const parsed = parseStorageUri(prop, uri);
      storageUris.push(parsed);
      if (parsed.scheme !== 'file') continue;
      // TaskManagers write checkpoint files, so a file:// directory must be on a volume every pod shares.
      if (!haStorage?.claimName || !(parsed.path === HA_MOUNT_PATH || parsed.path!.startsWith(HA_MOUNT_PATH + '/'))) {
        fail(
          prop,
          uri,
          `is a file:// path outside shared storage; use a path under file://${HA_MOUNT_PATH} with HA storage on a claim, or an object store (s3://, gs://, abfss://)`,
        );
      }
      taskManagersMountHaVolume = tmReplicas > 0;
    }
  }

  const sharers = jmReplicas + (taskManagersMountHaVolume ? tmReplicas : 0);
  if (haStorage?.accessMode && haStorage.accessMode !== AccessMode.READ_WRITE_MANY && sharers > 1) {
    fail(
      'highAvailability.storage.accessMode',
      haStorage.accessMode,
      `cannot be shared by ${sharers} pods (${jmReplicas} JobManager candidate${jmReplicas === 1 ? '' : 's'}${taskManagersMountHaVolume ? ` and ${tmReplicas} TaskManagers, which write checkpoints to it` : ''}) that may run on different nodes; use AccessMode.READ_WRITE_MANY (e.g. an NFS or CephFS StorageClass) or HaStorage.objectStore()`,
    );
  }

  const extraConfig: { [key: string]: string } = {};
  const fc = props.flinkConfiguration ?? {};
  if (typeof fc !== 'object' || Array.isArray(fc))
    fail('flinkConfiguration', fc, 'must be an object of Flink keys to values');
  for (const key of Object.keys(fc).sort())
    extraConfig[key] = checkExtraKey(key, fc[key], traits, props.job !== undefined);
  const sessionParallelism = extraConfig['parallelism.default'];
  if (sessionParallelism !== undefined) {
    const prop = 'flinkConfiguration["parallelism.default"]';
    const n = requireInt(prop, Number(sessionParallelism), 1, 32768);
    const slots = tmReplicas * taskSlots;
    if (slots > 0 && n > slots) {
      fail(
        prop,
        fc['parallelism.default'],
        `exceeds the ${slots} task slots (taskManager.replicas x taskManager.taskSlots), so a job submitted without its own parallelism could never be scheduled; raise replicas or slots, or lower it`,
      );
    }
  }

  const logLevel = props.logLevel ?? 'INFO';
  if (!LOG_LEVELS.includes(logLevel)) fail('logLevel', logLevel, `must be one of ${LOG_LEVELS.join(', ')}`);

  const network = props.network ?? {};
  const restAllowedFrom = requirePeers('network.restAllowedFrom', network.restAllowedFrom ?? []);

  const networkPolicies = requireBoolean('network.networkPolicies', network.networkPolicies ?? true);
  const restIngress = props.restIngress === undefined ? undefined : resolveIngress(props.restIngress);
  if (restIngress && networkPolicies && restAllowedFrom.length === 0) {
    fail(
      'restIngress',
      restIngress.host,
      'cannot reach the REST port: the NetworkPolicy only admits the cluster\'s own pods. Add your ingress controller to network.restAllowedFrom, e.g. [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }]',
    );
  }

  return {
    traits,
    clusterId,
    namespace,
    image,
    jobManager,
    taskManager,
    highAvailability,
    job,
    restartStrategy: props.restartStrategy,
    checkpointing,
    storageUris,
    taskManagersMountHaVolume,
    extraConfig,
    logLevel,
    networkPolicies,
    restAllowedFrom,
    agent: resolveAgent(props.haAgent, highAvailability.enabled),
    metrics: resolveMetrics(props),
    restIngress,
    argoCdSyncWaves: requireBoolean('gitOps.argoCdSyncWaves', props.gitOps?.argoCdSyncWaves ?? false),
  };
}

function resolveHighAvailability(props: FlinkClusterProps, clusterId: string): ResolvedHighAvailability {
  const ha = props.highAvailability ?? {};
  const enabled = requireBoolean('highAvailability.enabled', ha.enabled ?? true);
  const leaseDuration = ha.leaseDuration ?? Duration.seconds(15);
  const renewDeadline = ha.renewDeadline ?? Duration.seconds(15);
  const retryPeriod = ha.retryPeriod ?? Duration.seconds(5);
  const lease = durationMillis('highAvailability.leaseDuration', leaseDuration);
  const renew = durationMillis('highAvailability.renewDeadline', renewDeadline);
  const retry = durationMillis('highAvailability.retryPeriod', retryPeriod);
  if (retry < 1000)
    fail(
      'highAvailability.retryPeriod',
      retryPeriod,
      'must be at least 1 second; shorter periods load the API server for no gain',
    );
  // Flink's own defaults are 15 s / 15 s / 5 s, so the lease may equal the deadline;
  // the deadline must leave room for a jittered retry (client-go's 1.2 factor).
  if (renew > lease) {
    fail(
      'highAvailability.renewDeadline',
      renewDeadline,
      `must not exceed leaseDuration (${leaseDuration.toHumanString()}), or a leader could keep acting after its lease expired`,
    );
  }
  if (renew <= retry * 1.2) {
    fail(
      'highAvailability.retryPeriod',
      retryPeriod,
      `must be shorter than renewDeadline / 1.2 (${renewDeadline.toHumanString()} / 1.2), or a leader may lose its lease before its second renewal attempt`,
    );
  }
  let storage: HaStorageSpec | undefined;
  if (enabled) {
    if (ha.storage === undefined) {
      fail(
        'highAvailability.storage',
        undefined,
        'is required with HA: use HaStorage.newClaim(), HaStorage.existingClaim("name") or HaStorage.objectStore("s3://bucket/path")',
      );
    }
    if (!(ha.storage instanceof HaStorage)) {
      fail(
        'highAvailability.storage',
        ha.storage,
        'must be created with HaStorage.newClaim(), HaStorage.existingClaim() or HaStorage.objectStore()',
      );
    }
    storage = ha.storage._resolve(clusterId);
  } else if (ha.storage !== undefined) {
    fail(
      'highAvailability.storage',
      ha.storage,
      'has no effect while highAvailability.enabled is false; remove it or enable HA',
    );
  }
  return { enabled, storage, leaseDuration, renewDeadline, retryPeriod };
}

function resolvePods(
  p: string,
  props: FlinkPodProps | undefined,
  replicas: number,
  defaultMiB: number,
  minMiB: number,
): ResolvedPods {
  const r = props?.resources ?? {};
  const cpu = requireNumber(`${p}.resources.cpu`, r.cpu ?? 1, 0.001, 256);
  const cpuLimit =
    r.cpuLimit === undefined ? undefined : requireNumber(`${p}.resources.cpuLimit`, r.cpuLimit, 0.001, 256);
  if (cpuLimit !== undefined && cpuLimit < cpu) {
    fail(
      `${p}.resources.cpuLimit`,
      cpuLimit,
      `is below the CPU request (resources.cpu: ${cpu}); Kubernetes refuses a limit under the request. Raise cpuLimit or leave it out`,
    );
  }
  const memoryMiB = sizeMebibytes(`${p}.resources.memory`, r.memory ?? Size.mebibytes(defaultMiB));
  const processMiB =
    r.processSize === undefined ? memoryMiB : sizeMebibytes(`${p}.resources.processSize`, r.processSize);
  if (processMiB > memoryMiB) {
    fail(
      `${p}.resources.processSize`,
      Size.mebibytes(processMiB),
      `exceeds the container memory limit (${memoryMiB}Mi); the kernel would kill the JVM. Lower processSize or raise memory`,
    );
  }
  if (processMiB < minMiB) {
    fail(
      `${p}.resources.${r.processSize === undefined ? 'memory' : 'processSize'}`,
      Size.mebibytes(processMiB),
      `is below what Flink's memory model can derive components from; use at least Size.mebibytes(${minMiB})`,
    );
  }
  const env = requireList(`${p}.env`, props?.env ?? [], 'EnvVar objects', '[{ name: "TZ", value: "UTC" }]');
  env.forEach((e, i) => {
    requireObject(`${p}.env[${i}]`, e, '{ name: "TZ", value: "UTC" }');
    const name = requireEnvVarName(`${p}.env[${i}].name`, e.name);
    if (RESERVED_ENV[name]) fail(`${p}.env[${i}].name`, name, `is reserved: ${RESERVED_ENV[name]}`);
  });
  const volumes = requireList(
    `${p}.volumes`,
    props?.volumes ?? [],
    '{ volume, mountPath }',
    '[{ volume: { name: "data", emptyDir: {} }, mountPath: "/opt/flink/extra/data" }]',
  );
  const volumeNames = new Set<string>();
  const mountPaths = new Set<string>();
  volumes.forEach((v, i) => {
    requireObject(
      `${p}.volumes[${i}]`,
      v,
      '{ volume: { name: "data", emptyDir: {} }, mountPath: "/opt/flink/extra/data" }',
    );
    requireObject(`${p}.volumes[${i}].volume`, v.volume, '{ name: "data", emptyDir: {} }');
    const name = requireDnsLabel(`${p}.volumes[${i}].volume.name`, v.volume.name, 'volume name');
    if (RESERVED_VOLUMES.includes(name))
      fail(
        `${p}.volumes[${i}].volume.name`,
        name,
        `is used by the construct; pick another name (reserved: ${RESERVED_VOLUMES.join(', ')})`,
      );
    if (volumeNames.has(name))
      fail(`${p}.volumes[${i}].volume.name`, name, 'names two volumes; give each volume its own name');
    volumeNames.add(name);
    const path = requireString(`${p}.volumes[${i}].mountPath`, v.mountPath).replace(/\/+$/, '');
    if (!path.startsWith('/'))
      fail(`${p}.volumes[${i}].mountPath`, v.mountPath, `must be an absolute path, e.g. /opt/flink/extra/${name}`);
    if (RESERVED_PATHS.some((r2) => path === r2 || path.startsWith(r2 + '/') || r2.startsWith(path + '/'))) {
      fail(
        `${p}.volumes[${i}].mountPath`,
        v.mountPath,
        `overlaps a path the construct mounts (${RESERVED_PATHS.join(', ')}); mount elsewhere, e.g. /opt/flink/extra/${name}`,
      );
    }
    if (mountPaths.has(path))
      fail(
        `${p}.volumes[${i}].mountPath`,
        v.mountPath,
        'is the mount path of another volume; mount each volume at its own path',
      );
    mountPaths.add(path);
    const types = Object.keys(v.volume).filter((k) => k !== 'name');
    const bad = types.filter((t) => !RESTRICTED_VOLUME_TYPES.includes(t));
    if (types.length !== 1 || bad.length) {
      fail(
        `${p}.volumes[${i}].volume`,
        name,
        `must have exactly one source of ${RESTRICTED_VOLUME_TYPES.join(', ')} (the "restricted" Pod Security Standard refuses others${bad.length ? `, e.g. ${bad.join(', ')}` : ''})`,
      );
    }
  });
  return {
    replicas,
    cpu,
    cpuLimit,
    memoryMiB,
    processMiB,
    nodeSelector: requireLabels(`${p}.nodeSelector`, props?.nodeSelector ?? {}),
    tolerations: requireTolerations(`${p}.tolerations`, props?.tolerations ?? []),
    affinity: requireObject(`${p}.affinity`, props?.affinity ?? {}, '{ nodeAffinity: { ... } }'),
    env: [...env],
    envFrom: requireEnvFrom(`${p}.envFrom`, props?.envFrom ?? []),
    volumes: [...volumes],
    podAnnotations: requireAnnotations(`${p}.podAnnotations`, props?.podAnnotations ?? {}),
    podLabels: requireLabels(`${p}.podLabels`, props?.podLabels ?? {}),
  };
}

function resolveJob(props: FlinkClusterProps, clusterId: string, totalSlots: number): ResolvedJob {
  const j = props.job!;
  const jarUri = requireString('job.jarUri', j.jarUri);
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/.exec(jarUri);
  if (!m) {
    fail(
      'job.jarUri',
      jarUri,
      `has no scheme; write local://${jarUri.startsWith('/') ? jarUri : '/' + jarUri} for a jar inside the image`,
    );
  }
  if (m[1] !== 'local' && m[1] !== 'file') {
    fail(
      'job.jarUri',
      jarUri,
      `uses ${m[1]}://, but standalone application mode runs a jar that is inside the image; bake the jar into your image and use local:///opt/flink/usrlib/<jar>`,
    );
  }
  if (!m[2].startsWith('/') || !m[2].endsWith('.jar'))
    fail(
      'job.jarUri',
      jarUri,
      'must name an absolute path to a .jar, e.g. local:///opt/flink/examples/streaming/WordCount.jar',
    );
  if (j.entryClass !== undefined && !/^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/.test(j.entryClass)) {
    fail('job.entryClass', j.entryClass, 'is not a Java class name such as org.example.MyJob');
  }
  const args = j.args ?? [];
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string'))
    fail('job.args', args, 'must be a list of strings');
  const parallelism = requireInt('job.parallelism', j.parallelism ?? 1, 1, 32768);
  if (parallelism > totalSlots) {
    fail(
      'job.parallelism',
      parallelism,
      `exceeds the ${totalSlots} task slots (taskManager.replicas x taskManager.taskSlots), so the job could never be scheduled; raise replicas or slots, or lower parallelism`,
    );
  }
  const jobId = j.jobId ?? createHash('sha256').update(`cdk8s-flink/${clusterId}`).digest('hex').slice(0, 32);
  if (typeof jobId !== 'string' || !/^[0-9a-f]{32}$/.test(jobId))
    fail('job.jobId', jobId, 'must be 32 lowercase hex characters (a Flink JobID)');
  if (j.initialSavepointPath !== undefined) parseStorageUri('job.initialSavepointPath', j.initialSavepointPath);
  return {
    jarUri,
    jarPath: m[2],
    entryClass: j.entryClass,
    args: [...args],
    parallelism,
    jobId,
    initialSavepointPath: j.initialSavepointPath,
    allowNonRestoredState: requireBoolean('job.allowNonRestoredState', j.allowNonRestoredState ?? false),
    shutdownOnFinish: requireBoolean('job.shutdownOnFinish', j.shutdownOnFinish ?? false),
  };
}

function resolveAgent(props: HaAgentProps | undefined, haEnabled: boolean): ResolvedAgent {
  const enabled = requireBoolean('haAgent.enabled', props?.enabled ?? haEnabled);
  if (enabled && !haEnabled)
    fail('haAgent.enabled', true, "needs highAvailability: the agent follows Flink's HA leader election");
  if (props?.image !== undefined) requireString('haAgent.image', props.image);
  return {
    enabled,
    nodeImage:
      props?.nodeImage === undefined ? DEFAULT_AGENT_NODE_IMAGE : requireString('haAgent.nodeImage', props.nodeImage),
    image: props?.image,
  };
}

function resolveMetrics(props: FlinkClusterProps): ResolvedMetrics {
  const m = props.metrics ?? {};
  const allowedFrom = requirePeers('metrics.allowedFrom', m.allowedFrom ?? [{ namespaceSelector: {} }]);
  const pm: PodMonitorProps | undefined = m.podMonitor;
  const gd: GrafanaDashboardProps | undefined = m.grafanaDashboard;
  if (pm !== undefined) requireObject('metrics.podMonitor', pm, '{ labels: { release: "prometheus" } }');
  if (gd !== undefined) requireObject('metrics.grafanaDashboard', gd, '{ folder: "Flink" }');
  let podMonitor: ResolvedMetrics['podMonitor'];
  if (pm !== undefined) {
    const interval = pm.interval ?? Duration.seconds(30);
    if (durationMillis('metrics.podMonitor.interval', interval) < 1000)
      fail('metrics.podMonitor.interval', interval, 'must be at least 1 second');
    podMonitor = { labels: requireLabels('metrics.podMonitor.labels', pm.labels ?? {}), interval };
  }
  const prometheus = requireBoolean('metrics.prometheus', m.prometheus ?? true);
  if (!prometheus && (pm || gd)) {
    fail(
      'metrics.prometheus',
      false,
      "is needed by metrics.podMonitor and metrics.grafanaDashboard (they read Flink's Prometheus metrics); remove them or enable prometheus",
    );
  }
  return {
    prometheus,
    allowedFrom,
    podMonitor,
    grafanaDashboard:
      gd === undefined
        ? undefined
        : {
            labels: requireLabels('metrics.grafanaDashboard.labels', gd.labels ?? { grafana_dashboard: '1' }),
            folder: gd.folder === undefined ? undefined : requireString('metrics.grafanaDashboard.folder', gd.folder),
          },
  };
}

function resolveIngress(i: RestIngressProps): RestIngressProps {
  if (
    typeof i.host !== 'string' ||
    !/^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(i.host) ||
    i.host.length > 253
  ) {
    fail('restIngress.host', i.host, 'must be a DNS name such as flink.example.com');
  }
  if (i.ingressClassName !== undefined)
    requireDnsSubdomain('restIngress.ingressClassName', i.ingressClassName, 'IngressClass name');
  if (i.tlsSecretName !== undefined) requireDnsSubdomain('restIngress.tlsSecretName', i.tlsSecretName, 'Secret name');
  return {
    ...i,
    annotations: i.annotations === undefined ? undefined : requireAnnotations('restIngress.annotations', i.annotations),
  };
}
