import { HaRole, ROLE_LABEL } from '../contract';
import { LeaderRecord } from '../election/leader-record';
import { RoleDecision } from '../election/role';
import { isNotFound, KubeApi, Lease } from '../kube/kube-api';
import { mirrorLeadership } from '../lease/lease-mirror';
import { ApiLink } from '../runtime/api-link';
import { Clock } from '../runtime/clock';
import { Logger } from '../runtime/log';

/**
 * The role label is written when the role changes, and again after this long even if it
 * did not, so a label changed by hand (or by a second agent) is repaired.
 */
export const LABEL_RESYNC_MS = 5 * 60_000;

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
    await link.call('patch-pod', async () => {
      await api.patchPodLabels(namespace, podName, { [ROLE_LABEL]: role });
      link.contact();
      const before = this.labeled;
      this.labeled = role;
      this.labeledAt = clock.now();
      if (before !== undefined && before !== role) await this.params.onRoleLabeled?.(before, role, reason);
    });
  }

  /**
   * Mirrors leadership into the Lease: at once when this pod just became leader, then
   * once per retry period (a third of the lease), however often Flink's ConfigMap changes.
   * On a conflict, re-reads and retries once, and only if this pod still leads.
   */
  private async mirror(record: LeaderRecord, stillLeads: () => boolean): Promise<void> {
    const { api, clock, link, log } = this.params;
    const now = clock.now();
    const retryPeriodMs = (this.params.leaseDurationSeconds * 1000) / 3;
    const recent = this.lastLeaseWrite !== undefined && now - this.lastLeaseWrite < retryPeriodMs * 0.9;
    if (this.ownLease?.spec.holderIdentity === this.params.podName && recent) return;
    await link.call('lease', async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const result = await mirrorLeadership(api, {
          namespace: this.params.namespace,
          name: this.params.leaseName,
          clusterId: this.params.clusterId,
          holder: this.params.podName,
          leaseDurationSeconds: this.params.leaseDurationSeconds,
          now: clock.now(),
          flinkRenewTime: record.kind === 'ok' ? record.renewTime : undefined,
          cached: attempt === 0 ? this.ownLease : undefined,
        });
        link.contact();
        if (result.outcome !== 'conflict') {
          this.lease = result.lease;
          this.ownLease = result.lease;
          this.lastLeaseWrite = now;
          if (result.outcome !== 'renewed') log.log('info', `lease ${result.outcome}`, { holder: this.params.podName });
          return;
        }
        this.ownLease = undefined;
        log.log('info', 'lease update conflict', { reason: result.reason, attempt });
        if (!stillLeads()) return;
      }
    });
  }
}
