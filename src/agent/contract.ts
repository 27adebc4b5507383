/**
 * The contract between the FlinkCluster construct (which wires the HA agent sidecar into
 * every JobManager pod) and the agent itself. Both sides import these constants, so a
 * rename cannot leave the manifests and the agent disagreeing.
 */

/** Port of the agent's HTTP server: /healthz, /readyz, /metrics, /status. */
export const AGENT_PORT = 8090;

/** Name of the agent's container port. */
export const AGENT_PORT_NAME = 'ha-agent';

/** Name of the sidecar container. */
export const AGENT_CONTAINER_NAME = 'ha-agent';

/**
 * Pod label the agent keeps on its own pod. The leader-only REST Service selects
 * `ROLE_LABEL=leader`.
 */
export const ROLE_LABEL = 'flink.cdk8s.io/ha-role';

/** Values of {@link ROLE_LABEL}. */
export enum HaRole {
  /** The pod whose IP is in Flink's REST leader entry. */
  LEADER = 'leader',
  /** A candidate that is not the leader. */
  STANDBY = 'standby',
  /** Not known yet, or the agent cannot tell (no leader, API unreachable). */
  UNKNOWN = 'unknown',
}

/** File name of the bundled agent inside its ConfigMap and mount. */
export const AGENT_BUNDLE_FILE = 'ha-agent.js';

/** Where the agent bundle is mounted in the sidecar. */
export const AGENT_BUNDLE_MOUNT_PATH = '/opt/ha-agent';

/** Environment variables the construct sets on the sidecar and the agent reads. */
export const AgentEnv = {
  /** Downward API: metadata.name */
  POD_NAME: 'POD_NAME',
  /** Downward API: metadata.namespace */
  POD_NAMESPACE: 'POD_NAMESPACE',
  /** Downward API: status.podIP */
  POD_IP: 'POD_IP',
  /** `kubernetes.cluster-id`: the agent watches `<id>-cluster-config-map`. */
  CLUSTER_ID: 'FLINK_CLUSTER_ID',
  /** `high-availability.cluster-id`: sub-directory of the HA storage dir. */
  HA_CLUSTER_ID: 'FLINK_HA_CLUSTER_ID',
  /** `high-availability.storageDir` exactly as written into the Flink config. */
  HA_STORAGE_DIR: 'FLINK_HA_STORAGE_DIR',
  /**
   * Local path where the HA storage is mounted in the sidecar, when it is a volume;
   * unset for object stores (the agent then skips filesystem checks).
   */
  HA_STORAGE_PATH: 'FLINK_HA_STORAGE_PATH',
  /** Flink version declared by the construct, e.g. `1.19`. */
  FLINK_VERSION: 'FLINK_VERSION',
  /** Name of the coordination.k8s.io Lease that mirrors Flink's leadership. */
  LEASE_NAME: 'HA_AGENT_LEASE_NAME',
  /** Flink's leader-election lease duration in seconds (staleness threshold). */
  LEASE_DURATION_SECONDS: 'HA_AGENT_LEASE_DURATION_SECONDS',
  /** HTTP port (defaults to AGENT_PORT). */
  PORT: 'HA_AGENT_PORT',
} as const;

/** Name of Flink's own HA ConfigMap (the leader-election lock), Flink >= 1.15. */
export function clusterConfigMapName(clusterId: string): string {
  return `${clusterId}-cluster-config-map`;
}

/** Name of the Lease the agent writes to mirror Flink's leadership. */
export function leaderLeaseName(clusterId: string): string {
  return `${clusterId}-jobmanager-leader`;
}
