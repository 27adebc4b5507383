/**
 * Scenario `graceful` (full-set releases), on the application cluster of `failover`:
 * N graceful stops of the leading JobManager (default 6, E2E_GRACEFUL_STOPS or --graceful-stops).
 *  - stop 1: SIGTERM to the leader's Flink process only (the container exits; the kubelet restarts
 *    it after 10 s; the agent in the pod keeps running and must drop its leader label);
 *  - stops 2..N: the leader pod is deleted (SIGTERM to Flink and the agent, as on a rolling update
 *    or drain; the agent labels its pod unknown while stopping) and replaced, as the ReplicaSet does.
 * Each stop: Flink's lock annotation is watched (every change, with Flink's own timestamps) to see
 * whether the stopping process released the lock and whether it re-took it a few ms later and exited
 * (a dead holder until the lease expires - Flink's behaviour, counted and reported, not hidden);
 * then lock taken by the other JobManager, REST entry, job RUNNING, labels and Lease moved.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  clusterView,
  containerPid,
  Ctx,
  eventsFor,
  jobState,
  LEADER_ANNOTATION,
  leaseHolder,
  podByIp,
  podLabel,
  restEntryOf,
  viewOf,
  waitAgentsAgree,
  waitLeader,
} from '../cluster-ops';
import { failoverRows } from '../failover';
import { Findings, median, RUN, say, secs, tcpOpen, until } from '../harness';
import { PodRun } from '../kubelet';
import { AppCluster, appClusters, startAppCluster } from './app-failover';

interface LockChange {
  at: number;
  holder: string;
  renewTime?: string;
  acquireTime?: string;
  transitions?: number;
  rest?: string;
}

export interface StopRecord {
  n: number;
  how: 'SIGTERM flink-main-container' | 'pod deleted';
  pod: string;
  exitCode: string;
  exitedAfter?: number;
  releasedAfter?: number;
  retakenMsAfterRelease?: number;
  deadHolderSeconds?: number;
  outcome:
    | 'released, taken by the other JobManager'
    | 're-taken by the stopping process, dead holder until lease expiry'
    | 'exited without releasing';
  lock: number;
  rest: number;
  running: number;
  labelDropped: number;
  newLabel: number;
  lease: number;
  events: string[];
}
export const gracefulStops = new Map<string, StopRecord[]>();

const flinkTime = (s?: string) => (s ? Date.parse(s.replace(/(\.\d{3})\d*Z$/, '$1Z')) : undefined);

export async function gracefulScenario(ctx: Ctx, release: string, minor: string, findings: Findings): Promise<string> {
  const stops = Number(process.env.E2E_GRACEFUL_STOPS ?? 6);
  let c: AppCluster = appClusters.get(release) ?? (await startAppCluster(ctx, release, minor, findings));
  const { d, jobId } = c;
  const records: StopRecord[] = [];
  gracefulStops.set(release, records);
  const deployment = `${d.clusterId}-jobmanager`;
  for (let n = 1; n <= stops; n++) {
    // Precondition: a leader running the job, a standby that is up (its REST port answers, as the
    // readiness probe checks), both labelled, the Lease on the leader.
    const leader = await waitLeader(ctx, d);
    await until(
      `job RUNNING on ${leader.name}`,
      120_000,
      async () => (await jobState(leader.ip, jobId).catch(() => undefined)) === 'RUNNING',
      500,
    );
    const standby = d.jms.find((p) => p !== leader)!;
    await until(`standby ${standby.name} up`, 120_000, () => tcpOpen(standby.ip, 8081), 500);
    await waitAgentsAgree(ctx, d, leader);

    const cm = await ctx.kube.get(`/api/v1/namespaces/${d.namespace}/configmaps/${d.clusterId}-cluster-config-map`);
    const before = viewOf(cm);
    const holderBefore = before.lockHolder!;
    const changes: LockChange[] = [];
    const watch = ctx.kube.watchOne(
      `/api/v1/namespaces/${d.namespace}/configmaps`,
      cm.metadata.name,
      cm.metadata.resourceVersion,
      (_t, obj, at) => {
        const ann = obj?.metadata?.annotations?.[LEADER_ANNOTATION];
        if (!ann) return;
        const r = JSON.parse(ann);
        const ch = {
          at,
          holder: r.holderIdentity ?? '',
          renewTime: r.renewTime,
          acquireTime: r.acquireTime,
          transitions: r.leaderTransitions,
          rest: restEntryOf(viewOf(obj)),
        };
        const prev = changes[changes.length - 1];
        if (!prev || prev.holder !== ch.holder || prev.acquireTime !== ch.acquireTime || prev.rest !== ch.rest)
          changes.push(ch);
      },
    );
    const how: StopRecord['how'] = n === 1 ? 'SIGTERM flink-main-container' : 'pod deleted';
    const cr = leader.containers.get('flink-main-container')!;
    const exitsBefore = cr.exits.length;
    const t0 = Date.now();
    let stopped: Promise<void> | undefined;
    if (n === 1) ctx.kubelet.signal(leader.name, 'flink-main-container', 'SIGTERM');
    else {
      stopped = ctx.kubelet.stopPod(leader.name);
      // The ReplicaSet replaces a deleted pod at once (a terminating pod does not count).
      const [replacement] = await ctx.kubelet.createPods(d.namespace, deployment, 1);
      d.jms = [standby, replacement];
    }
    say(`${minor} graceful ${n}/${stops}: ${how} on leader ${leader.name} (lock holder ${holderBefore})`);
    const m: Record<string, number> = {};
    let next: PodRun | undefined;
    try {
      await until(
        'handover after a graceful stop (lock, REST, job RUNNING, labels, Lease)',
        120_000,
        async () => {
          const now = (Date.now() - t0) / 1000;
          const v = await clusterView(ctx, d.namespace, d.clusterId);
          if (m.lock === undefined && v.lockHolder && v.lockHolder !== holderBefore) m.lock = now;
          if (m.rest === undefined && m.lock !== undefined && v.restIp && restEntryOf(v) !== restEntryOf(before)) {
            next = podByIp(ctx, v.restIp);
            m.rest = now;
          }
          if (next && m.running === undefined && (await jobState(next.ip, jobId).catch(() => undefined)) === 'RUNNING')
            m.running = now;
          if (m.labelDropped === undefined) {
            const l = await podLabel(ctx, leader);
            if (l !== undefined && l !== 'leader') m.labelDropped = now;
          }
          if (next && m.newLabel === undefined && (await podLabel(ctx, next)) === 'leader') m.newLabel = now;
          if (next && m.lease === undefined && (await leaseHolder(ctx, d.namespace, d.clusterId))?.holder === next.name)
            m.lease = now;
          return ['lock', 'rest', 'running', 'labelDropped', 'newLabel', 'lease'].every((k) => m[k] !== undefined)
            ? true
            : undefined;
        },
        100,
      );
    } finally {
      await stopped;
      watch.stop();
    }
    // Normally the running standby; the replacement pod, or after a SIGTERM of the Flink process
    // only the restarted container of the same pod, can win a lock left to expire (F4).
    if (!next || !(d.jms.includes(next) || (n === 1 && next === leader)))
      throw new Error(`stop ${n}: the new leader ${next?.name} is not a JobManager of the cluster`);
    const exit = cr.exits[exitsBefore];
    // What the stopping process did with the lock, from the watched annotation changes.
    const after = changes.filter((x) => x.at >= t0);
    const rel = after.findIndex((x) => x.holder === '');
    const taken = after.findIndex((x) => x.holder !== '' && x.holder !== holderBefore);
    const retake = rel >= 0 ? after.findIndex((x, i) => i > rel && x.holder === holderBefore) : -1;
    let outcome: StopRecord['outcome'];
    let retakenMs: number | undefined;
    let dead: number | undefined;
    if (rel >= 0 && retake >= 0 && (taken < 0 || retake < taken)) {
      outcome = 're-taken by the stopping process, dead holder until lease expiry';
      const relAt = flinkTime(after[rel].renewTime) ?? after[rel].at;
      const re = flinkTime(after[retake].acquireTime ?? after[retake].renewTime) ?? after[retake].at;
      retakenMs = re - relAt;
      dead = exit ? ((taken >= 0 ? after[taken].at : Date.now()) - exit.at) / 1000 : undefined;
    } else if (rel >= 0) outcome = 'released, taken by the other JobManager';
    else {
      outcome = 'exited without releasing';
      dead = exit ? ((taken >= 0 ? after[taken].at : Date.now()) - exit.at) / 1000 : undefined;
    }
    const events = (await eventsFor(ctx, d.namespace, leader.name))
      .filter((e) => Date.parse(e.at) >= t0 - 1000)
      .map((e) => `${e.reason}: ${e.message}`);
    const rec: StopRecord = {
      n,
      how,
      pod: leader.name,
      exitCode: exit ? String(exit.code ?? exit.signal) : 'still running',
      exitedAfter: exit ? (exit.at - t0) / 1000 : undefined,
      releasedAfter: rel >= 0 ? (after[rel].at - t0) / 1000 : undefined,
      retakenMsAfterRelease: retakenMs,
      deadHolderSeconds: dead,
      outcome,
      lock: m.lock,
      rest: m.rest,
      running: m.running,
      labelDropped: m.labelDropped,
      newLabel: m.newLabel,
      lease: m.lease,
      events,
    };
    records.push(rec);
    fs.writeFileSync(
      path.join(RUN, `graceful-${release}-stop-${n}.json`),
      JSON.stringify({ rec, lockChanges: changes }, null, 2),
    );
    say(
      `${minor} graceful ${n}: ${outcome}${retakenMs !== undefined ? ` (${retakenMs} ms after the release)` : ''}; Flink exited ${exit ? `${secs(exit.at - t0)} s (${rec.exitCode})` : 'not yet'}; ` +
        `lock ${m.lock.toFixed(1)} s, REST ${m.rest.toFixed(1)} s, RUNNING ${m.running.toFixed(1)} s, old label dropped ${m.labelDropped.toFixed(1)} s, new label ${m.newLabel.toFixed(1)} s, Lease ${m.lease.toFixed(1)} s`,
    );
    // The agent's Events of the stopped pod: a shutdown must not give a live-leadership reason.
    for (const e of events) {
      if (/-> unknown: (this pod's IP .* is in the leader entry|the leader is )/.test(e)) {
        findings.bug('stale-shutdown-event-reason', 'F5', `stop ${n} (${how}) of ${leader.name}: Event "${e}"`);
      }
    }
    if (n === 1) {
      // The kubelet restarts the container; it must come back as standby.
      const want = next === leader ? 'leader' : 'standby';
      await until(
        `${leader.name} restarted and ${want}`,
        120_000,
        async () =>
          cr.restarts >= 1 && !!containerPid(leader, 'flink-main-container') && (await podLabel(ctx, leader)) === want,
        1000,
      );
    } else {
      await ctx.kubelet.deletePod(leader.name);
    }
  }
  c = { ...c, leader: await waitLeader(ctx, d) };
  appClusters.set(release, c);

  const retaken = records.filter((r) => r.outcome.startsWith('re-taken'));
  const noRelease = records.filter((r) => r.outcome.startsWith('exited without'));
  const clean = records.filter((r) => r.outcome.startsWith('released'));
  const kill = failoverRows.find((r) => r.flink === release && r.mode === 'application');
  const cleanLock = median(clean.map((r) => r.lock));
  const summary =
    `${stops} graceful stops: ${retaken.length} re-taken by the stopping process a few ms after releasing it` +
    `${retaken.length ? ` (${retaken.map((r) => `${r.retakenMsAfterRelease} ms`).join(', ')}; dead holder ${retaken.map((r) => `${r.deadHolderSeconds?.toFixed(1)} s`).join(', ')})` : ''}` +
    `, ${noRelease.length} exited without releasing, ${clean.length} clean handovers (median lock taken ${cleanLock?.toFixed(1) ?? '-'} s after the stop` +
    `${kill ? ` vs ${kill.lock.toFixed(1)} s after kill -9` : ''}); old leader's label dropped after ${records.map((r) => r.labelDropped.toFixed(1)).join('/')} s`;
  // A clean handover must beat the lease: the standby takes a released lock at its next retry (5 s + jitter).
  const slow = clean.filter((r) => r.lock >= 15);
  if (slow.length)
    throw new Error(
      `clean handovers not faster than the 15 s lease: ${slow.map((r) => `stop ${r.n}: ${r.lock.toFixed(1)} s`).join(', ')}; ${summary}`,
    );
  return summary;
}
