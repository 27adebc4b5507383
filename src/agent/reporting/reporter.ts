import { EventRecorder } from './events';
import { HaRole } from '../contract';
import { LeaderRecord } from '../election/leader-record';
import { RoleDecision } from '../election/role';
import { KubeApi } from '../kube/kube-api';
import { Clock } from '../runtime/clock';
import { Logger } from '../runtime/log';
import { Metrics } from '../runtime/metrics';
import { BrokenPointer } from '../storage/pointer-check';
import { StorageReport } from '../storage/storage-check';

/** The agent's metrics, defined once. */
export function agentMetrics(): Metrics {
  return new Metrics()
    .gauge('flink_ha_agent_leader', '1 when this pod is the Flink leader, else 0')
    .gauge('flink_ha_agent_role', '1 for the current role of this pod (leader, standby, unknown)')
    .counter('flink_ha_agent_leader_transitions_total', 'Leader changes observed by this agent')
    .gauge(
      'flink_ha_agent_last_leader_change_timestamp_seconds',
      'When this agent last saw the leader change (unix seconds)',
    )
    .gauge('flink_ha_agent_lease_renew_age_seconds', "Seconds since Flink's leader lock was renewed")
    .gauge(
      'flink_ha_agent_storage_probe_latency_seconds',
      'Duration of the last HA storage write/fsync/read/delete probe',
    )
    .gauge('flink_ha_agent_storage_healthy', '1 when the last HA storage check found nothing wrong')
    .gauge('flink_ha_agent_broken_pointers', 'HA ConfigMap pointers whose files are missing from HA storage')
    .counter('flink_ha_agent_api_errors_total', 'Failed Kubernetes API calls by operation');
}

/** Leader changes as this agent saw them, for /status. */
export interface TransitionView {
  readonly transitionsSeen: number;
  readonly lastLeaderChange?: number;
}

const leaderMoved = (from: string, to: string) => `Flink leader moved from ${from} to ${to}`;
const roleLabelMoved = (before: HaRole, after: HaRole, reason: string) => `ha-role ${before} -> ${after}: ${reason}`;
const storageProblems = (report: StorageReport) =>
  report.findings.map((f) => `${f.message}; fix: ${f.fix}`).join(' | ');
const pointerProblems = (broken: readonly BrokenPointer[]) =>
  broken.map((b) => `ConfigMap ${b.configMap} key ${b.key} points to missing ${b.path}; fix: ${b.fix}`).join(' | ');

/**
 * What the agent tells operators: metrics, Events on its pod (each distinct fault once),
 * logs of failed API calls.
 */
export class Reporter {
  public readonly metrics: Metrics = agentMetrics();
  private readonly events: EventRecorder;
  private transitionsSeen = 0;
  private lastLeaderChange?: number;

  /**
   * @param call runs an API operation with a deadline, reporting its failure (see ApiLink):
   *   a hung Event must not hold up what reports it.
   */
  constructor(
    api: KubeApi,
    private readonly clock: Clock,
    private readonly log: Logger,
    target: { readonly namespace: string; readonly podName: string },
    private readonly call: (op: string, fn: () => Promise<void>) => Promise<void>,
  ) {
    this.events = new EventRecorder(api, target, () => clock.now());
    this.metrics.set('flink_ha_agent_leader_transitions_total', 0);
    this.metrics.set('flink_ha_agent_broken_pointers', 0);
  }

  public get transitions(): TransitionView {
    return { transitionsSeen: this.transitionsSeen, lastLeaderChange: this.lastLeaderChange };
  }

  public apiError(op: string, error: unknown): void {
    this.metrics.inc('flink_ha_agent_api_errors_total', { op });
    this.log.log('warn', 'API call failed', { op, error: (error as Error).message });
  }

  public newLeader(ip: string, previous: string | undefined): void {
    const now = this.clock.now();
    if (previous !== undefined) {
      this.transitionsSeen++;
      this.metrics.inc('flink_ha_agent_leader_transitions_total');
      void this.event('leader', 'Normal', 'LeaderChanged', leaderMoved(previous, ip));
    }
    this.lastLeaderChange = now;
    this.metrics.set('flink_ha_agent_last_leader_change_timestamp_seconds', Math.floor(now / 1000));
  }

  public roleChanged(previous: RoleDecision, current: RoleDecision): void {
    this.log.log('info', 'role changed', { from: previous.role, to: current.role, reason: current.reason });
  }

  public decided(decision: RoleDecision, record: LeaderRecord): void {
    for (const role of Object.values(HaRole))
      this.metrics.set('flink_ha_agent_role', role === decision.role ? 1 : 0, { role });
    this.metrics.set('flink_ha_agent_leader', decision.role === HaRole.LEADER ? 1 : 0);
    if (record.kind === 'ok' && record.renewTime !== undefined) {
      const age = Math.max(0, (this.clock.now() - record.renewTime) / 1000);
      this.metrics.set('flink_ha_agent_lease_renew_age_seconds', age);
    }
  }

  public roleLabeled(before: HaRole, after: HaRole, reason: string): Promise<void> {
    return this.event('role', 'Normal', 'HARoleChanged', roleLabelMoved(before, after, reason));
  }

  public async storageReport(report: StorageReport): Promise<void> {
    this.metrics.set('flink_ha_agent_storage_healthy', report.healthy ? 1 : 0);
    if (report.probeLatencyMs !== undefined)
      this.metrics.set('flink_ha_agent_storage_probe_latency_seconds', report.probeLatencyMs / 1000);
    if (report.healthy) this.events.clear('storage');
    else await this.event('storage', 'Warning', 'HAStorageUnhealthy', storageProblems(report));
  }

  public async brokenPointers(broken: readonly BrokenPointer[]): Promise<void> {
    this.metrics.set('flink_ha_agent_broken_pointers', broken.length);
    if (broken.length === 0) this.events.clear('pointers');
    else await this.event('pointers', 'Warning', 'HAPointerBroken', pointerProblems(broken));
  }

  private async event(topic: string, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    await this.call('create-event', async () => {
      await this.events.record(topic, type, reason, message);
    });
  }
}
