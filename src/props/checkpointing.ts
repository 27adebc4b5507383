import { Duration } from 'cdk8s';

/** Flink's `execution.checkpointing.mode` values. */
export enum CheckpointingMode {
  /** Each record affects state exactly once (aligned barriers). */
  EXACTLY_ONCE = 'EXACTLY_ONCE',
  /** Records may be replayed after a failure; lower latency under backpressure. */
  AT_LEAST_ONCE = 'AT_LEAST_ONCE',
}

/**
 * Periodic checkpoints of the job's state, so a restarted or failed-over job resumes where it was.
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/fault-tolerance/checkpointing/
 */
export interface CheckpointingProps {
  /** Time between two checkpoints; Flink's minimum is 10 ms. */
  readonly interval: Duration;
  /** @default CheckpointingMode.EXACTLY_ONCE */
  readonly mode?: CheckpointingMode;
  /**
   * Where checkpoints go: `file://` (must be on the HA volume, which is then mounted on the
   * TaskManagers too) or an object store (`s3://`, `gs://`, `abfss://`).
   * @default `<HA storage dir>/checkpoints`
   */
  readonly directory?: string;
  /** @default `<HA storage dir>/savepoints` */
  readonly savepointDirectory?: string;
  /** Completed checkpoints kept. @default 1 */
  readonly retained?: number;
  /** Incremental checkpoints (RocksDB state backend). @default false */
  readonly incremental?: boolean;
  /**
   * Keep the last checkpoints when the job is cancelled or fails for good, so it can be
   * started again from one (`job.initialSavepointPath`); Flink's own default deletes them.
   * @default true
   */
  readonly retainOnCancellation?: boolean;
}
