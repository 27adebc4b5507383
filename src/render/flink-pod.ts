import { k8s } from '../../imports/k8s';
import { Component, selectorLabels } from '../model/labels';
import { containerSecurityContext, podSecurityContext } from './pod-security';
import { ClusterModel, PodsModel } from '../model/cluster-model';
import { FilesystemPlugin } from '../flink/storage-uri';

/** Name of the Flink container, as the Flink Kubernetes Operator names it. */
export const FLINK_CONTAINER_NAME = 'flink-main-container';

const CONFIG_SRC = '/flink-config-src';

/** Annotation whose value changes with the Flink config, so a config change rolls the pods. */
export const CONFIG_CHECKSUM_ANNOTATION = 'flink.cdk8s.io/config-checksum';

/**
 * The init container's script. The official image rewrites its config file at start-up,
 * so the ConfigMap cannot be mounted at /opt/flink/conf: the image's conf directory is
 * copied into an emptyDir and ours laid over it. The same goes for plugins (the image
 * ships metric reporters there, which must survive), and for a job jar inside the image.
 */
export function prepareScript(opts: {
  readonly staleConfigFile: string;
  readonly plugins: readonly FilesystemPlugin[];
  readonly jarPath?: string;
}): string {
  const lines = [
    'set -eu',
    'cp -R /opt/flink/conf/. /work/conf/',
    `rm -f /work/conf/${opts.staleConfigFile}`,
    `cp ${CONFIG_SRC}/* /work/conf/`,
    'if [ -d /opt/flink/plugins ]; then cp -R /opt/flink/plugins/. /work/plugins/; fi',
  ];
  const seen = new Set<string>();
  for (const p of opts.plugins) {
    if (seen.has(p.dir)) continue;
    seen.add(p.dir);
    lines.push(`mkdir -p /work/plugins/${p.dir}`, `cp /opt/flink/opt/${p.jarPrefix}-*.jar /work/plugins/${p.dir}/`);
  }
  if (opts.jarPath) {
    // The emptyDir hides the image's usrlib: keep what the image has there, then add the job jar.
    // The jar path arrives as "$1" (data, never spliced into the script): see prepareCommand.
    lines.push(
      'if [ -d /opt/flink/usrlib ]; then cp -R /opt/flink/usrlib/. /work/usrlib/; fi',
      'cp -- "$1" /work/usrlib/',
    );
  }
  return lines.join('\n');
}

/**
 * The init container's command: the fixed script, with the job jar's path as a positional
 * parameter, so no value a user wrote is ever parsed by the shell.
 */
export function prepareCommand(opts: Parameters<typeof prepareScript>[0]): string[] {
  return ['sh', '-c', prepareScript(opts), 'prepare-flink', ...(opts.jarPath ? [kubernetesLiteral(opts.jarPath)] : [])];
}

/**
 * A string the kubelet passes on unchanged: it expands `$(NAME)` in command, args and env
 * values and turns `$$` into `$`, so every `$` is doubled.
 */
export function kubernetesLiteral(value: string): string {
  return value.replace(/\$/g, '$$$$');
}

/** What differs between a JobManager and a TaskManager pod. */
export interface FlinkPodOptions {
  readonly component: Component;
  readonly pods: PodsModel;
  /** Changes with the Flink configuration, so a config change rolls the pods. */
  readonly configChecksum: string;
  readonly args: string[];
  readonly env: k8s.EnvVar[];
  readonly ports: k8s.ContainerPort[];
  readonly livenessPort: string;
  readonly readinessPort: string;
  /** Mount the HA volume (JobManagers; TaskManagers when checkpoints are on it). */
  readonly mountHaVolume: boolean;
  /** The job jar to copy into usrlib (application mode, JobManagers and TaskManagers). */
  readonly jarPath?: string;
  /** Sidecars and their volumes (the HA agent). */
  readonly sidecars?: k8s.Container[];
  readonly sidecarVolumes?: k8s.Volume[];
  /** Extra pod labels the sidecars rely on. */
  readonly extraPodLabels?: { [key: string]: string };
}

const cpuQuantity = (cores: number) =>
  k8s.Quantity.fromString(Number.isInteger(cores) ? String(cores) : `${Math.round(cores * 1000)}m`);

