import { Duration } from 'cdk8s';
import { parseBoolean, parseDurationMillis, parseMemoryBytes, parseWholeNumber } from './quantities';
import { ConfigValue, EntryRead } from './config-intent';
import { ownerOf } from '../model/config-sections';
import { CheckpointingMode } from '../props/checkpointing';

/** Values the official HA factory was configured with before `kubernetes` became a shorthand. */
const KUBERNETES_HA_VALUES = ['kubernetes', 'org.apache.flink.kubernetes.highavailability.kuberneteshaservicesfactory'];

const oldFactory = () =>
  'the factory class is the old spelling of "kubernetes"; mapped to Kubernetes HA (highAvailability.enabled)';
const zooKeeper = () =>
  "ZooKeeper HA is not supported: the construct uses Flink's Kubernetes HA (ConfigMap leader election); converted to Kubernetes HA, and high-availability.zookeeper.* keys have no effect";
const otherHaFactory = (value: ConfigValue) =>
  `${JSON.stringify(value)} is an HA services factory the construct cannot configure; it supports Kubernetes HA only. Not mapped`;

const unreadable = (r: EntryRead, what: string) =>
  r.findings.error(r.path, `${JSON.stringify(r.value)} is not ${what}; not mapped`);
const text = (r: EntryRead) => String(r.value).trim();

function duration(r: EntryRead): number | undefined {
  const ms = parseDurationMillis(r.value);
  if (ms === undefined) unreadable(r, 'a Flink duration such as "15 s" or 15000 (ms)');
  return ms;
}

function whole(r: EntryRead, min: number): number | undefined {
  const n = parseWholeNumber(r.value);
  if (n === undefined || n < min) unreadable(r, `a whole number >= ${min}`);
  return n === undefined || n < min ? undefined : n;
}

function bool(r: EntryRead): boolean | undefined {
  const b = parseBoolean(r.value);
  if (b === undefined) unreadable(r, 'true or false');
  return b;
}

const processSize = (field: 'jobManagerProcessBytes' | 'taskManagerProcessBytes') => (r: EntryRead) => {
  const bytes = parseMemoryBytes(r.value);
  if (bytes === undefined) unreadable(r, 'a memory size such as 1024m, 1g or 1024 mb');
  else r.intent[field] = { value: bytes, path: r.path };
};

const leaderElection = (field: 'leaseDuration' | 'renewDeadline' | 'retryPeriod') => (r: EntryRead) => {
  const ms = duration(r);
  if (ms !== undefined) r.intent[field] = Duration.millis(ms);
};

function readHaType(r: EntryRead): void {
  const v = text(r).toLowerCase();
  if (KUBERNETES_HA_VALUES.includes(v)) {
    r.intent.haEnabled = { value: true, path: r.path };
    if (v !== 'kubernetes') r.findings.info(r.path, oldFactory());
  } else if (v === 'none') {
    r.intent.haEnabled = { value: false, path: r.path };
  } else if (v === 'zookeeper') {
    r.intent.haEnabled = { value: true, path: r.path };
    r.findings.error(r.path, zooKeeper());
  } else {
    r.findings.error(r.path, otherHaFactory(r.value));
  }
}

/** The checkpointing keys, current and legacy, by what they set. */
function readCheckpointKey(r: EntryRead): void {
  const { key, intent, path } = r;
  if (key.endsWith('.interval')) {
    const ms = duration(r);
    if (ms !== undefined) intent.checkpointInterval = { value: ms, path };
  } else if (key.endsWith('.mode')) {
    const mode = text(r).toUpperCase().replace(/-/g, '_');
    if (mode === CheckpointingMode.EXACTLY_ONCE || mode === CheckpointingMode.AT_LEAST_ONCE)
      intent.checkpointMode = mode;
    else unreadable(r, 'EXACTLY_ONCE or AT_LEAST_ONCE');
  } else if (/(checkpointing|checkpoints)\.dir$/.test(key)) {
    intent.checkpointDir = { value: text(r), path };
  } else if (/(savepoint-dir|savepoints\.dir)$/.test(key)) {
    intent.savepointDir = { value: text(r), path };
  } else if (key.endsWith('.num-retained')) {
    const n = whole(r, 1);
    if (n !== undefined) intent.checkpointsRetained = n;
  } else if (key.endsWith('.incremental')) {
    const b = bool(r);
    if (b !== undefined) intent.incrementalCheckpoints = b;
  }
}

const noExternalizedCheckpoints = () =>
  'NO_EXTERNALIZED_CHECKPOINTS has no equivalent: the construct keeps the last checkpoints when a job ends (RETAIN_ON_CANCELLATION) or deletes them on cancellation (DELETE_ON_CANCELLATION); not mapped';

/** `execution.checkpointing.externalized-checkpoint-retention`. */
function readRetention(r: EntryRead): void {
  const v = text(r).toUpperCase();
  if (v === 'RETAIN_ON_CANCELLATION' || v === 'DELETE_ON_CANCELLATION')
    r.intent.retainOnCancellation = { value: v === 'RETAIN_ON_CANCELLATION', path: r.path };
  else if (v === 'NO_EXTERNALIZED_CHECKPOINTS') r.findings.error(r.path, noExternalizedCheckpoints());
  else unreadable(r, 'RETAIN_ON_CANCELLATION or DELETE_ON_CANCELLATION');
}

/** How each prop that owns keys (src/model/config-sections.ts) reads them. */
const READERS: ReadonlyMap<string, (r: EntryRead) => void> = new Map<string, (r: EntryRead) => void>([
  ['jobManager.resources.memory', processSize('jobManagerProcessBytes')],
  ['taskManager.resources.memory', processSize('taskManagerProcessBytes')],
  [
    'taskManager.taskSlots',
    (r) => {
      const n = whole(r, 1);
      if (n !== undefined) r.intent.taskSlots = { value: n, path: r.path };
    },
  ],
  [
    'job.parallelism',
    (r) => {
      const n = whole(r, 1);
      if (n !== undefined) r.intent.parallelism = { value: n, path: r.path };
    },
  ],
  ['highAvailability.enabled', readHaType],
  ['highAvailability.storage', (r) => (r.intent.haStorageDir = { value: text(r), path: r.path })],
  ['highAvailability.leaseDuration', leaderElection('leaseDuration')],
  ['highAvailability.renewDeadline', leaderElection('renewDeadline')],
  ['highAvailability.retryPeriod', leaderElection('retryPeriod')],
  ['checkpointing', readCheckpointKey],
  ['checkpointing.retainOnCancellation', readRetention],
  ['job.initialSavepointPath', (r) => (r.intent.savepointPath = { value: text(r), path: r.path })],
  [
    'job.allowNonRestoredState',
    (r) => {
      const b = bool(r);
      if (b !== undefined) r.intent.allowNonRestoredState = { value: b, path: r.path };
    },
  ],
]);

/** The props the converter reads keys for (a test checks each is an owner in the config sections). */
export const READ_OWNERS: readonly string[] = [...READERS.keys()];

/** Reads a key whose owning prop has a reader. Returns false when it has none. */
export function readTyped(r: EntryRead): boolean {
  const owner = ownerOf(r.key);
  const reader = owner === undefined ? undefined : READERS.get(owner);
  if (!reader) return false;
  reader(r);
  return true;
}
