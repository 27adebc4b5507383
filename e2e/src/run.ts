/**
 * End-to-end run: real kube-apiserver + etcd, real Flink, the synthesized manifests unchanged.
 *
 *   npm run e2e [-- --report] [-- --flink 1.20.5,2.2.1] [-- --keep]
 *
 * Prints PASS/FAIL per scenario and exits non-zero if any failed. Artifacts (logs of every
 * process, manifests, the control plane's state) go to $E2E_RUN_DIR or <cache>/runs/<timestamp>.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { clusterProps, Mode, synthCluster } from './clusters';
import { Kube, ns } from './kube';
import { ensurePodnet, Kubelet, PodRun } from './kubelet';
import { KNOWN_PRODUCT_BUGS } from './known-product-bugs';
import { CACHE, E2E_DIR, flinkReleases, FOREIGN_CRDS } from './mapping';
import { scanLogs } from './log-scan';
import { synthExamples } from './synth-examples';

const REPO = path.resolve(E2E_DIR, '..');
const argv = process.argv.slice(2);
const opt = (name: string) => { const i = argv.indexOf(`--${name}`); return i >= 0 ? argv[i + 1] : undefined; };
const REPORT = argv.includes('--report');
const KEEP = argv.includes('--keep');
const FLINK = (opt('flink') ?? process.env.E2E_FLINK_VERSIONS ?? '1.20.5,2.2.1').split(/[ ,]+/).filter(Boolean);
const SCENARIOS = (opt('scenarios') ?? process.env.E2E_SCENARIOS ?? 'apply,failover').split(/[ ,]+/);

const runStart = Date.now();
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const RUN = process.env.E2E_RUN_DIR ?? path.join(CACHE, 'runs', stamp);
fs.mkdirSync(RUN, { recursive: true });
const say = (m: string) => console.log(`[${((Date.now() - runStart) / 1000).toFixed(1).padStart(6)}s] ${m}`);

interface Result { name: string; ok: boolean; seconds: number; detail: string }
const results: Result[] = [];
const timings: Record<string, number> = {};
const failoverRows: Array<Record<string, string>> = [];

async function scenario(name: string, fn: () => Promise<string | void>): Promise<boolean> {
  const t = Date.now();
  say(`--- ${name}`);
  try {
    const detail = (await fn()) ?? '';
    results.push({ name, ok: true, seconds: (Date.now() - t) / 1000, detail });
    say(`PASS ${name} (${((Date.now() - t) / 1000).toFixed(1)} s) ${detail}`);
    return true;
  } catch (e) {
    const detail = (e as Error).message;
    results.push({ name, ok: false, seconds: (Date.now() - t) / 1000, detail });
    say(`FAIL ${name} (${((Date.now() - t) / 1000).toFixed(1)} s): ${detail}`);
    return false;
  }
}

function sh(cmd: string, args: string[], env: NodeJS.ProcessEnv = process.env): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { env, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, out: r.stdout ?? '', err: r.stderr ?? '' };
}
function must(cmd: string, args: string[], env?: NodeJS.ProcessEnv): string {
  const r = spawnSync(cmd, args, { env: env ?? process.env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
  return '';
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until<T>(what: string, timeoutMs: number, fn: () => Promise<T | undefined>, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try { const v = await fn(); if (v !== undefined && v !== false) return v as T; } catch (e) { last = e; }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`);
    await sleep(everyMs);
  }
}

function httpJson(url: string): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { timeout: 3000 }, (res) => {
      let d = ''; res.setEncoding('utf8'); res.on('data', (c) => { d += c; });
      res.on('end', () => { if ((res.statusCode ?? 0) >= 300) reject(new Error(`${url}: HTTP ${res.statusCode}: ${d.slice(0, 200)}`)); else { try { resolve(JSON.parse(d)); } catch (e) { reject(e); } } });
    });
    req.on('timeout', () => req.destroy(new Error(`${url}: timeout`)));
    req.on('error', reject);
  });
}

// ---------------------------------------------------------------------------------------------
let kube: Kube | undefined;
let kubelet: Kubelet | undefined;
const cpState = path.join(RUN, 'control-plane');
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  try { await kubelet?.close(); } catch (e) { console.error(e); }
  kube?.close();
  spawnSync(path.join(E2E_DIR, 'control-plane', 'stop.sh'), [cpState], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const) process.on(sig, () => { void cleanup().then(() => process.exit(130)); });

function readEnv(file: string): Record<string, string> {
  return Object.fromEntries(fs.readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
}

const PSA = { 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'restricted', 'pod-security.kubernetes.io/audit': 'restricted' };

async function ensureNamespace(name: string): Promise<void> {
  const existing = await kube!.getOrUndefined(`/api/v1/namespaces/${name}`);
  if (!existing) await kube!.request('POST', '/api/v1/namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: PSA } });
  // kube-controller-manager's root-ca-cert-publisher is not running: publish kube-root-ca.crt ourselves.
  const ca = fs.readFileSync(path.join(cpState, 'pki', 'ca.crt'), 'utf8');
  if (!(await kube!.getOrUndefined(ns(name, 'configmaps', 'kube-root-ca.crt')))) {
    await kube!.request('POST', ns(name, 'configmaps'), { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt' }, data: { 'ca.crt': ca } });
  }
}

function namespacesOf(file: string): string[] {
  return [...new Set([...fs.readFileSync(file, 'utf8').matchAll(/^ {2}namespace: (\S+)$/gm)].map((m) => m[1]))];
}

/** Server-side apply of one file: 0 rejections, 0 warnings. */
async function applyFile(file: string, env: NodeJS.ProcessEnv): Promise<number> {
  for (const n of namespacesOf(file)) await ensureNamespace(n);
  const r = sh('kubectl', ['apply', '--server-side', '--field-manager=cdk8s-flink-e2e', '-f', file], env);
  const warnings = r.err.split('\n').filter((l) => /warning/i.test(l) && !/version difference|skew/i.test(l));
  if (r.code !== 0) throw new Error(`kubectl apply --server-side -f ${path.basename(file)} rejected:\n${r.err.trim()}`);
  if (warnings.length) throw new Error(`kubectl apply -f ${path.basename(file)}: ${warnings.length} warning(s):\n${warnings.join('\n')}`);
  return r.out.split('\n').filter((l) => /serverside-applied/.test(l)).length;
}

