// Synth benchmark (not a test): in-process synth of 1, 10 and 100 clusters in one app,
// a cold `npm run synth` of the example, and how synth time grows with the cluster count.
//   npx ts-node --transpile-only bench/synth.ts [--profile]
import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
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

/**
 * The example synthesized in a new process, as `npm run synth` does it (ts-node, examples/main.ts)
 * but into a temporary directory: `npm run synth` itself deletes dist/ first and rebuilds
 * the agent bundle, neither of which is synth.
 */
function coldSynthMs(): number {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
  const start = process.hrtime.bigint();
  execFileSync(
    process.execPath,
    [join(ROOT, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', join(ROOT, 'src', 'main.ts')],
    { cwd: ROOT, env: { ...process.env, CDK8S_OUTDIR: outdir }, stdio: 'pipe' },
  );
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  rmSync(outdir, { recursive: true, force: true });
  return ms;
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
  const cold = Array.from({ length: coldRuns }, coldSynthMs);
  return [
    `### Synth (median of ${runs} runs after warm-up)`,
    '',
    table(['clusters in one app', 'median ms', 'ms per cluster', 'heap used after synth, MiB'], rows),
    '',
    `Growth from 10 to 100 clusters: ${(medians[100] / medians[10]).toFixed(1)}x (10x is linear).`,
    '',
    table(
      ['cold synth of the example (new process, ts-node)', 'median ms', 'runs'],
      [['`ts-node --transpile-only examples/main.ts`', median(cold).toFixed(0), coldRuns]],
    ),
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
