import { HaRole } from '../contract';
import { LeaderEntries, leaderIp } from './leader-entries';
import { LeaderRecord } from './leader-record';
import { MAX_CLOCK_SKEW_MS, MAX_LEASE_SECONDS } from '../runtime/timing';

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

const unknown = (reason: string): RoleDecision => ({ role: HaRole.UNKNOWN, reason });

/** Why the role is unknown or what it is, in words an operator can act on. */
export const Reasons = {
  noAnswerYet: () => 'no answer from the API server yet',
  noAnswerFor: (silentMs: number, leaseSeconds: number) =>
    `no answer from the API server for ${Math.round(silentMs / 1000)} s (lease ${leaseSeconds} s)`,
  noConfigMap: () => "Flink's leader ConfigMap does not exist (yet)",
  noAnnotation: () => "no leader annotation on Flink's ConfigMap",
  unreadable: (why: string) => `leader annotation unreadable: ${why}`,
  released: () => 'the lock is released (empty holder)',
  noRenewTime: () => 'the lock has no readable renewTime',
  fromTheFuture: (aheadMs: number) =>
    `the lock's renewTime is ${Math.round(aheadMs / 1000)} s ahead of this agent's clock: ` +
    'clocks far apart, or a record not written by Flink',
  stale: (ageMs: number, leaseMs: number) =>
    `the lock was last renewed ${Math.round(ageMs / 1000)} s ago (lease ${leaseMs / 1000} s): ` +
    'election under way or leader gone',
  noEntry: () => 'no restserver or dispatcher leader entry',
  unpublished: (previousIp: string) =>
    'a new leader holds the lock but has not published its address yet; ' +
    `the entries still name the previous leader ${previousIp}`,
  leader: (ip: string) => `this pod's IP ${ip} is in the leader entry`,
  standby: (ip: string) => `the leader is ${ip}`,
  stopping: (signal?: string) =>
    `the HA agent is stopping${signal ? ` (${signal})` : ''}: the pod leaves the leader Service`,
};

/**
 * The pod's role. Certainty first: when the agent cannot know (no contact with the API
 * for a lease, a stale or unreadable lock, no leader entry), the answer is UNKNOWN, so two
 * pods are never both labeled leader once they could know better.
 */
export function decideRole(input: RoleInput): RoleDecision {
  const { record, now } = input;
  const leaseMs = input.leaseDurationSeconds * 1000;
  if (input.lastApiContact === undefined) return unknown(Reasons.noAnswerYet());
  if (now - input.lastApiContact > leaseMs)
    return unknown(Reasons.noAnswerFor(now - input.lastApiContact, input.leaseDurationSeconds));
  if (!input.configMapFound) return unknown(Reasons.noConfigMap());
  if (record.kind === 'missing') return unknown(Reasons.noAnnotation());
  if (record.kind === 'unparseable') return unknown(Reasons.unreadable(record.reason));
  if (record.holderIdentity === '') return unknown(Reasons.released());
  const recordLeaseMs = Math.max(leaseMs, Math.min(record.leaseDurationSeconds, MAX_LEASE_SECONDS) * 1000);
  if (record.renewTime === undefined) return unknown(Reasons.noRenewTime());
  const age = now - record.renewTime;
  if (-age > MAX_CLOCK_SKEW_MS) return unknown(Reasons.fromTheFuture(-age));
  if (age > recordLeaseMs + STALENESS_MARGIN_MS) return unknown(Reasons.stale(age, recordLeaseMs));
  const ip = leaderIp(input.entries);
  if (ip === undefined) return unknown(Reasons.noEntry());
  // Flink takes the lock first and publishes the new leader's address in a second write;
  // until then the entries name the old leader, which must not keep (or get) the label.
  if (input.entriesFromPreviousHolder) return unknown(Reasons.unpublished(ip));
  return ip === input.podIp
    ? { role: HaRole.LEADER, leaderIp: ip, reason: Reasons.leader(ip) }
    : { role: HaRole.STANDBY, leaderIp: ip, reason: Reasons.standby(ip) };
}