// ---------------------------------------------------------------------------------------------
interface ClusterView { lockHolder?: string; renewTime?: string; restIp?: string; leaderEntries: Record<string, string> }

async function clusterView(namespace: string, clusterId: string): Promise<ClusterView> {
  const cm = await kube!.getOrUndefined(ns(namespace, 'configmaps', `${clusterId}-cluster-config-map`));
  const out: ClusterView = { leaderEntries: {} };
  if (!cm) return out;
  const ann = cm.metadata.annotations?.['control-plane.alpha.kubernetes.io/leader'];
  if (ann) { const rec = JSON.parse(ann); out.lockHolder = rec.holderIdentity || undefined; out.renewTime = rec.renewTime; }
  for (const [k, v] of Object.entries<string>(cm.data ?? {})) if (k.startsWith('org.apache.flink.k8s.leader.')) out.leaderEntries[k] = v;
  const rest = out.leaderEntries['org.apache.flink.k8s.leader.restserver'];
  if (rest) out.restIp = /\/\/([^:/]+)/.exec(rest.slice(rest.indexOf(',') + 1))?.[1];
  return out;
}

function podByIp(ip: string | undefined): PodRun | undefined {
  return [...kubelet!.pods.values()].find((p) => p.ip === ip);
}

async function runningJob(ip: string): Promise<{ id: string; state: string } | undefined> {
  const o = await httpJson(`http://${ip}:8081/jobs/overview`);
  const j = (o.jobs ?? [])[0];
  return j ? { id: j.jid, state: j.state } : undefined;
}

