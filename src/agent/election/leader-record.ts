/**
 * Flink's leader-election record: the JSON in the `control-plane.alpha.kubernetes.io/leader`
 * annotation of `<cluster-id>-cluster-config-map` (fabric8's ConfigMap lock). Parsed
 * leniently: a format we do not know is reported, never thrown.
 */

import { isPlainObject } from '../runtime/json';
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
  if (typeof value !== 'string') return undefined;
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
  if (typeof value !== 'string') return undefined;
  // Date.parse handles at most millisecond precision; cut longer fractions first.
  const m = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.exec(value.trim());
  if (!m) return undefined;
  const fraction = m[2] ? m[2].slice(0, 4).padEnd(4, '0') : '';
  const ms = Date.parse(`${m[1]}${fraction}${m[3]}`);
  return Number.isNaN(ms) ? undefined : ms;
}

export function parseLeaderRecord(annotation: string | undefined): LeaderRecord {
  if (annotation === undefined || annotation === '') return { kind: 'missing' };
  let parsed: unknown;
  try {
    parsed = JSON.parse(annotation);
  } catch (e) {
    return { kind: 'unparseable', reason: `not JSON: ${(e as Error).message}`, raw: annotation };
  }
  if (!isPlainObject(parsed)) return { kind: 'unparseable', reason: 'not a JSON object', raw: annotation };
  const json = parsed;
  const holderIdentity = json.holderIdentity;
  if (typeof holderIdentity !== 'string') {
    // fabric8 writes an empty holder when a leader releases the lock.
    return holderIdentity === undefined || holderIdentity === null
      ? { kind: 'unparseable', reason: 'no holderIdentity', raw: annotation }
      : { kind: 'unparseable', reason: 'holderIdentity is not a string', raw: annotation };
  }
  const declared = parseDurationSeconds(json.leaseDuration ?? json.leaseDurationSeconds);
  const leaseDurationSeconds = declared === undefined ? undefined : Math.min(declared, MAX_LEASE_SECONDS);
  if (leaseDurationSeconds === undefined) {
    return {
      kind: 'unparseable',
      reason: `unknown leaseDuration format: ${JSON.stringify(json.leaseDuration)}`,
      raw: annotation,
    };
  }
  const transitions = Number(json.leaderTransitions ?? 0);
  return {
    kind: 'ok',
    holderIdentity,
    leaseDurationSeconds,
    acquireTime: parseTime(json.acquireTime),
    renewTime: parseTime(json.renewTime),
    leaderTransitions: Number.isFinite(transitions) ? transitions : 0,
  };
}
