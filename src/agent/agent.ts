import { Clock } from './runtime/clock';
import { AgentConfig } from './config';
import { followConfigMap } from './election/config-map-follower';
import { clusterConfigMapName, HaRole, ROLE_LABEL } from './contract';
import { EventRecorder } from './reporting/events';
import { ConfigMap, isNotFound, KubeApi, Lease } from './kube/kube-api';
import { LeaderEntries, leaderEntriesFingerprint, parseLeaderEntries } from './election/leader-entries';
import { LEADER_ANNOTATION, LeaderRecord, parseLeaderRecord } from './election/leader-record';
import { mirrorLeadership, renewAgeSeconds } from './lease/lease-mirror';
import { Logger } from './runtime/log';
import { agentMetrics, Metrics } from './runtime/metrics';
import { BrokenPointer, findBrokenPointers, findPointers, HaPointer } from './storage/pointer-check';
import { decideRole, RoleDecision } from './election/role';
import { checkStorage, StorageFs, StorageReport } from './storage/storage-check';

/**
 * The role label is written when the role changes, and again after this long even if it
 * did not, so a label changed by hand (or by a second agent) is repaired.
 */
export const LABEL_RESYNC_MS = 5 * 60_000;

/** Pause between a change of Flink's job pointers and the storage check it triggers. */
export const STORAGE_DEBOUNCE_MS = 2000;

/** How long a stopping agent waits for a pass in flight before it labels its pod unknown (real time). */
export const SHUTDOWN_WAIT_MS = 2000;

/** How long the filesystem part of a storage check may take before the volume counts as hung. */
export const STORAGE_TIMEOUT_MS = 10_000;

export interface AgentDeps {
  readonly api: KubeApi;
  readonly clock: Clock;
  readonly log: Logger;
  readonly config: AgentConfig;
  readonly fs?: StorageFs;
  readonly exists?: (path: string) => Promise<boolean>;
  /** @default STORAGE_TIMEOUT_MS (real time: a hung volume does not follow an injected clock) */
  readonly storageTimeoutMs?: number;
}

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
  readonly brokenPointers: readonly BrokenPointer[];
  readonly leaderEntryProblems: readonly string[];
}

/**
 * Follows Flink's leader election for one JobManager pod and makes it visible: the pod's
 * role label, the mirror Lease (written by the leader's agent only), Events, metrics and
 * storage checks. Work happens in `tick()` (role, label, Lease) and `checkStorage()`,
 * driven by timers in `run()`, so tests drive them directly with a fake clock.
 */
export class HaAgent {
  public readonly metrics: Metrics = agentMetrics();
  private readonly events: EventRecorder;
  private readonly configMapName: string;
  private configMapFound = false;
  private lastApiContact?: number;
  private record: LeaderRecord = { kind: 'missing' };
  private entries: LeaderEntries = { jobs: {}, problems: [] };
  private decision: RoleDecision = { role: HaRole.UNKNOWN, reason: 'starting' };
  /** The label value last written to the pod, if known. */
  private labeled?: HaRole;
  private labeledAt?: number;
  private lastLeaderIp?: string;
  private transitionsSeen = 0;
  private lastLeaderChange?: number;
  private lease?: Lease;
  private storage?: StorageReport;
  private pointers: HaPointer[] = [];
  private broken: BrokenPointer[] = [];
  private lastLoop: number;
  private ready = false;
  /** When the agent last got a view of Flink's ConfigMap (watch event, list or get). */
  private lastView?: number;
  /** The Lease as this agent last wrote it, and when. */
  private ownLease?: Lease;
  private lastLeaseWrite?: number;
  /** Holder of Flink's lock and its published entries, to notice an election before the new leader publishes. */
  private lockHolder?: string;
  private entriesFingerprint = '';
  /** The entries as they were when the lock last changed hands, while they have not changed since. */
  private entriesOfPreviousHolder?: string;
  /** Job-graph pointers in the lock ConfigMap, to notice new or removed jobs. */
  private pointerFingerprint = '';
  private storageWake?: AbortController;
  /** The filesystem part of a storage check that has not finished (a hung volume). */
  private fsCheck?: Promise<unknown>;
  private runningTick?: Promise<void>;
  private tickAgain = false;
  private stopping = false;

