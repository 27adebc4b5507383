import { ApiObjectMetadata } from 'cdk8s';
import { clusterConfigMapName, leaderLeaseName } from '../agent/contract';

/** `app.kubernetes.io/component` values (the wire strings). */
export enum Component {
  /** JobManager pods and what serves them (Services, budgets, policies). */
  JOBMANAGER = 'jobmanager',
  /** TaskManager pods and what serves them. */
  TASKMANAGER = 'taskmanager',
  /** The Flink configuration ConfigMap. */
  CONFIG = 'config',
  /** The HA storage claim. */
  HA_STORAGE = 'ha-storage',
  /** ServiceAccounts, Roles and RoleBindings. */
  RBAC = 'rbac',
  /** The HA agent's bundle. */
  HA_AGENT = 'ha-agent',
  /** PodMonitor and dashboard. */
  MONITORING = 'monitoring',
}

/** What every object's metadata is derived from. */
export interface MetadataContext {
  readonly clusterId: string;
  readonly namespace: string;
  readonly flinkVersion: string;
}

/**
 * Labels that select a component's pods. They never include the version, because a
 * Deployment's selector is immutable and an upgrade must not need a delete.
 */
export function selectorLabels(clusterId: string, component: Component): { [key: string]: string } {
  return {
    'app.kubernetes.io/name': 'flink',
    'app.kubernetes.io/instance': clusterId,
    'app.kubernetes.io/component': component,
  };
}

/** Selects every pod of one cluster, JobManagers and TaskManagers alike. */
export function clusterPodLabels(clusterId: string): { [key: string]: string } {
  return { 'app.kubernetes.io/name': 'flink', 'app.kubernetes.io/instance': clusterId };
}

/** The full `app.kubernetes.io/*` label set of an object. */
export function objectLabels(ctx: MetadataContext, component: Component): { [key: string]: string } {
  return {
    ...selectorLabels(ctx.clusterId, component),
    'app.kubernetes.io/part-of': ctx.clusterId,
    'app.kubernetes.io/version': ctx.flinkVersion,
    'app.kubernetes.io/managed-by': 'cdk8s-flink',
  };
}

/** Metadata with an explicit name (never a generated hash), the namespace and labels. */
export function metadata(
  ctx: MetadataContext,
  name: string,
  component: Component,
  annotations?: { [key: string]: string },
): ApiObjectMetadata {
  return {
    name,
    namespace: ctx.namespace,
    labels: objectLabels(ctx, component),
    ...(annotations && Object.keys(annotations).length ? { annotations } : {}),
  };
}

/** Names of everything Flink's config, the agent or a user refers to: explicit, never hashed. */
export interface ObjectNames {
  readonly config: string;
  readonly jobManager: string;
  readonly taskManager: string;
  readonly jobManagerRpc: string;
  readonly rest: string;
  readonly restLeader: string;
  readonly haClaim: string;
  /** Prefix of the agent bundle ConfigMap; the bundle's hash follows it. */
  readonly agentBundle: string;
  /** The Lease the HA agent keeps naming the leader pod. */
  readonly leaderLease: string;
  /** Flink's own leader-election lock (written by Flink, not by the construct). */
  readonly clusterConfigMap: string;
  readonly monitoring: string;
  readonly dashboard: string;
}

/** The names of one cluster's objects; the model computes them once. */
export function objectNames(clusterId: string): ObjectNames {
  return {
    config: `${clusterId}-flink-config`,
    jobManager: `${clusterId}-jobmanager`,
    taskManager: `${clusterId}-taskmanager`,
    jobManagerRpc: `${clusterId}-jobmanager-rpc`,
    rest: `${clusterId}-rest`,
    restLeader: `${clusterId}-rest-leader`,
    haClaim: `${clusterId}-ha`,
    agentBundle: `${clusterId}-ha-agent`,
    leaderLease: leaderLeaseName(clusterId),
    clusterConfigMap: clusterConfigMapName(clusterId),
    monitoring: `${clusterId}-flink`,
    dashboard: `${clusterId}-grafana-dashboard`,
  };
}
