import { AgentConfig } from './config';
import { HaRole } from './contract';
import { LeaderFollower } from './election/leader-follower';
import { Reasons, RoleDecision } from './election/role';
import { ConfigMap, KubeApi } from './kube/kube-api';
import { RolePublisher } from './publish/role-publisher';
import { Reporter } from './reporting/reporter';
import { agentStatus, AgentStatus } from './reporting/status';
import { ApiLink, CRITICAL_WRITES } from './runtime/api-link';
import { Clock } from './runtime/clock';
import { Logger } from './runtime/log';
import { Metrics } from './runtime/metrics';
import { SerialPasses } from './runtime/serial';
import { livenessWindowMs, tickPeriodMs } from './runtime/timing';
import { StorageFs } from './storage/storage-check';
import { StorageMonitor } from './storage/storage-monitor';

export type { AgentStatus } from './reporting/status';

/** Pause between a change of Flink's job pointers and the storage check it triggers. */
export const STORAGE_DEBOUNCE_MS = 2000;

/** How long a stopping agent waits for a pass in flight before it labels its pod unknown (real time). */
export const SHUTDOWN_WAIT_MS = 2000;

export interface AgentDeps {
  readonly api: KubeApi;
  readonly clock: Clock;
  readonly log: Logger;
  readonly config: AgentConfig;
  readonly fs?: StorageFs;
  readonly exists?: (path: string) => Promise<boolean>;
  /** @default STORAGE_TIMEOUT_MS (real time: a hung volume does not follow an injected clock) */
  readonly storageTimeoutMs?: number;
  /** @default API_TIMEOUT_MS (real time) */
  readonly apiTimeoutMs?: number;
}

/**
 * The HA agent of one JobManager pod: a leader follower (Flink's lock -> this pod's role)
 * whose callbacks drive a role publisher (pod label, mirror Lease) and a reporter
 * (metrics, Events), beside a storage monitor. Work happens in `tick()` and
 * `checkStorage()`, driven by timers in `run()`, so tests drive them with a fake clock.
 */
export class HaAgent {
  private readonly reporter: Reporter;
  private readonly link: ApiLink;
  private readonly follower: LeaderFollower;
  private readonly publisher: RolePublisher;
  private readonly storage: StorageMonitor;
  private readonly passes = new SerialPasses(() => this.pass());
  private lastLoop: number;
  private storageWake?: AbortController;
  private stopping = false;
  /** Once stopping, the role this agent reports: unknown, and why. */
  private stoppedDecision?: RoleDecision;

  constructor(private readonly deps: AgentDeps) {
    const { api, clock, log, config } = deps;
    this.link = new ApiLink(clock, (op, e) => this.reporter.apiError(op, e), deps.apiTimeoutMs);
    this.reporter = new Reporter(api, clock, log, config, (op, fn) => this.link.call(op, fn));
    const common = { api, clock, log, link: this.link, namespace: config.namespace, clusterId: config.clusterId };
    this.follower = new LeaderFollower(
      { ...common, podIp: config.podIp, leaseDurationSeconds: config.leaseDurationSeconds },
      {
        onNewLeader: (ip, previous) => this.reporter.newLeader(ip, previous),
        onRoleChanged: (previous, current) => this.reporter.roleChanged(previous, current),
        onStoppedLeading: () => this.publisher.forgetLease(),
        // A job was submitted, recovered or removed: check its pointers soon, not in 30 s.
        onJobsChanged: () => this.storageWake?.abort(),
        onChange: () => void this.tick().catch((e) => this.onApiError('tick', e)),
      },
    );
    this.publisher = new RolePublisher({
      ...common,
      podName: config.podName,
      leaseName: config.leaseName,
      leaseDurationSeconds: config.leaseDurationSeconds,
      onRoleLabeled: (before, after, reason) => this.reporter.roleLabeled(before, after, reason),
    });
    this.storage = new StorageMonitor({
      ...common,
      lock: () => this.follower.configMap,
      podName: config.podName,
      storageDir: config.storageDir,
      storagePath: config.storagePath,
      flinkUid: config.flinkUid,
      flinkGid: config.flinkGid,
      minFreeBytes: config.minFreeBytes,
      fs: deps.fs,
      exists: deps.exists,
      storageTimeoutMs: deps.storageTimeoutMs,
      onReport: (report) => this.reporter.storageReport(report),
      onBrokenPointers: (broken) => this.reporter.brokenPointers(broken),
    });
    this.lastLoop = clock.now();
  }

  public get metrics(): Metrics {
    return this.reporter.metrics;
  }

  /** A new state of Flink's lock ConfigMap (undefined: it does not exist). */
  public onConfigMap(cm: ConfigMap | undefined): void {
    this.follower.observe(cm);
  }

