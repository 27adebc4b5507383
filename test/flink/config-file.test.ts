import { Duration } from 'cdk8s';
import { FlinkVersion } from '../../src';
import { FlinkVersionTraits } from '../../src/flink/flink-version';
import { renderConfigFile, yamlValue } from '../../src/flink/config-file';
import { ownerOf } from '../../src/model/config-sections';
import { currentNameOf } from '../../src/model/key-rules';
import {
  jobManagerMemory,
  MIN_JOBMANAGER_PROCESS_MIB,
  MIN_TASKMANAGER_PROCESS_MIB,
  taskManagerMemory,
} from '../../src/flink/memory-model';
import { parseStorageUri } from '../../src/model/storage-uri';
import { flinkDurationOf } from '../../src/flink/durations';

const v = (version: FlinkVersion) => FlinkVersionTraits.of(version);

describe('renderConfigFile', () => {
  test('config.yaml: sorted flat keys, values quoted only where YAML would misread them', () => {
    expect(
      renderConfigFile(
        { 'b.key': '15 s', 'a.key': 'file:///opt/flink/ha', 'c.key': 'x: y', 'd.key': 'a #b', 'e.key': '' },
        v(FlinkVersion.V1_19),
      ),
    ).toBe('a.key: file:///opt/flink/ha\nb.key: 15 s\nc.key: "x: y"\nd.key: "a #b"\ne.key: ""\n');
  });
  test.each([
    ['no', '"no"'],
    ['off', '"off"'],
    ['Yes', '"Yes"'],
    ['null', '"null"'],
    ['~', '"~"'],
    ['012', '"012"'],
    ['0x1F', '"0x1F"'],
    ['1_000', '"1_000"'],
    ['12:30', '"12:30"'],
    ['2024-01-01', '"2024-01-01"'],
    ['1.5', '"1.5"'],
    ['.inf', '".inf"'],
    ['@x', '"@x"'],
    ['%x', '"%x"'],
    ['- a', '"- a"'],
    ['a\u2028b', '"a\\u2028b"'],
    ['true', 'true'],
    ['15 s', '15 s'],
    ['1024m', '1024m'],
    ['0', '0'],
    ['my-flink-cluster', 'my-flink-cluster'],
    ['s3://bucket/ha', 's3://bucket/ha'],
  ])('config.yaml value %j is written as %s (YAML 1.1 reads it back unchanged)', (value, written) => {
    expect(yamlValue(value)).toBe(written);
  });
  test('flink-conf.yaml: raw values (Flink 1.18 keeps quotes literally)', () => {
    expect(renderConfigFile({ k: 'x: y' }, v(FlinkVersion.V1_18))).toBe('k: x: y\n');
  });
  test('the same entries in another order give the same bytes', () => {
    const t = v(FlinkVersion.V2_0);
    expect(renderConfigFile({ a: '1', b: '2' }, t)).toBe(renderConfigFile({ b: '2', a: '1' }, t));
  });
});

test('durations render in the largest whole unit Flink parses', () => {
  expect(flinkDurationOf(Duration.minutes(5).toMilliseconds())).toBe('5 min');
  expect(flinkDurationOf(90_000)).toBe('90 s');
  expect(flinkDurationOf(1500)).toBe('1500 ms');
  expect(flinkDurationOf(0)).toBe('0 ms');
});

describe('memory model', () => {
  test("the seed's 1024m processes derive positive heaps", () => {
    expect(jobManagerMemory(1024).heapMiB).toBe(448);
    expect(taskManagerMemory(1024).taskHeapMiB).toBeCloseTo(25.6, 5);
  });
  test('minimums are the first sizes that work', () => {
    expect(jobManagerMemory(MIN_JOBMANAGER_PROCESS_MIB).heapMiB).toBeGreaterThanOrEqual(128);
    expect(jobManagerMemory(MIN_JOBMANAGER_PROCESS_MIB - 1).heapMiB).toBeLessThan(128);
    expect(taskManagerMemory(MIN_TASKMANAGER_PROCESS_MIB).taskHeapMiB).toBeGreaterThan(0);
    expect(taskManagerMemory(MIN_TASKMANAGER_PROCESS_MIB - 1).taskHeapMiB).toBeLessThanOrEqual(0);
  });
  test('JVM overhead is clamped to [192 MiB, 1 GiB]', () => {
    expect(jobManagerMemory(1000).overheadMiB).toBe(192);
    expect(jobManagerMemory(20480).overheadMiB).toBe(1024);
  });
});

describe('key rules', () => {
  test.each([
    ['state.checkpoints.dir', FlinkVersion.V1_19, 'state.checkpoints.dir'],
    ['state.checkpoints.dir', FlinkVersion.V1_20, 'execution.checkpointing.dir'],
    ['state.backend.fs.checkpointdir', FlinkVersion.V1_20, 'execution.checkpointing.dir'],
    ['restart-strategy', FlinkVersion.V1_19, 'restart-strategy.type'],
    // Flink's own catalog: state.backend is already a deprecated key of state.backend.type in 1.18.
    ['state.backend', FlinkVersion.V1_18, 'state.backend.type'],
    ['pipeline.name', FlinkVersion.V2_2, 'pipeline.name'],
  ])('%s on %s is %s', (key, version, expected) => {
    expect(currentNameOf(key, v(version))).toBe(expected);
  });
  test('owned keys name their prop', () => {
    expect(ownerOf('taskmanager.numberOfTaskSlots')).toBe('taskManager.taskSlots');
    expect(ownerOf('restart-strategy.fixed-delay.attempts')).toBe('restartStrategy');
    expect(ownerOf('pipeline.max-parallelism')).toBeUndefined();
  });
});

describe('storage URIs', () => {
  test('object stores get their plugin', () => {
    expect(parseStorageUri('p', 's3://bucket/path/').plugin?.dir).toBe('s3-fs-presto');
    expect(parseStorageUri('p', 's3://bucket/path/').uri).toBe('s3://bucket/path');
    expect(parseStorageUri('p', 'gs://b/x').plugin?.jarPrefix).toBe('flink-gs-fs-hadoop');
    expect(parseStorageUri('p', 'abfss://c@acct.dfs.core.windows.net/x').plugin?.dir).toBe('azure-fs-hadoop');
  });
  test('file URIs need an absolute path', () => {
    expect(parseStorageUri('p', 'file:///opt/flink/ha').path).toBe('/opt/flink/ha');
    expect(() => parseStorageUri('p', 'file://opt/flink')).toThrow(
      /^p: "file:\/\/opt\/flink" - needs an absolute path/,
    );
    expect(() => parseStorageUri('p', 's3://')).toThrow(/needs a bucket/);
  });
});
