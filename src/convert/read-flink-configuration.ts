import { Duration } from 'cdk8s';
import {
  nativeModeReplacement,
  NOT_FLINK_OPTIONS,
  OPERATOR_FORBIDDEN_KEYS,
  OPERATOR_KEY_PREFIXES,
} from './config-keys';
import { childPath, FindingList } from './conversion-report';
import { RestartEntry, restartStrategyFromConfig } from './restart-strategy';
import { misspelledTypedKey } from './typed-keys';
import { readTyped } from './typed-readers';
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

const notAMap = () => 'must be a map of Flink configuration keys to values; not mapped';
const notAValue = (value: unknown) =>
  `${JSON.stringify(value)} is not a configuration value (a string, number or boolean); not mapped`;
const notAnOption = (why: string) => `is not a Flink option (Flink ignores it); ${why}. Not mapped`;
const operatorSetting = () =>
  'is a Flink Kubernetes Operator setting, not a Flink option; the construct has no operator, so it is not used';
const misspelled = (meant: string) =>
  `is not a Flink option (Flink ignores it, so this setting has no effect under the operator); did you mean ${meant}? Read as ${meant}`;
const legacySpelling = (current: string, version: string) =>
  `is the legacy spelling of ${current} (deprecated for Flink ${version}); read as ${current}`;
const nativeOption = (replacement: string) =>
  `is an option of Flink's native Kubernetes mode; the construct runs a standalone cluster, where it has no effect. Not mapped; use ${replacement}`;

/** The configuration being read: intent so far and the restart-strategy entries to combine at the end. */
interface ConfigRead {
  readonly intent: Mutable<ConfigIntent>;
  readonly passThrough: Record<string, string>;
  readonly restart: Map<string, RestartEntry>;
  readonly traits: FlinkVersionTraits;
  readonly findings: FindingList;
}

/**
 * Reads `spec.flinkConfiguration`: keys with a typed prop become intent, keys that are not
 * Flink options or belong to the operator are reported, and the rest pass through the
 * construct's escape-hatch rules one by one, each rejection becoming a finding.
 */
export function readFlinkConfiguration(raw: unknown, traits: FlinkVersionTraits, findings: FindingList): ConfigIntent {
  const base = 'spec.flinkConfiguration';
  const passThrough: Record<string, string> = {};
  const intent: Mutable<ConfigIntent> = { passThrough };
  if (raw === undefined || raw === null) return intent;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    findings.error(base, notAMap());
    return intent;
  }
  const read: ConfigRead = { intent, passThrough, restart: new Map(), traits, findings };
  for (const [rawKey, value] of flattenConfiguration(raw as Record<string, unknown>))
    readEntry(rawKey, value, childPath(base, rawKey), read);
  if (read.restart.size) {
    const strategy = restartStrategyFromConfig(read.restart, findings);
    if (strategy) intent.restartStrategy = { value: strategy, path: read.restart.get('restart-strategy.type')!.path };
  }
  return intent;
}

/** One key: reported, read into intent, or passed through the construct's key rules. */
function readEntry(rawKey: string, value: unknown, path: string, read: ConfigRead): void {
  const { findings, traits, intent } = read;
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    findings.error(path, notAValue(value));
    return;
  }
  const notOption = NOT_FLINK_OPTIONS[rawKey];
  if (notOption) return findings.error(path, notAnOption(notOption));
  if (OPERATOR_KEY_PREFIXES.some((p) => rawKey.startsWith(p))) return findings.warning(path, operatorSetting());
  let key = rawKey;
  const meant = misspelledTypedKey(rawKey);
  if (meant) {
    findings.error(path, misspelled(meant));
    key = meant;
  }
  const current = currentNameOf(key, traits);
  if (current !== key) {
    findings.warning(path, legacySpelling(current, traits.version));
    key = current;
  }
  if (OPERATOR_FORBIDDEN_KEYS.includes(key)) return readForbidden(key, value, path, intent, findings);
  if (key === 'restart-strategy' || key.startsWith('restart-strategy.')) {
    // Before 1.19 the bare key is the current spelling of the type.
    read.restart.set(key === 'restart-strategy' ? 'restart-strategy.type' : key, { value, path });
    return;
  }
  if (readTyped(key, value, path, intent, findings)) return;
  const native = nativeModeReplacement(key);
  if (native) return findings.warning(path, nativeOption(native));
  passThroughKey(key, value, path, read);
}

/** A key without a typed prop, through the construct's own key rules. */
function passThroughKey(key: string, value: string | number | boolean, path: string, read: ConfigRead): void {
  try {
    read.passThrough[key] = checkExtraKey(key, value, read.traits);
  } catch (e) {
    if (!(e instanceof FlinkValidationError)) throw e;
    // A key the construct owns is set anyway, so dropping it loses nothing the user can keep;
    // a removed or malformed key is a mistake in the manifest.
    if (ownerOf(key)) read.findings.warning(path, `not mapped: ${e.reason}`);
    else read.findings.error(path, `not mapped: ${e.reason}`);
  }
}

const refused = (key: string, field: 'name' | 'namespace') =>
  `the operator refuses this key ("Forbidden Flink config key: ${key}") and derives it from metadata.${field}`;
const clusterIdUsed = (key: string) =>
  `${refused(key, 'name')}; used as clusterId (sets kubernetes.cluster-id and high-availability.cluster-id)`;
const haClusterId = (key: string) => `${refused(key, 'name')}; not mapped: the construct sets it to clusterId`;
const namespaceKey = (key: string) =>
  `${refused(key, 'namespace')}; not mapped: the construct sets it to the namespace the pods run in`;

/** Keys the operator refuses; the construct derives them too, so only their intent is kept. */
function readForbidden(
  key: string,
  value: string | number | boolean,
  path: string,
  intent: Mutable<ConfigIntent>,
  findings: FindingList,
): void {
  if (key === 'kubernetes.cluster-id') {
    intent.clusterId = { value: String(value), path };
    findings.error(path, clusterIdUsed(key));
  } else if (key === 'high-availability.cluster-id') findings.error(path, haClusterId(key));
  else findings.error(path, namespaceKey(key));
}
