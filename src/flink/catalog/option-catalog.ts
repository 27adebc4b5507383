/**
 * Flink's configuration options per Flink minor version, read from Flink's own jars by
 * `tools/flink-catalog` (`npm run catalog`) into `data/flink-<minor>.json`. Pure functions:
 * no construct code, catalogs load on first use and stay cached.
 *
 * - {@link loadCatalog}: a version's catalog (artifact it came from, options, value syntax).
 * - {@link lookupOption}: the option that reads a key (own, deprecated, fallback or placeholder key).
 * - {@link nearestKeys}: "did you mean" candidates for a key.
 * - {@link checkValue}: whether Flink would accept a value for an option, and the expected form.
 * - {@link classifyKey}: which documented rule applies to a key (option, reporter parameter,
 *   filesystem plugin key, container environment variable, connector option, removed, ...).
 */
import { CATALOG_VERSIONS, catalogIndex, CatalogVersion, FlinkOption } from './catalog-index';
import type { CatalogFile } from './catalog-types';

export { CATALOG_VERSIONS } from './catalog-index';
export type { CatalogVersion, FlinkOption } from './catalog-index';
export type { CatalogFile, CatalogOptionRecord, KeyHistoryFile, ValueSyntax } from './catalog-types';
export { lookupOption, nearestKeys } from './option-lookup';
export type { MatchedVia, OptionMatch } from './option-lookup';
export { checkValue } from './value-check';
export type { ValueCheckTarget } from './value-check';
export { classifyKey, FILESYSTEM_PREFIXES } from './key-families';
export type { KeyClassification, KeyFamily, KeyRuleKind } from './key-families';
export { optionScope } from './option-scope';
export type { OptionScope } from './option-scope';

/** The options of one Flink minor version. */
export interface FlinkOptionCatalog {
  /** `"1.18"` ... `"2.3"`. */
  readonly version: CatalogVersion;
  /** The exact Flink release read, e.g. `"2.3.0"`. */
  readonly flinkVersion: string;
  /** The PyPI artifact the jars came from (name, version, file, sha256). */
  readonly source: CatalogFile['source'];
  /** Every option key, sorted; keys with placeholders (`metrics.reporter.<name>.interval`) included. */
  readonly keys: readonly string[];
  /** The option with exactly this catalog key. */
  option(key: string): FlinkOption | undefined;
  /** The generated file itself (scan figures, reporter plugins, value syntax). */
  readonly file: CatalogFile;
}

/**
 * The catalog of Flink minor version `version` (`"1.18"` ... `"2.3"`; see
 * {@link CATALOG_VERSIONS}). Loaded on first use and cached; throws for other versions,
 * naming the available ones.
 */
export function loadCatalog(version: string): FlinkOptionCatalog {
  const index = catalogIndex(version);
  return {
    version: index.version,
    flinkVersion: index.file.flinkVersion,
    source: index.file.source,
    keys: [...index.options.keys()],
    option: (key: string) => index.options.get(key),
    file: index.file,
  };
}

/** True when `version` has a catalog (and so can be passed to the other functions). */
export function hasCatalog(version: string): version is CatalogVersion {
  return (CATALOG_VERSIONS as readonly string[]).includes(version);
}
