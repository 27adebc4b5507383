/* eslint-disable @typescript-eslint/no-require-imports -- the catalog data loads lazily, one JSON file per Flink version */
import { CATALOG_VERSIONS, catalogIndex, CatalogVersion, FlinkOption } from './catalog-index';
import type { KeyHistoryFile } from './catalog-types';
import { lookupOption, nearestKeys } from './option-lookup';
import { optionScope } from './option-scope';

/** Which documented rule a configuration key falls under. */
export type KeyRuleKind =
  /** An option of the version (its own key). */
  | 'option'
  /** An option the version marks deprecated; `replacement` when a later version renames it. */
  | 'deprecated-option'
  /** A deprecated key an option still reads; `replacement` is the option's key. */
  | 'deprecated-key'
  /** A fallback key an option reads when its own key is absent; `replacement` is the option's key. */
  | 'fallback-key'
  /** A key matching a documented key with placeholders (`metrics.reporter.<name>.interval`). */
  | 'template-option'
  /** `metrics|traces|events.reporter.<name>.<parameter>`: passed to that reporter as is. */
  | 'reporter-parameter'
  /** A key a filesystem plugin reads or forwards to its Hadoop/Presto configuration (`s3.*`, `fs.s3a.*`, `gs.*`, ...). */
  | 'filesystem-passthrough'
  /** `containerized.master.env.<VAR>` / `containerized.taskmanager.env.<VAR>`. */
  | 'container-env'
  /** An option of a table connector, format, catalog or SQL hint: not cluster configuration. */
  | 'connector-option'
  /** A key Flink sets for itself. */
  | 'internal'
  /** Accepted by an earlier version, not by this one; `since` is the first version without it. */
  | 'removed'
  /** Not in this version; an option from `since` on. */
  | 'not-yet-available'
  /** No rule applies: a typo or a key Flink does not read. */
  | 'unknown';

/** Open-ended key families the classifier knows. */
export type KeyFamily =
  'metric-reporter' | 'trace-reporter' | 'event-reporter' | 'filesystem' | 'java-opts' | 'container-env' | 'kubernetes';

/** The rule that applies to a key in one Flink version. */
export interface KeyClassification {
  readonly key: string;
  readonly version: CatalogVersion;
  readonly kind: KeyRuleKind;
  readonly family?: KeyFamily;
  /** The rule in one sentence, as documented by Flink (for messages). */
  readonly rule: string;
  /** The option that reads the key, when one does (use it with checkValue). */
  readonly option?: FlinkOption;
  /** For a reporter parameter: options of reporter plugins that read this suffix. */
  readonly candidates?: readonly FlinkOption[];
  /** The key to use instead (deprecated, fallback or removed keys). */
  readonly replacement?: string;
  /** For removed keys: the first version without it; for not-yet-available keys: the first with it. */
  readonly since?: string;
  /** For unknown and removed keys: the nearest real keys. */
  readonly suggestions?: readonly string[];
}

/**
 * Prefixes the filesystem plugins read or forward to their own configuration (their
 * FLINK_CONFIG_PREFIXES, checked in the 2.3.0 plugin jars; the plugins are not part of the
 * PyPI distribution the catalog is read from, so this table is kept by hand). Longest first.
 */
export const FILESYSTEM_PREFIXES: readonly { readonly prefix: string; readonly plugins: readonly string[] }[] = [
  { prefix: 'presto.s3.', plugins: ['flink-s3-fs-presto'] },
  { prefix: 'fs.azure.', plugins: ['flink-azure-fs-hadoop'] },
  { prefix: 'fs.s3a.', plugins: ['flink-s3-fs-hadoop'] },
  { prefix: 'fs.oss.', plugins: ['flink-oss-fs-hadoop'] },
  { prefix: 'fs.gs.', plugins: ['flink-gs-fs-hadoop'] },
  { prefix: 'azure.', plugins: ['flink-azure-fs-hadoop'] },
  { prefix: 'oss.', plugins: ['flink-oss-fs-hadoop'] },
  { prefix: 's3a.', plugins: ['flink-s3-fs-hadoop'] },
  { prefix: 's3.', plugins: ['flink-s3-fs-hadoop', 'flink-s3-fs-presto'] },
  { prefix: 'gs.', plugins: ['flink-gs-fs-hadoop'] },
];

