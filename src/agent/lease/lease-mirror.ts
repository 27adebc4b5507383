import { isConflict, isNotFound, KubeApi, Lease } from '../kube/kube-api';
import { microTime } from './microtime';
import { parseTime } from '../election/leader-record';

/** Labels on the mirror Lease. */
export function leaseLabels(clusterId: string): { [key: string]: string } {
  return {
    'app.kubernetes.io/name': 'flink',
    'app.kubernetes.io/instance': clusterId,
    'app.kubernetes.io/component': 'ha-agent',
    'app.kubernetes.io/managed-by': 'cdk8s-flink',
  };
}

export interface MirrorParams {
  readonly namespace: string;
  readonly name: string;
  readonly clusterId: string;
  /** The leader pod's name: this agent's own pod (only the leader's agent writes). */
  readonly holder: string;
  readonly leaseDurationSeconds: number;
  readonly now: number;
  /**
   * renewTime of Flink's lock as this agent last saw it. A takeover needs a view of the
   * lock at least as fresh as the other holder's acquisition; otherwise the other agent
   * saw a newer leader than we did, and writing would flap the Lease.
   */
  readonly flinkRenewTime?: number;
  /**
   * The Lease as this agent last wrote it. When it names this holder, step 1 uses it
   * instead of a GET, so a steady leader costs one request per renewal; a stale copy
   * only ever costs a 409.
   */
  readonly cached?: Lease;
}

const takenAfterOurView = (holder: string | undefined) =>
  `${holder} took the Lease after our last view of Flink's lock; waiting for a fresher view`;

export type MirrorResult =
  | { readonly outcome: 'created' | 'renewed' | 'taken-over'; readonly lease: Lease }
  | { readonly outcome: 'conflict'; readonly reason: string };

/**
 * Writes the Lease that mirrors Flink's leadership, in the manner of client-go's
 * tryAcquireOrRenew. There is no fencing here, and none is needed: the Lease is a
 * picture of Flink's ConfigMap lock for `kubectl get lease`, not a lock anything obeys.
 * The caller only calls this while its own pod leads in Flink's record.
 *
 * 1. Read the Lease (or use our own last write of it); create it if absent (a concurrent
 *    create loses with 409).
 * 2. If another pod holds it, take it over: the caller knows from Flink's record that
 *    this pod leads now. Count the transition, set a new acquireTime. Unless the other
 *    pod took it after our last view of Flink's lock: then our view is the stale one.
 * 3. Otherwise renew: keep acquireTime and transitions, move renewTime.
 * 4. Update with the resourceVersion just read; a 409 means someone wrote in between.
 *    It is returned, not retried here: the caller re-reads and retries only if its pod
 *    still leads, at most once per pass, so two writers never loop against each other.
 */
export async function mirrorLeadership(api: KubeApi, params: MirrorParams): Promise<MirrorResult> {
  const now = microTime(params.now);
  // Step 1
  let current: Lease;
  try {
    current =
      params.cached && params.cached.spec.holderIdentity === params.holder && params.cached.metadata.resourceVersion
        ? params.cached
        : await api.getLease(params.namespace, params.name);
  } catch (e) {
    if (!isNotFound(e)) throw e;
    try {
      const lease = await api.createLease(params.namespace, {
        apiVersion: 'coordination.k8s.io/v1',
        kind: 'Lease',
        metadata: { name: params.name, namespace: params.namespace, labels: leaseLabels(params.clusterId) },
        spec: {
          holderIdentity: params.holder,
          leaseDurationSeconds: params.leaseDurationSeconds,
          acquireTime: now,
          renewTime: now,
          leaseTransitions: 0,
        },
      });
      return { outcome: 'created', lease };
    } catch (e2) {
      if (isConflict(e2)) return { outcome: 'conflict', reason: 'the Lease was created concurrently' };
      throw e2;
    }
  }
  // Steps 2 and 3
  const takeover = current.spec.holderIdentity !== params.holder;
  const theirAcquire = parseTime(current.spec.acquireTime);
  if (
    takeover &&
    params.flinkRenewTime !== undefined &&
    theirAcquire !== undefined &&
    theirAcquire > params.flinkRenewTime
  ) {
    return {
      outcome: 'conflict',
      reason: takenAfterOurView(current.spec.holderIdentity),
    };
  }
  const spec = takeover
    ? {
        holderIdentity: params.holder,
        leaseDurationSeconds: params.leaseDurationSeconds,
        acquireTime: now,
        renewTime: now,
        leaseTransitions: (current.spec.leaseTransitions ?? 0) + 1,
      }
    : { ...current.spec, leaseDurationSeconds: params.leaseDurationSeconds, renewTime: now };
  // Step 4
  try {
    const lease = await api.replaceLease(params.namespace, {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { ...current.metadata, labels: { ...current.metadata.labels, ...leaseLabels(params.clusterId) } },
      spec,
    });
    return { outcome: takeover ? 'taken-over' : 'renewed', lease };
  } catch (e) {
    if (isConflict(e))
      return {
        outcome: 'conflict',
        reason: `the Lease changed since resourceVersion ${current.metadata.resourceVersion}`,
      };
    throw e;
  }
}

/** Seconds since the Lease was last renewed, or undefined. */
export function renewAgeSeconds(lease: Lease | undefined, now: number): number | undefined {
  const t = parseTime(lease?.spec.renewTime);
  return t === undefined ? undefined : Math.max(0, (now - t) / 1000);
}
