import { Duration } from 'cdk8s';
import {
  misspelledTypedKey,
  nativeModeReplacement,
  NOT_FLINK_OPTIONS,
  OPERATOR_FORBIDDEN_KEYS,
  OPERATOR_KEY_PREFIXES,
} from './config-keys';
import { childPath, FindingList } from './conversion-report';
import { parseBoolean, parseDurationMillis, parseMemoryBytes, parseWholeNumber } from './quantities';
import { RestartEntry, restartStrategyFromConfig } from './restart-strategy';
import { CheckpointingMode } from '../props/checkpointing';
import { FlinkVersionTraits } from '../flink/flink-version';
import { checkExtraKey, currentNameOf } from '../model/key-rules';
import { ownerOf } from '../model/config-sections';
import { RestartStrategy } from '../props/restart-strategy';
import { FlinkValidationError } from '../validation/errors';

/** A value read from the manifest, with where it came from (for findings). */
export interface Sourced<T> {
  readonly value: T;
  readonly path: string;
}

/** What `spec.flinkConfiguration` asks for, sorted into typed props and pass-through keys. */
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
  readonly savepointPath?: Sourced<string>;
  readonly allowNonRestoredState?: Sourced<boolean>;
  /** Keys passed to the construct's flinkConfiguration escape hatch, already checked by its rules. */
  readonly passThrough: { readonly [key: string]: string };
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Values the official HA factory was configured with before `kubernetes` became a shorthand. */
const KUBERNETES_HA_VALUES = ['kubernetes', 'org.apache.flink.kubernetes.highavailability.kuberneteshaservicesfactory'];

/**
 * Flattens nested YAML (`high-availability: {type: kubernetes}`, which Flink's config.yaml
 * and newer operators accept) into dotted keys, and lists into Flink's `;`-separated form.
 */
export function flattenConfiguration(raw: Record<string, unknown>, prefix = ''): Array<[string, unknown]> {
  const out: Array<[string, unknown]> = [];
  for (const [k, v] of Object.entries(raw)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object' && !Array.isArray(v))
      out.push(...flattenConfiguration(v as Record<string, unknown>, key));
    else if (Array.isArray(v) && v.every((x) => ['string', 'number', 'boolean'].includes(typeof x)))
      out.push([key, v.join(';')]);
    else out.push([key, v]);
  }
  return out;
}

/**
 * Reads `spec.flinkConfiguration`: keys with a typed prop become intent, keys that are not
 * Flink options or belong to the operator are reported, and the rest pass through the
 * construct's escape-hatch rules one by one, each rejection becoming a finding.
 */
