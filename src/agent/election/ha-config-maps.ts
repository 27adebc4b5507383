/**
 * Flink's HA ConfigMaps of one cluster: `<cluster-id>-cluster-config-map` (the leader lock,
 * job graphs) and, per job, `<cluster-id>-<job id>-config-map` (checkpoints, counter).
 * Flink labels all of them `app=<cluster-id>,type=flink-native-kubernetes`.
 */
import { clusterConfigMapName } from '../contract';
import { ConfigMap } from '../kube/kube-api';
import { assertClusterId } from '../kube/names';

/** The labels Flink puts on every HA ConfigMap of a cluster. */
export function haConfigMapLabels(clusterId: string): { readonly [key: string]: string } {
  return { app: clusterId, type: 'flink-native-kubernetes' };
}

/** The label selector of a cluster's HA ConfigMaps, built only from a valid cluster id. */
export function haConfigMapSelector(clusterId: string): string {
  assertClusterId(clusterId);
  return Object.entries(haConfigMapLabels(clusterId))
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

/** The name of a job's HA ConfigMap. */
export function jobConfigMapName(clusterId: string, jobId: string): string {
  return `${clusterId}-${jobId}-config-map`;
}

/**
 * Whether `cm` is one of this cluster's HA ConfigMaps: a name Flink gives them exactly,
 * and Flink's labels. Labels alone are not enough (anyone can copy them), and neither is a
 * prefix (another cluster's id can start with this one's).
 */
export function isHaConfigMapOf(clusterId: string, cm: ConfigMap): boolean {
  const name = cm.metadata.name;
  const jobPrefix = `${clusterId}-`;
  const isJobName = name.startsWith(jobPrefix) && /^[0-9a-f]{32}-config-map$/.test(name.slice(jobPrefix.length));
  if (name !== clusterConfigMapName(clusterId) && !isJobName) return false;
  const labels = cm.metadata.labels ?? {};
  return Object.entries(haConfigMapLabels(clusterId)).every(([key, value]) => labels[key] === value);
}
