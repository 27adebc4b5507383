/**
 * kill -9 of the leading JobManager's Flink process and everything that must follow: Flink's lock
 * taken by another JobManager, its REST address published, the job RUNNING again restored from a
 * checkpoint at least as new as the latest completed before the kill, the agent's leader label and
 * Lease moved, the killed container restarted (kubelet back-off 10 s) and labelled. Shared by the
 * application-mode failover scenario and the session scenario.
 */
import * as fs from 'fs';
import * as path from 'path';
import { agentRates, readAudit } from './audit';
import {
  clusterView,
  containerPid,
  Ctx,
  FlinkDeployment,
  jobState,
  leaseHolder,
  podByIp,
  podLabel,
  restEntryOf,
  rssMiB,
} from './cluster-ops';
import { Findings, httpJson, RUN, say, until } from './harness';
import { ns } from './kube';
import { PodRun } from './kubelet';

export interface FailoverRow {
  flink: string;
  mode: string;
  newLeader: string;
  lock: number;
  rest: number;
  running: number;
  label: number;
  lease: number;
  restored: string;
  agentRssMiB?: number;
  agentReqPerMin?: { leader: number; standby: number; window: number };
}
export const failoverRows: FailoverRow[] = [];

/** Waits until the job has `n` completed checkpoints on the leader; returns the latest completed id. */
export async function waitCheckpoints(leader: PodRun, jobId: string, n = 2): Promise<number> {
  const c = await until(
    `${n} completed checkpoints`,
    120_000,
    async () => {
      const x = await httpJson(`http://${leader.ip}:8081/jobs/${jobId}/checkpoints`);
      return x.counts?.completed >= n ? x : undefined;
    },
    1000,
  );
  return c.latest.completed.id;
}

/**
 * Steady state: counts the agents' API requests (audit log) over `windowMs` while nothing happens,
 * after both agents agree. Returns per-minute rates of the leader's and the standby's agent.
 */
export async function steadyAgentRate(
  ctx: Ctx,
  d: FlinkDeployment,
  leader: PodRun,
  windowMs: number,
): Promise<{ leader: number; standby: number; window: number }> {
  const from = Date.now();
  await new Promise((r) => setTimeout(r, windowMs));
  const to = Date.now();
  await new Promise((r) => setTimeout(r, 1500)); // the audit backend batches writes
  const events = readAudit(path.join(ctx.cpState, 'logs', 'audit.log'));
  const rates = agentRates(
    events,
    d.namespace,
    d.jms.map((p) => p.name),
    from,
    to,
  );
  fs.writeFileSync(
    path.join(RUN, `agent-requests-${d.namespace}.json`),
    JSON.stringify({ from: new Date(from), to: new Date(to), rates }, null, 2),
  );
  const lr = rates.find((r) => r.pod === leader.name)!;
  const sr = rates.find((r) => r.pod !== leader.name)!;
  if (lr.requests === 0)
    throw new Error(`no request of the leader's agent in the audit log during the steady window (${d.namespace})`);
  return { leader: lr.perMinute, standby: sr.perMinute, window: windowMs / 1000 };
}

