import type { CatalogOptionRecord } from './catalog-types';

/**
 * Where an option is meant to be set, judged from the catalog record alone:
 * - `internal`: Flink sets it itself (`$internal.*`, `__...__`, classes named `*Internal`);
 * - `connector`: an option of a (table) connector, format, catalog, module or SQL hint, set in
 *   a table's WITH clause, a hint or the connector's own configuration, not in the cluster
 *   configuration: declared by a table factory found in the distribution, or, unless it is a
 *   session-level key (`table.*`, `sql-gateway.*`, `sql-client.*`, `workflow-scheduler.*`),
 *   in the connector/format/table-factory packages or a dot-less key of a table class;
 * - `cluster`: everything else.
 */
export type OptionScope = 'cluster' | 'connector' | 'internal';

const SESSION_KEYS = /^(table|sql-gateway|sql-client|workflow-scheduler)\./;
const TABLE_PACKAGES =
  /^org\.apache\.flink\.(connector|formats)\.|^org\.apache\.flink\.table\.(factories|connector|catalog|module|secret)\./;

/** The scope of an option record (see {@link OptionScope}). */
export function optionScope(key: string, option: CatalogOptionRecord): OptionScope {
  if (key.startsWith('$internal.') || /^__.*__$/.test(key) || /Internal$/.test(option.class)) return 'internal';
  if ((option.tableFactories?.length ?? 0) > 0) return 'connector';
  if (SESSION_KEYS.test(key)) return 'cluster';
  if (TABLE_PACKAGES.test(option.class) || /HintOptions$/.test(option.class)) return 'connector';
  if (!key.includes('.') && option.class.startsWith('org.apache.flink.table.')) return 'connector';
  return 'cluster';
}
