import { nearestKeys } from '../../../src/flink/catalog/option-catalog';
import { editDistance, keyDistance } from '../../../src/flink/catalog/key-distance';

/** A key someone might write, and the suggestion that should come first. */
const TYPOS: Array<[string, string, string]> = [
  ['2.3', 'high-availability.storagedir', 'high-availability.storageDir'],
  ['2.3', 'high-availability.storage-dir', 'high-availability.storageDir'],
  ['2.3', 'kubernetes.cluster-idd', 'kubernetes.cluster-id'],
  ['2.3', 'state.checkpoint.dir', 'execution.checkpointing.dir'],
  ['1.19', 'state.checkpoint.dir', 'state.checkpoints.dir'],
  ['2.3', 'checkpointing.interval', 'execution.checkpointing.interval'],
  ['2.3', 'taskmanager.memory.process-size', 'taskmanager.memory.process.size'],
  ['2.3', 'taskmanager.numberOfTaskSlot', 'taskmanager.numberOfTaskSlots'],
  ['2.3', 'taskmanager.number-of-task-slots', 'taskmanager.numberOfTaskSlots'],
  ['2.3', 'restart-strategy.fixed-delay.attempt', 'restart-strategy.fixed-delay.attempts'],
  ['2.3', 'env.java.opts.jobmanagr', 'env.java.opts.jobmanager'],
  ['2.3', 'metrics.reporter.prom.factory.clas', 'metrics.reporter.prom.factory.class'],
  ['2.3', 'metrics.reporters.prom.factory.class', 'metrics.reporter.prom.factory.class'],
  [
    '2.3',
    'high-availability.kubernetes.leader-election.lease-duraton',
    'high-availability.kubernetes.leader-election.lease-duration',
  ],
  ['1.18', 'jobmanager.memory.process-size', 'jobmanager.memory.process.size'],
];

test.each(TYPOS)('Flink %s: %s -> %s', (version, written, first) => {
  expect(nearestKeys(version, written)[0]).toBe(first);
});

test.each([
  ['2.3', 'Timeout on the client side.'],
  ['2.3', 'flink.master.num-task-managers'],
  ['2.3', 'job.autoscaler.enabled'],
])('Flink %s: nothing close to %j', (version, written) => {
  expect(nearestKeys(version, written)).toEqual([]);
});

test('suggestions are real cluster keys: no deprecated, connector or internal keys', () => {
  expect(nearestKeys('2.3', 'high-availabilty')).not.toContain('high-availability');
  expect(nearestKeys('2.3', 'formatt')).toEqual([]);
  expect(nearestKeys('2.3', '$internal.pipeline.job-idd')).toEqual([]);
});

test('at most n, closest first, stable', () => {
  const three = nearestKeys('2.3', 'taskmanager.memory.size');
  expect(three.length).toBeLessThanOrEqual(3);
  expect(nearestKeys('2.3', 'taskmanager.memory.size', 1)).toEqual(three.slice(0, 1));
  expect(nearestKeys('2.3', 'taskmanager.memory.size', 0)).toEqual([]);
  expect(nearestKeys('2.3', 'taskmanager.memory.size')).toEqual(three);
});

test.each([
  ['kitten', 'sitting', 3],
  ['ab', 'ba', 1],
  ['', 'abc', 3],
  ['same', 'same', 0],
])('editDistance(%j, %j) = %d', (a, b, d) => {
  expect(editDistance(a, b)).toBe(d);
});

test('keyDistance: a dropped segment is closer than a wrong one; case costs little', () => {
  expect(keyDistance('a.b', 'a.b')).toBe(0);
  expect(keyDistance('checkpointing.interval', 'execution.checkpointing.interval')).toBeLessThan(
    keyDistance('checkpointing.interval', 'heartbeat.interval'),
  );
  expect(keyDistance('high-availability.storagedir', 'high-availability.storageDir')).toBeLessThan(0.1);
});
