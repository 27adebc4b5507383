import { HaRole } from '../contract';
import { LeaderEntries } from '../election/leader-entries';
import { LeaderRecord } from '../election/leader-record';
import { RoleDecision } from '../election/role';
import { Lease } from '../kube/kube-api';
import { renewAgeSeconds } from '../lease/lease-mirror';
import { BrokenPointer } from '../storage/pointer-check';
import { StorageReport } from '../storage/storage-check';
import { StorageView } from '../storage/storage-monitor';
import { TransitionView } from './reporter';

/** The agent's view, as /status shows it. */
export interface AgentStatus {
  readonly pod: string;
  readonly role: HaRole;
  readonly reason: string;
  readonly leaderIp?: string;
  readonly leaderPod?: string;
  readonly flinkLock?: {
    readonly holderIdentity?: string;
    readonly renewTime?: string;
    readonly ageSeconds?: number;
    readonly leaderTransitions?: number;
    readonly problem?: string;
  };
  readonly transitionsSeen: number;
  readonly lastLeaderChange?: string;
  readonly lease?: {
    readonly name: string;
    readonly holder?: string;
    readonly renewAgeSeconds?: number;
    readonly transitions?: number;
  };
  readonly storage?: StorageReport;
  readonly jobs: ReadonlyArray<{ readonly jobId: string; readonly pointers: number }>;
  /** The first MAX_LISTED of them; `brokenPointerCount` says how many there are. */
  readonly brokenPointers: readonly BrokenPointer[];
  readonly brokenPointerCount: number;
  readonly leaderEntryProblems: readonly string[];
  /** API operations past their deadline that have not returned. */
  readonly hungCalls: readonly string[];
}

/** Everything /status is made of, from the parts of the agent that know it. */
export interface StatusParts {
  readonly now: number;
  readonly podName: string;
  readonly leaseName: string;
  readonly decision: RoleDecision;
  readonly record: LeaderRecord;
  readonly entries: LeaderEntries;
  readonly lease?: Lease;
  readonly transitions: TransitionView;
  readonly storage: StorageView;
  readonly hungCalls: readonly string[];
}

/** Entries of a list /status shows at most: its answer stays small whatever the cluster holds. */
export const MAX_LISTED = 50;

const isoTime = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

function flinkLock(record: LeaderRecord, now: number): AgentStatus['flinkLock'] {
  if (record.kind !== 'ok') return { problem: record.kind === 'missing' ? 'no leader record' : record.reason };
  return {
    holderIdentity: record.holderIdentity,
    renewTime: isoTime(record.renewTime),
    ageSeconds: record.renewTime === undefined ? undefined : (now - record.renewTime) / 1000,
    leaderTransitions: record.leaderTransitions,
  };
}

export function agentStatus(parts: StatusParts): AgentStatus {
  const jobs = new Map<string, number>();
  for (const p of parts.storage.pointers) if (p.jobId) jobs.set(p.jobId, (jobs.get(p.jobId) ?? 0) + 1);
  return {
    pod: parts.podName,
    role: parts.decision.role,
    reason: parts.decision.reason,
    leaderIp: parts.decision.leaderIp,
    leaderPod: parts.decision.role === HaRole.LEADER ? parts.podName : parts.lease?.spec?.holderIdentity,
    flinkLock: flinkLock(parts.record, parts.now),
    transitionsSeen: parts.transitions.transitionsSeen,
    lastLeaderChange: isoTime(parts.transitions.lastLeaderChange),
    lease: {
      name: parts.leaseName,
      holder: parts.lease?.spec?.holderIdentity,
      renewAgeSeconds: renewAgeSeconds(parts.lease, parts.now),
      transitions: parts.lease?.spec?.leaseTransitions,
    },
    storage: parts.storage.storage,
    jobs: [...jobs.entries()]
      .sort()
      .slice(0, MAX_LISTED)
      .map(([jobId, pointers]) => ({ jobId, pointers })),
    brokenPointers: parts.storage.broken.slice(0, MAX_LISTED),
    brokenPointerCount: parts.storage.broken.length,
    leaderEntryProblems: parts.entries.problems,
    hungCalls: parts.hungCalls,
  };
}
