import { Duration, Size } from 'cdk8s';
import { k8s } from '../../imports/k8s';
import { HaStorage } from './ha-storage';
import { CheckpointingProps } from './checkpointing';
import { FlinkVersion } from '../flink/flink-version';
import { RestartStrategy } from './restart-strategy';

/** Image pull policies (the wire strings). */
export enum ImagePullPolicy {
  /** Pull on every pod start. */
  ALWAYS = 'Always',
  /** Pull only when the node does not have the image. */
  IF_NOT_PRESENT = 'IfNotPresent',
  /** Never pull; the image must be on the node. */
  NEVER = 'Never',
}

/** The Flink image. */
export interface FlinkImageProps {
  /** @default 'flink' (the official image) */
  readonly repository?: string;
  /**
   * Must name the declared Flink version when it starts with a version number
   * (`1.19`, `1.19.1`, `1.19.1-java17`).
   * @default the declared flinkVersion, e.g. '1.19'
   */
  readonly tag?: string;
  /** `sha256:<64 hex>`; pins the exact image. @default none */
  readonly digest?: string;
  /** @default ImagePullPolicy.IF_NOT_PRESENT */
  readonly pullPolicy?: ImagePullPolicy;
  /** Names of docker-registry Secrets in the namespace. @default none */
  readonly pullSecrets?: string[];
}

/** Container resources. Memory request = limit, and Flink's process size follows it. */
export interface FlinkResourcesProps {
  /** CPU cores requested (e.g. 0.5, 1, 2). @default 1 */
  readonly cpu?: number;
  /** CPU limit in cores. @default none (no throttling) */
  readonly cpuLimit?: number;
  /** Container memory (request and limit). */
  readonly memory?: Size;
  /**
   * Flink's `*.memory.process.size`; must fit in `memory`.
   * @default equal to memory
   */
  readonly processSize?: Size;
}

/** An extra volume mounted into the Flink container. */
export interface ExtraVolume {
  /** The volume; its source must be a type the "restricted" Pod Security Standard admits. */
  readonly volume: k8s.Volume;
  /**
   * Absolute path in the Flink container, outside the paths the construct mounts and not over
   * the distribution's bin, lib or opt folder. Compared as the kernel resolves it (`//` and `.`
   * collapse, a trailing `/` is dropped, and that is the path written); `..` is refused.
   */
  readonly mountPath: string;
  /** @default false */
  readonly readOnly?: boolean;
}

/** Placement and pod additions shared by JobManagers and TaskManagers. */
export interface FlinkPodProps {
  /** CPU and memory. @default 1 CPU and Flink's default process size */
  readonly resources?: FlinkResourcesProps;
  /** @default none */
  readonly nodeSelector?: { [key: string]: string };
  /** @default none */
  readonly tolerations?: k8s.Toleration[];
  /**
   * Affinity merged with the construct's own soft anti-affinity: node and pod affinity are
   * used as given, pod anti-affinity terms are added to the construct's.
   * @default none
   */
  readonly affinity?: k8s.Affinity;
  /**
   * Extra environment variables of the Flink container. Refused: names the construct sets or
   * that the image's entrypoint, Flink's scripts or Flink's Kubernetes client read in a way
   * that undoes the construct's set-up (POD_IP, JOB_MANAGER_RPC_ADDRESS, FLINK_PROPERTIES,
   * ENABLE_BUILT_IN_PLUGINS, TASK_MANAGER_NUMBER_OF_TASK_SLOTS, FLINK_HOME, FLINK_CONF_DIR,
   * FLINK_LIB_DIR, FLINK_PLUGINS_DIR, FLINK_ENV_JAVA_OPTS, KUBECONFIG, KUBERNETES_*), a name
   * set twice, and an inline `value` under a credential's name (`*_PASSWORD`, `*_SECRET`,
   * `*_TOKEN`, `AWS_SECRET_ACCESS_KEY`...): take those from a Secret with `valueFrom`.
   * @default none
   */
  readonly env?: k8s.EnvVar[];
  /**
   * Secrets and ConfigMaps whose keys all become environment variables of the Flink
   * container, by reference (nothing is rendered); e.g. `[{ secretRef: { name: "job-secrets" } }]`.
   * The construct cannot see the keys of those objects, so it cannot apply the `env` rules to
   * them: keep the reserved names listed under `env` out of them. (Variables the construct
   * sets itself, POD_IP and JOB_MANAGER_RPC_ADDRESS, still win: Kubernetes prefers `env` over
   * `envFrom`.)
   * @default none
   * @see https://kubernetes.io/docs/tasks/inject-data-application/distribute-credentials-secure/#configure-all-key-value-pairs-in-a-secret-as-container-environment-variables
   */
  readonly envFrom?: k8s.EnvFromSource[];
  /** Extra volumes of the Flink container. @default none */
  readonly volumes?: ExtraVolume[];
  /**
   * Extra pod annotations. Annotations that switch confinement off are refused: AppArmor
   * other than `runtime/default` or `localhost/<profile>`, seccomp other than `runtime/default`,
   * and CRI-O's seccomp-profile and device annotations.
   * @default none
   */
  readonly podAnnotations?: { [key: string]: string };
  /** Extra pod labels (never used by selectors). @default none */
  readonly podLabels?: { [key: string]: string };
}