async function failoverScenario(release: string, minor: string): Promise<string> {
  const namespace = `e2e-${minor.replace('.', '-')}-ckpt`;
  const clusterId = 'my-flink-cluster';
  const file = path.join(RUN, 'manifests', `${namespace}.k8s.yaml`);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  synthCluster(file, namespace, clusterProps(minor, release, 'checkpointing'));
  await applyFile(file, kubectlEnv());
  const jms = await kubelet!.createPods(namespace, `${clusterId}-jobmanager`);
  const tms = await kubelet!.createPods(namespace, `${clusterId}-taskmanager`);
  if (jms.length !== 2 || tms.length !== 2) throw new Error(`expected 2 JobManager and 2 TaskManager pods, got ${jms.length}/${tms.length}`);

  // 1. Running with a leader, checkpoints completing, in the HA storage folder.
  const leaderIp = await until('a leader publishing its REST address', 240_000, async () => (await clusterView(namespace, clusterId)).restIp);
  const leader = podByIp(leaderIp);
  if (!leader || !jms.includes(leader)) throw new Error(`REST leader entry ${leaderIp} is not one of the JobManager pods`);
  const job = await until('job RUNNING', 240_000, async () => { const j = await runningJob(leaderIp); return j?.state === 'RUNNING' ? j : undefined; }, 1000);
  const ckpt = await until('2 completed checkpoints', 120_000, async () => {
    const c = await httpJson(`http://${leaderIp}:8081/jobs/${job.id}/checkpoints`);
    return c.counts?.completed >= 2 ? c : undefined;
  }, 1000);
  const pvc = path.join(RUN, 'pvc', namespace, `${clusterId}-ha`, clusterId);
  const completed = fs.existsSync(pvc) ? fs.readdirSync(pvc).filter((f) => f.startsWith('completedCheckpoint')) : [];
  if (completed.length === 0) throw new Error(`no completedCheckpoint* file in the HA storage folder ${pvc}`);
  const lastCompletedId: number = ckpt.latest.completed.id;
  say(`${minor}: leader ${leader.name} (${leaderIp}), job ${job.id} RUNNING, ${ckpt.counts.completed} checkpoints, latest ${lastCompletedId}; HA storage: ${completed.join(' ')}`);

  // Agent: leader label + Lease on the leader.
  const leaseName = `${clusterId}-jobmanager-leader`;
  await until('agent labels the leader and holds the Lease', 60_000, async () => {
    const p = await kube!.get(ns(namespace, 'pods', leader.name));
    const lease = await kube!.getOrUndefined(`/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/${leaseName}`);
    return p.metadata.labels?.['flink.cdk8s.io/ha-role'] === 'leader' && lease?.spec.holderIdentity === leader.name ? true : undefined;
  });

  // 2. kill -9 the leading JobManager.
  const before = await clusterView(namespace, clusterId);
  // The new leader is whichever JobManager takes Flink's lock: usually the standby, but the
  // killed pod's container is restarted after 10 s and can win the race, as it can in a cluster.
  let standby = jms.find((p) => p !== leader)!;
  const t0 = Date.now();
  const pid = kubelet!.signal(leader.name, 'flink-main-container', 'SIGKILL');
  say(`${minor}: kill -9 ${pid} (${leader.name}, flink-main-container)`);
  const marks: Record<string, number> = {};
  const leaseStaleSeen: string[] = [];
  await until('standby takes over (lock, REST, job RUNNING, label, Lease)', 180_000, async () => {
    const v = await clusterView(namespace, clusterId);
    const now = (Date.now() - t0) / 1000;
    if (marks.lock === undefined && v.lockHolder && v.lockHolder !== before.lockHolder) marks.lock = now;
    const restEntry = 'org.apache.flink.k8s.leader.restserver';
    if (marks.rest === undefined && marks.lock !== undefined && v.restIp && v.leaderEntries[restEntry] !== before.leaderEntries[restEntry]) {
      standby = podByIp(v.restIp)!;
      marks.rest = now;
    }
    if (marks.rest !== undefined && marks.running === undefined) {
      const j = await runningJob(standby.ip).catch(() => undefined);
      if (j?.state === 'RUNNING') marks.running = now;
    }
    if (marks.label === undefined || marks.lease === undefined) {
      const p = await kube!.get(ns(namespace, 'pods', standby.name));
      const lease = await kube!.getOrUndefined(`/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/${leaseName}`);
      if (marks.label === undefined && p.metadata.labels?.['flink.cdk8s.io/ha-role'] === 'leader') marks.label = now;
      if (marks.lease === undefined && lease?.spec.holderIdentity === standby.name) marks.lease = now;
      if (marks.lock === undefined && lease?.spec.holderIdentity === leader.name) {
        // Evidence only: a renewal stamped more than 1 s after the kill, for the dead pod.
        const renewedAt = (Date.parse(lease.spec.renewTime) - t0) / 1000;
        if (renewedAt > 1 && leaseStaleSeen.length < 3 && !leaseStaleSeen.some((x) => x.includes(lease.spec.renewTime))) {
          leaseStaleSeen.push(`renewTime ${lease.spec.renewTime} = kill + ${renewedAt.toFixed(1)} s`);
        }
      }
    }
    return ['lock', 'rest', 'running', 'label', 'lease'].every((k) => marks[k] !== undefined) ? true : undefined;
  }, 100);
  // Restored from the latest completed checkpoint, not from scratch.
  const after = await until('checkpoint stats on the new leader', 60_000, async () => {
    const c = await httpJson(`http://${standby.ip}:8081/jobs/${job.id}/checkpoints`);
    return c.latest?.restored ? c : undefined;
  }, 1000);
  const restoredId: number = after.latest.restored.id;
  if (restoredId < lastCompletedId) throw new Error(`job restored from checkpoint ${restoredId}, older than ${lastCompletedId} completed before the kill`);
  // The killed container is restarted by the kubelet and becomes standby (unless it won the lock).
  const newLeaderWasKilled = standby === leader;
  await until('killed JobManager restarted (and standby unless it won the lock)', 120_000, async () => {
    const cr = leader.containers.get('flink-main-container')!;
    const p = await kube!.get(ns(namespace, 'pods', leader.name));
    const want = newLeaderWasKilled ? 'leader' : 'standby';
    return cr.restarts >= 1 && cr.proc?.exitCode === null && p.metadata.labels?.['flink.cdk8s.io/ha-role'] === want ? true : undefined;
  }, 1000);
  const rss = agentRss(standby);
  const row = {
    flink: release, newLeader: newLeaderWasKilled ? 'restarted killed pod' : 'standby', lock: marks.lock.toFixed(1), rest: marks.rest.toFixed(1), running: marks.running.toFixed(1),
    label: marks.label.toFixed(1), lease: marks.lease.toFixed(1), restored: `${restoredId} (latest before kill ${lastCompletedId})`, agentRss: rss,
  };
  failoverRows.push(row);
  if (leaseStaleSeen.length) {
    throw new Error(`Lease kept renewed for the dead leader ${leader.name} after kill -9 (${leaseStaleSeen.join('; ')}) - see FINDINGS.md F2; timings: ${JSON.stringify(row)}`);
  }
  return `new leader: ${row.newLeader}; kill->lock ${row.lock}s, ->REST ${row.rest}s, ->RUNNING ${row.running}s, ->label ${row.label}s, ->Lease ${row.lease}s; restored checkpoint ${row.restored}`;
}

