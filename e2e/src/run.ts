/**
 * End-to-end run: real kube-apiserver + etcd, real Flink, the synthesized manifests unchanged.
 *
 *   npm run e2e [-- --report] [-- --flink 1.20.5,2.2.1] [-- --full 2.2.1] [-- --scenarios failover]
 *               [-- --graceful-stops 10] [-- --lanes 2] [-- --keep]
 *
 * Prints PASS/FAIL per scenario and exits non-zero if any failed. Artifacts (logs of every
 * process, manifests, the control plane's state and audit log, per-stop JSON, report.md) go to
 * $E2E_RUN_DIR or <cache>/runs/<timestamp>.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { FlinkVersion } from '../../src';
import { denials, groupDenials, isFlink, readAudit } from './audit';
import { applyFile, Ctx, stopAllPods } from './cluster-ops';
import { failoverRows } from './failover';
import { must, results, RUN, runStart, say, scenario, until } from './harness';
import { Kube, ApiError } from './kube';
import { setAdmissionPolicyServed } from './clusters';
import { ensurePodnet, Kubelet } from './kubelet';
import { KNOWN_PRODUCT_BUGS } from './known-product-bugs';
import { E2E_DIR, FOREIGN_CRDS, flinkReleases } from './mapping';
import { groupProblems, scanLogs, toleratedLines } from './log-scan';
import { synthExamples } from './synth-examples';
import { appClusters, failoverScenario, namespaceFor } from './scenarios/app-failover';
import { exampleScenario, synthExampleApp } from './scenarios/example';
import { gracefulScenario, gracefulStops } from './scenarios/graceful';
import { haCliScenario } from './scenarios/ha-cli';
import { sessionScenario } from './scenarios/session';
import { PROBE_USER_AGENT } from './rights-probe';

const argv = process.argv.slice(2);
const opt = (name: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? argv[i + 1] : undefined;
};
const list = (s: string) => s.split(/[ ,]+/).filter(Boolean);
const REPORT = argv.includes('--report');
const KEEP = argv.includes('--keep');
if (opt('graceful-stops')) process.env.E2E_GRACEFUL_STOPS = opt('graceful-stops');

const ALL_SCENARIOS = ['apply', 'example', 'failover', 'graceful', 'ha-cli', 'session'];
const SCENARIOS = list(opt('scenarios') ?? process.env.E2E_SCENARIOS ?? ALL_SCENARIOS.join(','));
for (const s of SCENARIOS)
  if (!ALL_SCENARIOS.includes(s)) throw new Error(`unknown scenario ${s} (known: ${ALL_SCENARIOS.join(', ')})`);

// Flink releases: every pinned release whose minor the construct supports (FlinkVersion).
const releases = flinkReleases(); // minor -> release
const supported = new Set<string>(Object.values(FlinkVersion));
const pinned = [...releases.entries()];
const unsupported = pinned.filter(([minor]) => !supported.has(minor)).map(([, r]) => r);
const defaultFlink = pinned.filter(([minor]) => supported.has(minor)).map(([, r]) => r);
const FLINK = list(opt('flink') ?? process.env.E2E_FLINK_VERSIONS ?? defaultFlink.join(','));
const minorOf = (release: string) => {
  const m = pinned.find(([, r]) => r === release)?.[0];
  if (!m) throw new Error(`Flink ${release} is not in e2e/flink/versions.txt`);
  return m;
};
/** Full set: by default the newest 1.x and the newest 2.x among the chosen releases. */
const newest = (major: string) =>
  FLINK.filter((r) => r.startsWith(`${major}.`))
    .sort((a, b) => a.localeCompare(b, undefined, { numeric: true }))
    .pop();
const LANES = Number(opt('lanes') ?? process.env.E2E_LANES ?? 2);
const FULL = list(opt('full') ?? process.env.E2E_FULL_VERSIONS ?? [newest('1'), newest('2')].filter(Boolean).join(','));

if (argv.includes('--list-releases')) {
  // The releases a run with these arguments needs (the example app's 1.19 included), for .ci/e2e's prefetch.
  const need = new Set(FLINK);
  if (SCENARIOS.includes('example') && releases.get('1.19')) need.add(releases.get('1.19')!);
  console.log([...need].join(' '));
  process.exit(0);
}