/** The JobManager leader candidates. */
export interface JobManagerProps extends FlinkPodProps {
  /**
   * Leader candidates: one leader and standbys. More than one needs HA.
   * @default 2 with HA, 1 without
   */
  readonly replicas?: number;
}

/** The TaskManagers. */
export interface TaskManagerProps extends FlinkPodProps {
  /** TaskManager pods. @default 1 */
  readonly replicas?: number;
  /** `taskmanager.numberOfTaskSlots`. @default 1 */
  readonly taskSlots?: number;
}

/**
 * Flink's Kubernetes HA services.
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/ha/kubernetes_ha/
 */
export interface HighAvailabilityProps {
  /** @default true */
  readonly enabled?: boolean;
  /** Required when enabled. */
  readonly storage?: HaStorage;
  /** `high-availability.kubernetes.leader-election.lease-duration`. @default Duration.seconds(15) */
  readonly leaseDuration?: Duration;
  /** `...renew-deadline`. @default Duration.seconds(15) */
  readonly renewDeadline?: Duration;
  /** `...retry-period`. @default Duration.seconds(5) */
  readonly retryPeriod?: Duration;
}

/** A job run in application mode. Without one the cluster runs in session mode. */
export interface FlinkJobProps {
  /**
   * The job jar. `local:///path` names a jar inside the image (copied into
   * `/opt/flink/usrlib` at start), e.g. `local:///opt/flink/examples/streaming/WordCount.jar`.
   */
  readonly jarUri: string;
  /** Main class. @default the jar manifest's Main-Class */
  readonly entryClass?: string;
  /** @default none */
  readonly args?: string[];
  /** `parallelism.default`; at most TaskManager replicas x slots. @default 1 */
  readonly parallelism?: number;
  /**
   * 32 hex characters. With HA, Flink would otherwise use all zeros for every
   * application cluster, and clusters sharing a checkpoint root would collide.
   * @default derived from the namespace and cluster id (stable)
   */
  readonly jobId?: string;
  /** Savepoint to start from on first submission. @default none */
  readonly initialSavepointPath?: string;
  /** @default false */
  readonly allowNonRestoredState?: boolean;
  /**
   * Stop the JobManager when the job finishes, fails for good or is cancelled
   * (`execution.shutdown-on-application-finish`). The Deployment would restart it, and the
   * restarted JobManager runs the job again, from `initialSavepointPath` or from nothing. So by
   * default the JobManager stays up, shows the job's final state, and waits for your next change.
   * @default false
   * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/config/#execution-shutdown-on-application-finish
   */
  readonly shutdownOnFinish?: boolean;
}

/** Ingress rules of the cluster's NetworkPolicies. */
export interface FlinkNetworkProps {
  /** @default true */
  readonly networkPolicies?: boolean;
  /**
   * Who may reach the REST API / UI (port 8081) besides the cluster's own pods.
   * `kubectl port-forward` works regardless.
   * @default none
   */
  readonly restAllowedFrom?: k8s.NetworkPolicyPeer[];
}

/** The HA agent sidecar in every JobManager pod. */
export interface HaAgentProps {
  /** @default true when HA is enabled */
  readonly enabled?: boolean;
  /**
   * Node.js image that runs the bundled agent from a ConfigMap.
   * @default DEFAULT_AGENT_NODE_IMAGE
   */
  readonly nodeImage?: string;
  /**
   * A prebuilt agent image (see agent/Dockerfile); replaces nodeImage and the bundle ConfigMap.
   * @default none
   */
  readonly image?: string;
}

/** Metrics and dashboards. */
export interface FlinkMetricsProps {
  /**
   * Flink's Prometheus reporter on JobManagers and TaskManagers, on port 9249 named `metrics`.
   * @default true
   */
  readonly prometheus?: boolean;
  /**
   * Who may scrape the metrics ports (Flink's 9249 and the HA agent's 8090) besides the
   * cluster's own pods: name your Prometheus, e.g.
   * `[{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }]`.
   * Required with `podMonitor`.
   * @default nobody outside the cluster's pods
   */
  readonly allowedFrom?: k8s.NetworkPolicyPeer[];
  /**
   * Emit a `monitoring.coreos.com/v1` PodMonitor for prometheus-operator.
   * @default none
   */
  readonly podMonitor?: PodMonitorProps;
  /**
   * Emit a Grafana dashboard ConfigMap for Grafana's dashboard sidecar.
   * @default none
   */
  readonly grafanaDashboard?: GrafanaDashboardProps;
}

/** A prometheus-operator PodMonitor over the cluster's pods. */
export interface PodMonitorProps {
  /** Labels your Prometheus selects PodMonitors by. @default none */
  readonly labels?: { [key: string]: string };
  /** @default Duration.seconds(30) */
  readonly interval?: Duration;
}

