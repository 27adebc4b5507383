import { FlinkValidationError } from '../../src';
import { failSites, siteOf, siteText } from '../support/fail-sites';
import { BAD_INPUTS } from './bad-input-catalog.rows';

/**
 * `fail(` sites no input can reach, each with the reason. The coverage test below fails
 * when one becomes reachable or a new unreachable one appears, so this list stays true.
 */
const UNREACHABLE: Record<string, string> = {
  'fail(`flinkConfiguration["${mine}"]`, config[mine], `conflicts with ${show(theirs)}, which the construct sets: ${why}; remove it`);':
    'no option of Flink 1.18 to 2.3 is a prefix or an extension of a key the construct writes unless the construct owns it (checked against the catalog), so the key rules reject it first; kept for options a later Flink adds',
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
