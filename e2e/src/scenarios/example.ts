/**
 * Scenario `example`: the example app exactly as `npm run synth` writes it (examples/main.ts, the
 * seed's WordCount on flink:1.19), its image mapped to the 1.19 release by the tag's major.minor
 * (mapping.ts). 2 JobManager candidates + 2 TaskManagers; WordCount on its built-in data is a
 * bounded job: real Flink runs it to FINISHED, and because the construct sets
 * execution.shutdown-on-application-finish=false the JobManagers stay up afterwards.
 */
import * as fs from 'fs';
import * as path from 'path';
import {
  containerPid,
  Ctx,
  deploy,
  haClusterId,
  jobs,
  podLabel,
  stopAllPods,
  leaseHolder,
  waitLeader,
} from '../cluster-ops';
import { Findings, httpJson, REPO, RUN, say, sh, sleep, until } from '../harness';
import { flinkReleases } from '../mapping';
import { checkJavaOptions } from './app-failover';

/** What `npm run synth` runs (package.json "synth"), into <run>/manifests/example-app instead of dist/. */
export function synthExampleApp(): string[] {
  const out = path.join(RUN, 'manifests', 'example-app');
  if (!fs.existsSync(out)) {
    fs.mkdirSync(out, { recursive: true });
    // The synth script minus its "rm -rf dist &&": the same command, with CDK8S_OUTDIR set.
    const script: string = JSON.parse(fs.readFileSync(path.join(REPO, 'package.json'), 'utf8')).scripts.synth;
    const command = script.replace(/^rm -rf dist && /, '');
    const [bin, ...args] = command.split(' ');
    if (bin !== 'node' || args.length === 0) throw new Error(`unexpected synth script in package.json: ${script}`);
    const entry = args.join(' ');
    const r = sh(process.execPath, args, { ...process.env, CDK8S_OUTDIR: out }, REPO);
    if (r.code !== 0) throw new Error(`synth of the example app (${entry}) failed: ${r.err}`);
  }
  const files = fs
    .readdirSync(out)
    .filter((f) => f.endsWith('.k8s.yaml'))
    .map((f) => path.join(out, f));
  if (files.length === 0) throw new Error('the example app synthesized no manifest');
  return files;
}

/** The committed dist/ must be what the synth writes today (else the README's example is stale). */
export function distMatches(files: string[]): string {
  const stale = files.filter((f) => {
    const committed = path.join(REPO, 'dist', path.basename(f));
    return !fs.existsSync(committed) || fs.readFileSync(committed, 'utf8') !== fs.readFileSync(f, 'utf8');
  });
  return stale.length
    ? `dist/ differs from a fresh synth: ${stale.map((f) => path.basename(f)).join(', ')}`
    : 'dist/ is identical to a fresh synth';
}

export async function exampleScenario(ctx: Ctx, findings: Findings): Promise<string> {
  const files = synthExampleApp();
  const distNote = distMatches(files);
  const file = files[0];
  const text = fs.readFileSync(file, 'utf8');
  const tag = /image: flink:(\S+)/.exec(text)?.[1];
  const namespace = /^ {2}namespace: (\S+)$/m.exec(text)?.[1];
  if (!tag || !namespace) throw new Error(`${path.basename(file)}: no flink image or namespace`);
  // The cause of what this scenario expects after FINISHED: the construct's own setting.
  if (!/execution\.shutdown-on-application-finish: false|shutdown-on-application-finish: false/.test(text)) {
    throw new Error(
      `${path.basename(file)}: no execution.shutdown-on-application-finish: false in the Flink configuration`,
    );
  }
  const minor = /^(\d+\.\d+)/.exec(tag)![1];
  const release = flinkReleases().get(minor);
  if (!release) throw new Error(`image flink:${tag}: no Flink release pinned for ${minor} (e2e/flink/versions.txt)`);
  say(
    `example: image flink:${tag} runs on the Flink ${release} distribution (mapping.ts: image tag major.minor); ${distNote}`,
  );
  const d = await deploy(ctx, namespace, file);
  if (d.jms.length !== 2 || d.tms.length !== 2)
    throw new Error(`expected 2 JobManager and 2 TaskManager pods, got ${d.jms.length}/${d.tms.length}`);
  try {
    const leader = await waitLeader(ctx, d);
    const javaNote = checkJavaOptions(release, leader, findings);
    const states = new Set<string>();
    const job = await until(
      'WordCount FINISHED',
      240_000,
      async () => {
        const j = (await jobs(leader.ip).catch(() => []))[0];
        if (j) states.add(j.state);
        return j && ['FINISHED', 'FAILED', 'CANCELED'].includes(j.state) ? j : undefined;
      },
      500,
    );
    if (job.state !== 'FINISHED')
      throw new Error(`WordCount ended ${job.state} (states seen: ${[...states].join(' -> ')})`);
    const tms = await httpJson(`http://${leader.ip}:8081/taskmanagers`);
    if ((tms.taskmanagers ?? []).length !== 2)
      throw new Error(`${(tms.taskmanagers ?? []).length} TaskManagers registered, expected 2`);
    const words = d.tms.flatMap((p) => [
      ...fs
        .readFileSync(p.containers.get('flink-main-container')!.logFile, 'utf8')
        .matchAll(/^(?:\d+> )?\(([a-z]+),(\d+)\)$/gm),
    ]);
    if (words.length === 0) throw new Error('no WordCount output "(word,count)" in the TaskManagers\' stdout');
    // execution.shutdown-on-application-finish=false: the JobManagers stay up, the job stays visible.
    await sleep(15_000);
    for (const p of d.jms) {
      const cr = p.containers.get('flink-main-container')!;
      if (!containerPid(p, 'flink-main-container') || cr.exits.length)
        throw new Error(`${p.name}: the JobManager exited after the job finished (${JSON.stringify(cr.exits)})`);
    }
    const still = (await jobs(leader.ip))[0];
    if (still?.id !== job.id || still.state !== 'FINISHED')
      throw new Error(`15 s after FINISHED the leader's REST API shows ${JSON.stringify(still)}`);
    const labels = await Promise.all(d.jms.map((p) => podLabel(ctx, p)));
    const lease = await leaseHolder(ctx, namespace, d.clusterId);
    if (
      labels[d.jms.indexOf(leader)] !== 'leader' ||
      labels.filter((l) => l === 'standby').length !== 1 ||
      lease?.holder !== leader.name
    ) {
      throw new Error(
        `agent labels ${d.jms.map((p, i) => `${p.name}=${labels[i]}`).join(', ')}, Lease ${lease?.holder}; expected the leader ${leader.name} labelled leader and holding the Lease`,
      );
    }
    const jrs = path.join(RUN, 'pvc', namespace, `${d.clusterId}-ha`, 'job-result-store', await haClusterId(ctx, d));
    const jrsFiles = fs.existsSync(jrs) ? fs.readdirSync(jrs) : [];
    return (
      `flink:${tag} -> ${release}; job ${job.id} ${[...states].join(' -> ')}, JobManagers up 15 s later (REST still shows FINISHED); ` +
      `2 TMs; ${words.length} WordCount lines; job result store: ${jrsFiles.join(' ') || '(none)'}; ${javaNote}; ${distNote}`
    );
  } finally {
    await stopAllPods(ctx, namespace);
  }
}
