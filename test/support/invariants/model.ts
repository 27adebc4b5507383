import { parse as parseYaml } from 'yaml';
import type { FlinkCluster } from '../../../src';
import type { K8sObject } from '../synth';

/** A Deployment's pod template, with what selectors and policies look at. */
export interface PodGroup {
  readonly deployment: K8sObject;
  /** `app.kubernetes.io/component` of the Deployment: jobmanager or taskmanager. */
  readonly component: string;
  readonly labels: Record<string, string>;
  readonly spec: Record<string, any>;
  readonly namespace: string;
}

/** Names a cluster's pods may reference without the construct emitting them. */
export interface ExternalRefs {
  readonly secrets: ReadonlySet<string>;
  readonly configMaps: ReadonlySet<string>;
  readonly claims: ReadonlySet<string>;
}

/** What every invariant reads: the objects of one cluster, and what its props declare. */
export interface ClusterView {
  readonly objects: K8sObject[];
  readonly namespace: string;
  readonly pods: PodGroup[];
  /** The Flink configuration rendered into the ConfigMap, parsed back. */
  readonly flinkConfig: Record<string, string>;
  readonly external: ExternalRefs;
}

/** Parses Flink's config file: standard YAML (config.yaml) or flat `key: value` lines (flink-conf.yaml). */
export function parseFlinkConfig(fileName: string, text: string): Record<string, string> {
  if (fileName === 'config.yaml') {
    const doc = parseYaml(text) as Record<string, unknown>;
    return Object.fromEntries(Object.entries(doc ?? {}).map(([k, v]) => [k, String(v)]));
  }
  const out: Record<string, string> = {};
  for (const line of text.split('\n')) {
    const m = /^([^#:\s][^:]*):\s?(.*)$/.exec(line);
    if (m) out[m[1].trim()] = m[2].trim();
  }
  return out;
}

/** The Flink config of the objects: from the ConfigMap holding config.yaml or flink-conf.yaml. */
export function flinkConfigOf(objects: K8sObject[]): Record<string, string> {
  for (const o of objects) {
    if (o.kind !== 'ConfigMap') continue;
    for (const file of ['config.yaml', 'flink-conf.yaml']) {
      if (typeof o.data?.[file] === 'string') return parseFlinkConfig(file, o.data[file]);
    }
  }
  throw new Error('no ConfigMap with config.yaml or flink-conf.yaml');
}

/** The names a cluster's props say exist outside the construct. */
export function externalRefsOf(cluster: FlinkCluster): ExternalRefs {
  const c = cluster._model;
  const secrets = new Set<string>(c.image.pullSecrets);
  const configMaps = new Set<string>();
  const claims = new Set<string>();
  const storage = c.highAvailability.storage;
  if (storage?.kind === 'existing-claim' && storage.claimName) claims.add(storage.claimName);
  const credentials = storage?.kind === 'object-store' ? storage.credentials : undefined;
  if (credentials?.envFromSecret) secrets.add(credentials.envFromSecret);
  if (credentials?.fileSecret) secrets.add(credentials.fileSecret.name);
  if (c.restIngress?.tlsSecretName) secrets.add(c.restIngress.tlsSecretName);
  for (const pods of [c.jobManager, c.taskManager]) {
    for (const v of pods.volumes) {
      if (v.volume.secret?.secretName) secrets.add(v.volume.secret.secretName);
      if (v.volume.configMap?.name) configMaps.add(v.volume.configMap.name);
      if (v.volume.persistentVolumeClaim?.claimName) claims.add(v.volume.persistentVolumeClaim.claimName);
    }
    for (const e of pods.envFrom) {
      if (e.secretRef?.name) secrets.add(e.secretRef.name);
      if (e.configMapRef?.name) configMaps.add(e.configMapRef.name);
    }
    for (const e of pods.env) {
      if (e.valueFrom?.secretKeyRef?.name) secrets.add(e.valueFrom.secretKeyRef.name);
      if (e.valueFrom?.configMapKeyRef?.name) configMaps.add(e.valueFrom.configMapKeyRef.name);
    }
  }
  return { secrets, configMaps, claims };
}

/** Builds the view invariants check, from a synthesized cluster. */
export function clusterView(objects: K8sObject[], cluster: FlinkCluster): ClusterView {
  return {
    objects,
    namespace: cluster.namespace,
    pods: objects
      .filter((o) => o.kind === 'Deployment')
      .map((d) => ({
        deployment: d,
        component: d.metadata.labels?.['app.kubernetes.io/component'] ?? '',
        labels: d.spec?.template?.metadata?.labels ?? {},
        spec: d.spec?.template?.spec ?? {},
        namespace: d.metadata.namespace ?? '',
      })),
    flinkConfig: flinkConfigOf(objects),
    external: externalRefsOf(cluster),
  };
}

/** Every container of a pod spec, init containers included. */
export function allContainers(spec: Record<string, any>): Array<Record<string, any>> {
  return [...(spec.initContainers ?? []), ...(spec.containers ?? []), ...(spec.ephemeralContainers ?? [])];
}

/** "Deployment/name" for messages. */
export const ref = (o: K8sObject) => `${o.kind}/${o.metadata.name}`;
