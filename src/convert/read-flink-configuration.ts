import {
  nativeOnly,
  NOT_FLINK_OPTIONS,
  OPERATOR_FORBIDDEN_KEYS,
  OPERATOR_KEY_PREFIXES,
  SPLIT_KEYS,
} from './config-keys';
import { ConfigIntent, Mutable, noPodOptions } from './config-intent';
import { childPath, FindingList } from './conversion-report';
import { flinkMapText } from './flink-maps';
import { readNativeOption } from './native-options';
import { RestartEntry, restartStrategyFromConfig } from './restart-strategy';
import { misspelledTypedKey } from './typed-keys';
import { readTyped } from './typed-readers';
import { FlinkVersionTraits } from '../flink/flink-version';
import { classifyKey } from '../flink/catalog/option-catalog';
import { checkExtraKey, currentNameOf } from '../model/key-rules';
import { ownerOf } from '../model/config-sections';
import { FlinkValidationError } from '../validation/errors';

/** Options of Flink's Map type, which a YAML object writes as `k1:v1,k2:v2`, not as nested keys. */
const MAP_OPTIONS =
  /^(kubernetes\.secrets|kubernetes\.(jobmanager|taskmanager)\.(labels|annotations|node-selector)|kubernetes\.(rest|internal)-service\.(labels|annotations)|taskmanager\.memory\.managed\.consumer-weights)$/;

const isScalar = (x: unknown) => typeof x === 'string' || typeof x === 'number' || typeof x === 'boolean';
const isPlainObject = (x: unknown): x is Record<string, unknown> =>
  typeof x === 'object' && x !== null && !Array.isArray(x);

/**
 * Flattens nested YAML (`high-availability: {type: kubernetes}`, which Flink's config.yaml
 * and newer operators accept) into dotted keys, lists into Flink's `;`-separated form, and
 * Map options into `k1:v1,k2:v2`.
 */
export function flattenConfiguration(
  raw: Record<string, unknown>,
  prefix = '',
  out: Array<[string, unknown]> = [],
): Array<[string, unknown]> {
  for (const [k, v] of Object.entries(raw)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (isPlainObject(v) && MAP_OPTIONS.test(key)) out.push([key, flinkMapText(v)]);
    else if (isPlainObject(v)) flattenConfiguration(v, key, out);
    else if (Array.isArray(v) && v.every(isScalar)) out.push([key, v.join(';')]);
    else if (Array.isArray(v) && v.length && v.every(isPlainObject)) out.push([key, v.map(flinkMapText).join(';')]);
    else out.push([key, v]);
  }
  return out;
}

const MERGE_BY_NAME = 'kubernetes.operator.pod-template.merge-arrays-by-name';

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
  `is an option of Flink's native Kubernetes mode, which the operator used to build its Services and pods; the construct declares those itself, so it has no effect. Not mapped; use ${replacement}`;
const splitKey = (since: string, replacements: readonly string[]) =>
  `was removed in Flink ${since}, so Flink ignores it, as it did under the operator; its replacements are ${replacements.join(' and ')}: set those. Not mapped`;

/** The configuration being read: intent so far and the restart-strategy entries to combine at the end. */
interface ConfigRead {
  readonly intent: Mutable<ConfigIntent>;
  readonly passThrough: Record<string, string>;
  readonly userKeys: Set<string>;
  readonly restart: Map<string, RestartEntry>;
  readonly traits: FlinkVersionTraits;
  readonly findings: FindingList;
  /** Rejected keys that still get "did you mean" suggestions (each a search of the whole catalog). */
  suggestionsLeft: number;
}

/**
 * After this many rejected keys the report stops suggesting near keys: a manifest with
 * thousands of misspelt keys needs a different fix, and each search costs milliseconds.
 */
const SUGGESTION_LIMIT = 50;

/**
 * Reads `spec.flinkConfiguration`: keys with a typed prop become intent, keys that are not
 * Flink options or belong to the operator are reported, and the rest pass through the
 * construct's escape-hatch rules one by one, each rejection becoming a finding.
 */