const REPORTER = /^(metrics|traces|events)\.reporter\.([^.]+)\.(.+)$/;
const REPORTER_FAMILY: Readonly<Record<string, KeyFamily>> = {
  metrics: 'metric-reporter',
  traces: 'trace-reporter',
  events: 'event-reporter',
};
const CONTAINER_ENV = /^(containerized\.(?:master|taskmanager)\.env\.)(.*)$/;

function compareMinor(a: string, b: string): number {
  const [am, an] = a.split('.').map(Number);
  const [bm, bn] = b.split('.').map(Number);
  return am - bm || an - bn;
}

let history: KeyHistoryFile | undefined;
function keyHistory(): KeyHistoryFile {
  history ??= require('./key-history.generated.json') as KeyHistoryFile;
  return history;
}

function fromOption(version: CatalogVersion, key: string, option: FlinkOption, via: string): KeyClassification {
  const base = { key, version, option };
  if (via === 'deprecated-key') {
    return {
      ...base,
      kind: 'deprecated-key',
      replacement: option.key,
      rule: `a deprecated key of ${option.key}; Flink ${version} still reads it, but use ${option.key}`,
    };
  }
  if (via === 'fallback-key') {
    return {
      ...base,
      kind: 'fallback-key',
      replacement: option.key,
      rule: `read by ${option.key} when that key is not set; prefer ${option.key}`,
    };
  }
  const scope = optionScope(option.key, option);
  if (scope === 'internal')
    return { ...base, kind: 'internal', rule: `set by Flink itself (${option.class}); not for the configuration file` };
  if (scope === 'connector') {
    const owner = option.tableFactories?.length ? `the ${option.tableFactories.join('/')} table factory` : option.class;
    return {
      ...base,
      kind: 'connector-option',
      rule: `an option of ${owner}: it belongs in a table's WITH clause, a SQL hint or the connector's configuration, not in the cluster configuration`,
    };
  }
  if (via === 'template') return { ...base, kind: 'template-option', rule: `documented as ${option.key}` };
  if (option.deprecated) {
    const replacement = laterName(version, option.key);
    return {
      ...base,
      kind: 'deprecated-option',
      replacement,
      rule: `an option Flink ${version} marks deprecated${replacement ? `; use ${replacement}` : ''}`,
    };
  }
  return { ...base, kind: 'option', rule: `an option of Flink ${version} (${option.class})` };
}

/**
 * The option replacing deprecated option `key`: one of this version that also reads `key` as a
 * deprecated key, or the key a later version renamed it to when this version has that option.
 */
function laterName(version: CatalogVersion, key: string): string | undefined {
  const reader = catalogIndex(version).alternatives.get(key);
  if (reader) return reader.option.key;
  const rename = keyHistory().renamed.find((r) => r.key === key && compareMinor(r.since, version) > 0);
  return rename && lookupOption(version, rename.to)?.via === 'key' ? rename.to : undefined;
}

function reporterRule(version: CatalogVersion, key: string, match: RegExpExecArray): KeyClassification | undefined {
  const [, kind, , suffix] = match;
  const family = REPORTER_FAMILY[kind];
  const found = lookupOption(version, key);
  if (!found || found.via !== 'template' || !found.option.key.startsWith(`${kind}.reporter.<name>.`)) return undefined;
  if (!found.option.key.endsWith('.<parameter>'))
    return { ...fromOption(version, key, found.option, 'template'), family };
  const candidates = catalogIndex(version).reporterOptions.get(suffix) ?? [];
  const known = candidates.length
    ? `; the ${candidates.map((c) => c.reporterPlugin).join(', ')} plugin reads "${suffix}" (${candidates.map((c) => c.type).join('/')})`
    : '';
  return {
    key,
    version,
    kind: 'reporter-parameter',
    family,
    option: found.option,
    candidates,
    rule: `Flink passes ${kind}.reporter.<name>.<parameter> to the reporter named <name> (set its ${kind}.reporter.<name>.factory.class); the reporter decides what it reads${known}`,
  };
}

