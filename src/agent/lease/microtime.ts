/**
 * Kubernetes MicroTime: the API server accepts exactly six fractional digits
 * (`2026-01-01T00:00:00.000000Z`); `Date.toISOString()` has three and is rejected.
 */
export function microTime(epochMs: number): string {
  return new Date(Math.floor(epochMs)).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
}