export function readFlinkConfiguration(raw: unknown, traits: FlinkVersionTraits, findings: FindingList): ConfigIntent {
  const base = 'spec.flinkConfiguration';
  const passThrough: Record<string, string> = {};
  const userKeys = new Set<string>();
  const intent: Mutable<ConfigIntent> = {
    passThrough,
    passThroughPaths: {},
    userKeys,
    pods: { jobManager: noPodOptions(), taskManager: noPodOptions() },
    pullSecrets: [],
  };
  if (raw === undefined || raw === null) return intent;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    findings.error(base, notAMap());
    return intent;
  }
  const read: ConfigRead = {
    intent,
    passThrough,
    userKeys,
    restart: new Map(),
    traits,
    findings,
    suggestionsLeft: SUGGESTION_LIMIT,
  };
  for (const [rawKey, value] of flattenConfiguration(raw as Record<string, unknown>))
    readEntry(rawKey, value, childPath(base, rawKey), read);
  if (read.restart.size) {
    const strategy = restartStrategyFromConfig(read.restart, findings, traits);
    if (strategy) intent.restartStrategy = { value: strategy, path: read.restart.get('restart-strategy.type')!.path };
  }
  return intent;
}

/** One key: reported, read into intent, or passed through the construct's key rules. */
function readEntry(rawKey: string, value: unknown, path: string, read: ConfigRead): void {
  const { findings, intent } = read;
  if (!isScalar(value)) return findings.error(path, notAValue(value));
  const scalar = value as string | number | boolean;
  if (rawKey in Object.prototype) return findings.error(path, notAnOption('no Flink option has this name'));
  const notOption = Object.prototype.hasOwnProperty.call(NOT_FLINK_OPTIONS, rawKey)
    ? NOT_FLINK_OPTIONS[rawKey]
    : undefined;
  if (notOption) return findings.error(path, notAnOption(notOption));
  if (rawKey === MERGE_BY_NAME) return void readNativeOption({ key: rawKey, value: scalar, path, intent, findings });
  if (OPERATOR_KEY_PREFIXES.some((p) => rawKey.startsWith(p))) return findings.warning(path, operatorSetting());
  const key = currentKey(rawKey, path, read);
  read.userKeys.add(key);
  if (OPERATOR_FORBIDDEN_KEYS.includes(key)) return readForbidden(key, scalar, path, intent, findings);
  if (key === 'restart-strategy' || key.startsWith('restart-strategy.')) {
    // Before 1.19 the bare key is the current spelling of the type.
    read.restart.set(key === 'restart-strategy' ? 'restart-strategy.type' : key, { value: scalar, path });
    return;
  }
  const entry = { key, value: scalar, path, intent, findings };
  if (readTyped(entry) || readNativeOption(entry)) return;
  const native = nativeOnly(key);
  if (native) return findings.add(native.severity, path, nativeOption(native.instead));
  const split = SPLIT_KEYS.get(key);
  const removed = split ? classifyKey(read.traits.version, key) : undefined;
  if (split && removed?.kind === 'removed')
    return findings.error(path, splitKey(removed.since ?? read.traits.version, split));
  passThroughKey(key, scalar, path, read);
}

/** The key as the construct reads it: a misspelling of a typed key corrected, a legacy spelling renamed. */
function currentKey(rawKey: string, path: string, read: ConfigRead): string {
  let key = rawKey;
  const meant = misspelledTypedKey(rawKey);
  if (meant) {
    read.findings.error(path, misspelled(meant));
    key = meant;
  }
  const current = currentNameOf(key, read.traits);
  if (current === key) return key;
  read.findings.warning(path, legacySpelling(current, read.traits.version));
  return current;
}

/** A key without a typed prop, through the construct's own key rules. */
function passThroughKey(key: string, value: string | number | boolean, path: string, read: ConfigRead): void {
  try {
    const checked = checkExtraKey(key, value, read.traits, { suggest: read.suggestionsLeft > 0 });
    read.passThrough[key] = checked.value;
    read.intent.passThroughPaths[key] = path;
    if (checked.warning) read.findings.warning(path, checked.warning.replace(/^flinkConfiguration\["[^"]*"\] /, ''));
  } catch (e) {
    if (!(e instanceof FlinkValidationError)) throw e;
    read.suggestionsLeft--;
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
