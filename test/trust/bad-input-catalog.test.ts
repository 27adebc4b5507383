import { FlinkValidationError } from '../../src';
import { failSites, siteOf, siteText } from '../support/fail-sites';
import { BAD_INPUTS } from './bad-input-catalog.rows';

/**
 * `fail(` sites no input can reach, each with the reason. The coverage test below fails
 * when one becomes reachable or a new unreachable one appears, so this list stays true.
 */
const UNREACHABLE: Record<string, string> = {
  'if (key in config) fail(`flinkConfiguration["${key}"]`, value, \'is set by the construct; use the matching prop\');':
    "every key the construct writes is also in key-rules' OWNED list, so checkExtraKey rejects it first (defensive double check)",
  "fail('jobManager.resources.memory', Size.mebibytes(jobManager.processMiB), `leaves Flink a JVM heap of ${Math.floor(jm.heapMiB)} MiB (below ${MIN_JOBMANAGER_HEAP_MIB}); use at least Size.mebibytes(${MIN_JOBMANAGER_PROCESS_MIB})`);":
    'MIN_JOBMANAGER_PROCESS_MIB is the smallest size this check passes (the heap grows with the size), and resolvePods rejects anything smaller first',
  "fail('taskManager.resources.memory', Size.mebibytes(taskManager.processMiB), `leaves no task heap in Flink's memory model (${Math.floor(tm.flinkMiB)} MiB Flink memory after JVM overhead and metaspace, less framework, network and managed memory); use at least Size.mebibytes(${MIN_TASKMANAGER_PROCESS_MIB})`);":
    'MIN_TASKMANAGER_PROCESS_MIB is the smallest size this check passes (the task heap grows with the size), and resolvePods rejects anything smaller first',
};

/** Runs a row and returns what it threw. */
function thrownBy(run: () => void): unknown {
  try {
    run();
  } catch (e) {
    return e;
  }
  return undefined;
}

const results = BAD_INPUTS.map((row) => ({ row, error: thrownBy(row.run) }));

describe('bad inputs fail with the exact message', () => {
  test.each(results.map((r) => [r.row.title, r] as const))('%s', (_title, { row, error }) => {
    expect(row.run).toThrow(row.message);
    expect(error).toBeInstanceOf(FlinkValidationError);
    expect((error as Error).name).toBe('FlinkValidationError');
    expect((error as Error).message).toBe(row.message);
  });
});

test('the catalog has at least 40 rows with distinct titles', () => {
  expect(BAD_INPUTS.length).toBeGreaterThanOrEqual(40);
  expect(new Set(BAD_INPUTS.map((r) => r.title)).size).toBe(BAD_INPUTS.length);
});

test('every reachable fail() site in src/ is hit by some row', () => {
  const hit = new Set(results.map((r) => (r.error instanceof Error ? siteOf(r.error) : undefined)));
  const missing = failSites()
    .filter((s) => !hit.has(s))
    .map((s) => `${s}: ${siteText(s)}`);
  expect(missing.map((m) => m.replace(/^[^ ]+ /, '')).sort()).toEqual(Object.keys(UNREACHABLE).sort());
});
