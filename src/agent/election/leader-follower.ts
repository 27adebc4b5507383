import { followConfigMap } from './config-map-follower';
import { LeaderEntries, leaderEntriesFingerprint, parseLeaderEntries } from './leader-entries';
import { LEADER_ANNOTATION, LeaderRecord, parseLeaderRecord } from './leader-record';
import { decideRole, RoleDecision } from './role';
import { clusterConfigMapName, HaRole } from '../contract';
import { ConfigMap, isNotFound, KubeApi } from '../kube/kube-api';
import { ApiLink } from '../runtime/api-link';
import { Clock } from '../runtime/clock';
import { Logger } from '../runtime/log';
import { refreshAfterMs } from '../runtime/timing';

/**
 * What the follower tells the rest of the agent, in the manner of client-go's
 * leaderelection callbacks. All are optional and called synchronously.
 */
export interface LeaderCallbacks {
  /** The leader's address changed (`previous` is undefined the first time one is seen). */
  onNewLeader?(ip: string, previous: string | undefined): void;
  /** This pod became Flink's leader. */
  onStartedLeading?(): void;
  /** This pod stopped being Flink's leader (to standby or unknown). */
  onStoppedLeading?(): void;
  /** This pod's role changed. */
  onRoleChanged?(previous: RoleDecision, current: RoleDecision): void;
  /** Flink's job-graph pointers in the lock ConfigMap changed (a job was submitted, recovered or removed). */
  onJobsChanged?(): void;
  /** A new state of the lock ConfigMap arrived through the watch. */
  onChange?(): void;
}

export interface LeaderFollowerParams {
  readonly api: KubeApi;
  readonly clock: Clock;
  readonly log: Logger;
  readonly link: ApiLink;
  readonly namespace: string;
  readonly clusterId: string;
  readonly podIp: string;
  readonly leaseDurationSeconds: number;
}

const JOB_POINTER_KEY = /^(jobGraph|executionPlan|application)-/;

/**
 * Follows Flink's leader lock (`<cluster-id>-cluster-config-map`) and decides this pod's
 * role from it. It writes nothing: what the role means for the pod (label, Lease, Events)
 * is up to the callbacks.
 */
export class LeaderFollower {
  private readonly configMapName: string;
  private configMapFound = false;
  private current: LeaderRecord = { kind: 'missing' };
  private currentEntries: LeaderEntries = { jobs: {}, problems: [] };
  private currentDecision: RoleDecision = { role: HaRole.UNKNOWN, reason: 'starting' };
  private lastConfigMap?: ConfigMap;
  /** When the agent last got a view of the ConfigMap (watch event, list or get). */
  private lastView?: number;
  /** Holder of Flink's lock, to notice an election before the new leader publishes. */
  private lockHolder?: string;
  private entriesFingerprint = '';
  /** The entries as they were when the lock last changed hands, while they have not changed since. */
  private entriesOfPreviousHolder?: string;
  /** Job-graph pointers in the lock ConfigMap, to notice new or removed jobs. */
  private pointerFingerprint = '';
  private leaderIp?: string;
  /** The record problem last logged. */
  private loggedProblem?: string;

  constructor(
    private readonly params: LeaderFollowerParams,
    private readonly callbacks: LeaderCallbacks = {},
  ) {
    this.configMapName = clusterConfigMapName(params.clusterId);
  }

  public get record(): LeaderRecord {
    return this.current;
  }

  public get entries(): LeaderEntries {
    return this.currentEntries;
  }

  public get decision(): RoleDecision {
    return this.currentDecision;
  }

  /** Whether any view of the lock ConfigMap (even "it does not exist") has arrived. */
  public get hasView(): boolean {
    return this.lastView !== undefined;
  }

  /** The lock ConfigMap as last seen (undefined: not seen, or it does not exist). */
  public get configMap(): ConfigMap | undefined {
    return this.lastConfigMap;
  }

