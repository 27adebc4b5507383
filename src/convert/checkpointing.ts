import { Duration } from 'cdk8s';
import { ConfigIntent, Sourced } from './config-intent';
import { FindingList } from './conversion-report';
import { Rebase } from './high-availability';
import { CheckpointingProps } from '../props/checkpointing';

/** What the checkpoint directories depend on. */
export interface CheckpointingInput {
  readonly config: ConfigIntent;
  /** The interval the operator runs the job with (its last-state default included). */
  readonly interval?: Sourced<number>;
  readonly rebase?: Rebase;
  readonly haOn: boolean;
  readonly applicationMode: boolean;
}

const movedToHaVolume = (moved: string, to: string) => `becomes ${moved}: the HA volume is mounted at ${to}`;
const outsideHaVolume = (haOn: boolean) =>
  `is a file:// path outside the shared HA volume, which every TaskManager would need to write: the construct keeps ${haOn ? 'checkpoints under the HA storage instead, so they move' : 'no checkpoints there'}; not carried over - use an object store (s3://, gs://, abfss://) or put the directory on the HA claim`;
const dirWithoutInterval = () =>
  'is not carried over: the construct sets checkpoint and savepoint directories only with checkpointing.interval, so a job that enables checkpointing in its own code, or a savepoint without a target, would lose this directory; set execution.checkpointing.interval';
const sessionRetention = () =>
  "is unset: the operator leaves Flink's default for session clusters, which deletes a job's checkpoints when it is cancelled; the converted cluster keeps them (checkpointing.retainOnCancellation, default true)";

/** Checkpointing props from `execution.checkpointing.*` (and the legacy `state.*` keys). */
export function readCheckpointing(input: CheckpointingInput, findings: FindingList): CheckpointingProps | undefined {
  const { config, interval } = input;
  const directory = checkpointDir(config.checkpointDir, input, findings);
  const savepointDirectory = checkpointDir(config.savepointDir, input, findings);
  if (!interval) {
    if (config.checkpointDir && directory) findings.error(config.checkpointDir.path, dirWithoutInterval());
    if (config.savepointDir && savepointDirectory) findings.error(config.savepointDir.path, dirWithoutInterval());
    return undefined;
  }
  if (!input.applicationMode && !config.retainOnCancellation)
    findings.info(
      'spec.flinkConfiguration["execution.checkpointing.externalized-checkpoint-retention"]',
      sessionRetention(),
    );
  return {
    interval: Duration.millis(interval.value),
    ...(config.checkpointMode ? { mode: config.checkpointMode } : {}),
    ...(directory ? { directory } : {}),
    ...(savepointDirectory ? { savepointDirectory } : {}),
    ...(config.checkpointsRetained !== undefined ? { retained: config.checkpointsRetained } : {}),
    ...(config.incrementalCheckpoints !== undefined ? { incremental: config.incrementalCheckpoints } : {}),
    ...(config.retainOnCancellation ? { retainOnCancellation: config.retainOnCancellation.value } : {}),
  };
}

/** A checkpoint or savepoint directory: object stores as given, `file://` only on the HA volume. */
function checkpointDir(
  d: Sourced<string> | undefined,
  { rebase, haOn }: CheckpointingInput,
  findings: FindingList,
): string | undefined {
  if (!d) return undefined;
  const uri = d.value.startsWith('/') ? `file://${d.value}` : d.value;
  if (!uri.startsWith('file://')) return uri;
  const path = uri.slice('file://'.length).replace(/\/+$/, '');
  if (rebase && (path === rebase.from || path.startsWith(rebase.from + '/'))) {
    const moved = `file://${rebase.to}${path.slice(rebase.from.length)}`;
    if (moved !== uri) findings.info(d.path, movedToHaVolume(moved, rebase.to));
    return moved;
  }
  findings.error(d.path, outsideHaVolume(haOn));
  return undefined;
}
