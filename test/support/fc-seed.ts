import * as fc from 'fast-check';

/**
 * Fixes fast-check's seed for the whole test file: FC_SEED from the environment when
 * set (to replay a failure), a fresh one otherwise. Test names carry it, and fast-check
 * prints seed and path of any counterexample, so every failure can be replayed with
 * `FC_SEED=<seed> npx jest <file>`.
 */
export function configureSeed(): number {
  const fromEnv = process.env.FC_SEED;
  const seed =
    fromEnv !== undefined && fromEnv !== '' ? Number(fromEnv) : (Date.now() ^ (Math.random() * 0x7fffffff)) | 0;
  if (!Number.isInteger(seed)) throw new Error(`FC_SEED must be an integer, got ${fromEnv}`);
  fc.configureGlobal({ seed });
  return seed;
}

/** numRuns scaled by FC_RUNS_SCALE (e.g. 0.1 for a quick local loop, 10 for a soak run). */
export function runs(base: number): number {
  const scale = Number(process.env.FC_RUNS_SCALE ?? '1');
  return Math.max(1, Math.round(base * (Number.isFinite(scale) && scale > 0 ? scale : 1)));
}
