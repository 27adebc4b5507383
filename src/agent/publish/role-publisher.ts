import { HaRole, ROLE_LABEL } from '../contract';
import { LeaderRecord } from '../election/leader-record';
import { RoleDecision } from '../election/role';
import { isNotFound, KubeApi, Lease } from '../kube/kube-api';
import { leaseSeconds, LockTimes, mirrorLeadership } from '../lease/lease-mirror';
import { microTime } from '../lease/microtime';
import { ApiLink } from '../runtime/api-link';
import { Clock } from '../runtime/clock';
import { Logger } from '../runtime/log';
import { tickPeriodMs } from '../runtime/timing';

/**
 * The role label is written when the role changes, and again after this long even if it
 * did not, so a label changed by hand (or by a second agent) is repaired.
 */
export const LABEL_RESYNC_MS = 5 * 60_000;

/** Flink's lock times from its record, when it has a readable renewal. */
function lockTimes(record: LeaderRecord): LockTimes | undefined {
  if (record.kind !== 'ok' || record.renewTime === undefined) return undefined;
  const { renewTime, acquireTime, leaseDurationSeconds } = record;
  return { renewTime, acquireTime, leaseDurationSeconds };
}

export interface RolePublisherParams {
  readonly api: KubeApi;
  readonly clock: Clock;
  readonly log: Logger;
  readonly link: ApiLink;
  readonly namespace: string;
  readonly podName: string;
  readonly clusterId: string;
  readonly leaseName: string;
  readonly leaseDurationSeconds: number;
  /** The role label moved from one value to another (not a resync). */
  readonly onRoleLabeled?: (before: HaRole, after: HaRole, reason: string) => Promise<void>;
}

/**
 * Makes this pod's role visible: the role label on the pod (the leader-only Service selects
 * it) and, while the pod leads, the mirror Lease.
 */
export class RolePublisher {
  /** The label value last written to the pod, if known, and when. */
  private labeled?: HaRole;
  private labeledAt?: number;
  /** The Lease as last read or written. */
  private lease?: Lease;
  /** The Lease as this agent last wrote it while leading without a break, and when. */
  private ownLease?: Lease;
  private lastLeaseWrite?: number;

  constructor(private readonly params: RolePublisherParams) {}

  /** The Lease as last read or written. */
  public get knownLease(): Lease | undefined {
    return this.lease;
  }

  /**
   * Labels the pod with the decided role, and mirrors the Lease while it leads.
   * `stillLeads` is asked before a retry after a conflict.
   */
  public async publish(decision: RoleDecision, record: LeaderRecord, stillLeads: () => boolean): Promise<void> {
    await this.label(decision.role, decision.reason);
    if (decision.role === HaRole.LEADER && stillLeads()) await this.mirror(record, stillLeads);
  }

  /** After a break in leadership, the next write must read the Lease again and not wait for the renewal period. */
  public forgetLease(): void {
    this.ownLease = undefined;
  }

  /** Standbys never write the Lease; reading it lets /status name the leader pod. */
  public async readLease(): Promise<void> {
    const { api, link, namespace, leaseName } = this.params;
    await link.call('get-lease', async () => {
      try {
        this.lease = await api.getLease(namespace, leaseName);
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
      link.contact();
    });
  }

  /** Writes the label (unless it is current and not due for a resync, or `force`). */
  public async label(role: HaRole, reason: string, force = false): Promise<void> {
    const { api, clock, link, namespace, podName } = this.params;
    const fresh = this.labeledAt !== undefined && clock.now() - this.labeledAt < LABEL_RESYNC_MS;
    if (!force && this.labeled === role && fresh) return;
    let before: HaRole | undefined;
    let written = false;
    const patch = async () => {
      await api.patchPodLabel(namespace, podName, ROLE_LABEL, role);
      link.contact();
      before = this.labeled;
      written = true;
      this.labeled = role;
      this.labeledAt = clock.now();
    };
    await link.call('patch-pod', patch, force);
    if (written && before !== undefined && before !== role) await this.params.onRoleLabeled?.(before, role, reason);
  }

  /**
   * Mirrors Flink's lock into the Lease: at once when this pod just became leader, then
   * whenever Flink renews its lock - at most once per tick period (a third of the lease),
   * however often Flink writes; a renewal held back is written by a later pass. Nothing
   * is written while Flink does not renew, so the Lease goes stale with Flink's lock.
   * On a conflict, re-reads and retries once, and only if this pod still leads.
   */
  private async mirror(record: LeaderRecord, stillLeads: () => boolean): Promise<void> {
    const { clock, link } = this.params;
    const lock = lockTimes(record);
    if (!lock || this.mirrors(lock)) return;
    const now = clock.now();
    const period = tickPeriodMs(this.params.leaseDurationSeconds);
    const recent = this.lastLeaseWrite !== undefined && now - this.lastLeaseWrite < period * 0.9;
    if (this.ownLease?.spec?.holderIdentity === this.params.podName && recent) return;
    await link.call('lease', async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        if (await this.writeLease(lock, attempt === 0 ? this.ownLease : undefined, now, attempt)) return;
        if (!stillLeads()) return;
      }
    });
  }

  /** Whether our last write already shows this state of Flink's lock. */
  private mirrors(lock: LockTimes): boolean {
    const spec = this.ownLease?.spec;
    return (
      spec?.holderIdentity === this.params.podName &&
      spec.renewTime === microTime(lock.renewTime) &&
      spec.leaseDurationSeconds === leaseSeconds(lock)
    );
  }

  /** One write; false on a conflict (the caller may retry once). */
  private async writeLease(lock: LockTimes, cached: Lease | undefined, now: number, attempt: number) {
    const { api, clock, link, log, podName } = this.params;
    const result = await mirrorLeadership(api, {
      namespace: this.params.namespace,
      name: this.params.leaseName,
      clusterId: this.params.clusterId,
      holder: podName,
      lock,
      now: clock.now(),
      cached,
    });
    link.contact();
    if (result.outcome === 'conflict') {
      this.ownLease = undefined;
      log.log('info', 'lease update conflict', { reason: result.reason, attempt });
      return false;
    }
    this.lease = result.lease;
    this.ownLease = result.lease;
    if (result.outcome !== 'unchanged') this.lastLeaseWrite = now;
    if (result.outcome === 'created' || result.outcome === 'taken-over')
      log.log('info', `lease ${result.outcome}`, { holder: podName });
    return true;
  }
}
