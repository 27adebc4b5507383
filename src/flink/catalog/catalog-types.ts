/**
 * Shapes of the generated catalog files (`data/flink-<minor>.json`, written by
 * `tools/flink-catalog`) and of what the catalog functions return.
 */

/** One ConfigOption as the generator read it from Flink's jars. */
export interface CatalogOptionRecord {
  /** `Duration`, `MemorySize`, `Boolean`, `Integer`, `Long`, `Float`, `Double`, `String`, `Enum`, `Map` or `List<...>`. */
  readonly type: string;
  /** Enum constants as Flink's parser matches them (case-insensitively). */
  readonly values?: readonly string[];
  /** The default as Flink writes it into a configuration; absent when there is none. */
  readonly default?: string;
  /** The default the docs show instead (`@Documentation.OverrideDefault`). */
  readonly documentedDefault?: string;
  /** Older keys Flink still reads for this option, in the order it tries them. */
  readonly fallbackKeys?: readonly string[];
  readonly deprecatedKeys?: readonly string[];
  /** The field or its class is `@Deprecated`. */
  readonly deprecated?: boolean;
  readonly excludedFromDocs?: boolean;
  /** For an option documented under a prefix (`metrics.reporter.<name>.`), its own key. */
  readonly suffixKey?: string;
  /** `@Documentation.Section` values. */
  readonly sections?: readonly string[];
  /** Table factories (connectors, formats, catalogs) that declare the key: a WITH-clause option. */
  readonly tableFactories?: readonly string[];
  /** Declaring class. */
  readonly class: string;
  /** The static method that builds the option from arguments (keys then hold `<paramN>`). */
  readonly factoryMethod?: string;
  readonly alsoIn?: readonly string[];
  /** Jar the option was read from, e.g. `lib/flink-dist`, `plugins/metrics-prometheus/...`. */
  readonly origin: string;
}

/** The vocabulary of Flink's duration and memory-size parsers in one version. */
export interface ValueSyntax {
  /** Unit label (lower case) -> nanoseconds. */
  readonly durationUnits: Readonly<Record<string, number>>;
  /** Unit label (lower case) -> bytes. */
  readonly memoryUnits: Readonly<Record<string, number>>;
  /** TimeUtils also accepts ISO-8601 durations such as `PT10S`. */
  readonly isoDurations: boolean;
  /** The number in a duration may exceed a Java long (the product must still fit). */
  readonly durationAmountBeyondLong: boolean;
}

/** A metric/trace/event reporter plugin and the options its reporters read. */
export interface ReporterPluginRecord {
  /** `metrics` / `traces` / `events` -> factory classes for `*.reporter.<name>.factory.class`. */
  readonly factories: Readonly<Record<string, readonly string[]>>;
  /** Suffix key (as in `metrics.reporter.<name>.<suffix>`) -> option. */
  readonly options: Readonly<Record<string, CatalogOptionRecord>>;
}

/** A whole generated catalog file. */
export interface CatalogFile {
  readonly format: 1;
  /** Exact Flink version, e.g. `2.3.0`. */
  readonly flinkVersion: string;
  /** The artifact the jars came from. */
  readonly source: {
    readonly package: string;
    readonly version: string;
    readonly file: string;
    readonly sha256: string;
  };
  readonly scan: {
    readonly jars: number;
    readonly classFiles: number;
    readonly candidateClasses: number;
    readonly notLoadable: readonly string[];
    readonly tableFactoriesNotRead: readonly string[];
    readonly declaredDifferently: readonly string[];
  };
  readonly valueSyntax: ValueSyntax;
  /** Key prefix constants Flink declares (`containerized.master.env.`) -> the fields holding them. */
  readonly keyPrefixConstants: Readonly<Record<string, readonly string[]>>;
  readonly options: Readonly<Record<string, CatalogOptionRecord>>;
  readonly reporterPlugins: Readonly<Record<string, ReporterPluginRecord>>;
}

/** The generated key history (`key-history.generated.json`). */
export interface KeyHistoryFile {
  readonly versions: Readonly<Record<string, string>>;
  /** An option key of the previous version that is an alternative key of `to` from `since` on. */
  readonly renamed: readonly {
    readonly key: string;
    readonly to: string;
    readonly since: string;
    readonly fallback?: boolean;
  }[];
  /** A key the previous version accepted that `since` does not; `to` when it was an alternative key. */
  readonly removed: readonly { readonly key: string; readonly since: string; readonly to?: string }[];
}
