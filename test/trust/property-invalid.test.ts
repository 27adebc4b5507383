import * as fc from 'fast-check';
import { FlinkValidationError } from '../../src';
import { validProps } from '../support/arbitraries';
import { configureSeed, runs } from '../support/fc-seed';
import { MUTATIONS } from '../support/mutations';
import { synthCluster } from '../support/synth';

const seed = configureSeed();

/** Runs `f` and returns what it threw (or a marker when it returned). */
function thrown(f: () => unknown): unknown {
  try {
    f();
  } catch (e) {
    return e;
  }
  return 'did not throw';
}

test(`one broken field of a valid prop set is a FlinkValidationError naming it (seed ${seed})`, () => {
  const arb = fc
    .tuple(validProps, fc.constantFrom(...MUTATIONS))
    .chain(([base, m]) => m.build.map((mutate) => ({ base, m, mutate })));
  fc.assert(
    fc.property(arb, ({ base, m, mutate }) => {
      fc.pre(!m.applies || m.applies(base as any));
      // Building may throw already (factories validate eagerly); both count.
      const e = thrown(() => synthCluster(mutate(base as any)));
      if (!(e instanceof FlinkValidationError)) {
        throw new Error(
          `${m.name}: expected a FlinkValidationError, got ${e instanceof Error ? `${e.name}: ${e.message}\n${e.stack}` : String(e)}`,
        );
      }
      expect(e.name).toBe('FlinkValidationError');
      expect(e.message).toBe(`${e.prop}: ${e.value} - ${e.reason}`);
      if (!m.prop.test(e.prop)) throw new Error(`${m.name}: error names ${e.prop}, expected ${m.prop}: ${e.message}`);
    }),
    { numRuns: runs(4000) },
  );
});

test('every mutation is reachable from some valid base', () => {
  // fc.pre discards runs whose base does not fit; make sure none is always discarded.
  const bases = fc.sample(validProps, { numRuns: 300, seed });
  expect(MUTATIONS.filter((m) => m.applies && !bases.some((b) => m.applies!(b as any))).map((m) => m.name)).toEqual([]);
});
