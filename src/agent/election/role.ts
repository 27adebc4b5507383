import { HaRole } from '../contract';
import { LeaderEntries, leaderIp } from './leader-entries';
import { LeaderRecord } from './leader-record';

/** What the agent knows when it decides its pod's role. */
export interface RoleInput {
  /** Flink's lock ConfigMap was read at least once and exists. */
  readonly configMapFound: boolean;
  readonly record: LeaderRecord;
  readonly entries: LeaderEntries;
  readonly podIp: string;
  readonly now: number;
  /** When the agent last heard from the API server (epoch ms), or undefined if never. */
  readonly lastApiContact?: number;
  /** Flink's lease duration, seconds (the agent's own setting; the record may say otherwise). */
  readonly leaseDurationSeconds: number;
  /**
   * The lock changed hands and the leader entries are still the ones the previous holder
   * published: the new leader has not announced its address yet.
   */
  readonly entriesFromPreviousHolder?: boolean;
}

export interface RoleDecision {
  readonly role: HaRole;
  readonly leaderIp?: string;
  /** Why, in words an operator can act on. */
  readonly reason: string;
}

/** Grace beyond the lease before a lock counts as stale: renewals are not instantaneous. */
export const STALENESS_MARGIN_MS = 5_000;

/**
 * The pod's role. Certainty first: when the agent cannot know (no contact with the API
 * for a lease, a stale or unreadable lock, no leader entry), the answer is UNKNOWN, so two
 * pods are never both labeled leader once they could know better.
 */
export function decideRole(i: RoleInput): RoleDecision {
  const leaseMs = i.leaseDurationSeconds * 1000;
  if (i.lastApiContact === undefined) return { role: HaRole.UNKNOWN, reason: 'no answer from the API server yet' };
  if (i.now - i.lastApiContact > leaseMs) {
    return {
      role: HaRole.UNKNOWN,
      reason: `no answer from the API server for ${Math.round((i.now - i.lastApiContact) / 1000)} s (lease ${i.leaseDurationSeconds} s)`,
    };
  }
  if (!i.configMapFound) return { role: HaRole.UNKNOWN, reason: "Flink's leader ConfigMap does not exist (yet)" };
  if (i.record.kind === 'missing') return { role: HaRole.UNKNOWN, reason: "no leader annotation on Flink's ConfigMap" };
  if (i.record.kind === 'unparseable')
    return { role: HaRole.UNKNOWN, reason: `leader annotation unreadable: ${i.record.reason}` };
  if (i.record.holderIdentity === '') return { role: HaRole.UNKNOWN, reason: 'the lock is released (empty holder)' };
  const recordLeaseMs = Math.max(leaseMs, i.record.leaseDurationSeconds * 1000);
  if (i.record.renewTime === undefined) return { role: HaRole.UNKNOWN, reason: 'the lock has no readable renewTime' };
  const age = i.now - i.record.renewTime;
  if (age > recordLeaseMs + STALENESS_MARGIN_MS) {
    return {
      role: HaRole.UNKNOWN,
      reason: `the lock was last renewed ${Math.round(age / 1000)} s ago (lease ${recordLeaseMs / 1000} s): election under way or leader gone`,
    };
  }
  const ip = leaderIp(i.entries);
  if (ip === undefined) return { role: HaRole.UNKNOWN, reason: 'no restserver or dispatcher leader entry' };
  // Flink takes the lock first and publishes the new leader's address in a second write;
  // until then the entries name the old leader, which must not keep (or get) the label.
  if (i.entriesFromPreviousHolder) {
    return {
      role: HaRole.UNKNOWN,
      reason: `a new leader holds the lock but has not published its address yet; the entries still name the previous leader ${ip}`,
    };
  }
  return ip === i.podIp
    ? { role: HaRole.LEADER, leaderIp: ip, reason: `this pod's IP ${ip} is in the leader entry` }
    : { role: HaRole.STANDBY, leaderIp: ip, reason: `the leader is ${ip}` };
}
