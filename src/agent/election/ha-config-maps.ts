/**
 * Flink's HA ConfigMaps of one cluster: `<cluster-id>-cluster-config-map` (the leader lock,
 * job graphs) and, per job, `<cluster-id>-<job id>-config-map` (checkpoints, counter).
 * Flink labels all of them `app=<cluster-id>,type=flink-native-kubernetes`.
 */

/** The label selector of a cluster's HA ConfigMaps. */
export function haConfigMapSelector(clusterId: string): string {
  return `app=${clusterId},type=flink-native-kubernetes`;
}