  /** The API server answered. */
  public onContact(): void {
    this.link.contact();
  }

  public onApiError(op: string, error: unknown): void {
    this.link.error(op, error);
  }

  /** One pass: decide the role, keep the label, mirror the Lease. Passes never overlap. */
  public tick(): Promise<void> {
    return this.passes.request();
  }

  private async pass(): Promise<boolean> {
    if (this.stopping) return false;
    this.lastLoop = this.deps.clock.now();
    await this.follower.refreshIfSilent();
    const decision = this.follower.decide();
    // A pass that was under way when the agent began to stop must not report or label a role.
    if (this.stopping) return false;
    this.reporter.decided(decision, this.follower.record);
    await this.publisher.publish(decision, this.follower.record, () => this.stillLeads());
    return true;
  }

  private stillLeads(): boolean {
    return !this.stopping && this.follower.evaluate().role === HaRole.LEADER;
  }

  /** Storage health and HA pointer consistency; standbys also read the Lease for /status. */
  public async checkStorage(): Promise<void> {
    this.lastLoop = this.deps.clock.now();
    if (this.follower.decision.role !== HaRole.LEADER) await this.publisher.readLease();
    await this.storage.check();
  }

  /** Liveness: the loop ran recently, and no write of the role hangs. */
  public healthy(): boolean {
    const looping = this.deps.clock.now() - this.lastLoop < livenessWindowMs(this.deps.config.leaseDurationSeconds);
    return looping && !this.link.hungCalls.some((op) => CRITICAL_WRITES.includes(op));
  }

  /** Readiness: a first view of Flink's lock arrived. */
  public isReady(): boolean {
    return this.follower.hasView;
  }

  /**
   * Steps down: no more passes, then the label goes to unknown, so the leader Service
   * stops routing here. A pass in flight finishes first, or it could relabel the pod - but
   * not for longer than SHUTDOWN_WAIT_MS, so a slow API server cannot use up the grace
   * period before the label is even tried.
   */
  public async shutdown(signal?: string): Promise<void> {
    this.stopping = true;
    const stopped = { role: HaRole.UNKNOWN, reason: Reasons.stopping(signal) };
    this.stoppedDecision = stopped;
    this.reporter.decided(stopped, this.follower.record);
    const inFlight = this.passes.inFlight;
    if (inFlight) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SHUTDOWN_WAIT_MS);
      });
      await Promise.race([inFlight.catch(() => undefined), waited]).finally(() => clearTimeout(timer));
    }
    await this.publisher.label(stopped.role, stopped.reason, true);
  }

  public status(): AgentStatus {
    const { config, clock } = this.deps;
    const decision = this.stoppedDecision ?? this.follower.decision;
    return agentStatus({
      now: clock.now(),
      podName: config.podName,
      leaseName: config.leaseName,
      decision,
      record: this.follower.record,
      entries: this.follower.entries,
      lease: this.publisher.knownLease,
      transitions: this.reporter.transitions,
      storage: this.storage.view,
      hungCalls: this.link.hungCalls,
    });
  }

  /**
   * Runs until `signal` aborts: the watch, a tick every tick period (a third of the
   * lease, at most 30 s), and storage checks at their interval.
   */
  public async run(signal: AbortSignal): Promise<void> {
    await Promise.all([this.follower.run(signal), this.tickLoop(signal), this.storageLoop(signal)]);
  }

  private async tickLoop(signal: AbortSignal): Promise<void> {
    const { clock, config } = this.deps;
    while (!signal.aborted) {
      await this.tick().catch((e) => this.onApiError('tick', e));
      await clock.sleep(tickPeriodMs(config.leaseDurationSeconds), signal);
    }
  }

  private async storageLoop(signal: AbortSignal): Promise<void> {
    const { clock, config } = this.deps;
    while (!signal.aborted) {
      // Armed before the check, so a job change seen while it runs still cuts the next sleep short.
      const wake = new AbortController();
      this.storageWake = wake;
      await this.checkStorage().catch((e) => this.onApiError('storage', e));
      if (signal.aborted) break;
      // Sleep until the interval passes, the job pointers change, or the agent stops.
      const onStop = () => wake.abort();
      signal.addEventListener('abort', onStop, { once: true });
      await clock.sleep(config.storageIntervalSeconds * 1000, wake.signal);
      signal.removeEventListener('abort', onStop);
      // A change usually comes in a burst (job graph, then per-job ConfigMaps): let it settle.
      if (wake.signal.aborted) await clock.sleep(STORAGE_DEBOUNCE_MS, signal);
    }
  }
}