function removedRule(version: CatalogVersion, key: string): KeyClassification | undefined {
  const entries = keyHistory().removed.filter((r) => r.key === key && compareMinor(r.since, version) <= 0);
  const last = entries.sort((a, b) => compareMinor(a.since, b.since)).pop();
  if (!last) return undefined;
  const to = last.to && lookupOption(version, last.to) ? lookupOption(version, last.to)!.option.key : undefined;
  return {
    key,
    version,
    kind: 'removed',
    since: last.since,
    replacement: to,
    suggestions: to ? [to] : nearestKeys(version, key),
    rule: `Flink ${last.since} removed this key${to ? `; use ${to}` : ''}`,
  };
}

function laterRule(version: CatalogVersion, key: string): KeyClassification | undefined {
  for (const later of CATALOG_VERSIONS.filter((v) => compareMinor(v, version) > 0)) {
    const index = catalogIndex(later);
    if (index.options.has(key) || index.alternatives.has(key)) {
      return {
        key,
        version,
        kind: 'not-yet-available',
        since: later,
        rule: `an option from Flink ${later} on; Flink ${version} does not read it`,
      };
    }
  }
  return undefined;
}

function passthroughRule(version: CatalogVersion, key: string): KeyClassification | undefined {
  const env = CONTAINER_ENV.exec(key);
  if (env && catalogIndex(version).file.keyPrefixConstants[env[1]] && /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(env[2])) {
    return {
      key,
      version,
      kind: 'container-env',
      family: 'container-env',
      rule: `${env[1]}<VAR> sets environment variable ${env[2]} in the containers Flink's own resource manager starts (native Kubernetes, YARN); a standalone deployment ignores it, so set the variable on the pod`,
    };
  }
  const fs = FILESYSTEM_PREFIXES.find((f) => key.startsWith(f.prefix) && key.length > f.prefix.length);
  if (fs) {
    return {
      key,
      version,
      kind: 'filesystem-passthrough',
      family: 'filesystem',
      rule: `keys starting with "${fs.prefix}" are read by the ${fs.plugins.join(' / ')} filesystem plugin (which forwards them to its Hadoop or Presto configuration); they only take effect with that plugin enabled`,
    };
  }
  return undefined;
}

function unknownRule(version: CatalogVersion, key: string, suggest: boolean): KeyClassification {
  const suggestions = suggest ? nearestKeys(version, key) : [];
  const index = catalogIndex(version);
  let family: KeyFamily | undefined;
  let rule = `not an option of Flink ${version}`;
  if (key.startsWith('env.java.opts.')) {
    family = 'java-opts';
    const known = [...index.options.keys()].filter((k) => k.startsWith('env.java.opts.'));
    rule += `; the JVM option keys are ${known.join(', ')}`;
  } else if (key.startsWith('kubernetes.')) {
    family = 'kubernetes';
    rule += '; every kubernetes.* key Flink reads is one of its options';
  } else if (CONTAINER_ENV.test(key)) {
    family = 'container-env';
    rule += '; the part after the prefix must be an environment variable name';
  }
  return { key, version, kind: 'unknown', family, suggestions, rule };
}

/**
 * Which documented rule applies to configuration `key` in Flink `version`: an option (own,
 * deprecated, fallback or placeholder key), an open-ended family (reporter parameters,
 * filesystem plugin keys, container environment variables), a connector or internal key, a
 * key removed earlier or only available later, or unknown (with the nearest real keys).
 * Families are recognised by documented rules, not waved through: `env.java.opts.*` and
 * `kubernetes.*` keys must be options of the version, reporter keys need the version's
 * `<kind>.reporter.<name>.<parameter>` rule, container variables a valid name.
 * `options.suggest: false` skips the search for the nearest keys (milliseconds per key).
 */
export function classifyKey(
  version: string,
  key: string,
  options: { readonly suggest?: boolean } = {},
): KeyClassification {
  const v = catalogIndex(version).version;
  const reporter = REPORTER.exec(key);
  const reporterMatch = reporter ? reporterRule(v, key, reporter) : undefined;
  if (reporterMatch) return reporterMatch;
  const found = lookupOption(v, key);
  if (found && !(found.via === 'template' && REPORTER.test(key))) return fromOption(v, key, found.option, found.via);
  return (
    passthroughRule(v, key) ?? removedRule(v, key) ?? laterRule(v, key) ?? unknownRule(v, key, options.suggest ?? true)
  );
}