  constructor(private readonly d: AgentDeps) {
    this.configMapName = clusterConfigMapName(d.config.clusterId);
    this.events = new EventRecorder(d.api, { namespace: d.config.namespace, podName: d.config.podName }, () =>
      d.clock.now(),
    );
    this.lastLoop = d.clock.now();
    this.metrics.set('flink_ha_agent_leader_transitions_total', 0);
    this.metrics.set('flink_ha_agent_broken_pointers', 0);
  }

  /** Called by the follower with each new state of Flink's lock ConfigMap. */
  public onConfigMap(cm: ConfigMap | undefined): void {
    this.lastView = this.d.clock.now();
    this.configMapFound = cm !== undefined;
    const fingerprint = Object.keys(cm?.data ?? {})
      .filter((k) => /^(jobGraph|executionPlan)-/.test(k))
      .sort()
      .map((k) => `${k}=${cm!.data![k]}`)
      .join('\n');
    if (fingerprint !== this.pointerFingerprint) {
      this.pointerFingerprint = fingerprint;
      // A job was submitted, recovered or removed: check its pointers soon, not in 30 s.
      this.storageWake?.abort();
    }
    this.record = parseLeaderRecord(cm?.metadata.annotations?.[LEADER_ANNOTATION]);
    this.entries = parseLeaderEntries(cm?.data);
    this.trackLockHolder();
    if (this.record.kind === 'unparseable')
      this.d.log.log('warn', 'unreadable Flink leader record', { reason: this.record.reason });
    this.ready = true;
  }

  public onContact(): void {
    this.lastApiContact = this.d.clock.now();
  }

  public onApiError(op: string, error: unknown): void {
    this.metrics.inc('flink_ha_agent_api_errors_total', { op });
    this.d.log.log('warn', 'API call failed', { op, error: (error as Error).message });
  }

  /**
   * One pass: decide the role, keep the label, mirror the Lease. Passes never overlap
   * (two label patches in flight could land in either order); a call during a pass
   * schedules one more pass after it, which sees the newest state.
   */
  public tick(): Promise<void> {
    if (this.runningTick) {
      this.tickAgain = true;
      return this.runningTick;
    }
    this.runningTick = (async () => {
      try {
        do {
          this.tickAgain = false;
          if (this.stopping) return;
          await this.tickOnce();
        } while (this.tickAgain);
      } finally {
        this.runningTick = undefined;
      }
    })();
    return this.runningTick;
  }

  private async tickOnce(): Promise<void> {
    const { config, clock, api, log } = this.d;
    const now = clock.now();
    this.lastLoop = now;
    // Flink renews its lock every few seconds, so a watch silent for half a lease may be a
    // dead one (or Flink is down): read the ConfigMap directly so the view stays current.
    if (this.lastView === undefined || now - this.lastView > (config.leaseDurationSeconds * 1000) / 2) {
      await this.call('get-configmap', async () => {
        try {
          this.onConfigMap(await api.getConfigMap(config.namespace, this.configMapName));
        } catch (e) {
          if (!isNotFound(e)) throw e;
          this.onConfigMap(undefined);
        }
        this.onContact();
      });
    }
    const previous = this.decision;
    this.decision = this.decide();
    this.trackLeader(now);
    this.updateRoleMetrics();
    if (previous.role !== this.decision.role) {
      log.log('info', 'role changed', { from: previous.role, to: this.decision.role, reason: this.decision.reason });
    }
    if (this.stopping) return;
    // Our copy of the Lease is only good while we lead without a break; after one, the
    // next write must read the Lease again and must not wait for the renewal period.
    if (this.decision.role !== HaRole.LEADER) this.ownLease = undefined;
    await this.applyLabel(this.decision.role);
    if (this.decision.role === HaRole.LEADER && !this.stopping) await this.mirrorLease();
  }

