/**
 * Flink's leader-election record: the JSON in the `control-plane.alpha.kubernetes.io/leader`
 * annotation of `<cluster-id>-cluster-config-map` (fabric8's ConfigMap lock). Parsed
 * leniently: a format we do not know is reported, never thrown.
 */

import { excerpt, isPlainObject } from '../runtime/json';
import { MAX_LEASE_SECONDS } from '../runtime/timing';

export const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';

export type LeaderRecord =
  | {
      readonly kind: 'ok';
      /** A random UUID per JobManager process, not a pod name. */
      readonly holderIdentity: string;
      /** As the record says, at most MAX_LEASE_SECONDS. */
      readonly leaseDurationSeconds: number;
      /** Epoch milliseconds, or undefined when absent or unreadable. */
      readonly acquireTime?: number;
      readonly renewTime?: number;
      readonly leaderTransitions: number;
    }
  | { readonly kind: 'missing' }
  | { readonly kind: 'unparseable'; readonly reason: string; readonly raw: string };

/**
 * Seconds from the forms seen in the wild: a number (15), a decimal string
 * ("15.000000000", Go's time.Duration seconds), an ISO-8601 duration ("PT15S", "PT1M30S")
 * or a Go duration string ("15s", "1m30s").
 */
export function parseDurationSeconds(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string' || value.length > 64) return undefined;
  const v = value.trim();
  if (/^\d+(\.\d+)?$/.test(v)) return Number(v);
  const iso = /^PT(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?$/i.exec(v);
  if (iso && (iso[1] || iso[2] || iso[3]))
    return Number(iso[1] ?? 0) * 3600 + Number(iso[2] ?? 0) * 60 + Number(iso[3] ?? 0);
  const go = /^(?:(\d+(?:\.\d+)?)h)?(?:(\d+(?:\.\d+)?)m(?!s))?(?:(\d+(?:\.\d+)?)s)?(?:(\d+(?:\.\d+)?)ms)?$/.exec(v);
  if (go && (go[1] || go[2] || go[3] || go[4]))
    return Number(go[1] ?? 0) * 3600 + Number(go[2] ?? 0) * 60 + Number(go[3] ?? 0) + Number(go[4] ?? 0) / 1000;
  return undefined;
}

/** Epoch ms of an RFC 3339 time with any number of fractional digits. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value.length > 64) return undefined;
  // Date.parse handles at most millisecond precision; cut longer fractions first.
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const fraction = m[2] ? m[2].slice(0, 4).padEnd(4, '0') : '';
  const ms = Date.parse(`${m[1]}${fraction}${m[3]}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/** Flink's record is a few hundred bytes; anything much larger was not written by Flink. */
export const MAX_RECORD_BYTES = 16 * 1024;
/** A holder identity is a UUID (36 characters); fabric8 allows any string, within reason. */
export const MAX_HOLDER_CHARS = 256;

/** Why a record cannot be read, with at most a short excerpt of what was found. */
const Unreadable = {
  tooLarge: (bytes: number) => `the annotation is too large (${bytes} bytes; Flink writes a few hundred)`,
  notString: () => 'the annotation is not a string',
  notJson: (e: unknown) => `not JSON: ${excerpt((e as Error).message, 80)}`,
  notObject: () => 'not a JSON object',
  noHolder: () => 'no holderIdentity',
  holderNotString: () => 'holderIdentity is not a string',
  holderTooLong: (chars: number) => `holderIdentity is longer than ${MAX_HOLDER_CHARS} characters (${chars})`,
  leaseDuration: (value: unknown) =>
    `unknown leaseDuration format: ${excerpt(JSON.stringify(value) ?? 'undefined', 24)}`,
};

const unparseable = (reason: string, annotation: string): LeaderRecord => ({
  kind: 'unparseable',
  reason,
  raw: excerpt(annotation, 1024),
});

/** A count Flink would write: a non-negative int32; anything else is 0. */
function transitionCount(value: unknown): number {
  const count = Number(value ?? 0);
  return Number.isSafeInteger(count) && count >= 0 && count < 2 ** 31 ? count : 0;
}

/**
 * The record in the annotation. Cluster data is not trusted: size-limited, read by own
 * properties only (a `__proto__` or `constructor` key is data like any other), every
 * field checked, and reasons quote at most a short excerpt.
 */
export function parseLeaderRecord(annotation: unknown): LeaderRecord {
  if (annotation === undefined || annotation === '') return { kind: 'missing' };
  if (typeof annotation !== 'string') return unparseable(Unreadable.notString(), String(annotation));
  const bytes = Buffer.byteLength(annotation);
  if (bytes > MAX_RECORD_BYTES) return unparseable(Unreadable.tooLarge(bytes), annotation);
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation);
  } catch (e) {
    return unparseable(Unreadable.notJson(e), annotation);
  }
  if (!isPlainObject(parsed)) return unparseable(Unreadable.notObject(), annotation);
  const field = (name: string): unknown => (Object.hasOwn(parsed, name) ? parsed[name] : undefined);
  const holderIdentity = field('holderIdentity');
  // fabric8 writes an empty holder when a leader releases the lock.
  if (holderIdentity === undefined || holderIdentity === null) return unparseable(Unreadable.noHolder(), annotation);
  if (typeof holderIdentity !== 'string') return unparseable(Unreadable.holderNotString(), annotation);
  if (holderIdentity.length > MAX_HOLDER_CHARS)
    return unparseable(Unreadable.holderTooLong(holderIdentity.length), annotation);
  const durationField = field('leaseDuration') ?? field('leaseDurationSeconds');
  const declared = parseDurationSeconds(durationField);
  if (declared === undefined) return unparseable(Unreadable.leaseDuration(durationField), annotation);
  return {
    kind: 'ok',
    holderIdentity,
    leaseDurationSeconds: Math.min(declared, MAX_LEASE_SECONDS),
    acquireTime: parseTime(field('acquireTime')),
    renewTime: parseTime(field('renewTime')),
    leaderTransitions: transitionCount(field('leaderTransitions')),
  };
}
