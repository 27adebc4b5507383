/** What `ha status` and `ha clean` read about one cluster. */
import { haConfigMapSelector } from '../../agent/election/ha-config-maps';
import { ConfigMap, KubeApi, Pod } from '../../agent/kube/kube-api';

/**
 * JobManager pods of a cluster: the construct's labels, and the labels Flink's native
 * Kubernetes integration puts on pods it creates itself, so `clean` also refuses for those.
 */
export async function jobManagerPods(api: KubeApi, namespace: string, clusterId: string): Promise<Pod[]> {
  const byName = new Map<string, Pod>();
  for (const selector of [
    `app.kubernetes.io/instance=${clusterId},app.kubernetes.io/component=jobmanager`,
    `app=${clusterId},component=jobmanager`,
  ]) {
    for (const p of await api.listPods(namespace, selector)) byName.set(p.metadata.name, p);
  }
  return [...byName.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/** Flink's HA ConfigMaps of a cluster: its leader lock and per-job ConfigMaps. */
export async function haConfigMaps(api: KubeApi, namespace: string, clusterId: string): Promise<ConfigMap[]> {
  return (await api.listConfigMaps(namespace, { labelSelector: haConfigMapSelector(clusterId) })).items;
}
