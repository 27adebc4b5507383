/** What `ha status` and `ha clean` read about one cluster. */
import { haConfigMapSelector, isHaConfigMapOf } from '../../agent/election/ha-config-maps';
import { ConfigMap, KubeApi, Pod } from '../../agent/kube/kube-api';
import { assertClusterId } from '../../agent/kube/names';

/**
 * JobManager pods of a cluster: the construct's labels, and the labels Flink's native
 * Kubernetes integration puts on pods it creates itself, so `clean` also refuses for those.
 */
export async function jobManagerPods(api: KubeApi, namespace: string, clusterId: string): Promise<Pod[]> {
  // The selectors are built only from a valid id: a crafted one could match no pod at all.
  assertClusterId(clusterId);
  const byName = new Map<string, Pod>();
  for (const selector of [
    `app.kubernetes.io/instance=${clusterId},app.kubernetes.io/component=jobmanager`,
    `app=${clusterId},component=jobmanager`,
  ]) {
    for (const p of await api.listPods(namespace, selector)) byName.set(p.metadata.name, p);
  }
  return [...byName.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/** ConfigMaps carrying a cluster's HA labels: those that are its HA ConfigMaps, and the others. */
export interface HaConfigMaps {
  readonly ours: ConfigMap[];
  /** Labeled like the cluster's HA ConfigMaps, but not named like them: never touched. */
  readonly foreign: ConfigMap[];
}

/** Flink's HA ConfigMaps of a cluster: its leader lock and per-job ConfigMaps, by labels and exact names. */
export async function haConfigMaps(api: KubeApi, namespace: string, clusterId: string): Promise<HaConfigMaps> {
  const { items } = await api.listConfigMaps(namespace, { labelSelector: haConfigMapSelector(clusterId) });
  const byName = (a: ConfigMap, b: ConfigMap) => a.metadata.name.localeCompare(b.metadata.name);
  return {
    ours: items.filter((cm) => isHaConfigMapOf(clusterId, cm)).sort(byName),
    foreign: items.filter((cm) => !isHaConfigMapOf(clusterId, cm)).sort(byName),
  };
}
