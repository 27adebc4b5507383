import { CATALOG_VERSIONS, KeyHistoryFile, loadCatalog, lookupOption } from '../../../src/flink/catalog/option-catalog';

const HISTORY: KeyHistoryFile = require('../../../src/flink/catalog/key-history.generated.json');

const previous = (minor: string) => CATALOG_VERSIONS[CATALOG_VERSIONS.indexOf(minor as never) - 1];

test('covers the catalog versions, with the exact releases', () => {
  expect(Object.keys(HISTORY.versions)).toEqual([...CATALOG_VERSIONS]);
  for (const v of CATALOG_VERSIONS) expect(HISTORY.versions[v]).toBe(loadCatalog(v).flinkVersion);
});

test('every renamed key was an option key before and is read by its new option since', () => {
  expect(HISTORY.renamed.length).toBeGreaterThan(40);
  for (const r of HISTORY.renamed) {
    expect(lookupOption(previous(r.since), r.key)?.via).toBe('key');
    expect(lookupOption(r.since, r.key)).toMatchObject({
      via: r.fallback ? 'fallback-key' : 'deprecated-key',
      option: { key: r.to },
    });
  }
});

test('every removed key was read before and is not read since', () => {
  expect(HISTORY.removed.length).toBeGreaterThan(40);
  for (const r of HISTORY.removed) {
    const before = loadCatalog(previous(r.since));
    expect(
      before.option(r.key) ??
        before.keys.find((k) =>
          [...(before.option(k)!.deprecatedKeys ?? []), ...(before.option(k)!.fallbackKeys ?? [])].includes(r.key),
        ),
    ).toBeDefined();
    const after = loadCatalog(r.since);
    expect(after.option(r.key)).toBeUndefined();
    if (r.to) expect(after.option(r.to)).toBeDefined();
  }
});

test('holds only keys: no sentences or spaces', () => {
  for (const r of [...HISTORY.renamed, ...HISTORY.removed]) expect(r.key).toMatch(/^[$a-zA-Z0-9_.<>#-]+$/);
});

test.each([
  ['state.checkpoints.dir', 'execution.checkpointing.dir', '1.20'],
  ['state.savepoints.dir', 'execution.checkpointing.savepoint-dir', '1.20'],
  ['state.backend.incremental', 'execution.checkpointing.incremental', '1.20'],
  ['execution.savepoint.path', 'execution.state-recovery.path', '2.0'],
])('%s was renamed to %s in %s', (key, to, since) => {
  expect(HISTORY.renamed).toContainEqual({ key, to, since });
});