function agentRss(p: PodRun): string {
  const pid = p.containers.get('ha-agent')?.pid;
  if (!pid) return '?';
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? `${(Number(m[1]) / 1024).toFixed(0)} MiB` : '?';
  } catch { return '?'; }
}

let cpEnv: Record<string, string> = {};
const kubectlEnv = () => ({ ...process.env, KUBECONFIG: cpEnv.KUBECONFIG });

async function main(): Promise<void> {
  say(`run dir ${RUN}; Flink ${FLINK.join(', ')}; scenarios ${SCENARIOS.join(', ')}`);
  for (const b of KNOWN_PRODUCT_BUGS) say(`tolerating known product bug ${b.id} (${b.finding}): ${b.summary}`);
  let t = Date.now();
  must(path.join(E2E_DIR, 'control-plane', 'build.sh'), ['all']);
  timings.build = (Date.now() - t) / 1000;
  t = Date.now();
  for (const v of FLINK) must(path.join(E2E_DIR, 'flink', 'fetch.sh'), [v]);
  ensurePodnet();
  timings.download = (Date.now() - t) / 1000;

  t = Date.now();
  must(path.join(E2E_DIR, 'control-plane', 'start.sh'), [cpState]);
  timings.controlPlaneStart = (Date.now() - t) / 1000;
  cpEnv = readEnv(path.join(cpState, 'env'));
  kube = new Kube({ server: cpEnv.KUBE_API_URL, ca: cpEnv.KUBE_CA_FILE, cert: path.join(cpState, 'pki', 'admin.crt'), key: path.join(cpState, 'pki', 'admin.key') });
  kubelet = new Kubelet(kube, RUN, { host: cpEnv.KUBE_API_HOST, port: Number(cpEnv.KUBE_API_PORT) }, cpEnv.KUBE_CA_FILE, say);

  if (SCENARIOS.includes('apply')) {
    await scenario('apply: example app (npm run synth) and every examples/ chart, server-side, PSA restricted', async () => {
      const out = path.join(RUN, 'manifests', 'apply');
      fs.mkdirSync(out, { recursive: true });
      const r = sh('npx', ['ts-node', '--transpile-only', 'examples/main.ts'], { ...process.env, CDK8S_OUTDIR: out });
      if (r.code !== 0) throw new Error(`synth of the example app failed: ${r.err}`);
      const app = fs.readdirSync(out).filter((f) => f.endsWith('.k8s.yaml')).map((f) => path.join(out, f));
      if (app.length === 0) throw new Error('npm run synth wrote no manifest');
      const files = [...app, ...synthExamples(path.join(out, 'examples')).map((c) => c.file)];
      for (const c of FOREIGN_CRDS) {
        await kube!.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
          apiVersion: 'apiextensions.k8s.io/v1', kind: 'CustomResourceDefinition', metadata: { name: `${c.plural}.${c.group}` },
          spec: { group: c.group, scope: 'Namespaced', names: { kind: c.kind, plural: c.plural, singular: c.kind.toLowerCase(), listKind: `${c.kind}List` },
            versions: [{ name: c.version, served: true, storage: true, schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } } }] },
        });
      }
      await until('CRDs established', 30_000, async () => {
        for (const c of FOREIGN_CRDS) { const crd = await kube!.get(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${c.plural}.${c.group}`); if (!crd.status?.conditions?.some((x: any) => x.type === 'Established' && x.status === 'True')) return undefined; }
        return true;
      });
      let objects = 0;
      for (const f of [...new Set(files)]) objects += await applyFile(f, kubectlEnv());
      return `${files.length} files, ${objects} objects, 0 warnings`;
    });
  }

  const releases = flinkReleases();
  for (const release of FLINK) {
    const minor = [...releases.entries()].find(([, r]) => r === release)?.[0];
    if (!minor) throw new Error(`Flink ${release} is not in e2e/flink/versions.txt`);
    if (SCENARIOS.includes('failover')) {
      await scenario(`Flink ${release}: application mode (TopSpeedWindowing, checkpoints), 2 JM + 2 TM, kill -9 leader -> failover`, () => failoverScenario(release, minor));
    }
  }

  await scenario('log scan: no RBAC Forbidden, no unknown/deprecated config key warnings, no agent errors', async () => {
    const problems = scanLogs(path.join(RUN, 'logs'));
    if (problems.length) throw new Error(`${problems.length} problem line(s):\n${problems.slice(0, 40).join('\n')}`);
    return 'clean';
  });
}

function report(): void {
  const total = (Date.now() - runStart) / 1000;
  const lines = ['', '| scenario | result | seconds |', '| --- | --- | --- |',
    ...results.map((r) => `| ${r.name} | ${r.ok ? 'PASS' : 'FAIL'} | ${r.seconds.toFixed(1)} |`), ''];
  if (REPORT) {
    lines.push('| Flink | new leader | kill -> lock taken (s) | -> REST published (s) | -> job RUNNING (s) | -> leader label (s) | -> Lease moved (s) | restored checkpoint | agent RSS |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...failoverRows.map((r) => `| ${r.flink} | ${r.newLeader} | ${r.lock} | ${r.rest} | ${r.running} | ${r.label} | ${r.lease} | ${r.restored} | ${r.agentRss} |`), '',
      `Stages: build ${timings.build?.toFixed(0)} s, download ${timings.download?.toFixed(0)} s, control plane start ${timings.controlPlaneStart?.toFixed(1)} s; whole run ${total.toFixed(0)} s.`, '');
  }
  console.log(lines.join('\n'));
  fs.writeFileSync(path.join(RUN, 'report.md'), lines.join('\n'));
}

main().then(async () => {
  report();
  if (KEEP) { say(`--keep: leaving everything running; stop with e2e/control-plane/stop.sh ${cpState}`); return; }
  await cleanup();
  const failed = results.filter((r) => !r.ok);
  say(failed.length ? `${failed.length} scenario(s) FAILED; logs in ${RUN}/logs` : `all ${results.length} scenarios passed`);
  process.exit(failed.length ? 1 : 0);
}, async (e) => {
  console.error(`e2e aborted: ${(e as Error).stack ?? e}`);
  report();
  await cleanup();
  process.exit(2);
});
