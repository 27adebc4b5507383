import { Duration } from 'cdk8s';
import { FindingList } from './conversion-report';
import { Rebase } from './high-availability';
import { ConfigIntent, Sourced } from './read-flink-configuration';
import { CheckpointingProps } from '../props/checkpointing';

const movedToHaVolume = (moved: string, to: string) => `becomes ${moved}: the HA volume is mounted at ${to}`;
const outsideHaVolume = (haOn: boolean) =>
  `is a file:// path outside the shared HA volume, which every TaskManager would need to write; not mapped - the construct keeps checkpoints under the HA storage${haOn ? '' : ' (with HA on)'}, or set an object store (s3://, gs://, abfss://)`;
const dirWithoutInterval = () =>
  'is not mapped: the construct sets checkpoint and savepoint directories only with checkpointing on (execution.checkpointing.interval)';

/** Checkpointing props from `execution.checkpointing.*` (and the legacy `state.*` keys). */
export function readCheckpointing(
  config: ConfigIntent,
  rebase: Rebase | undefined,
  haOn: boolean,
  findings: FindingList,
): CheckpointingProps | undefined {
  const directory = checkpointDir(config.checkpointDir, rebase, haOn, findings);
  const savepointDirectory = checkpointDir(config.savepointDir, rebase, haOn, findings);
  if (!config.checkpointInterval) {
    if (config.checkpointDir && directory) findings.warning(config.checkpointDir.path, dirWithoutInterval());
    if (config.savepointDir && savepointDirectory) findings.warning(config.savepointDir.path, dirWithoutInterval());
    return undefined;
  }
  return {
    interval: Duration.millis(config.checkpointInterval.value),
    ...(config.checkpointMode ? { mode: config.checkpointMode } : {}),
    ...(directory ? { directory } : {}),
    ...(savepointDirectory ? { savepointDirectory } : {}),
    ...(config.checkpointsRetained !== undefined ? { retained: config.checkpointsRetained } : {}),
    ...(config.incrementalCheckpoints !== undefined ? { incremental: config.incrementalCheckpoints } : {}),
  };
}

/** A checkpoint or savepoint directory: object stores as given, `file://` only on the HA volume. */
function checkpointDir(
  d: Sourced<string> | undefined,
  rebase: Rebase | undefined,
  haOn: boolean,
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
  findings.warning(d.path, outsideHaVolume(haOn));
  return undefined;
}