  /** Storage health and HA pointer consistency. */
  public async checkStorage(): Promise<void> {
    const { config, api, clock } = this.d;
    this.lastLoop = clock.now();
    await this.call('list-ha-configmaps', async () => {
      this.pointers = await this.listPointers();
      // Standbys never write the Lease; reading it lets /status name the leader pod.
      if (this.decision.role !== HaRole.LEADER) {
        try {
          this.lease = await api.getLease(config.namespace, config.leaseName);
        } catch (e) {
          if (!isNotFound(e)) throw e;
        }
      }
    });
    if (!config.storagePath || !this.d.fs) return;
    const storagePath = config.storagePath;
    // A hung volume (an NFS server that stopped answering) never returns from stat(): the
    // check must not wait for it, and must not pile up more stuck calls behind it.
    if (this.fsCheck) return this.onStorageHung(storagePath);
    const work = this.checkFilesystem(storagePath);
    this.fsCheck = work.finally(() => {
      this.fsCheck = undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.d.storageTimeoutMs ?? STORAGE_TIMEOUT_MS);
    });
    const outcome = await Promise.race([work, timedOut]).finally(() => clearTimeout(timer));
    if (outcome === 'timeout') await this.onStorageHung(storagePath);
  }

  /** Flink's HA ConfigMaps of this cluster, and the pointers in them. */
  private async listPointers(): Promise<HaPointer[]> {
    const { config, api } = this.d;
    const list = await api.listConfigMaps(config.namespace, {
      labelSelector: `app=${config.clusterId},type=flink-native-kubernetes`,
    });
    this.onContact();
    return findPointers(list.items);
  }

  private async checkFilesystem(storagePath: string): Promise<void> {
    const { config, clock } = this.d;
    const report = await checkStorage(this.d.fs!, {
      path: storagePath,
      uid: config.flinkUid,
      gid: config.flinkGid,
      minFreeBytes: config.minFreeBytes,
      probeName: config.podName,
      now: () => clock.now(),
    });
    await this.onStorageReport(report);

    const exists = this.d.exists ?? (async () => true);
    let broken = await findBrokenPointers(this.pointers, config.storageDir, storagePath, exists);
    if (broken.length) {
      // Flink removes a subsumed checkpoint's file before its key: a pointer is only broken if
      // it is still there, unchanged, after the file was found missing.
      await this.call('list-ha-configmaps', async () => {
        const now = await this.listPointers();
        broken = broken.filter((b) =>
          now.some((p) => p.configMap === b.configMap && p.key === b.key && p.path === b.path),
        );
      });
    }
    this.broken = broken;
    this.metrics.set('flink_ha_agent_broken_pointers', this.broken.length);
    if (this.broken.length === 0) this.events.clear('pointers');
    else {
      await this.event(
        'pointers',
        'Warning',
        'HAPointerBroken',
        this.broken
          .map((b) => `ConfigMap ${b.configMap} key ${b.key} points to missing ${b.path}; fix: ${b.fix}`)
          .join(' | '),
      );
    }
  }

  private async onStorageReport(report: StorageReport): Promise<void> {
    this.storage = report;
    this.metrics.set('flink_ha_agent_storage_healthy', report.healthy ? 1 : 0);
    if (report.probeLatencyMs !== undefined)
      this.metrics.set('flink_ha_agent_storage_probe_latency_seconds', report.probeLatencyMs / 1000);
    if (report.healthy) this.events.clear('storage');
    else
      await this.event(
        'storage',
        'Warning',
        'HAStorageUnhealthy',
        report.findings.map((f) => `${f.message}; fix: ${f.fix}`).join(' | '),
      );
  }

  private onStorageHung(storagePath: string): Promise<void> {
    const seconds = (this.d.storageTimeoutMs ?? STORAGE_TIMEOUT_MS) / 1000;
    return this.onStorageReport({
      healthy: false,
      findings: [
        {
          code: 'hung',
          message: `${storagePath} did not answer a storage check within ${seconds} s: the volume hangs (an NFS server not answering?), and Flink blocks on it too`,
          fix: "check the storage server and the node's mount (kubectl describe pod, the node's kernel log); the check resumes when the volume answers",
        },
      ],
    });
  }

  /** Liveness: the loop ran recently. */
  public healthy(): boolean {
    return this.d.clock.now() - this.lastLoop < Math.max(60_000, this.d.config.leaseDurationSeconds * 4000);
  }

  public isReady(): boolean {
    return this.ready;
  }

  /**
   * Steps down: no more passes, then the label goes to unknown, so the leader Service
   * stops routing here. A pass in flight finishes first, or it could relabel the pod - but
   * not for longer than SHUTDOWN_WAIT_MS, so a slow API server cannot use up the grace
   * period before the label is even tried.
   */
  public async shutdown(): Promise<void> {
    this.stopping = true;
    if (this.runningTick) {
      let timer: NodeJS.Timeout | undefined;
      const waited = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, SHUTDOWN_WAIT_MS);
      });
      await Promise.race([this.runningTick.catch(() => undefined), waited]).finally(() => clearTimeout(timer));
    }
    await this.applyLabel(HaRole.UNKNOWN, true);
  }

  public status(): AgentStatus {
    const now = this.d.clock.now();
    const r = this.record;
    const jobs = new Map<string, number>();
    for (const p of this.pointers) if (p.jobId) jobs.set(p.jobId, (jobs.get(p.jobId) ?? 0) + 1);
    return {
      pod: this.d.config.podName,
      role: this.decision.role,
      reason: this.decision.reason,
      leaderIp: this.decision.leaderIp,
      leaderPod: this.decision.role === HaRole.LEADER ? this.d.config.podName : this.lease?.spec.holderIdentity,
      flinkLock:
        r.kind === 'ok'
          ? {
              holderIdentity: r.holderIdentity,
              renewTime: r.renewTime === undefined ? undefined : new Date(r.renewTime).toISOString(),
              ageSeconds: r.renewTime === undefined ? undefined : (now - r.renewTime) / 1000,
              leaderTransitions: r.leaderTransitions,
            }
          : { problem: r.kind === 'missing' ? 'no leader record' : r.reason },
      transitionsSeen: this.transitionsSeen,
      lastLeaderChange: this.lastLeaderChange === undefined ? undefined : new Date(this.lastLeaderChange).toISOString(),
      lease: {
        name: this.d.config.leaseName,
        holder: this.lease?.spec.holderIdentity,
        renewAgeSeconds: renewAgeSeconds(this.lease, now),
        transitions: this.lease?.spec.leaseTransitions,
      },
      storage: this.storage,
      jobs: [...jobs.entries()].sort().map(([jobId, pointers]) => ({ jobId, pointers })),
      brokenPointers: this.broken,
      leaderEntryProblems: this.entries.problems,
    };
  }

  /**
   * Runs until `signal` aborts: the watch, a tick every retry period (a third of the
   * lease), and storage checks at their interval.
   */
  public async run(signal: AbortSignal): Promise<void> {
    const { api, clock, config } = this.d;
    const follower = followConfigMap(
      api,
      config.namespace,
      this.configMapName,
      {
        onState: (cm) => {
          this.onConfigMap(cm);
          void this.tick().catch((e) => this.onApiError('tick', e));
        },
        onContact: () => this.onContact(),
        onError: (op, e) => this.onApiError(op, e),
      },
      clock,
      signal,
    );
    const ticker = (async () => {
      while (!signal.aborted) {
        await this.tick().catch((e) => this.onApiError('tick', e));
        await clock.sleep((config.leaseDurationSeconds * 1000) / 3, signal);
      }
    })();
    const storage = (async () => {
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
    })();
    await Promise.all([follower, ticker, storage]);
  }

  /**
   * Compares the entries with those seen before the lock changed hands: a view that shows
   * both changed at once (a relist, or a fast leader) is not stale.
   */
  private trackLockHolder(): void {
    const previousEntries = this.entriesFingerprint;
    this.entriesFingerprint = leaderEntriesFingerprint(this.entries);
    const holder =
      this.record.kind === 'ok' && this.record.holderIdentity !== '' ? this.record.holderIdentity : undefined;
    if (holder !== undefined) {
      if (this.lockHolder !== undefined && holder !== this.lockHolder) this.entriesOfPreviousHolder = previousEntries;
      this.lockHolder = holder;
    }
    if (this.entriesOfPreviousHolder !== undefined && this.entriesFingerprint !== this.entriesOfPreviousHolder)
      this.entriesOfPreviousHolder = undefined;
  }

  private decide(): RoleDecision {
    const { config, clock } = this.d;
    return decideRole({
      configMapFound: this.configMapFound,
      record: this.record,
      entries: this.entries,
      podIp: config.podIp,
      now: clock.now(),
      lastApiContact: this.lastApiContact,
      leaseDurationSeconds: config.leaseDurationSeconds,
      entriesFromPreviousHolder: this.entriesOfPreviousHolder !== undefined,
    });
  }

  private trackLeader(now: number): void {
    const ip = this.decision.leaderIp;
    if (ip === undefined || ip === this.lastLeaderIp) return;
    if (this.lastLeaderIp !== undefined) {
      this.transitionsSeen++;
      this.metrics.inc('flink_ha_agent_leader_transitions_total');
      void this.event('leader', 'Normal', 'LeaderChanged', `Flink leader moved from ${this.lastLeaderIp} to ${ip}`);
    }
    this.lastLeaderIp = ip;
    this.lastLeaderChange = now;
    this.metrics.set('flink_ha_agent_last_leader_change_timestamp_seconds', Math.floor(now / 1000));
  }

  private updateRoleMetrics(): void {
    for (const role of Object.values(HaRole))
      this.metrics.set('flink_ha_agent_role', role === this.decision.role ? 1 : 0, { role });
    this.metrics.set('flink_ha_agent_leader', this.decision.role === HaRole.LEADER ? 1 : 0);
    const r = this.record;
    if (r.kind === 'ok' && r.renewTime !== undefined)
      this.metrics.set(
        'flink_ha_agent_lease_renew_age_seconds',
        Math.max(0, (this.d.clock.now() - r.renewTime) / 1000),
      );
  }

  private async applyLabel(role: HaRole, force = false): Promise<void> {
    const { api, config, clock } = this.d;
    if (
      !force &&
      this.labeled === role &&
      this.labeledAt !== undefined &&
      clock.now() - this.labeledAt < LABEL_RESYNC_MS
    )
      return;
    await this.call('patch-pod', async () => {
      await api.patchPodLabels(config.namespace, config.podName, { [ROLE_LABEL]: role });
      this.onContact();
      const before = this.labeled;
      this.labeled = role;
      this.labeledAt = clock.now();
      if (before !== undefined && before !== role) {
        await this.event('role', 'Normal', 'HARoleChanged', `ha-role ${before} -> ${role}: ${this.decision.reason}`);
      }
    });
  }

  /**
   * Mirrors leadership into the Lease: at once when this pod just became leader, then
   * once per retry period (a third of the lease), however often Flink's ConfigMap changes.
   * On a conflict, re-reads and retries once, and only if this pod still leads.
   */
  private async mirrorLease(): Promise<void> {
    const { api, config, clock } = this.d;
    const now = clock.now();
    const retryPeriodMs = (config.leaseDurationSeconds * 1000) / 3;
    if (
      this.ownLease?.spec.holderIdentity === config.podName &&
      this.lastLeaseWrite !== undefined &&
      now - this.lastLeaseWrite < retryPeriodMs * 0.9
    )
      return;
    await this.call('lease', async () => {
      for (let attempt = 0; attempt < 2; attempt++) {
        const result = await mirrorLeadership(api, {
          namespace: config.namespace,
          name: config.leaseName,
          clusterId: config.clusterId,
          holder: config.podName,
          leaseDurationSeconds: config.leaseDurationSeconds,
          now: clock.now(),
          flinkRenewTime: this.record.kind === 'ok' ? this.record.renewTime : undefined,
          cached: attempt === 0 ? this.ownLease : undefined,
        });
        this.onContact();
        if (result.outcome !== 'conflict') {
          this.lease = result.lease;
          this.ownLease = result.lease;
          this.lastLeaseWrite = now;
          if (result.outcome !== 'renewed')
            this.d.log.log('info', `lease ${result.outcome}`, { holder: config.podName });
          return;
        }
        this.ownLease = undefined;
        this.d.log.log('info', 'lease update conflict', { reason: result.reason, attempt });
        if (this.stopping || this.decide().role !== HaRole.LEADER) return;
      }
    });
  }

  private async event(topic: string, type: 'Normal' | 'Warning', reason: string, message: string): Promise<void> {
    await this.call('create-event', () => this.events.record(topic, type, reason, message).then(() => undefined));
  }

  private async call(op: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.onApiError(op, e);
    }
  }
}