export async function killLeaderAndRecover(
  ctx: Ctx,
  d: FlinkDeployment,
  leader: PodRun,
  jobId: string,
  lastCompletedId: number,
  findings: Findings,
  meta: { flink: string; mode: string },
): Promise<{ row: FailoverRow; next: PodRun }> {
  const before = await clusterView(ctx, d.namespace, d.clusterId);
  // The new leader is whichever JobManager takes Flink's lock: usually the standby, but the
  // killed pod's container is restarted after 10 s and can win the race, as it can in a cluster.
  let next = d.jms.find((p) => p !== leader)!;
  const t0 = Date.now();
  const pid = ctx.kubelet.signal(leader.name, 'flink-main-container', 'SIGKILL');
  say(`${d.namespace}: kill -9 ${pid} (${leader.name}, flink-main-container)`);
  const marks: Record<string, number> = {};
  const leaseStaleSeen: string[] = [];
  await until(
    'a JobManager takes over (lock, REST, job RUNNING, label, Lease)',
    180_000,
    async () => {
      const v = await clusterView(ctx, d.namespace, d.clusterId);
      const now = (Date.now() - t0) / 1000;
      if (marks.lock === undefined && v.lockHolder && v.lockHolder !== before.lockHolder) marks.lock = now;
      if (marks.rest === undefined && marks.lock !== undefined && v.restIp && restEntryOf(v) !== restEntryOf(before)) {
        next = podByIp(ctx, v.restIp)!;
        marks.rest = now;
      }
      if (marks.rest !== undefined && marks.running === undefined) {
        if ((await jobState(next.ip, jobId).catch(() => undefined)) === 'RUNNING') marks.running = now;
      }
      if (marks.label === undefined || marks.lease === undefined) {
        const lease = await leaseHolder(ctx, d.namespace, d.clusterId);
        if (marks.rest !== undefined && marks.label === undefined && (await podLabel(ctx, next)) === 'leader')
          marks.label = now;
        if (marks.rest !== undefined && marks.lease === undefined && lease?.holder === next.name) marks.lease = now;
        if (marks.lock === undefined && lease?.holder === leader.name && lease.renewTime) {
          // F2 evidence: a renewal stamped more than 1 s after the kill, for the dead leader.
          const renewedAt = (Date.parse(lease.renewTime) - t0) / 1000;
          if (renewedAt > 1 && leaseStaleSeen.length < 3 && !leaseStaleSeen.some((x) => x.includes(lease.renewTime!))) {
            leaseStaleSeen.push(`renewTime ${lease.renewTime} = kill + ${renewedAt.toFixed(1)} s`);
          }
        }
      }
      return ['lock', 'rest', 'running', 'label', 'lease'].every((k) => marks[k] !== undefined) ? true : undefined;
    },
    100,
  );
  // Restored from the latest completed checkpoint, not from scratch.
  const after = await until(
    'checkpoint stats on the new leader',
    60_000,
    async () => {
      const c = await httpJson(`http://${next.ip}:8081/jobs/${jobId}/checkpoints`);
      return c.latest?.restored ? c : undefined;
    },
    1000,
  );
  const restoredId: number = after.latest.restored.id;
  if (restoredId < lastCompletedId)
    throw new Error(
      `job restored from checkpoint ${restoredId}, older than ${lastCompletedId} completed before the kill`,
    );
  // The killed container is restarted by the kubelet and becomes standby (unless it won the lock).
  const killedWon = next === leader;
  await until(
    'killed JobManager restarted (and standby unless it won the lock)',
    120_000,
    async () => {
      const cr = leader.containers.get('flink-main-container')!;
      const p = await ctx.kube.get(ns(d.namespace, 'pods', leader.name));
      const want = killedWon ? 'leader' : 'standby';
      return cr.restarts >= 1 && cr.proc?.exitCode === null && p.metadata.labels?.['flink.cdk8s.io/ha-role'] === want
        ? true
        : undefined;
    },
    1000,
  );
  const row: FailoverRow = {
    ...meta,
    newLeader: killedWon ? 'restarted killed pod' : 'standby',
    lock: marks.lock,
    rest: marks.rest,
    running: marks.running,
    label: marks.label,
    lease: marks.lease,
    restored: `${restoredId} (latest before kill ${lastCompletedId})`,
    agentRssMiB: rssMiB(containerPid(next, 'ha-agent')),
  };
  if (leaseStaleSeen.length) {
    findings.bug(
      'lease-follows-agent-clock',
      'F2',
      `Lease kept renewed for the dead leader ${leader.name} after kill -9 (${leaseStaleSeen.join('; ')})`,
    );
  }
  return { row, next };
}

export function describeRow(r: FailoverRow): string {
  return (
    `new leader: ${r.newLeader}; kill->lock ${r.lock.toFixed(1)}s, ->REST ${r.rest.toFixed(1)}s, ->RUNNING ${r.running.toFixed(1)}s, ` +
    `->label ${r.label.toFixed(1)}s, ->Lease ${r.lease.toFixed(1)}s; restored checkpoint ${r.restored}`
  );
}