export function readFlinkConfiguration(raw: unknown, traits: FlinkVersionTraits, findings: FindingList): ConfigIntent {
  const base = 'spec.flinkConfiguration';
  const intent: Mutable<ConfigIntent> = { passThrough: {} };
  const passThrough: Record<string, string> = {};
  intent.passThrough = passThrough;
  if (raw === undefined || raw === null) return intent;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    findings.error(base, 'must be a map of Flink configuration keys to values; not mapped');
    return intent;
  }
  const restart = new Map<string, RestartEntry>();

  for (const [rawKey, value] of flattenConfiguration(raw as Record<string, unknown>)) {
    const path = childPath(base, rawKey);
    if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
      findings.error(
        path,
        `${JSON.stringify(value)} is not a configuration value (a string, number or boolean); not mapped`,
      );
      continue;
    }
    const notOption = NOT_FLINK_OPTIONS[rawKey];
    if (notOption) {
      findings.error(path, `is not a Flink option (Flink ignores it); ${notOption}. Not mapped`);
      continue;
    }
    if (OPERATOR_KEY_PREFIXES.some((p) => rawKey.startsWith(p))) {
      findings.warning(
        path,
        'is a Flink Kubernetes Operator setting, not a Flink option; the construct has no operator, so it is not used',
      );
      continue;
    }
    let key = rawKey;
    const meant = misspelledTypedKey(rawKey);
    if (meant) {
      findings.error(
        path,
        `is not a Flink option (Flink ignores it, so this setting has no effect under the operator); did you mean ${meant}? Read as ${meant}`,
      );
      key = meant;
    }
    const current = currentNameOf(key, traits);
    if (current !== key) {
      findings.warning(
        path,
        `is the legacy spelling of ${current} (deprecated for Flink ${traits.version}); read as ${current}`,
      );
      key = current;
    }
    if (OPERATOR_FORBIDDEN_KEYS.includes(key)) {
      readForbidden(key, value, path, intent, findings);
      continue;
    }
    if (key === 'restart-strategy' || key.startsWith('restart-strategy.')) {
      // Before 1.19 the bare key is the current spelling of the type.
      restart.set(key === 'restart-strategy' ? 'restart-strategy.type' : key, { value, path });
      continue;
    }
    if (readTyped(key, value, path, intent, findings)) continue;

    const native = nativeModeReplacement(key);
    if (native) {
      findings.warning(
        path,
        `is an option of Flink's native Kubernetes mode; the construct runs a standalone cluster, where it has no effect. Not mapped; use ${native}`,
      );
      continue;
    }
    try {
      const checked = checkExtraKey(key, value, traits);
      passThrough[key] = checked.value;
      if (checked.warning) findings.warning(path, checked.warning.replace(/^flinkConfiguration\["[^"]*"\] /, ''));
    } catch (e) {
      if (!(e instanceof FlinkValidationError)) throw e;
      // A key the construct owns is set anyway, so dropping it loses nothing the user can keep;
      // a removed or malformed key is a mistake in the manifest.
      if (ownerOf(key)) findings.warning(path, `not mapped: ${e.reason}`);
      else findings.error(path, `not mapped: ${e.reason}`);
    }
  }

  if (restart.size) {
    const strategy = restartStrategyFromConfig(restart, findings);
    if (strategy) intent.restartStrategy = { value: strategy, path: restart.get('restart-strategy.type')!.path };
  }
  return intent;
}

/** Keys the operator refuses; the construct derives them too, so only their intent is kept. */
function readForbidden(
  key: string,
  value: string | number | boolean,
  path: string,
  intent: Mutable<ConfigIntent>,
  findings: FindingList,
): void {
  const refused = `the operator refuses this key ("Forbidden Flink config key: ${key}") and derives it from metadata`;
  if (key === 'kubernetes.cluster-id') {
    intent.clusterId = { value: String(value), path };
    findings.error(
      path,
      `${refused}.name; used as clusterId (sets kubernetes.cluster-id and high-availability.cluster-id)`,
    );
  } else if (key === 'high-availability.cluster-id') {
    findings.error(path, `${refused}.name; not mapped: the construct sets it to clusterId`);
  } else {
    findings.error(path, `${refused}.namespace; not mapped: the construct sets it to the namespace the pods run in`);
  }
}

