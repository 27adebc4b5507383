import { readFileSync } from 'fs';
import { join } from 'path';
import { CATALOG_VERSIONS, hasCatalog, loadCatalog, lookupOption } from '../../../src/flink/catalog/option-catalog';

const REQUIREMENTS = join(__dirname, '..', '..', '..', 'tools', 'flink-catalog', 'requirements');

/** The artifact pinned for a minor version: name==version and its sha256. */
function pinned(minor: string): { version: string; sha256: string } {
  const text = readFileSync(join(REQUIREMENTS, `apache-flink-libraries-${minor}.txt`), 'utf8');
  return {
    version: /apache-flink-libraries==([0-9.]+)/.exec(text)![1],
    sha256: /sha256:([0-9a-f]{64})/.exec(text)![1],
  };
}

describe.each(CATALOG_VERSIONS.map((v) => [v]))('catalog %s', (version) => {
  const catalog = loadCatalog(version);

  test('comes from the pinned PyPI artifact', () => {
    const pin = pinned(version);
    expect(catalog.flinkVersion).toBe(pin.version);
    expect(catalog.flinkVersion.startsWith(`${version}.`)).toBe(true);
    expect(catalog.source).toMatchObject({
      package: 'apache-flink-libraries',
      version: pin.version,
      sha256: pin.sha256,
    });
  });

  test('holds the whole distribution: many options, few unloadable classes, sorted keys', () => {
    expect(catalog.keys.length).toBeGreaterThan(850);
    expect(catalog.file.scan.jars).toBeGreaterThanOrEqual(24);
    expect(catalog.file.scan.notLoadable.length).toBeLessThan(20);
    expect([...catalog.keys]).toEqual([...catalog.keys].sort());
  });

  test('every option has a type the value check knows, and every key is a key', () => {
    const types =
      /^(Duration|MemorySize|Boolean|Integer|Long|Float|Double|String|Enum|Map|List<(Duration|MemorySize|Boolean|Integer|Long|Float|Double|String|Enum|Map)>)$/;
    for (const key of catalog.keys) {
      const option = catalog.option(key)!;
      expect(option.type).toMatch(types);
      expect(key).not.toMatch(/\s/);
      if (option.type.includes('Enum')) expect(option.values!.length).toBeGreaterThan(0);
    }
  });

  test('is cached', () => {
    expect(loadCatalog(version).option('high-availability.type')).toBe(catalog.option('high-availability.type'));
  });
});

test('versions without a catalog are refused with the list of those there are', () => {
  expect(hasCatalog('2.3')).toBe(true);
  expect(hasCatalog('2.4')).toBe(false);
  expect(() => loadCatalog('1.17')).toThrow(
    /no Flink option catalog for version "1.17"; there are: 1.18, 1.19, 1.20, 2.0, 2.1, 2.2, 2.3/,
  );
});

type Presence = 'key' | 'deprecated-key' | 'fallback-key' | 'template' | undefined;
const ALL = ['1.18', '1.19', '1.20', '2.0', '2.1', '2.2', '2.3'] as const;
const from = (since: string, via: Presence = 'key'): Record<string, Presence> =>
  Object.fromEntries(ALL.map((v) => [v, ALL.indexOf(v as never) >= ALL.indexOf(since as never) ? via : undefined]));
const both = (before: Presence, since: string, after: Presence): Record<string, Presence> =>
  Object.fromEntries(ALL.map((v) => [v, ALL.indexOf(v as never) >= ALL.indexOf(since as never) ? after : before]));

/** Keys the construct depends on, and how each version reads them (checked against the jars). */
const FACTS: Array<[string, Record<string, Presence>]> = [
  ['high-availability.type', from('1.18')],
  ['high-availability', from('1.18', 'deprecated-key')],
  ['high-availability.storageDir', from('1.18')],
  ['high-availability.cluster-id', from('1.18')],
  ['high-availability.jobmanager.port', from('1.18')],
  ['high-availability.kubernetes.leader-election.lease-duration', from('1.18')],
  ['kubernetes.cluster-id', from('1.18')],
  ['kubernetes.namespace', from('1.18')],
  ['execution.checkpointing.dir', from('1.20')],
  ['execution.checkpointing.savepoint-dir', from('1.20')],
  ['state.checkpoints.dir', both('key', '1.20', 'deprecated-key')],
  ['state.savepoints.dir', both('key', '1.20', 'deprecated-key')],
  ['execution.checkpointing.num-retained', from('1.20')],
  ['execution.checkpointing.incremental', from('1.20')],
  ['restart-strategy.type', from('1.18')],
  ['restart-strategy', from('1.18', 'deprecated-key')],
  ['restart-strategy.failure-rate.max-failures-per-interval', from('1.18')],
  ['restart-strategy.failure-rate.failure-rate-interval', from('1.18')],
  ['restart-strategy.failure-rate.delay', from('1.18')],
  ['state.backend.type', from('1.18')],
  ['state.backend', from('1.18', 'deprecated-key')],
  ['blob.server.port', from('1.18')],
  ['taskmanager.rpc.port', from('1.18')],
  ['jobmanager.rpc.port', from('1.18')],
  ['metrics.internal.query-service.port', from('1.18')],
  ['env.java.opts.all', from('1.18')],
  ['env.java.opts', from('1.18', 'deprecated-key')],
  ['metrics.reporter.prom.factory.class', from('1.18', 'template')],
  ['traces.reporter.otel.factory.class', from('1.19', 'template')],
  ['jobmanager.heap.size', both('key', '2.0', undefined)],
];

describe.each(FACTS)('%s', (key, expected) => {
  test.each(ALL.map((v) => [v]))('in %s', (version) => {
    expect(lookupOption(version, key)?.via).toBe(expected[version]);
  });
});

test('defaults Flink ships for the HA timings and ports', () => {
  for (const version of CATALOG_VERSIONS) {
    const d = (key: string) => lookupOption(version, key)!.option.default;
    expect([
      d('high-availability.kubernetes.leader-election.lease-duration'),
      d('high-availability.kubernetes.leader-election.renew-deadline'),
      d('high-availability.kubernetes.leader-election.retry-period'),
    ]).toEqual(['15 s', '15 s', '5 s']);
    expect([
      d('blob.server.port'),
      d('taskmanager.rpc.port'),
      d('high-availability.jobmanager.port'),
      d('jobmanager.rpc.port'),
    ]).toEqual(['0', '0', '0', '6123']);
    expect(d('high-availability.cluster-id')).toBe('/default');
  }
});
