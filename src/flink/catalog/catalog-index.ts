/* eslint-disable @typescript-eslint/no-require-imports -- the catalog data loads lazily, one JSON file per Flink version */
import type { CatalogFile, CatalogOptionRecord, ValueSyntax } from './catalog-types';

/** Flink minor versions with a generated catalog, oldest first. */
export const CATALOG_VERSIONS = ['1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3'] as const;

/** A Flink minor version with a generated catalog. */
export type CatalogVersion = (typeof CATALOG_VERSIONS)[number];

// Literal requires: loaded on first use only, and visible to tools that copy JSON into builds.
const LOADERS: Readonly<Record<CatalogVersion, () => CatalogFile>> = {
  '1.18': () => require('./data/flink-1.18.json'),
  '1.19': () => require('./data/flink-1.19.json'),
  '1.20': () => require('./data/flink-1.20.json'),
  '2.0': () => require('./data/flink-2.0.json'),
  '2.1': () => require('./data/flink-2.1.json'),
  '2.2': () => require('./data/flink-2.2.json'),
  '2.3': () => require('./data/flink-2.3.json'),
};

/** One option of one Flink version, with what a value check needs. */
export interface FlinkOption extends CatalogOptionRecord {
  /** The catalog key; may hold placeholders such as `<name>`. */
  readonly key: string;
  readonly version: CatalogVersion;
  /** The version's duration and memory-size vocabulary. */
  readonly syntax: ValueSyntax;
  /** 1.18 reads `flink-conf.yaml` (values trimmed, empty means unset); later versions `config.yaml`. */
  readonly legacyConfigFile: boolean;
  /** For an option of a reporter plugin: the plugin directory (`metrics-prometheus`). */
  readonly reporterPlugin?: string;
}

/** A catalog key with placeholders, compiled for matching concrete keys. */
export interface KeyTemplate {
  readonly option: FlinkOption;
  readonly pattern: RegExp;
  /** Literal characters in the template; the more, the more specific. */
  readonly literal: number;
}

/** A loaded catalog with its lookup indexes. */
export interface CatalogIndex {
  readonly version: CatalogVersion;
  readonly file: CatalogFile;
  /** Catalog key -> option (keys with placeholders included). */
  readonly options: ReadonlyMap<string, FlinkOption>;
  /** Deprecated or fallback key -> the option that reads it. */
  readonly alternatives: ReadonlyMap<string, { readonly option: FlinkOption; readonly deprecated: boolean }>;
  readonly templates: readonly KeyTemplate[];
  /** Suffix -> options of reporter plugins that read `<kind>.reporter.<name>.<suffix>`. */
  readonly reporterOptions: ReadonlyMap<string, readonly FlinkOption[]>;
}

const PLACEHOLDER = /<[^<>.]+>/g;

/** `metrics.reporter.<name>.interval` -> /^metrics\.reporter\.[^.]+\.interval$/; a last placeholder takes the rest. */
export function compileTemplate(key: string): RegExp | undefined {
  if (!/<[^<>.]+>/.test(key)) return undefined;
  const parts = key.split(PLACEHOLDER);
  const source = parts
    .map((p) => p.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
    .reduce((acc, p, i) => {
      if (i === 0) return p;
      const last = i === parts.length - 1 && p === '';
      return acc + (last ? '.+' : '[^.]+') + p;
    }, '');
  return new RegExp(`^${source}$`);
}

function isCatalogVersion(v: unknown): v is CatalogVersion {
  return typeof v === 'string' && (CATALOG_VERSIONS as readonly string[]).includes(v);
}

function buildIndex(version: CatalogVersion, file: CatalogFile): CatalogIndex {
  const base = { version, syntax: file.valueSyntax, legacyConfigFile: version === '1.18' };
  const options = new Map<string, FlinkOption>();
  const alternatives = new Map<string, { option: FlinkOption; deprecated: boolean }>();
  const templates: KeyTemplate[] = [];
  for (const key of Object.keys(file.options).sort()) {
    const option: FlinkOption = { ...file.options[key], ...base, key };
    options.set(key, option);
    const pattern = compileTemplate(key);
    const literal = key.replace(PLACEHOLDER, '').replace(/\./g, '').length;
    if (pattern && literal > 0) templates.push({ option, pattern, literal });
  }
  for (const option of options.values()) {
    for (const k of option.deprecatedKeys ?? [])
      if (!alternatives.has(k)) alternatives.set(k, { option, deprecated: true });
    for (const k of option.fallbackKeys ?? [])
      if (!alternatives.has(k)) alternatives.set(k, { option, deprecated: false });
  }
  const reporterOptions = new Map<string, FlinkOption[]>();
  for (const plugin of Object.keys(file.reporterPlugins).sort()) {
    for (const [suffix, record] of Object.entries(file.reporterPlugins[plugin].options)) {
      const list = reporterOptions.get(suffix) ?? [];
      list.push({ ...record, ...base, key: suffix, reporterPlugin: plugin });
      reporterOptions.set(suffix, list);
    }
  }
  templates.sort((a, b) => b.literal - a.literal || (a.option.key < b.option.key ? -1 : 1));
  return { version, file, options, alternatives, templates, reporterOptions };
}

const cache = new Map<CatalogVersion, CatalogIndex>();

/**
 * The catalog of a Flink minor version (`"1.18"` ... `"2.3"`), loaded on first use and cached.
 * Throws for a version without a catalog, naming the ones there are.
 */
export function catalogIndex(version: string): CatalogIndex {
  if (!isCatalogVersion(version)) {
    throw new Error(
      `no Flink option catalog for version ${JSON.stringify(version)}; there are: ${CATALOG_VERSIONS.join(', ')}`,
    );
  }
  let index = cache.get(version);
  if (!index) {
    index = buildIndex(version, LOADERS[version]());
    cache.set(version, index);
  }
  return index;
}
