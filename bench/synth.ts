// Synth benchmark (not a test): in-process synth of 1, 10 and 100 clusters in one app,
// how synth time grows with the cluster count, and the example app in a new process by the
// route `npm run synth` takes against ts-node.
//   npx ts-node --transpile-only bench/synth.ts [--profile]
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { median, table } from './stats';
import { FlinkCluster } from '../src';
import { exampleClusterProps } from '../examples/main';

const ROOT = join(__dirname, '..');

/** Synthesizes `n` example clusters (one namespace each) in one app; returns ms and heap MiB in use right after. */
function synthOnce(n: number): { ms: number; heapMiB: number } {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  const start = process.hrtime.bigint();
  const app = new App({ outdir });
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < n; i++)
    new FlinkCluster(chart, `c${i}`, { ...exampleClusterProps(), clusterId: `cluster-${i}`, namespace: `ns-${i}` });
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const heapMiB = process.memoryUsage().heapUsed / 1048576;
  rmSync(outdir, { recursive: true, force: true });
  return { ms, heapMiB };
}

/** CPU seconds (user + system) of this process's finished children, from /proc (10 ms ticks). */
function childCpuSeconds(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8').split(') ')[1].split(' ');
  return (Number(stat[13]) + Number(stat[14])) / 100;
}

/** The two ways to run the example app in a new process, as `npm run synth` and `cdk8s synth` do. */
const ROUTES: Array<[string, string[]]> = [
  ['`node scripts/synth.js` (esbuild bundle, then node)', [join(ROOT, 'scripts', 'synth.js')]],
  [
    '`ts-node --transpile-only examples/main.ts`',
    [join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', join(ROOT, 'examples', 'main.ts')],
  ],
];

/**
 * The example synthesized in a new process into a temporary directory (`npm run synth` also
 * deletes dist/ first, which is not synth). Returns wall ms and CPU seconds, children included.
 */
function coldSynth(args: string[]): { ms: number; cpu: number } {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  const cpuBefore = childCpuSeconds();
  const start = process.hrtime.bigint();
  execFileSync(process.execPath, args, { cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir }, stdio: 'pipe' });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const cpu = childCpuSeconds() - cpuBefore;
  rmSync(outdir, { recursive: true, force: true });
  return { ms, cpu };
}

/** Runs the synth benchmark and returns a markdown report. */
export function benchSynth(runs = 7, coldRuns = 5): string {
  for (let i = 0; i < 3; i++) synthOnce(10); // warm-up: module loading and JIT
  const rows: Array<Array<string | number>> = [];
  const medians: Record<number, number> = {};
  for (const n of [1, 10, 100]) {
    const samples = Array.from({ length: runs }, () => synthOnce(n));
    medians[n] = median(samples.map((s) => s.ms));
    rows.push([
      n,
      medians[n].toFixed(1),
      (medians[n] / n).toFixed(2),
      median(samples.map((s) => s.heapMiB)).toFixed(0),
    ]);
  }
  const cold = ROUTES.map(([name, args]) => {
    const samples = Array.from({ length: coldRuns }, () => coldSynth(args));
    return { name, ms: median(samples.map((x) => x.ms)), cpu: median(samples.map((x) => x.cpu)) };
  });
  const [fast, tsNode] = cold;
  return [
    `### Synth (median of ${runs} runs after warm-up)`,
    '',
    table(['clusters in one app', 'median ms', 'ms per cluster', 'heap used after synth, MiB'], rows),
    '',
    `Growth from 10 to 100 clusters: ${(medians[100] / medians[10]).toFixed(1)}x (10x is linear).`,
    '',
    `### The example app in a new process (median of ${coldRuns} runs)`,
    '',
    table(
      ['route', 'median wall ms', 'median CPU s'],
      cold.map((c) => [c.name, c.ms.toFixed(0), c.cpu.toFixed(2)]),
    ),
    '',
    `ts-node takes ${(tsNode.cpu / fast.cpu).toFixed(1)}x the CPU and ${(tsNode.ms / fast.ms).toFixed(1)}x the wall time of \`npm run synth\`'s route.`,
  ].join('\n');
}

/** Writes a V8 CPU profile of one 100-cluster synth to .bench/ (open it in Chrome DevTools). */
async function profile(): Promise<void> {
  const inspector = await import('inspector');
  const session = new inspector.Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<any>((res, rej) => session.post(method, params ?? {}, (e, r) => (e ? rej(e) : res(r))));
  synthOnce(10);
  await post('Profiler.enable');
  await post('Profiler.start');
  synthOnce(100);
  const { profile: p } = await post('Profiler.stop');
  const file = join(ROOT, '.bench', 'synth-100.cpuprofile');
  execFileSync('mkdir', ['-p', join(ROOT, '.bench')]);
  writeFileSync(file, JSON.stringify(p));
  console.log(`wrote ${file}`);
}

if (require.main === module) {
  if (process.argv.includes('--profile'))
    profile().catch((e) => {
      console.error(e);
      process.exit(1);
    });
  else console.log(benchSynth());
}