/** Reads a key that has a typed prop. Returns false when `key` has none. */
function readTyped(
  key: string,
  value: string | number | boolean,
  path: string,
  intent: Mutable<ConfigIntent>,
  findings: FindingList,
): boolean {
  const unreadable = (what: string) => findings.error(path, `${JSON.stringify(value)} is not ${what}; not mapped`);
  const duration = (): number | undefined => {
    const ms = parseDurationMillis(value);
    if (ms === undefined) unreadable('a Flink duration such as "15 s" or 15000 (ms)');
    return ms;
  };
  const whole = (min: number): number | undefined => {
    const n = parseWholeNumber(value);
    if (n === undefined || n < min) unreadable(`a whole number >= ${min}`);
    return n === undefined || n < min ? undefined : n;
  };
  const bool = (): boolean | undefined => {
    const b = parseBoolean(value);
    if (b === undefined) unreadable('true or false');
    return b;
  };
  const text = String(value).trim();
  switch (key) {
    case 'jobmanager.memory.process.size':
    case 'taskmanager.memory.process.size': {
      const bytes = parseMemoryBytes(value);
      if (bytes === undefined) unreadable('a memory size such as 1024m, 1g or 1024 mb');
      else if (key.startsWith('jobmanager')) intent.jobManagerProcessBytes = { value: bytes, path };
      else intent.taskManagerProcessBytes = { value: bytes, path };
      return true;
    }
    case 'taskmanager.numberOfTaskSlots': {
      const n = whole(1);
      if (n !== undefined) intent.taskSlots = { value: n, path };
      return true;
    }
    case 'parallelism.default': {
      const n = whole(1);
      if (n !== undefined) intent.parallelism = { value: n, path };
      return true;
    }
    case 'high-availability':
    case 'high-availability.type': {
      const v = text.toLowerCase();
      if (KUBERNETES_HA_VALUES.includes(v)) {
        intent.haEnabled = { value: true, path };
        if (v !== 'kubernetes')
          findings.info(
            path,
            'the factory class is the old spelling of "kubernetes"; mapped to Kubernetes HA (highAvailability.enabled)',
          );
      } else if (v === 'none') {
        intent.haEnabled = { value: false, path };
      } else if (v === 'zookeeper') {
        intent.haEnabled = { value: true, path };
        findings.error(
          path,
          "ZooKeeper HA is not supported: the construct uses Flink's Kubernetes HA (ConfigMap leader election); converted to Kubernetes HA, and high-availability.zookeeper.* keys have no effect",
        );
      } else {
        findings.error(
          path,
          `${JSON.stringify(value)} is an HA services factory the construct cannot configure; it supports Kubernetes HA only. Not mapped`,
        );
      }
      return true;
    }
    case 'high-availability.storageDir':
      intent.haStorageDir = { value: text, path };
      return true;
    case 'high-availability.kubernetes.leader-election.lease-duration':
    case 'high-availability.kubernetes.leader-election.renew-deadline':
    case 'high-availability.kubernetes.leader-election.retry-period': {
      const ms = duration();
      if (ms === undefined) return true;
      const d = Duration.millis(ms);
      if (key.endsWith('lease-duration')) intent.leaseDuration = d;
      else if (key.endsWith('renew-deadline')) intent.renewDeadline = d;
      else intent.retryPeriod = d;
      return true;
    }
    case 'execution.checkpointing.interval': {
      const ms = duration();
      if (ms !== undefined) intent.checkpointInterval = { value: ms, path };
      return true;
    }
    case 'execution.checkpointing.mode': {
      const mode = text.toUpperCase().replace(/-/g, '_');
      if (mode === CheckpointingMode.EXACTLY_ONCE || mode === CheckpointingMode.AT_LEAST_ONCE)
        intent.checkpointMode = mode;
      else unreadable('EXACTLY_ONCE or AT_LEAST_ONCE');
      return true;
    }
    case 'execution.checkpointing.dir':
    case 'state.checkpoints.dir':
      intent.checkpointDir = { value: text, path };
      return true;
    case 'execution.checkpointing.savepoint-dir':
    case 'state.savepoints.dir':
      intent.savepointDir = { value: text, path };
      return true;
    case 'execution.checkpointing.num-retained':
    case 'state.checkpoints.num-retained': {
      const n = whole(1);
      if (n !== undefined) intent.checkpointsRetained = n;
      return true;
    }
    case 'execution.checkpointing.incremental':
    case 'state.backend.incremental': {
      const b = bool();
      if (b !== undefined) intent.incrementalCheckpoints = b;
      return true;
    }
    case 'execution.savepoint.path':
    case 'execution.state-recovery.path':
      intent.savepointPath = { value: text, path };
      return true;
    case 'execution.savepoint.ignore-unclaimed-state':
    case 'execution.state-recovery.ignore-unclaimed-state': {
      const b = bool();
      if (b !== undefined) intent.allowNonRestoredState = { value: b, path };
      return true;
    }
    default:
      return false;
  }
}
