/**
 * Scenario `session` (full-set releases): a session-mode FlinkCluster (2 JobManagers, 2 TaskManagers,
 * checkpoints every 3 s); the distribution's TopSpeedWindowing.jar is uploaded through the leader's
 * REST endpoint (/jars/upload) and run (/jars/<id>/run); kill -9 of the leader; the job survives:
 * RUNNING again on the new leader, restored from a checkpoint.
 * (programArgsList is sent even when empty: without it Flink falls back to the query parameters
 * and logs that they are deprecated.)
 */
import * as path from 'path';
import { clusterProps } from '../clusters';
import { Ctx, deploy, jobs, stopAllPods, waitAgentsAgree, waitLeader } from '../cluster-ops';
import { describeRow, failoverRows, killLeaderAndRecover, waitCheckpoints } from '../failover';
import { Findings, httpJson, httpPostFile, httpPostJson, say, until } from '../harness';
import { flinkHome } from '../mapping';
import { checkJavaOptions, namespaceFor } from './app-failover';

const JAR = 'TopSpeedWindowing.jar';
const ENTRY = 'org.apache.flink.streaming.examples.windowing.TopSpeedWindowing';

export async function sessionScenario(ctx: Ctx, release: string, minor: string, findings: Findings): Promise<string> {
  const namespace = namespaceFor(minor, 'session');
  const d = await deploy(ctx, namespace, clusterProps(minor, release, 'session'));
  try {
    if (d.jms.length !== 2 || d.tms.length !== 2)
      throw new Error(`expected 2 JobManager and 2 TaskManager pods, got ${d.jms.length}/${d.tms.length}`);
    const leader = await waitLeader(ctx, d);
    const javaNote = checkJavaOptions(release, leader, findings);
    await until(
      '2 TaskManagers registered',
      120_000,
      async () => ((await httpJson(`http://${leader.ip}:8081/taskmanagers`)).taskmanagers ?? []).length === 2,
      1000,
    );
    if ((await jobs(leader.ip)).length) throw new Error('a session cluster with a job before any was submitted');
    const up = await httpPostFile(
      `http://${leader.ip}:8081/jars/upload`,
      'jarfile',
      path.join(flinkHome(release), 'examples', 'streaming', JAR),
    );
    if (up.status !== 'success') throw new Error(`/jars/upload: ${JSON.stringify(up)}`);
    const jarId = path.basename(up.filename);
    const run = await httpPostJson(`http://${leader.ip}:8081/jars/${encodeURIComponent(jarId)}/run`, {
      entryClass: ENTRY,
      parallelism: 2,
      programArgsList: [],
    });
    const jobId: string = run.jobid;
    if (!/^[0-9a-f]{32}$/.test(jobId ?? '')) throw new Error(`/jars/${jarId}/run: ${JSON.stringify(run)}`);
    await until(
      `job ${jobId} RUNNING`,
      120_000,
      async () => (await jobs(leader.ip)).find((j) => j.id === jobId)?.state === 'RUNNING',
      1000,
    );
    const last = await waitCheckpoints(leader, jobId, 2);
    await waitAgentsAgree(ctx, d, leader);
    say(`${minor} session: jar ${jarId} uploaded to ${leader.name}, job ${jobId} RUNNING, latest checkpoint ${last}`);
    const { row, next } = await killLeaderAndRecover(
      ctx,
      d,
      leader,
      jobId,
      await waitCheckpoints(leader, jobId, 2),
      findings,
      { flink: release, mode: 'session' },
    );
    failoverRows.push(row);
    const after = await jobs(next.ip);
    if (after.length !== 1 || after[0].id !== jobId || after[0].state !== 'RUNNING')
      throw new Error(`after the failover the new leader lists ${JSON.stringify(after)}`);
    return `job ${jobId} submitted via REST survived kill -9 of the leader: ${describeRow(row)}; ${javaNote}`;
  } finally {
    await stopAllPods(ctx, namespace);
  }
}
