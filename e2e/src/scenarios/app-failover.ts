/**
 * Scenario `failover` (per Flink release): application mode, 2 JobManagers + 2 TaskManagers running
 * TopSpeedWindowing with checkpoints every 3 s -> leader elected, job RUNNING, checkpoints in the
 * HA storage folder, the JVMs started with the distribution's Java 17 module options (F1), the
 * agent labels the leader and holds the Lease, its steady API request rate -> kill -9 of the
 * leader -> recovery (failover.ts). The cluster stays up for `graceful` and `ha-cli`.
 */
import * as fs from 'fs';
import * as path from 'path';
import { clusterProps } from '../clusters';
import {
  Ctx,
  deploy,
  failOnCrashLoop,
  FlinkDeployment,
  haClusterId,
  javaCmdline,
  jobs,
  waitAgentsAgree,
  waitLeader,
} from '../cluster-ops';
import { describeRow, failoverRows, killLeaderAndRecover, steadyAgentRate, waitCheckpoints } from '../failover';
import { Findings, RUN, say, until } from '../harness';
import { PodRun } from '../kubelet';
import { flinkHome } from '../mapping';
import { probeJobManagerRights } from '../rights-probe';

export interface AppCluster {
  d: FlinkDeployment;
  leader: PodRun;
  jobId: string;
  release: string;
  minor: string;
  javaNote: string;
}
export const appClusters = new Map<string, AppCluster>();

export const namespaceFor = (minor: string, what: string) => `e2e-${minor.replace('.', '-')}-${what}`;

/** The distribution's own env.java.opts.all (conf/config.yaml from 1.19, flink-conf.yaml on 1.18). */
export function distributionJavaOpts(release: string): string[] {
  const conf = path.join(flinkHome(release), 'conf');
  const yaml = path.join(conf, 'config.yaml');
  const text = fs.existsSync(yaml)
    ? fs.readFileSync(yaml, 'utf8')
    : fs.readFileSync(path.join(conf, 'flink-conf.yaml'), 'utf8');
  const m = /^env:\n\s+java:\n\s+opts:\n\s+all: (.*)$/m.exec(text) ?? /^env\.java\.opts\.all: (.*)$/m.exec(text);
  return m ? m[1].trim().split(/\s+/) : [];
}

/** F1: every module option of the distribution is on the running JobManager JVM's command line. */
export function checkJavaOptions(release: string, jm: PodRun, findings: Findings): string {
  const want = distributionJavaOpts(release);
  const cmd = javaCmdline(jm);
  if (!cmd.length) throw new Error(`cannot read the command line of ${jm.name}'s JVM`);
  if (!/java$/.test(cmd[0])) throw new Error(`${jm.name}: the container's process is ${cmd[0]}, not the JVM`);
  const missing = want.filter((o) => !cmd.includes(o));
  if (missing.length)
    findings.bug('java17-add-opens', 'F1', `JobManager JVM of Flink ${release} started without ${missing.join(' ')}`);
  return `${want.length - missing.length}/${want.length} of the distribution's env.java.opts.all on the JVM`;
}

export async function startAppCluster(
  ctx: Ctx,
  release: string,
  minor: string,
  findings: Findings,
): Promise<AppCluster> {
  const namespace = namespaceFor(minor, 'app');
  const d = await deploy(ctx, namespace, clusterProps(minor, release, 'checkpointing'));
  if (d.jms.length !== 2 || d.tms.length !== 2)
    throw new Error(`expected 2 JobManager and 2 TaskManager pods, got ${d.jms.length}/${d.tms.length}`);
  const leader = await waitLeader(ctx, d);
  const job = await until(
    'job RUNNING',
    240_000,
    async () => {
      failOnCrashLoop(d);
      const j = (await jobs(leader.ip))[0];
      return j?.state === 'RUNNING' ? j : undefined;
    },
    1000,
  );
  const c = { d, leader, jobId: job.id, release, minor, javaNote: checkJavaOptions(release, leader, findings) };
  appClusters.set(release, c);
  return c;
}

export async function failoverScenario(ctx: Ctx, release: string, minor: string, findings: Findings): Promise<string> {
  const { d, leader, jobId, javaNote } = await startAppCluster(ctx, release, minor, findings);
  const lastCompletedId = await waitCheckpoints(leader, jobId, 2);
  const pvc = path.join(RUN, 'pvc', d.namespace, `${d.clusterId}-ha`, await haClusterId(ctx, d));
  const completed = fs.existsSync(pvc) ? fs.readdirSync(pvc).filter((f) => f.startsWith('completedCheckpoint')) : [];
  if (completed.length === 0) throw new Error(`no completedCheckpoint* file in the HA storage folder ${pvc}`);
  say(
    `${minor}: leader ${leader.name} (${leader.ip}), job ${jobId} RUNNING, latest checkpoint ${lastCompletedId}; HA storage: ${completed.join(' ')}; ${javaNote}`,
  );
  await waitAgentsAgree(ctx, d, leader);
  const rights = await probeJobManagerRights(ctx.kube, d);
  say(`${minor}: ${rights}`);
  const rate = await steadyAgentRate(ctx, d, leader, Number(process.env.E2E_STEADY_SECONDS ?? 30) * 1000);
  say(
    `${minor}: agent API requests/min in steady state: leader ${rate.leader.toFixed(1)}, standby ${rate.standby.toFixed(1)} (${rate.window} s window, audit log)`,
  );
  const last = await waitCheckpoints(leader, jobId, 2);
  const { row, next } = await killLeaderAndRecover(ctx, d, leader, jobId, last, findings, {
    flink: release,
    mode: 'application',
  });
  row.agentReqPerMin = rate;
  failoverRows.push(row);
  appClusters.set(release, { ...appClusters.get(release)!, leader: next });
  return `${describeRow(row)}; ${javaNote}; agent ${rate.leader.toFixed(1)}/${rate.standby.toFixed(1)} req/min (leader/standby); ${rights}`;
}
