import { Duration } from 'cdk8s';
import { FlinkVersionTraits } from '../flink/flink-version';
import { durationMillis, flinkDuration, requireBoolean, requireEnum, requireInt } from '../validation/values';
import { fail } from '../validation/errors';

/** Flink's `execution.checkpointing.mode` values. */
export enum CheckpointingMode {
  EXACTLY_ONCE = 'EXACTLY_ONCE',
  AT_LEAST_ONCE = 'AT_LEAST_ONCE',
}

/** @see https://nightlies.apache.org/flink/flink-docs-stable/docs/dev/datastream/fault-tolerance/checkpointing/ */
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

/** Checkpointing with defaults resolved and values validated. */
export interface ResolvedCheckpointing {
  readonly interval: Duration;
  readonly mode: CheckpointingMode;
  readonly directory: string;
  readonly savepointDirectory: string;
  readonly retained: number;
  readonly incremental: boolean;
  readonly retainOnCancellation: boolean;
}

/** Resolves defaults once; `storageDir` is the HA storage root the defaults hang off. */
export function resolveCheckpointing(props: CheckpointingProps, storageDir: string | undefined): ResolvedCheckpointing {
  const p = 'checkpointing';
  if (durationMillis(`${p}.interval`, props.interval) < 10) {
    fail(`${p}.interval`, props.interval, "must be at least 10 milliseconds (Flink's minimum checkpoint interval)");
  }
  const root = storageDir?.replace(/\/+$/, '');
  const directory = props.directory ?? (root ? `${root}/checkpoints` : undefined);
  if (directory === undefined) {
    fail(
      `${p}.directory`,
      undefined,
      'is required when there is no HA storage to put checkpoints under; set it to an s3://, gs:// or abfss:// URI',
    );
  }
  return {
    interval: props.interval,
    mode: requireEnum(
      `${p}.mode`,
      props.mode ?? CheckpointingMode.EXACTLY_ONCE,
      CheckpointingMode,
      'CheckpointingMode',
    ),
    directory,
    savepointDirectory:
      props.savepointDirectory ?? (root ? `${root}/savepoints` : directory.replace(/\/+$/, '') + '-savepoints'),
    retained: requireInt(`${p}.retained`, props.retained ?? 1, 1, 1000),
    incremental: requireBoolean(`${p}.incremental`, props.incremental ?? false),
    retainOnCancellation: requireBoolean(`${p}.retainOnCancellation`, props.retainOnCancellation ?? true),
  };
}

/** The Flink configuration entries for checkpointing, with the keys of the version. */
export function checkpointingConfig(c: ResolvedCheckpointing, traits: FlinkVersionTraits): Record<string, string> {
  const keys = traits.checkpointKeys;
  return {
    'execution.checkpointing.interval': flinkDuration('checkpointing.interval', c.interval),
    'execution.checkpointing.mode': c.mode,
    [keys.dir]: c.directory,
    [keys.savepointDir]: c.savepointDirectory,
    [keys.retained]: String(c.retained),
    [keys.incremental]: String(c.incremental),
    'execution.checkpointing.externalized-checkpoint-retention': c.retainOnCancellation
      ? 'RETAIN_ON_CANCELLATION'
      : 'DELETE_ON_CANCELLATION',
  };
}
