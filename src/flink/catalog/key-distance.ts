/**
 * How far apart two configuration keys are, for "did you mean" suggestions. Keys are compared
 * by their dot-separated segments (a missing or extra segment costs less than a wrong one,
 * `checkpoint` is close to `checkpointing`) and, for typos that cross a separator
 * (`process.size` for `process-size`), by characters. Case differences cost little.
 */

/** Segment inserted or dropped (`checkpointing.interval` vs `execution.checkpointing.interval`). */
const SEGMENT_GAP = 0.6;
/** Weight of the whole-key character distance. */
const CHARACTER_WEIGHT = 0.3;

/** Levenshtein distance with adjacent transpositions (optimal string alignment). */
export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length === 0 || b.length === 0) return a.length + b.length;
  let before = new Int32Array(b.length + 1);
  let previous = Int32Array.from({ length: b.length + 1 }, (_, j) => j);
  let current = new Int32Array(b.length + 1);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, before[j - 2] + 1);
      current[j] = v;
    }
    [before, previous, current] = [previous, current, before];
  }
  return previous[b.length];
}

/** Cost of reading segment `a` as segment `b`: 0 when equal, near 0 for case, at most 1. */
function segmentCost(a: string, b: string): number {
  if (a === b) return 0;
  const la = a.toLowerCase();
  const lb = b.toLowerCase();
  if (la === lb) return 0.05;
  const cost = editDistance(la, lb) / Math.max(la.length, lb.length);
  if (la.startsWith(lb) || lb.startsWith(la)) return cost / 2;
  // Segments that differ in more than half their letters are simply different words.
  return cost > 0.5 ? 1 : cost;
}

/** Alignment of the two keys' segments (dynamic programming over segment lists). */
function segmentDistance(a: readonly string[], b: readonly string[]): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, () => new Array<number>(b.length + 1).fill(0));
  for (let i = 1; i <= a.length; i++) d[i][0] = i * SEGMENT_GAP;
  for (let j = 1; j <= b.length; j++) d[0][j] = j * SEGMENT_GAP;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      d[i][j] = Math.min(
        d[i - 1][j] + SEGMENT_GAP,
        d[i][j - 1] + SEGMENT_GAP,
        d[i - 1][j - 1] + segmentCost(a[i - 1], b[j - 1]),
      );
    }
  }
  return d[a.length][b.length];
}

/**
 * Distance between a key someone wrote and a real key; smaller is closer. 0 only for equal
 * keys; a one-letter typo scores about 0.1-0.3; unrelated keys score well above 1.
 */
export function keyDistance(written: string, real: string): number {
  if (written === real) return 0;
  const bySegments = segmentDistance(written.split('.'), real.split('.'));
  const byCharacters = editDistance(written.toLowerCase(), real.toLowerCase()) * CHARACTER_WEIGHT;
  return Math.min(bySegments, byCharacters);
}

/**
 * A template key (`metrics.reporter.<name>.interval`) with its placeholder segments filled from
 * the written key's segments at the same positions, so it can be compared and shown concretely.
 */
export function instantiateTemplate(template: string, written: string): string {
  const w = written.split('.');
  const t = template.split('.');
  return t
    .map((seg, i) => {
      if (!/^<[^>]+>$/.test(seg) || w[i] === undefined) return seg;
      // A placeholder at the end takes the rest (`metrics.reporter.<name>.<parameter>`).
      return i === t.length - 1 ? w.slice(i).join('.') : w[i];
    })
    .join('.');
}

/** A cheap lower bound of {@link keyDistance}, to skip keys that cannot be close. */
export function keyDistanceLowerBound(written: string, real: string): number {
  const segments = Math.abs(written.split('.').length - real.split('.').length) * SEGMENT_GAP;
  const characters = Math.abs(written.length - real.length) * CHARACTER_WEIGHT;
  return Math.min(segments, characters);
}

/**
 * Whether a real key at distance `score` is worth suggesting for the written key: the bar
 * grows with the number of segments the keys share in length (0.6 for one-segment keys,
 * 1.0 for two, 1.4 for three ...), so one wrong word in a short key is not "close". For a
 * filled-in template, `segmentCap` is its number of literal segments: the filled-in part
 * copies the written key and proves nothing.
 */
export function closeEnough(written: string, real: string, score: number, segmentCap = Infinity): boolean {
  const segments = Math.min(written.split('.').length, real.split('.').length, segmentCap);
  return score < 0.4 * segments + 0.2;
}
