import { execFileSync } from 'child_process';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import { median, table } from './stats';
import { FlinkCluster } from '../src';
import { exampleClusterProps } from '../src/main';

/** Synthesizes `n` example clusters (one namespace each) in one app; returns ms and heap MiB. */
function synthOnce(n: number): { ms: number; heapMiB: number } {
  const outdir = mkdtempSync(join(tmpdir(), 'bench-synth-'));
  const start = process.hrtime.bigint();
  const app = new App({ outdir });
  const chart = new Chart(app, 'bench');
  for (let i = 0; i < n; i++) new FlinkCluster(chart, `c${i}`, { ...exampleClusterProps(), clusterId: `cluster-${i}`, namespace: `ns-${i}` });
  app.synth();
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  const heapMiB = process.memoryUsage().heapUsed / 1048576;
  rmSync(outdir, { recursive: true, force: true });
  return { ms, heapMiB };
}

export function benchSynth(runs = 7): string {
  for (let i = 0; i < 2; i++) synthOnce(10); // warm-up: module loading and JIT
  const rows: Array<Array<string | number>> = [];
  const medians: Record<number, number> = {};
  for (const n of [1, 10, 100]) {
    const samples = Array.from({ length: runs }, () => synthOnce(n));
    medians[n] = median(samples.map((s) => s.ms));
    rows.push([n, medians[n].toFixed(1), (medians[n] / n).toFixed(2), median(samples.map((s) => s.heapMiB)).toFixed(0)]);
  }
  const root = join(__dirname, '..');
  const cold = Array.from({ length: 5 }, () => {
    const outdir = mkdtempSync(join(tmpdir(), 'bench-cold-'));
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, [join(root, 'node_modules', 'ts-node', 'dist', 'bin.js'), '--transpile-only', join(root, 'src', 'main.ts')], { cwd: root, env: { ...process.env, CDK8S_OUTDIR: outdir }, stdio: 'pipe' });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    rmSync(outdir, { recursive: true, force: true });
    return ms;
  });
  return [
    `### Synth (median of ${runs} runs after warm-up)`,
    '',
    table(['clusters in one app', 'median ms', 'ms per cluster', 'heap used MiB'], rows),
    '',
    `Growth from 10 to 100 clusters: ${(medians[100] / medians[10]).toFixed(1)}x (10x is linear).`,
    `Cold synth of the example (new process, ts-node, as npm run synth without the bundle step): median ${median(cold).toFixed(0)} ms over 5 runs.`,
  ].join('\n');
}

if (require.main === module) console.log(benchSynth());
