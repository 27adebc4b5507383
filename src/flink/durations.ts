/**
 * Renders milliseconds the way Flink's TimeUtils parses them, in the largest unit that
 * keeps the value whole ("1 min", "15 s", "250 ms"), so the config reads like the docs.
 */
export function flinkDurationOf(ms: number): string {
  if (ms !== 0 && ms % 60_000 === 0) return `${ms / 60_000} min`;
  if (ms !== 0 && ms % 1_000 === 0) return `${ms / 1_000} s`;
  return `${ms} ms`;
}
