import { FlinkVersion } from '../../src';
import { isDeprecatedKey, isKnownKey } from '../support/flink-keys';
import { SCENARIOS } from '../support/scenarios';
import { synthCluster } from '../support/synth';

describe('every key the construct writes exists for the declared Flink version', () => {
  for (const [name, props] of Object.entries(SCENARIOS)) {
    test(name, () => {
      const { cluster } = synthCluster(props());
      const version = cluster._model.traits.version;
      const unknown = Object.keys(cluster.flinkConfig).filter((k) => !isKnownKey(k, version));
      expect(unknown).toEqual([]);
      // Deprecated spellings work but would be rejected by our own escape-hatch rules.
      const deprecated = Object.keys(cluster.flinkConfig).filter((k) => isDeprecatedKey(k, version));
      expect(deprecated).toEqual([]);
    });
  }

  test.each(Object.values(FlinkVersion))('checkpointing and restart keys for %s', (version) => {
    const { cluster } = synthCluster(SCENARIOS[`version ${version}`]());
    const keys = Object.keys(cluster.flinkConfig);
    expect(
      keys.filter((k) => /^(state|execution\.checkpointing|restart-strategy)\./.test(k)).length,
    ).toBeGreaterThanOrEqual(8);
    for (const key of keys) expect([key, isKnownKey(key, version)]).toEqual([key, true]);
  });

  test("the matcher rejects a key that is not Flink's", () => {
    expect(isKnownKey('high-availability.storage-dir', '1.19')).toBe(false);
    expect(isKnownKey('execution.checkpointing.dir', '1.19')).toBe(false);
    expect(isKnownKey('execution.checkpointing.dir', '1.20')).toBe(true);
    expect(isKnownKey('metrics.reporter.prom.factory.class', '1.19')).toBe(true);
  });
});