/** A Grafana dashboard ConfigMap for Grafana's dashboard sidecar. */
export interface GrafanaDashboardProps {
  /**
   * Labels Grafana's sidecar loads dashboards by.
   * @default { grafana_dashboard: '1' }
   */
  readonly labels?: { [key: string]: string };
  /**
   * Folder for the sidecar, as the `grafana_folder` annotation. Grafana's sidecar honours it
   * only when configured to (Helm chart: `sidecar.dashboards.folderAnnotation: grafana_folder`
   * and `sidecar.dashboards.provider.foldersFromFilesStructure: true`).
   * @default none
   */
  readonly folder?: string;
}

/**
 * An Ingress to the REST API / UI (the leader-only Service when the HA agent runs). Flink's
 * REST API has no authentication: put it behind your ingress controller's.
 */
export interface RestIngressProps {
  /** Host name, e.g. flink.example.com. */
  readonly host: string;
  /** @default the cluster's default IngressClass */
  readonly ingressClassName?: string;
  /** TLS Secret name (referenced, never created). @default no TLS */
  readonly tlsSecretName?: string;
  /** @default none */
  readonly annotations?: { [key: string]: string };
  /**
   * Allow job jars to be uploaded and run through the Ingress (`web.submit.enable`): anyone who
   * reaches it runs code in the cluster. A session cluster behind an Ingress must set this
   * explicitly (true with authentication in front, or false); otherwise submission is off.
   * @default false
   */
  readonly jobSubmission?: boolean;
}

/** Who may do what in the namespace, beyond RBAC. */
export interface FlinkSecurityProps {
  /**
   * Emit a ValidatingAdmissionPolicy (and binding) that confines the JobManager ServiceAccount
   * to its own cluster: its HA ConfigMaps, its agent's Lease, and the HA role label of its own
   * JobManager pods. RBAC alone cannot (it cannot restrict `create` by name, nor a pod patch to
   * one label), and Flink's process, which runs user code, holds that account's token.
   * Cluster-scoped objects: applying them needs cluster rights, and Kubernetes 1.30 or newer.
   * Turn it off only where the namespace is the trust boundary anyway (one cluster per namespace).
   * @default true
   * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
   */
  readonly admissionPolicy?: boolean;
}

/** Annotations for GitOps tools. */
export interface GitOpsProps {
  /**
   * Argo CD sync waves: RBAC and ConfigMaps (-1) before workloads, the HA claim and Services
   * (0), PodMonitor and Ingress (1). The claim is not earlier: a WaitForFirstConsumer claim
   * binds only when a pod uses it, and Argo CD would wait for it forever.
   * @see https://github.com/argoproj/argo-cd/issues/12840
   * @default false
   */
  readonly argoCdSyncWaves?: boolean;
}

/** A Flink cluster with Kubernetes HA. Only `flinkVersion` is required (and HA storage, while HA is on). */
export interface FlinkClusterProps {
  /** The Flink version the image runs; selects config file format, keys and arguments. */
  readonly flinkVersion: FlinkVersion;
  /** @default the official image for flinkVersion */
  readonly image?: FlinkImageProps;
  /**
   * `kubernetes.cluster-id` and `high-availability.cluster-id`; prefix of every object
   * name. At most 45 characters, `[a-z]([-a-z0-9]*[a-z0-9])?`.
   * @default derived from the construct id
   */
  readonly clusterId?: string;
  /** @default the chart's namespace */
  readonly namespace?: string;
  /** @default 2 candidates of 1 CPU / 1600Mi (Flink's default process size) */
  readonly jobManager?: JobManagerProps;
  /** @default 1 TaskManager of 1 CPU / 1728Mi with 1 slot */
  readonly taskManager?: TaskManagerProps;
  /** @default enabled; storage is required */
  readonly highAvailability?: HighAvailabilityProps;
  /** @default session mode */
  readonly job?: FlinkJobProps;
  /** @default Flink's default (exponential-delay when checkpointing is on, none otherwise) */
  readonly restartStrategy?: RestartStrategy;
  /** @default checkpointing off */
  readonly checkpointing?: CheckpointingProps;
  /**
   * Other Flink configuration keys. Keys the construct sets, keys renamed or removed
   * for flinkVersion, and legacy/new key pairs are rejected.
   * @default none
   */
  readonly flinkConfiguration?: { [key: string]: string | number | boolean };
  /** Root log level. @default 'INFO' */
  readonly logLevel?: string;
  /** @default NetworkPolicies on, REST from the cluster's own pods only */
  readonly network?: FlinkNetworkProps;
  /** @default enabled with HA */
  readonly haAgent?: HaAgentProps;
  /** @default Prometheus reporter on, no PodMonitor, no dashboard */
  readonly metrics?: FlinkMetricsProps;
  /** @default no Ingress */
  readonly restIngress?: RestIngressProps;
  /** @default no GitOps annotations */
  readonly gitOps?: GitOpsProps;
  /** @default the JobManagers confined to their own objects by a ValidatingAdmissionPolicy */
  readonly security?: FlinkSecurityProps;
}