/** The volumes of a Flink pod and where the init container and the Flink container mount them. */
interface PodStorage {
  readonly volumes: k8s.Volume[];
  readonly workMounts: k8s.VolumeMount[];
  readonly mounts: k8s.VolumeMount[];
  readonly env: k8s.EnvVar[];
  readonly envFrom: k8s.EnvFromSource[];
}

/** The pod template of a Flink JobManager or TaskManager. */
export function flinkPodTemplate(m: ClusterModel, o: FlinkPodOptions): k8s.PodTemplateSpec {
  const storage = podStorage(m, o);
  const selector = selectorLabels(m.clusterId, o.component);
  return {
    metadata: {
      labels: { ...o.pods.podLabels, ...o.extraPodLabels, ...selector },
      annotations: { ...o.pods.podAnnotations, [CONFIG_CHECKSUM_ANNOTATION]: o.configChecksum },
    },
    spec: {
      serviceAccountName: o.component === Component.JOBMANAGER ? m.names.jobManager : m.names.taskManager,
      // Only HA needs the API: JobManagers for the lock, TaskManagers to find the leader.
      automountServiceAccountToken: m.highAvailability.enabled,
      enableServiceLinks: false,
      securityContext: podSecurityContext(),
      ...(m.image.pullSecrets.length ? { imagePullSecrets: m.image.pullSecrets.map((name) => ({ name })) } : {}),
      ...(Object.keys(o.pods.nodeSelector).length ? { nodeSelector: { ...o.pods.nodeSelector } } : {}),
      ...(o.pods.tolerations.length ? { tolerations: [...o.pods.tolerations] } : {}),
      affinity: spreadAffinity(selector, o.pods.affinity),
      topologySpreadConstraints: [
        {
          // ScheduleAnyway: a one-zone cluster must still schedule every pod.
          maxSkew: 1,
          topologyKey: 'topology.kubernetes.io/zone',
          whenUnsatisfiable: 'ScheduleAnyway',
          labelSelector: { matchLabels: selector },
        },
      ],
      initContainers: [prepareContainer(m, o, storage)],
      containers: [flinkContainer(m, o, storage), ...(o.sidecars ?? [])],
      volumes: storage.volumes,
    },
  };
}

/** Volumes: the config (read-only source, writable copy), log, tmp, plugins, usrlib, HA claim, credentials, user's. */
function podStorage(m: ClusterModel, o: FlinkPodOptions): PodStorage {
  const volumes: k8s.Volume[] = [
    { name: 'flink-config-src', configMap: { name: m.names.config } },
    { name: 'flink-config', emptyDir: {} },
    { name: 'flink-log', emptyDir: {} },
    { name: 'tmp', emptyDir: {} },
    { name: 'plugins', emptyDir: {} },
  ];
  const workMounts: k8s.VolumeMount[] = [
    { name: 'flink-config-src', mountPath: CONFIG_SRC, readOnly: true },
    { name: 'flink-config', mountPath: '/work/conf' },
    { name: 'plugins', mountPath: '/work/plugins' },
  ];
  const mounts: k8s.VolumeMount[] = [
    { name: 'flink-config', mountPath: '/opt/flink/conf' },
    { name: 'flink-log', mountPath: '/opt/flink/log' },
    { name: 'tmp', mountPath: '/tmp' },
    { name: 'plugins', mountPath: '/opt/flink/plugins' },
  ];
  if (o.jarPath) {
    volumes.push({ name: 'usrlib', emptyDir: {} });
    workMounts.push({ name: 'usrlib', mountPath: '/work/usrlib' });
    mounts.push({ name: 'usrlib', mountPath: '/opt/flink/usrlib' });
  }
  if (m.haClaim && o.mountHaVolume) {
    volumes.push(haClaimVolume(m.haClaim.claimName));
    mounts.push({ name: HA_VOLUME, mountPath: m.haClaim.mountPath });
  }
  const env: k8s.EnvVar[] = [...o.env];
  const envFrom: k8s.EnvFromSource[] = [];
  const storage = m.highAvailability.storage;
  const creds = storage?.kind === 'object-store' ? storage.credentials : undefined;
  if (creds?.envFromSecret) envFrom.push({ secretRef: { name: creds.envFromSecret } });
  if (creds?.fileSecret) {
    const { name, key, fileEnv } = creds.fileSecret;
    volumes.push({ name: 'fs-credentials', secret: { secretName: name, items: [{ key, path: key }] } });
    mounts.push({ name: 'fs-credentials', mountPath: `/opt/flink/secrets/${name}`, readOnly: true });
    env.push({ name: fileEnv, value: `/opt/flink/secrets/${name}/${key}` });
  }
  for (const v of o.pods.volumes) {
    volumes.push(v.volume);
    mounts.push({ name: v.volume.name, mountPath: v.mountPath, ...(v.readOnly ? { readOnly: true } : {}) });
  }
  env.push(...o.pods.env);
  envFrom.push(...o.pods.envFrom);
  volumes.push(...(o.sidecarVolumes ?? []));
  return { volumes, workMounts, mounts, env, envFrom };
}