  /** A new state of the lock ConfigMap; undefined when it does not exist. */
  public observe(cm: ConfigMap | undefined): void {
    this.lastView = this.params.clock.now();
    this.lastConfigMap = cm;
    this.configMapFound = cm !== undefined;
    const fingerprint = Object.keys(cm?.data ?? {})
      .filter((k) => JOB_POINTER_KEY.test(k))
      .sort()
      .map((k) => `${k}=${cm!.data![k]}`)
      .join('\n');
    if (fingerprint !== this.pointerFingerprint) {
      this.pointerFingerprint = fingerprint;
      this.callbacks.onJobsChanged?.();
    }
    this.current = parseLeaderRecord(cm?.metadata?.annotations?.[LEADER_ANNOTATION]);
    this.currentEntries = parseLeaderEntries(cm?.data);
    this.trackLockHolder();
    // Once per distinct problem: a broken record is seen again with every watch event.
    const problem = this.current.kind === 'unparseable' ? this.current.reason : undefined;
    if (problem !== undefined && problem !== this.loggedProblem)
      this.params.log.log('warn', 'unreadable Flink leader record', { reason: problem });
    this.loggedProblem = problem;
  }

  /**
   * Flink renews its lock every few seconds, so a watch silent for half a lease (at most a minute) may be a
   * dead one (or Flink is down): then the ConfigMap is read directly so the view stays current.
   */
  public async refreshIfSilent(): Promise<void> {
    const { api, clock, link, namespace, leaseDurationSeconds } = this.params;
    if (this.lastView !== undefined && clock.now() - this.lastView <= refreshAfterMs(leaseDurationSeconds)) return;
    await link.call('get-configmap', async () => {
      try {
        this.observe(await api.getConfigMap(namespace, this.configMapName));
      } catch (e) {
        if (!isNotFound(e)) throw e;
        this.observe(undefined);
      }
      link.contact();
    });
  }

  /** Decides the role from the current view and tells the callbacks what changed. */
  public decide(): RoleDecision {
    const previous = this.currentDecision;
    this.currentDecision = this.evaluate();
    const ip = this.currentDecision.leaderIp;
    if (ip !== undefined && ip !== this.leaderIp) {
      const before = this.leaderIp;
      this.leaderIp = ip;
      this.callbacks.onNewLeader?.(ip, before);
    }
    if (previous.role !== this.currentDecision.role) {
      this.callbacks.onRoleChanged?.(previous, this.currentDecision);
      if (this.currentDecision.role === HaRole.LEADER) this.callbacks.onStartedLeading?.();
      else if (previous.role === HaRole.LEADER) this.callbacks.onStoppedLeading?.();
    }
    return this.currentDecision;
  }

  /** The role the current view gives, without recording it or calling back. */
  public evaluate(): RoleDecision {
    return decideRole({
      configMapFound: this.configMapFound,
      record: this.current,
      entries: this.currentEntries,
      podIp: this.params.podIp,
      now: this.params.clock.now(),
      lastApiContact: this.params.link.lastContact,
      leaseDurationSeconds: this.params.leaseDurationSeconds,
      entriesFromPreviousHolder: this.entriesOfPreviousHolder !== undefined,
    });
  }

  /** Watches the lock ConfigMap until `signal` aborts. */
  public run(signal: AbortSignal): Promise<void> {
    const { api, clock, link, namespace } = this.params;
    return followConfigMap(
      api,
      namespace,
      this.configMapName,
      {
        onState: (cm) => {
          this.observe(cm);
          this.callbacks.onChange?.();
        },
        onContact: () => link.contact(),
        onError: (op, e) => link.error(op, e),
      },
      clock,
      signal,
    );
  }

  /**
   * Compares the entries with those seen before the lock changed hands: a view that shows
   * both changed at once (a relist, or a fast leader) is not stale.
   */
  private trackLockHolder(): void {
    const previousEntries = this.entriesFingerprint;
    this.entriesFingerprint = leaderEntriesFingerprint(this.currentEntries);
    const record = this.current;
    const holder = record.kind === 'ok' && record.holderIdentity !== '' ? record.holderIdentity : undefined;
    if (holder !== undefined) {
      if (this.lockHolder !== undefined && holder !== this.lockHolder) this.entriesOfPreviousHolder = previousEntries;
      this.lockHolder = holder;
    }
    if (this.entriesOfPreviousHolder !== undefined && this.entriesFingerprint !== this.entriesOfPreviousHolder)
      this.entriesOfPreviousHolder = undefined;
  }
}
