import { NOT_FLINK_OPTIONS } from '../../src/convert/config-keys';
import { TYPED_KEYS } from '../../src/convert/typed-keys';
import { flinkDeploymentToProps } from '../../src/convert/flink-deployment';
import { isKnownKey } from '../support/flink-keys';
import { SEED_YAML, withSpec } from './support';

/** Flink versions with an option catalog (src/flink/catalog/, generated from Flink's jars). */
const VERSIONS: Array<[string, string, string]> = [
  ['v1_19', '1.19', 'flink:1.19'],
  ['v1_20', '1.20', 'flink:1.20'],
  ['v2_0', '2.0', 'flink:2.0'],
  ['v2_1', '2.1', 'flink:2.1'],
  ['v2_2', '2.2', 'flink:2.2'],
];

/** A mix of real options, renamed ones, misspellings and non-options. */
const CONFIG = {
  'pekko.ask.timeout': '30 s',
  'state.backend.type': 'rocksdb',
  'state.backend': 'rocksdb',
  'metrics.reporter.slf4j.factory.class': 'org.apache.flink.metrics.slf4j.Slf4jReporterFactory',
  'taskmanager.memory.managed.fraction': '0.3',
  'web.cancel.enable': 'false',
  'flink.master.num-task-managers': '2',
  'taskmanager.replicas': '2',
  'high-availability.storage-dir': 's3://b/ha',
  'taskmanager.number-of-task-slots': '2',
  'kubernetes.operator.periodic.savepoint.interval': '1 h',
  'job.autoscaler.enabled': 'true',
};

const keyOf = (path: string) => /^spec\.flinkConfiguration\["(.+)"\]$/.exec(path)?.[1];

describe.each(VERSIONS)('flinkConfiguration keys against Flink %s', (crd, version, image) => {
  const { props, report } = flinkDeploymentToProps(withSpec({ flinkVersion: crd, image, flinkConfiguration: CONFIG }));
  const passed = Object.keys(props.flinkConfiguration ?? {});
  const flagged = report
    .filter((f) => /not a Flink option|Operator setting/.test(f.message))
    .map((f) => keyOf(f.path)!);

  test('every key passed through is a Flink option of that version', () => {
    expect(passed.length).toBeGreaterThanOrEqual(5);
    expect(passed.filter((k) => !isKnownKey(k, version))).toEqual([]);
  });

  test("every key flagged as not a Flink option is in no Flink version's list", () => {
    expect(flagged.sort()).toEqual([
      'flink.master.num-task-managers',
      'high-availability.storage-dir',
      'job.autoscaler.enabled',
      'kubernetes.operator.periodic.savepoint.interval',
      'taskmanager.number-of-task-slots',
      'taskmanager.replicas',
    ]);
    for (const key of flagged) expect(VERSIONS.filter(([, v]) => isKnownKey(key, v))).toEqual([]);
  });
});

test("the seed's flagged keys are not Flink options, and its legacy key is", () => {
  const { report } = flinkDeploymentToProps(SEED_YAML);
  const flagged = report.filter((f) => f.message.includes('not a Flink option')).map((f) => keyOf(f.path)!);
  expect(flagged).toEqual(['flink.master.num-task-managers', 'high-availability.storage-dir']);
  for (const key of flagged) expect(isKnownKey(key, '1.19')).toBe(false);
  expect(isKnownKey('high-availability', '1.19')).toBe(true);
});

test("the converter's key tables agree with Flink's lists", () => {
  for (const key of Object.keys(NOT_FLINK_OPTIONS)) expect(VERSIONS.filter(([, v]) => isKnownKey(key, v))).toEqual([]);
  const unknownTyped = TYPED_KEYS.filter((k) => !VERSIONS.some(([, v]) => isKnownKey(k, v)));
  expect(unknownTyped).toEqual([]);
});