/** The init container that lays the generated config (and plugins, the job jar) into writable folders. */
function prepareContainer(m: ClusterModel, o: FlinkPodOptions, storage: PodStorage): k8s.Container {
  const plugins = m.storageUris.flatMap((u) => (u.plugin ? [u.plugin] : []));
  return {
    name: 'prepare-flink',
    image: m.image.reference,
    imagePullPolicy: m.image.pullPolicy,
    command: prepareCommand({ staleConfigFile: m.traits.staleConfigFileName, plugins, jarPath: o.jarPath }),
    volumeMounts: storage.workMounts,
    resources: {
      requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('64Mi') },
      limits: { memory: k8s.Quantity.fromString('64Mi') },
    },
    securityContext: containerSecurityContext(),
  };
}

/** The Flink container: memory request = limit (Flink sizes its process from it), probes on Flink's ports. */
function flinkContainer(m: ClusterModel, o: FlinkPodOptions, storage: PodStorage): k8s.Container {
  const memory = k8s.Quantity.fromString(`${o.pods.memoryMiB}Mi`);
  const port = (name: string) => k8s.IntOrString.fromString(name);
  return {
    name: FLINK_CONTAINER_NAME,
    image: m.image.reference,
    imagePullPolicy: m.image.pullPolicy,
    args: o.args,
    ...(storage.env.length ? { env: storage.env } : {}),
    ...(storage.envFrom.length ? { envFrom: storage.envFrom } : {}),
    ports: o.ports,
    // Start-up (JVM, HA recovery) may be slow; liveness only counts once the port is open.
    startupProbe: { tcpSocket: { port: port(o.livenessPort) }, periodSeconds: 5, failureThreshold: 60 },
    livenessProbe: { tcpSocket: { port: port(o.livenessPort) }, periodSeconds: 10, failureThreshold: 6 },
    readinessProbe: { tcpSocket: { port: port(o.readinessPort) }, periodSeconds: 5, failureThreshold: 3 },
    resources: {
      requests: { cpu: cpuQuantity(o.pods.cpu), memory },
      limits: { ...(o.pods.cpuLimit !== undefined ? { cpu: cpuQuantity(o.pods.cpuLimit) } : {}), memory },
    },
    volumeMounts: storage.mounts,
    securityContext: containerSecurityContext(),
  };
}

/** Name of the HA claim's volume in JobManager, TaskManager and agent containers. */
export const HA_VOLUME = 'ha-storage';

/** The HA claim as a pod volume. */
export function haClaimVolume(claimName: string): k8s.Volume {
  return { name: HA_VOLUME, persistentVolumeClaim: { claimName } };
}

/** Soft anti-affinity across nodes plus the user's additions. */
function spreadAffinity(selector: { [key: string]: string }, extra: k8s.Affinity): k8s.Affinity {
  const anti = extra.podAntiAffinity ?? {};
  return {
    ...(extra.nodeAffinity ? { nodeAffinity: extra.nodeAffinity } : {}),
    ...(extra.podAffinity ? { podAffinity: extra.podAffinity } : {}),
    podAntiAffinity: {
      preferredDuringSchedulingIgnoredDuringExecution: [
        {
          weight: 100,
          podAffinityTerm: { topologyKey: 'kubernetes.io/hostname', labelSelector: { matchLabels: selector } },
        },
        ...(anti.preferredDuringSchedulingIgnoredDuringExecution ?? []),
      ],
      ...(anti.requiredDuringSchedulingIgnoredDuringExecution
        ? { requiredDuringSchedulingIgnoredDuringExecution: anti.requiredDuringSchedulingIgnoredDuringExecution }
        : {}),
    },
  };
}
