import * as k8s from '../../imports/k8s';
import { haVolume } from '../props/ha-storage';
import { Component, selectorLabels } from '../model/labels';
import { containerSecurityContext, podSecurityContext } from './pod-security';
import { ResolvedCluster, ResolvedPods } from '../model/resolve-cluster';
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
    lines.push(
      'if [ -d /opt/flink/usrlib ]; then cp -R /opt/flink/usrlib/. /work/usrlib/; fi',
      `cp ${opts.jarPath} /work/usrlib/`,
    );
  }
  return lines.join('\n');
}

/** What differs between a JobManager and a TaskManager pod. */
export interface FlinkPodOptions {
  readonly component: Component;
  readonly pods: ResolvedPods;
  readonly serviceAccountName: string;
  readonly configMapName: string;
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

/** The pod template of a Flink JobManager or TaskManager. */
export function flinkPodTemplate(c: ResolvedCluster, o: FlinkPodOptions): k8s.PodTemplateSpec {
  const storage = c.highAvailability.storage;
  const ha = storage && o.mountHaVolume ? haVolume(storage) : undefined;
  const creds = storage?.credentials;
  const plugins = c.storageUris.flatMap((u) => (u.plugin ? [u.plugin] : []));

  const volumes: k8s.Volume[] = [
    { name: 'flink-config-src', configMap: { name: o.configMapName } },
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
  if (ha) {
    volumes.push(ha.volume);
    mounts.push(ha.mount);
  }
  const env: k8s.EnvVar[] = [...o.env];
  const envFrom: k8s.EnvFromSource[] = [];
  if (creds?.envFromSecret) envFrom.push({ secretRef: { name: creds.envFromSecret } });
  if (creds?.fileSecret) {
    volumes.push({
      name: 'fs-credentials',
      secret: { secretName: creds.fileSecret.name, items: [{ key: creds.fileSecret.key, path: creds.fileSecret.key }] },
    });
    mounts.push({ name: 'fs-credentials', mountPath: `/opt/flink/secrets/${creds.fileSecret.name}`, readOnly: true });
    env.push({
      name: creds.fileSecret.fileEnv,
      value: `/opt/flink/secrets/${creds.fileSecret.name}/${creds.fileSecret.key}`,
    });
  }
  for (const v of o.pods.volumes) {
    volumes.push(v.volume);
    mounts.push({ name: v.volume.name, mountPath: v.mountPath, ...(v.readOnly ? { readOnly: true } : {}) });
  }
  env.push(...o.pods.env);
  envFrom.push(...o.pods.envFrom);
  volumes.push(...(o.sidecarVolumes ?? []));

  const resources: k8s.ResourceRequirements = {
    requests: { cpu: cpuQuantity(o.pods.cpu), memory: k8s.Quantity.fromString(`${o.pods.memoryMiB}Mi`) },
    limits: {
      ...(o.pods.cpuLimit !== undefined ? { cpu: cpuQuantity(o.pods.cpuLimit) } : {}),
      memory: k8s.Quantity.fromString(`${o.pods.memoryMiB}Mi`),
    },
  };

  const selector = selectorLabels(c.clusterId, o.component);
  const haEnabled = c.highAvailability.enabled;
  return {
    metadata: {
      labels: { ...o.pods.podLabels, ...o.extraPodLabels, ...selector },
      annotations: { ...o.pods.podAnnotations, [CONFIG_CHECKSUM_ANNOTATION]: o.configChecksum },
    },
    spec: {
      serviceAccountName: o.serviceAccountName,
      // Only HA needs the API: JobManagers for the lock, TaskManagers to find the leader.
      automountServiceAccountToken: haEnabled,
      enableServiceLinks: false,
      securityContext: podSecurityContext(),
      ...(c.image.pullSecrets.length ? { imagePullSecrets: c.image.pullSecrets.map((name) => ({ name })) } : {}),
      ...(Object.keys(o.pods.nodeSelector).length ? { nodeSelector: o.pods.nodeSelector } : {}),
      ...(o.pods.tolerations.length ? { tolerations: o.pods.tolerations } : {}),
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
      initContainers: [
        {
          name: 'prepare-flink',
          image: c.image.reference,
          imagePullPolicy: c.image.pullPolicy,
          command: [
            'sh',
            '-c',
            prepareScript({ staleConfigFile: c.traits.staleConfigFileName, plugins, jarPath: o.jarPath }),
          ],
          volumeMounts: workMounts,
          resources: {
            requests: { cpu: k8s.Quantity.fromString('100m'), memory: k8s.Quantity.fromString('64Mi') },
            limits: { memory: k8s.Quantity.fromString('64Mi') },
          },
          securityContext: containerSecurityContext(),
        },
      ],
      containers: [
        {
          name: FLINK_CONTAINER_NAME,
          image: c.image.reference,
          imagePullPolicy: c.image.pullPolicy,
          args: o.args,
          ...(env.length ? { env } : {}),
          ...(envFrom.length ? { envFrom } : {}),
          ports: o.ports,
          // Start-up (JVM, HA recovery) may be slow; liveness only counts once the port is open.
          startupProbe: {
            tcpSocket: { port: k8s.IntOrString.fromString(o.livenessPort) },
            periodSeconds: 5,
            failureThreshold: 60,
          },
          livenessProbe: {
            tcpSocket: { port: k8s.IntOrString.fromString(o.livenessPort) },
            periodSeconds: 10,
            failureThreshold: 6,
          },
          readinessProbe: {
            tcpSocket: { port: k8s.IntOrString.fromString(o.readinessPort) },
            periodSeconds: 5,
            failureThreshold: 3,
          },
          resources,
          volumeMounts: mounts,
          securityContext: containerSecurityContext(),
        },
        ...(o.sidecars ?? []),
      ],
      volumes,
    },
  };
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