const timings: Record<string, number> = {};
let kube: Kube | undefined;
let kubelet: Kubelet | undefined;
const cpState = path.join(RUN, 'control-plane');
let cleaned = false;
async function cleanup() {
  if (cleaned) return;
  cleaned = true;
  try {
    await kubelet?.close();
  } catch (e) {
    console.error(e);
  }
  kube?.close();
  spawnSync(path.join(E2E_DIR, 'control-plane', 'stop.sh'), [cpState], { stdio: 'inherit' });
}
for (const sig of ['SIGINT', 'SIGTERM'] as const)
  process.on(sig, () => {
    void cleanup().then(() => process.exit(130));
  });

function readEnv(file: string): Record<string, string> {
  return Object.fromEntries(
    fs
      .readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
}

const PROBE_NS = 'e2e-control-plane-probe';
const cmd = (args: string) => `npm run e2e -- ${args}`;

/** The control plane enforces what the product relies on: RBAC, and ValidatingAdmissionPolicy (admission plugin on). */
async function controlPlaneChecks(ctx: Ctx): Promise<string> {
  const probeNs = PROBE_NS;
  await ctx.kube.request('POST', '/api/v1/namespaces', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: probeNs },
  });
  const v1 = await ctx.kube.getOrUndefined('/apis/admissionregistration.k8s.io/v1');
  const served = (v1?.resources ?? []).some((r: any) => r.name === 'validatingadmissionpolicies');
  setAdmissionPolicyServed(served);
  let denied =
    "not served by this API server (admissionregistration.k8s.io/v1 ValidatingAdmissionPolicy is GA from 1.30): the harness's own clusters set security.admissionPolicy: false";
  if (served) {
    await ctx.kube.request('POST', '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicy',
      metadata: { name: 'e2e-probe-deny' },
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          resourceRules: [{ apiGroups: [''], apiVersions: ['v1'], operations: ['CREATE'], resources: ['configmaps'] }],
        },
        validations: [
          {
            expression: "object.metadata.name != 'vap-probe-denied'",
            message: 'e2e probe: denied by a ValidatingAdmissionPolicy',
          },
        ],
      },
    });
    await ctx.kube.request('POST', '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings', {
      apiVersion: 'admissionregistration.k8s.io/v1',
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: { name: 'e2e-probe-deny' },
      spec: {
        policyName: 'e2e-probe-deny',
        validationActions: ['Deny'],
        matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': probeNs } } },
      },
    });
    denied = await until(
      'the ValidatingAdmissionPolicy to deny the probe ConfigMap',
      30_000,
      async () => {
        try {
          await ctx.kube.request('POST', `/api/v1/namespaces/${probeNs}/configmaps`, {
            apiVersion: 'v1',
            kind: 'ConfigMap',
            metadata: { name: 'vap-probe-denied' },
          });
          await ctx.kube.request('DELETE', `/api/v1/namespaces/${probeNs}/configmaps/vap-probe-denied`);
          return undefined;
        } catch (e) {
          if (e instanceof ApiError && /e2e probe: denied/.test(e.message)) return e.message;
          throw e;
        }
      },
      500,
    );
    await ctx.kube.request(
      'DELETE',
      '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicybindings/e2e-probe-deny',
    );
    await ctx.kube.request(
      'DELETE',
      '/apis/admissionregistration.k8s.io/v1/validatingadmissionpolicies/e2e-probe-deny',
    );
  }
  // RBAC: a ServiceAccount without bindings is refused.
  await ctx.kube.request('POST', `/api/v1/namespaces/${probeNs}/serviceaccounts`, {
    apiVersion: 'v1',
    kind: 'ServiceAccount',
    metadata: { name: 'nobody' },
  });
  const tr = await ctx.kube.request('POST', `/api/v1/namespaces/${probeNs}/serviceaccounts/nobody/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: 600 },
  });
  const anon = new Kube({ server: ctx.cpEnv.KUBE_API_URL, ca: ctx.cpEnv.KUBE_CA_FILE, token: tr.status.token });
  let rbac = 'not refused';
  try {
    await anon.get(`/api/v1/namespaces/${probeNs}/configmaps`);
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) rbac = 'refused (403)';
  } finally {
    anon.close();
  }
  if (rbac !== 'refused (403)') throw new Error('RBAC: a ServiceAccount without any binding could list ConfigMaps');
  await ctx.kube.request('DELETE', `/api/v1/namespaces/${probeNs}`);
  return `kube-apiserver ${ctx.cpEnv.KUBE_VERSION}: ValidatingAdmissionPolicy enforced (${denied.replace(/^.*?: HTTP /, 'HTTP ')}); RBAC: unbound ServiceAccount ${rbac}`;
}

async function applyScenario(ctx: Ctx): Promise<string> {
  const app = synthExampleApp();
  const files = [...app, ...synthExamples(path.join(RUN, 'manifests', 'examples')).map((c) => c.file)];
  for (const c of FOREIGN_CRDS) {
    await ctx.kube.request('POST', '/apis/apiextensions.k8s.io/v1/customresourcedefinitions', {
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      metadata: { name: `${c.plural}.${c.group}` },
      spec: {
        group: c.group,
        scope: 'Namespaced',
        names: { kind: c.kind, plural: c.plural, singular: c.kind.toLowerCase(), listKind: `${c.kind}List` },
        versions: [
          {
            name: c.version,
            served: true,
            storage: true,
            schema: { openAPIV3Schema: { type: 'object', 'x-kubernetes-preserve-unknown-fields': true } },
          },
        ],
      },
    });
  }
  await until('CRDs established', 30_000, async () => {
    for (const c of FOREIGN_CRDS) {
      const crd = await ctx.kube.get(`/apis/apiextensions.k8s.io/v1/customresourcedefinitions/${c.plural}.${c.group}`);
      if (!crd.status?.conditions?.some((x: any) => x.type === 'Established' && x.status === 'True')) return undefined;
    }
    return true;
  });
  let objects = 0;
  // Every file is applied, and every rejection reported (not only the first).
  const errors: string[] = [];
  for (const f of [...new Set(files)]) {
    try {
      objects += await applyFile(ctx, f);
    } catch (e) {
      errors.push((e as Error).message);
    }
  }
  if (errors.length)
    throw new Error(`${errors.length} of ${new Set(files).size} files rejected or warned:\n${errors.join('\n')}`);
  return `${files.length} files, ${objects} objects, 0 warnings`;
}

async function main(): Promise<void> {
  const exampleRelease = SCENARIOS.includes('example') ? releases.get('1.19') : undefined;
  const needed = [...new Set([...FLINK, ...(exampleRelease ? [exampleRelease] : [])])];
  say(`run dir ${RUN}; Flink ${FLINK.join(', ')} (full set: ${FULL.join(', ')}); scenarios ${SCENARIOS.join(', ')}`);
  if (unsupported.length)
    say(
      `pinned but not run: ${unsupported.join(', ')} - the construct has no FlinkVersion for ${unsupported.map(minorOf).join(', ')} yet`,
    );
  for (const b of KNOWN_PRODUCT_BUGS) say(`tolerating known product bug ${b.id} (${b.finding}): ${b.summary}`);
  let t = Date.now();
  must(path.join(E2E_DIR, 'control-plane', 'build.sh'), ['all']);
  timings.build = (Date.now() - t) / 1000;
  t = Date.now();
  for (const v of needed) must(path.join(E2E_DIR, 'flink', 'fetch.sh'), [v]);
  ensurePodnet();
  timings.download = (Date.now() - t) / 1000;

  t = Date.now();
  must(path.join(E2E_DIR, 'control-plane', 'start.sh'), [cpState]);
  timings.controlPlaneStart = (Date.now() - t) / 1000;
  const cpEnv = readEnv(path.join(cpState, 'env'));
  kube = new Kube({
    server: cpEnv.KUBE_API_URL,
    ca: cpEnv.KUBE_CA_FILE,
    cert: path.join(cpState, 'pki', 'admin.crt'),
    key: path.join(cpState, 'pki', 'admin.key'),
  });
  kubelet = new Kubelet(
    kube,
    RUN,
    { host: cpEnv.KUBE_API_HOST, port: Number(cpEnv.KUBE_API_PORT) },
    cpEnv.KUBE_CA_FILE,
    say,
  );
  const ctx: Ctx = { kube, kubelet, cpState, cpEnv };

  await scenario(
    'control plane: RBAC enforced, ValidatingAdmissionPolicy enforced where served',
    'npm run e2e (always)',
    () => controlPlaneChecks(ctx),
  );
  if (SCENARIOS.includes('apply')) {
    await scenario(
      'apply: example app (npm run synth) and every examples/ chart, server-side, PSA restricted',
      cmd('--scenarios apply'),
      () => applyScenario(ctx),
    );
  }
  // Work units: the example app, and per Flink release its pipeline (failover; on the full-set
  // releases then graceful, ha-cli on the same application cluster, then session). Units run in
  // LANES parallel lanes (default 2: two Flink clusters at a time; --lanes 1 runs them one by one),
  // the biggest first, each to the lane with the least estimated work.
  const units: Array<{ name: string; cost: number; run: () => Promise<void> }> = [];
  if (exampleRelease) {
    units.push({
      name: 'example',
      cost: 1.2,
      run: async () => {
        await scenario(
          `example: the example app as synthesized (WordCount, flink:1.19 -> ${exampleRelease}), 2 JM + 2 TM`,
          cmd('--scenarios example'),
          (f) => exampleScenario(ctx, f),
        );
      },
    });
  }
  for (const release of FLINK) {
    const minor = minorOf(release);
    const full = FULL.includes(release);
    const stops = Number(process.env.E2E_GRACEFUL_STOPS ?? 6);
    const cost =
      (SCENARIOS.includes('failover') ? 2.2 : 0) +
      (full
        ? (SCENARIOS.includes('graceful') ? 0.5 * stops : 0) +
          (SCENARIOS.includes('ha-cli') ? 1 : 0) +
          (SCENARIOS.includes('session') ? 2 : 0)
        : 0);
    if (!cost) continue;
    units.push({
      name: `Flink ${release}`,
      cost,
      run: async () => {
        if (SCENARIOS.includes('failover')) {
          await scenario(
            `Flink ${release}: failover (application mode, TopSpeedWindowing, 2 JM + 2 TM, kill -9 leader)`,
            cmd(`--scenarios failover --flink ${release}`),
            (f) => failoverScenario(ctx, release, minor, f),
          );
        }
        if (full && SCENARIOS.includes('graceful')) {
          await scenario(
            `Flink ${release}: graceful stops of the leader (${stops}x SIGTERM)`,
            cmd(`--scenarios graceful --flink ${release}`),
            (f) => gracefulScenario(ctx, release, minor, f),
          );
        }
        if (full && SCENARIOS.includes('ha-cli')) {
          await scenario(
            `Flink ${release}: ha status / ha clean after the Deployments are deleted`,
            cmd(`--scenarios ha-cli --flink ${release}`),
            (f) => haCliScenario(ctx, release, minor, f),
          );
        }
        // The application cluster's pods stop here, whatever happened to it (--keep leaves them).
        if (!KEEP) {
          await stopAllPods(ctx, namespaceFor(minor, 'app'));
          appClusters.delete(release);
        }
        if (full && SCENARIOS.includes('session')) {
          await scenario(
            `Flink ${release}: session mode, job submitted via REST, kill -9 leader`,
            cmd(`--scenarios session --flink ${release}`),
            (f) => sessionScenario(ctx, release, minor, f),
          );
        }
      },
    });
  }
  const lanes: Array<typeof units> = Array.from({ length: Math.max(1, LANES) }, () => []);
  const load = lanes.map(() => 0);
  for (const u of [...units].sort((a, b) => b.cost - a.cost)) {
    const i = load.indexOf(Math.min(...load));
    lanes[i].push(u);
    load[i] += u.cost;
  }
  say(`lanes: ${lanes.map((l, i) => `${i + 1}: ${l.map((u) => u.name).join(', ') || '-'}`).join(' | ')}`);
  await Promise.all(
    lanes.map(async (l) => {
      for (const u of l) await u.run();
    }),
  );

  await scenario(
    'audit log: no request of Flink or the agent denied (RBAC 403, admission policy)',
    'npm run e2e (always)',
    async () => {
      const events = readAudit(path.join(cpState, 'logs', 'audit.log'));
      // The control-plane probe's unbound ServiceAccount and the JobManager rights probe (its own
      // User-Agent) are refused on purpose; everything else counts.
      const sa = events.filter(
        (e) =>
          e.user.startsWith('system:serviceaccount:') &&
          !e.user.startsWith(`system:serviceaccount:${PROBE_NS}:`) &&
          e.userAgent !== PROBE_USER_AGENT,
      );
      const bad = denials(sa);
      if (bad.length) {
        const groups = groupDenials(bad);
        throw new Error(
          `${bad.length} denied request(s) of the clusters' ServiceAccounts, ${groups.length} kind(s):\n${groups.join('\n')}`,
        );
      }
      return `${sa.length} requests of the clusters' ServiceAccounts (${sa.filter(isFlink).length} Flink, ${sa.filter((e) => !isFlink(e)).length} agent), none denied`;
    },
  );
  await scenario(
    'log scan: no RBAC Forbidden, no unknown/deprecated config key warnings, no agent errors',
    'npm run e2e (always)',
    async () => {
      const problems = scanLogs(path.join(RUN, 'logs'));
      if (problems.length) {
        const groups = groupProblems(problems);
        throw new Error(`${problems.length} problem line(s), ${groups.length} kind(s):\n${groups.join('\n')}`);
      }
      const tolerated = [...toleratedLines].map(([id, t]) => {
        const b = KNOWN_PRODUCT_BUGS.find((x) => x.id === id)!;
        return `tolerated known product bug ${id} (${b.finding}): ${t.n} line(s), first ${t.first}`;
      });
      if (tolerated.length) {
        for (const t of tolerated) say(t);
        return `clean apart from ${tolerated.join('; ')}`;
      }
      return 'clean';
    },
  );
}

