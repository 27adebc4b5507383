import { k8s } from '../../imports/k8s';
import { FlinkVersionTraits } from '../flink/flink-version';
import { StorageUri } from '../flink/storage-uri';
import { CheckpointingMode } from '../props/checkpointing';
import { AccessMode, ObjectStoreCredentials } from '../props/ha-storage';
import { ExtraVolume, ImagePullPolicy } from '../props/cluster-props';
import { RestartStrategySpec } from '../props/restart-strategy';
import { MetadataContext, ObjectNames } from './labels';

/**
 * The resolved cluster: every prop with its default applied and every rule checked, plus
 * the facts derived from them (names, labels, storage mounts), worked out once. Renderers
 * read it and decide nothing about validity.
 */
export interface ClusterModel {
  readonly traits: FlinkVersionTraits;
  readonly clusterId: string;
  readonly namespace: string;
  /**
   * `high-availability.cluster-id`, Flink's sub-directory in the HA storage: namespace and cluster
   * id, so two clusters with one id in two namespaces never share HA files on one object store.
   */
  readonly haClusterId: string;
  /** Names of every object Flink's config, the agent or a user refers to. */
  readonly names: ObjectNames;
  /** What every object's metadata (namespace, `app.kubernetes.io/*` labels) is derived from. */
  readonly meta: MetadataContext;
  readonly image: ImageModel;
  readonly jobManager: PodsModel;
  readonly taskManager: PodsModel & { readonly taskSlots: number };
  readonly highAvailability: HighAvailabilityModel;
  /** The HA claim, when HA storage is a volume, and which pods mount it. */
  readonly haClaim?: HaClaimModel;
  /** Application mode; undefined in session mode. */
  readonly job?: JobModel;
  readonly restartStrategy?: RestartStrategySpec;
  readonly checkpointing?: CheckpointingModel;
  /** Storage URIs Flink reads or writes (HA, checkpoints, savepoints). */
  readonly storageUris: readonly StorageUri[];
  /** The user's own `flinkConfiguration` entries, checked, as strings. */
  readonly extraConfig: { readonly [key: string]: string };
  /** The complete Flink configuration: the construct's keys and the user's. */
  readonly flinkConfig: { readonly [key: string]: string };
  readonly logLevel: string;
  readonly network: NetworkModel;
  readonly agent: AgentModel;
  readonly metrics: MetricsModel;
  readonly restIngress?: RestIngressModel;
  /** What the declared Flink version accepts but discourages (deprecated keys...), shown at synth. */
  readonly warnings: readonly string[];
  readonly argoCdSyncWaves: boolean;
  /** Emit the ValidatingAdmissionPolicy that confines the JobManager ServiceAccount (HA only). */
  readonly admissionPolicy: boolean;
}

/** The image reference and pull settings. */
export interface ImageModel {
  readonly reference: string;
  readonly pullPolicy: ImagePullPolicy;
  readonly pullSecrets: readonly string[];
}

/** A JobManager or TaskManager pod group. */
export interface PodsModel {
  readonly replicas: number;
  readonly cpu: number;
  readonly cpuLimit?: number;
  readonly memoryMiB: number;
  readonly processMiB: number;
  readonly nodeSelector: { readonly [key: string]: string };
  readonly tolerations: readonly k8s.Toleration[];
  readonly affinity: k8s.Affinity;
  readonly env: readonly k8s.EnvVar[];
  readonly envFrom: readonly k8s.EnvFromSource[];
  readonly volumes: readonly ExtraVolume[];
  readonly podAnnotations: { readonly [key: string]: string };
  readonly podLabels: { readonly [key: string]: string };
}

/** Where Flink keeps HA metadata: one of three kinds, each with exactly its own fields. */
export type HaStorageModel =
  | {
      readonly kind: 'new-claim';
      readonly storageDir: StorageUri;
      readonly claimName: string;
      readonly accessMode: AccessMode;
      readonly sizeMiB: number;
      readonly storageClassName?: string;
    }
  | {
      readonly kind: 'existing-claim';
      readonly storageDir: StorageUri;
      readonly claimName: string;
      readonly accessMode: AccessMode;
    }
  | { readonly kind: 'object-store'; readonly storageDir: StorageUri; readonly credentials?: ObjectStoreCredentials };

export interface HighAvailabilityModel {
  readonly enabled: boolean;
  /** Present exactly when HA is enabled. */
  readonly storage?: HaStorageModel;
  readonly leaseDurationMs: number;
  readonly renewDeadlineMs: number;
  readonly retryPeriodMs: number;
}

/** The HA volume: JobManagers always mount it, TaskManagers when checkpoints live on it. */
export interface HaClaimModel {
  readonly claimName: string;
  readonly accessMode: AccessMode;
  readonly mountPath: string;
  readonly taskManagersMount: boolean;
  /** Only one pod can mount it at a time (a rolling update must not surge). */
  readonly singleMount: boolean;
}

export interface JobModel {
  readonly jarUri: string;
  /** Absolute path of the jar inside the image. */
  readonly jarPath: string;
  readonly entryClass?: string;
  readonly args: readonly string[];
  readonly parallelism: number;
  readonly jobId: string;
  readonly initialSavepointPath?: string;
  readonly allowNonRestoredState: boolean;
  readonly shutdownOnFinish: boolean;
}

export interface CheckpointingModel {
  readonly intervalMs: number;
  readonly mode: CheckpointingMode;
  readonly directory: string;
  readonly savepointDirectory: string;
  readonly retained: number;
  readonly incremental: boolean;
  readonly retainOnCancellation: boolean;
}

export interface NetworkModel {
  readonly policies: boolean;
  readonly restAllowedFrom: readonly k8s.NetworkPolicyPeer[];
}

export interface AgentModel {
  readonly enabled: boolean;
  /** The Node.js image that runs the bundled agent. */
  readonly nodeImage: string;
  /** A prebuilt agent image, replacing nodeImage and the bundle. */
  readonly image?: string;
}

export interface MetricsModel {
  readonly prometheus: boolean;
  readonly allowedFrom: readonly k8s.NetworkPolicyPeer[];
  readonly podMonitor?: { readonly labels: { readonly [key: string]: string }; readonly intervalMs: number };
  readonly grafanaDashboard?: { readonly labels: { readonly [key: string]: string }; readonly folder?: string };
}

export interface RestIngressModel {
  readonly host: string;
  /** Job jars may be uploaded and run through it (`web.submit.enable`). */
  readonly jobSubmission: boolean;
  readonly ingressClassName?: string;
  readonly tlsSecretName?: string;
  readonly annotations?: { readonly [key: string]: string };
}
