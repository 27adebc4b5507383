// The public API, by name: anything not listed here is internal and may change.
// jsii (Python and other languages) sees classes, interfaces and enums only: every free
// function and constant below is a TypeScript alias of a static member of an exported class
// (synthGitOps = GitOpsOutput.synth, HA_MOUNT_PATH = HaStorage.MOUNT_PATH, ...).

// The construct
export { FlinkCluster } from './cluster/flink-cluster';
export { JobManagerDeployment } from './render/jobmanager';
export { TaskManagerDeployment } from './render/taskmanager';

// What a user types
export type {
  ExtraVolume,
  FlinkClusterProps,
  FlinkImageProps,
  FlinkJobProps,
  FlinkMetricsProps,
  FlinkNetworkProps,
  FlinkPodProps,
  FlinkResourcesProps,
  FlinkSecurityProps,
  GitOpsProps,
  GrafanaDashboardProps,
  HaAgentProps,
  HighAvailabilityProps,
  JobManagerProps,
  PodMonitorProps,
  RestIngressProps,
  TaskManagerProps,
} from './props/cluster-props';
export { ImagePullPolicy } from './props/cluster-props';
export { AccessMode, HA_MOUNT_PATH, HaStorage } from './props/ha-storage';
export type {
  ExistingClaimProps,
  NewClaimProps,
  ObjectStoreCredentials,
  ObjectStoreFileSecret,
  ObjectStoreProps,
} from './props/ha-storage';
export { RestartStrategy, RestartStrategyType } from './props/restart-strategy';
export type {
  ExponentialDelayRestartProps,
  FailureRateRestartProps,
  FixedDelayRestartProps,
} from './props/restart-strategy';
export { CheckpointingMode } from './props/checkpointing';
export type { CheckpointingProps } from './props/checkpointing';
export { FlinkVersion } from './flink/flink-version';
export { FlinkPorts } from './flink/ports';
export { DEFAULT_AGENT_NODE_IMAGE } from './model/observability';
export { HaAgentContract } from './model/ha-agent-contract';
export { Component } from './model/labels';
export { FlinkValidationError } from './validation/errors';

// The HA agent's contract with the cluster (labels, ports)
export { AGENT_PORT, HaRole, ROLE_LABEL } from './agent/contract';

// GitOps output and observability
export { GitOpsOutput, OutputLayout, synthGitOps } from './gitops/gitops-output';
export type { GitOpsOutputOptions } from './gitops/gitops-output';
export { SYNC_WAVE_ANNOTATION } from './render/sync-waves';
export { dashboardUid, flinkDashboard, FlinkGrafanaDashboard } from './render/observability/grafana-dashboard';
export type { Dashboard, DashboardPanel, DashboardSources, GridPos } from './render/observability/grafana-dashboard';

// From a Flink Kubernetes Operator FlinkDeployment
export { FlinkDeploymentConverter, flinkDeploymentToProps } from './convert/flink-deployment';
export type { FlinkDeploymentConversion, FlinkDeploymentConversionOptions } from './convert/flink-deployment';
export type { ConversionFinding, FindingSeverity } from './convert/conversion-report';