function report(): void {
  const total = (Date.now() - runStart) / 1000;
  const f1 = (n?: number) => (n === undefined ? '-' : n.toFixed(1));
  const lines = [
    '',
    '| scenario | result | seconds | command |',
    '| --- | --- | --- | --- |',
    ...results.map((r) => `| ${r.name} | ${r.ok ? 'PASS' : 'FAIL'} | ${r.seconds.toFixed(1)} | \`${r.command}\` |`),
    '',
  ];
  if (REPORT) {
    lines.push(
      'Failover (kill -9 of the leading JobManager; seconds after the kill):',
      '',
      '| Flink | mode | new leader | lock taken | REST published | job RUNNING | leader label | Lease moved | restored checkpoint | agent RSS (MiB) | agent API req/min leader / standby (steady) |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      ...[...failoverRows]
        .sort((a, b) => a.flink.localeCompare(b.flink, undefined, { numeric: true }) || a.mode.localeCompare(b.mode))
        .map(
          (r) =>
            `| ${r.flink} | ${r.mode} | ${r.newLeader} | ${f1(r.lock)} | ${f1(r.rest)} | ${f1(r.running)} | ${f1(r.label)} | ${f1(r.lease)} | ${r.restored} | ${f1(r.agentRssMiB)} | ${r.agentReqPerMin ? `${r.agentReqPerMin.leader.toFixed(1)} / ${r.agentReqPerMin.standby.toFixed(1)} (${r.agentReqPerMin.window} s)` : '-'} |`,
        ),
      '',
    );
    if (gracefulStops.size) {
      lines.push(
        'Graceful stops of the leader (stop 1: SIGTERM to the Flink process; others: pod deleted; seconds after the SIGTERM):',
        '',
        '| Flink | stop | how | Flink exited | lock released | outcome | re-taken after release (ms) | dead holder (s) | lock taken | REST | job RUNNING | old label dropped | new label | Lease |',
        '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
      );
      for (const [v, recs] of [...gracefulStops].sort(([a], [b]) => a.localeCompare(b, undefined, { numeric: true }))) {
        for (const r of recs)
          lines.push(
            `| ${v} | ${r.n} | ${r.how} | ${f1(r.exitedAfter)} (${r.exitCode}) | ${f1(r.releasedAfter)} | ${r.outcome} | ${r.retakenMsAfterRelease ?? '-'} | ${f1(r.deadHolderSeconds)} | ${f1(r.lock)} | ${f1(r.rest)} | ${f1(r.running)} | ${f1(r.labelDropped)} | ${f1(r.newLabel)} | ${f1(r.lease)} |`,
          );
        const re = recs.filter((r) => r.outcome.startsWith('re-taken')).length;
        lines.push(`| ${v} | **${re} of ${recs.length} re-taken** | | | | | | | | | | | | |`);
      }
      lines.push('');
    }
    lines.push(
      `Stages: build ${timings.build?.toFixed(0)} s, download ${timings.download?.toFixed(0)} s, control plane start ${timings.controlPlaneStart?.toFixed(1)} s; whole run ${total.toFixed(0)} s.`,
      '',
    );
    if (unsupported.length)
      lines.push(
        `Not run: ${unsupported.join(', ')} (pinned, but the construct has no FlinkVersion for ${unsupported.map(minorOf).join(', ')}).`,
        '',
      );
  }
  console.log(lines.join('\n'));
  fs.writeFileSync(path.join(RUN, 'report.md'), lines.join('\n'));
}

main().then(
  async () => {
    report();
    if (KEEP) {
      say(`--keep: leaving everything running; stop with e2e/control-plane/stop.sh ${cpState}`);
      return;
    }
    await cleanup();
    const failed = results.filter((r) => !r.ok);
    say(
      failed.length
        ? `${failed.length} scenario(s) FAILED; logs in ${RUN}/logs`
        : `all ${results.length} scenarios passed`,
    );
    process.exit(failed.length ? 1 : 0);
  },
  async (e) => {
    console.error(`e2e aborted: ${(e as Error).stack ?? e}`);
    report();
    await cleanup();
    process.exit(2);
  },
);
