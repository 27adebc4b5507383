import { FindingList } from './conversion-report';
import { Duration } from 'cdk8s';
import { k8s } from '../../imports/k8s';
import { CheckpointingMode } from '../props/checkpointing';
import { ExtraVolume } from '../props/cluster-props';
import { RestartStrategy } from '../props/restart-strategy';

/** A value read from the manifest, with where it came from (for findings). */
export interface Sourced<T> {
  readonly value: T;
  readonly path: string;
}

/** Writable view of a readonly type, for the readers that fill it. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * What the Flink configuration's Kubernetes options ask of one component's pods: the
 * operator applies them to the pods it creates (in both deployment modes), so they become
 * pod props here, never Flink configuration.
 */
export interface PodOptions {
  readonly env: Array<Sourced<k8s.EnvVar>>;
  readonly volumes: Array<Sourced<ExtraVolume>>;
  readonly labels: { [key: string]: string };
  readonly annotations: { [key: string]: string };
  readonly nodeSelector: { [key: string]: string };
  readonly tolerations: k8s.Toleration[];
  /** `kubernetes.<component>.cpu.amount`: the CPU request when `spec.<component>.resource.cpu` is absent. */
  cpu?: Sourced<number>;
  /** `kubernetes.<component>.cpu.limit-factor`: the CPU limit is the request times this. */
  cpuLimitFactor?: Sourced<number>;
  /** `kubernetes.<component>.memory.limit-factor`. */
  memoryLimitFactor?: Sourced<number>;
}

/** An empty PodOptions. */
export const noPodOptions = (): PodOptions => ({
  env: [],
  volumes: [],
  labels: {},
  annotations: {},
  nodeSelector: {},
  tolerations: [],
});

/** What `spec.flinkConfiguration` asks for, sorted into typed props, pod options and pass-through keys. */
export interface ConfigIntent {
  readonly jobManagerProcessBytes?: Sourced<number>;
  readonly taskManagerProcessBytes?: Sourced<number>;
  readonly taskSlots?: Sourced<number>;
  readonly parallelism?: Sourced<number>;
  /** HA on or off, from `high-availability(.type)`. */
  readonly haEnabled?: Sourced<boolean>;
  readonly haStorageDir?: Sourced<string>;
  readonly clusterId?: Sourced<string>;
  readonly leaseDuration?: Duration;
  readonly renewDeadline?: Duration;
  readonly retryPeriod?: Duration;
  readonly restartStrategy?: Sourced<RestartStrategy>;
  readonly checkpointInterval?: Sourced<number>;
  readonly checkpointMode?: CheckpointingMode;
  readonly checkpointDir?: Sourced<string>;
  readonly savepointDir?: Sourced<string>;
  readonly checkpointsRetained?: number;
  readonly incrementalCheckpoints?: boolean;
  /** `execution.checkpointing.externalized-checkpoint-retention`. */
  readonly retainOnCancellation?: Sourced<boolean>;
  readonly savepointPath?: Sourced<string>;
  readonly allowNonRestoredState?: Sourced<boolean>;
  /** The Kubernetes options of each component's pods. */
  readonly pods: { readonly jobManager: PodOptions; readonly taskManager: PodOptions };
  /** `kubernetes.container.image.pull-secrets`. */
  readonly pullSecrets: string[];
  /** `kubernetes.operator.pod-template.merge-arrays-by-name`: how the operator merges pod-template lists. */
  readonly mergeArraysByName?: boolean;
  /** Keys the user set, in their current spelling (for operator defaults that apply only when unset). */
  readonly userKeys: ReadonlySet<string>;
  /** Keys passed to the construct's flinkConfiguration escape hatch, already checked by its rules. */
  readonly passThrough: { [key: string]: string };
  /** Where each pass-through key came from. */
  readonly passThroughPaths: { [key: string]: string };
}

/** A scalar `flinkConfiguration` value as the manifest holds it. */
export type ConfigValue = string | number | boolean;

/** One `flinkConfiguration` entry being read: where its meaning goes, and where findings go. */
export interface EntryRead {
  readonly key: string;
  readonly value: ConfigValue;
  readonly path: string;
  readonly intent: Mutable<ConfigIntent>;
  readonly findings: FindingList;
}
