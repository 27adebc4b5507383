import { Size, SizeRoundingBehavior } from 'cdk8s';

/**
 * The error every validation rule throws. Its message always names the prop, the value
 * and the fix, so a user can correct a chart without reading our source.
 *
 * TypeScript only: jsii cannot carry a subclass of `Error` to other languages, so in Python
 * the same message arrives as the `RuntimeError` every exception from the construct becomes.
 * @jsii ignore
 */
export class FlinkValidationError extends Error {
  constructor(
    /** The prop path, e.g. `taskManager.replicas`. */
    public readonly prop: string,
    /** The offending value, already rendered for display. */
    public readonly value: string,
    /** Why the value is wrong and what to do instead. */
    public readonly reason: string,
  ) {
    super(`${prop}: ${value} - ${reason}`);
    this.name = 'FlinkValidationError';
  }
}

/** Renders a user value for an error message without throwing on odd inputs. */
export function show(value: unknown): string {
  // JSON.stringify escapes control characters but not the Unicode line separators: do those too.
  if (typeof value === 'string') return JSON.stringify(value).replace(/[\u0085\u2028\u2029]/g, unicodeEscape);
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (value instanceof Size) return showSize(value);
  const human = (value as { toHumanString?: unknown } | null)?.toHumanString;
  if (typeof value === 'object' && value !== null && typeof human === 'function') {
    try {
      return String(human.call(value));
    } catch {
      /* fall through */
    }
  }
  // Factory-made values (HaStorage, RestartStrategy) describe themselves as the call that made them.
  if (
    typeof value === 'object' &&
    value !== null &&
    value.toString !== Object.prototype.toString &&
    !Array.isArray(value)
  ) {
    try {
      return String(value);
    } catch {
      /* fall through */
    }
  }
  // Other class instances (a Map, a kplus.Volume) would print as {} or as their internals.
  const proto = typeof value === 'object' && value !== null ? Object.getPrototypeOf(value) : undefined;
  if (proto && proto !== Object.prototype && proto !== Array.prototype) {
    const name = (proto as { constructor?: { name?: unknown } }).constructor?.name;
    return typeof name === 'string' && name !== '' ? `a ${name}` : 'a class instance';
  }
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Throws a FlinkValidationError. */
export function fail(prop: string, value: unknown, reason: string): never {
  throw new FlinkValidationError(prop, show(value), reason);
}

/** A Size in MiB, the unit the construct's own messages use ("1.5Mi" for sizes that are not whole). */
function showSize(size: Size): string {
  try {
    return `${size.toMebibytes({ rounding: SizeRoundingBehavior.NONE })}Mi`;
  } catch {
    return 'an invalid Size';
  }
}

function unicodeEscape(c: string): string {
  return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
}
