import { Chart, Size, Testing } from 'cdk8s';
import { FlinkCluster, FlinkValidationError } from '../../src';
import { checkMemoryOptions, flinkMemoryBytes, memoryOptionsConflict } from '../../src/model/memory-options';
import { exampleProps } from '../support/scenarios';

const MB = 1024 * 1024;

test("Flink's MemorySize syntax", () => {
  expect(flinkMemoryBytes('1280m')).toBe(1280 * MB);
  expect(flinkMemoryBytes('1 gb')).toBe(1024 * MB);
  expect(flinkMemoryBytes('512 mebibytes')).toBe(512 * MB);
  expect(flinkMemoryBytes('1024')).toBe(1024);
  expect(flinkMemoryBytes('1Gi')).toBeUndefined();
  expect(flinkMemoryBytes('1.5g')).toBeUndefined();
});

/** [options, process MiB, conflict?], the sums worked out by hand from Flink's derivation. */
const TASK_MANAGER: Array<[Record<string, string>, number, boolean]> = [
  // Total Flink 1280m + metaspace 256m leaves 192m of 1728m: the overhead minimum, accepted.
  [{ 'taskmanager.memory.flink.size': '1280m' }, 1728, false],
  [{ 'taskmanager.memory.flink.size': '1000m' }, 1728, false],
  // 1728 - 1600 - 256 < 0.
  [{ 'taskmanager.memory.flink.size': '1600m' }, 1728, true],
  [{ 'taskmanager.memory.flink.size': '2g' }, 1728, true],
  // Task heap + managed 512m each: Flink 1280m + network 142m = 1422m, leaving 50m overhead (< 192m).
  [{ 'taskmanager.memory.task.heap.size': '512m', 'taskmanager.memory.managed.size': '512m' }, 1728, true],
  // ... of 2048m they leave 370m, inside [192m, 1g]; of 4096m they leave 2418m, above its maximum.
  [{ 'taskmanager.memory.task.heap.size': '512m', 'taskmanager.memory.managed.size': '512m' }, 2048, false],
  [{ 'taskmanager.memory.task.heap.size': '512m', 'taskmanager.memory.managed.size': '512m' }, 4096, true],
  // Managed 2g cannot fit into the 1280m Flink memory of a 1728m process.
  [{ 'taskmanager.memory.managed.size': '2g' }, 1728, true],
  [{ 'taskmanager.memory.managed.size': '256m' }, 1728, false],
  [{ 'taskmanager.memory.managed.fraction': '0.2' }, 1728, false],
  // Task heap 1g within Flink 1280m: managed 512m (0.4) + framework 256m leaves no network memory.
  [{ 'taskmanager.memory.task.heap.size': '1g' }, 1728, true],
  [{ 'taskmanager.memory.jvm-overhead.min': '2g' }, 1728, true],
  [{ 'taskmanager.memory.network.min': '512m', 'taskmanager.memory.network.max': '256m' }, 1728, true],
  [{ 'pekko.ask.timeout': '30 s' }, 1728, false],
];

test.each(TASK_MANAGER)('TaskManager %j in a %iMi process conflicts: %s', (options, mib, conflict) => {
  expect(memoryOptionsConflict(options, 'taskmanager', mib) !== undefined).toBe(conflict);
});

const JOB_MANAGER: Array<[Record<string, string>, number, boolean]> = [
  // Heap 1g + off-heap 128m + metaspace 256m leaves 192m of 1600m.
  [{ 'jobmanager.memory.heap.size': '1g' }, 1600, false],
  [{ 'jobmanager.memory.heap.size': '2g' }, 1600, true],
  [{ 'jobmanager.memory.heap.size': '1g', 'jobmanager.memory.flink.size': '1200m' }, 1600, true],
  [{ 'jobmanager.memory.flink.size': '1152m' }, 1600, false],
  [{ 'jobmanager.memory.flink.size': '1400m' }, 1600, true],
  // Process-only derivation: 1600 - 256 - 192 = 1152m of Total Flink Memory, not above 2g of off-heap.
  [{ 'jobmanager.memory.off-heap.size': '2g' }, 1600, true],
  // A larger overhead minimum is taken from the process, as Flink does.
  [{ 'jobmanager.memory.jvm-overhead.min': '512m' }, 1600, false],
];

test.each(JOB_MANAGER)('JobManager %j in a %iMi process conflicts: %s', (options, mib, conflict) => {
  expect(memoryOptionsConflict(options, 'jobmanager', mib) !== undefined).toBe(conflict);
});

test('the rule names the key, the value, the process size and why', () => {
  expect(() => checkMemoryOptions({ 'taskmanager.memory.flink.size': '2g' }, 1600, 1728)).toThrow(
    /^flinkConfiguration\["taskmanager\.memory\.flink\.size"\]: "2g" - conflicts with the process size the construct sets from taskManager\.resources\.memory \(1728Mi\): .*JVM Overhead.*Flink would refuse to start/,
  );
});

test('a cluster whose memory options conflict with its process sizes fails at synth, for any caller', () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'flink' });
  const props = exampleProps();
  expect(
    () =>
      new FlinkCluster(chart, 'Flink', {
        ...props,
        taskManager: { ...props.taskManager, resources: { memory: Size.mebibytes(1728) } },
        flinkConfiguration: { 'taskmanager.memory.flink.size': '4g' },
      }),
  ).toThrow(FlinkValidationError);
  const ok = new Chart(Testing.app(), 'c', { namespace: 'flink' });
  new FlinkCluster(ok, 'Flink', {
    ...props,
    taskManager: { ...props.taskManager, resources: { memory: Size.mebibytes(1728) } },
    flinkConfiguration: { 'taskmanager.memory.flink.size': '1280m' },
  });
  expect(Testing.synth(ok).length).toBeGreaterThan(0);
});
