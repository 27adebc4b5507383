import { microTime } from './microtime';
import { parseTime } from '../election/leader-record';
import { isConflict, isNotFound, KubeApi, Lease, LeaseSpec } from '../kube/kube-api';
import { isPlainObject } from '../runtime/json';
import { MAX_CLOCK_SKEW_MS, MAX_LEASE_SECONDS } from '../runtime/timing';

/** Labels on the mirror Lease. */
export function leaseLabels(clusterId: string): { [key: string]: string } {
  return {
    'app.kubernetes.io/name': 'flink',
    'app.kubernetes.io/instance': clusterId,
    'app.kubernetes.io/component': 'ha-agent',
    'app.kubernetes.io/managed-by': 'cdk8s-flink',
  };
}

/**
 * Flink's leader lock as this agent last saw it: the times and lease duration of its
 * record, which the Lease mirrors (never the agent's own clock).
 */
export interface LockTimes {
  /** Epoch ms of Flink's last renewal. */
  readonly renewTime: number;
  /** Epoch ms when the current holder acquired the lock, if the record says. */
  readonly acquireTime?: number;
  readonly leaseDurationSeconds: number;
}

export interface MirrorParams {
  readonly namespace: string;
  readonly name: string;
  readonly clusterId: string;
  /** The leader pod's name: this agent's own pod (only the leader's agent writes). */
  readonly holder: string;
  /** Flink's lock, as the record that makes this pod the leader has it. */
  readonly lock: LockTimes;
  /** The agent's clock, only to recognize a Lease that claims a time in the future. */
  readonly now: number;
  /**
   * The Lease as this agent last wrote it. When it names this holder, step 1 uses it
   * instead of a GET, so a steady leader costs one request per renewal; a stale copy
   * only ever costs a 409.
   */
  readonly cached?: Lease;
}

export type MirrorResult =
  | { readonly outcome: 'created' | 'renewed' | 'taken-over' | 'unchanged'; readonly lease: Lease }
  | { readonly outcome: 'conflict'; readonly reason: string };

const takenAfterOurView = (holder: string | undefined) =>
  `${holder} took the Lease after our last view of Flink's lock; waiting for a fresher view`;
const changedSince = (resourceVersion: string | undefined) =>
  `the Lease changed since resourceVersion ${resourceVersion}`;

const INT32_MAX = 2 ** 31 - 1;

/** The Lease's transition count, when it is one the API server would take back (else 0). */
function transitionsOf(spec: LeaseSpec | undefined): number {
  const count = spec?.leaseTransitions;
  return Number.isSafeInteger(count) && count! >= 0 && count! < INT32_MAX ? count! : 0;
}

/** Seconds the Lease can hold: whole, 1 to MAX_LEASE_SECONDS. */
export function leaseSeconds(lock: LockTimes): number {
  return Math.min(MAX_LEASE_SECONDS, Math.max(1, Math.ceil(lock.leaseDurationSeconds)));
}

/** The Lease's spec that mirrors `lock` for `holder`; `current` keeps transitions and an unknown acquireTime. */
function mirroredSpec(holder: string, lock: LockTimes, current?: LeaseSpec): LeaseSpec {
  const takeover = current !== undefined && current.holderIdentity !== holder;
  const acquired = lock.acquireTime ?? (takeover || !current?.acquireTime ? lock.renewTime : undefined);
  return {
    holderIdentity: holder,
    leaseDurationSeconds: leaseSeconds(lock),
    acquireTime: acquired === undefined ? current!.acquireTime : microTime(acquired),
    renewTime: microTime(lock.renewTime),
    leaseTransitions: transitionsOf(current) + (takeover ? 1 : 0),
  };
}

const sameSpec = (a: LeaseSpec, b: LeaseSpec) =>
  a.holderIdentity === b.holderIdentity &&
  a.leaseDurationSeconds === b.leaseDurationSeconds &&
  a.acquireTime === b.acquireTime &&
  a.renewTime === b.renewTime &&
  a.leaseTransitions === b.leaseTransitions;

/**
 * Writes the Lease that mirrors Flink's leadership, in the manner of client-go's
 * tryAcquireOrRenew, with Flink's times: renewTime, acquireTime and leaseDurationSeconds
 * are those of Flink's lock record, so the Lease goes stale exactly when Flink's lock does
 * (a dead leader's agent cannot keep it fresh). There is no fencing here, and none is
 * needed: the Lease is a picture of Flink's lock for `kubectl get lease`, not a lock
 * anything obeys. The caller only calls this while its own pod leads in Flink's record.
 *
 * 1. Read the Lease (or use our own last write of it); create it if absent (a concurrent
 *    create loses with 409).
 * 2. If another pod holds it, take it over: Flink's record says this pod leads now. Count
 *    the transition. Unless the Lease shows a newer renewal of Flink's lock than ours (and
 *    not one from the future, which no agent can have seen): then our view is the stale one.
 * 3. Otherwise renew with Flink's times; nothing to write if they did not move.
 * 4. Update with the resourceVersion just read; a 409 means someone wrote in between.
 *    It is returned, not retried here: the caller re-reads and retries only if its pod
 *    still leads, at most once per pass, so two writers never loop against each other.
 */
export async function mirrorLeadership(api: KubeApi, params: MirrorParams): Promise<MirrorResult> {
  const { namespace, name, holder, lock } = params;
  const cached = params.cached;
  let current: Lease;
  try {
    current =
      cached && cached.spec?.holderIdentity === holder && cached.metadata.resourceVersion
        ? cached
        : await api.getLease(namespace, name);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    return createLease(api, params);
  }
  // Whoever created the Lease may have left out its spec, or filled it with anything.
  const theirs: LeaseSpec = isPlainObject(current.spec) ? current.spec : {};
  const takeover = theirs.holderIdentity !== holder;
  const theirRenewal = parseTime(theirs.renewTime);
  const plausible = theirRenewal !== undefined && theirRenewal <= params.now + MAX_CLOCK_SKEW_MS;
  if (takeover && plausible && theirRenewal > lock.renewTime)
    return { outcome: 'conflict', reason: takenAfterOurView(theirs.holderIdentity) };
  const spec = mirroredSpec(holder, lock, theirs);
  if (!takeover && sameSpec(spec, theirs)) return { outcome: 'unchanged', lease: current };
  try {
    const lease = await api.replaceLease(namespace, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { ...current.metadata, labels: { ...current.metadata.labels, ...leaseLabels(params.clusterId) } },
      spec,
    });
    return { outcome: takeover ? 'taken-over' : 'renewed', lease };
  } catch (e) {
    if (isConflict(e)) return { outcome: 'conflict', reason: changedSince(current.metadata.resourceVersion) };
    throw e;
  }
}

async function createLease(api: KubeApi, params: MirrorParams): Promise<MirrorResult> {
  const { namespace, name } = params;
  try {
    const lease = await api.createLease(namespace, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name, namespace, labels: leaseLabels(params.clusterId) },
      spec: mirroredSpec(params.holder, params.lock),
    });
    return { outcome: 'created', lease };
  } catch (e) {
    if (isConflict(e)) return { outcome: 'conflict', reason: 'the Lease was created concurrently' };
    throw e;
  }
}

/** Seconds since the Lease was last renewed, or undefined. */
export function renewAgeSeconds(lease: Lease | undefined, now: number): number | undefined {
  const t = parseTime(lease?.spec?.renewTime);
  return t === undefined ? undefined : Math.max(0, (now - t) / 1000);
}
