import { Duration, Size, SizeRoundingBehavior } from 'cdk8s';
import { fail } from './errors';

/** Milliseconds of a Duration, rejecting things that are not Durations or not whole ms. */
export function durationMillis(prop: string, d: Duration): number {
  if (!(d instanceof Duration)) {
    fail(prop, d, 'is not a Duration; pass e.g. Duration.seconds(15) from cdk8s');
  }
  const ms = d.toMilliseconds({ integral: false });
  if (!Number.isFinite(ms) || ms < 0 || !Number.isInteger(ms)) {
    fail(prop, d, 'must be a non-negative whole number of milliseconds');
  }
  return ms;
}

/** Whole mebibytes of a Size, rejecting things that are not Sizes. */
export function sizeMebibytes(prop: string, s: Size): number {
  if (!(s instanceof Size)) {
    fail(prop, s, 'is not a Size; pass e.g. Size.mebibytes(1024) from cdk8s');
  }
  let mib: number;
  try {
    mib = s.toMebibytes({ rounding: SizeRoundingBehavior.FAIL });
  } catch {
    fail(prop, s, 'must be a whole number of MiB; use Size.mebibytes(n) or Size.gibibytes(n)');
  }
  if (!Number.isFinite(mib) || mib <= 0) fail(prop, s, 'must be larger than zero');
  return mib;
}

/** Throws unless `value` is an integer in [min, max]. */
export function requireInt(prop: string, value: unknown, min: number, max = Number.MAX_SAFE_INTEGER): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    const range = max === Number.MAX_SAFE_INTEGER ? `>= ${min}` : `between ${min} and ${max}`;
    fail(prop, value, `must be a whole number ${range}`);
  }
  return value;
}

/** Throws unless `value` is a finite number in [min, max]. */
export function requireNumber(prop: string, value: unknown, min: number, max = Number.MAX_VALUE): number {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max) {
    const range = max === Number.MAX_VALUE ? `>= ${min}` : `between ${min} and ${max}`;
    fail(prop, value, `must be a number ${range}`);
  }
  return value;
}

/** Throws unless `value` is a boolean. */
export function requireBoolean(prop: string, value: unknown): boolean {
  if (typeof value !== 'boolean') fail(prop, value, 'must be true or false');
  return value;
}

/**
 * Control characters, and the Unicode line and paragraph separators: YAML 1.1 parsers
 * (go-yaml, libyaml: kubectl, kustomize, Argo CD) break lines at U+0085, U+2028 and U+2029.
 */
export const CONTROL_CHARACTERS = /[\p{Cc}\u2028\u2029]/u;

/** Throws unless `value` is a non-empty string without control characters or line separators. */
export function requireString(prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.trim() === '' || CONTROL_CHARACTERS.test(value)) {
    fail(prop, value, 'must be a non-empty string without line breaks or control characters');
  }
  return value;
}

/** Checks that `value` is one of an enum's wire strings. */
export function requireEnum<T extends string>(prop: string, value: unknown, e: Record<string, T>, enumName: string): T {
  const values = Object.values(e) as string[];
  if (typeof value !== 'string' || !values.includes(value)) {
    fail(
      prop,
      value,
      `must be one of ${Object.keys(e)
        .map((k) => `${enumName}.${k}`)
        .join(', ')}`,
    );
  }
  return value as T;
}
