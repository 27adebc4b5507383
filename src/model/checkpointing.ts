import { CheckpointingModel } from './cluster-model';
import { CheckpointingMode, CheckpointingProps } from '../props/checkpointing';
import { fail } from '../validation/errors';
import { durationMillis, requireBoolean, requireEnum, requireInt } from '../validation/values';

const P = 'checkpointing';
const noDirectory = () =>
  'is required when there is no HA storage to put checkpoints under; set it to an s3://, gs:// or abfss:// URI';

/** Rules: Flink's minimum interval; a directory when there is no HA storage to default under. */
export function resolveCheckpointing(props: CheckpointingProps, storageDir: string | undefined): CheckpointingModel {
  const intervalMs = durationMillis(`${P}.interval`, props.interval);
  if (intervalMs < 10)
    fail(`${P}.interval`, props.interval, "must be at least 10 milliseconds (Flink's minimum checkpoint interval)");
  const root = storageDir?.replace(/\/+$/, '');
  const directory = props.directory ?? (root ? `${root}/checkpoints` : undefined);
  if (directory === undefined) fail(`${P}.directory`, undefined, noDirectory());
  return {
    intervalMs,
    mode: requireEnum(
      `${P}.mode`,
      props.mode ?? CheckpointingMode.EXACTLY_ONCE,
      CheckpointingMode,
      'CheckpointingMode',
    ),
    directory,
    savepointDirectory:
      props.savepointDirectory ?? (root ? `${root}/savepoints` : directory.replace(/\/+$/, '') + '-savepoints'),
    retained: requireInt(`${P}.retained`, props.retained ?? 1, 1, 1000),
    incremental: requireBoolean(`${P}.incremental`, props.incremental ?? false),
    retainOnCancellation: requireBoolean(`${P}.retainOnCancellation`, props.retainOnCancellation ?? true),
  };
}
