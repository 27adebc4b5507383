// Convert benchmark (not a test): `cdk8s-flink convert` on manifests with many configuration
// keys, to show the time grows linearly with the keys (it was once quadratic).
//   npx ts-node --transpile-only bench/convert.ts
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { median, table } from './stats';
import { main } from '../src/cli';
import { cleanManifest } from '../test/convert/support';

const SILENT = { stdout: { write: () => true }, stderr: { write: () => true } };

/** One `convert` of a manifest carrying `keys` extra configuration keys; returns ms. */
async function convertOnce(dir: string, keys: number): Promise<number> {
  const m = cleanManifest();
  // Unknown keys: the slowest path, each one is looked up and gets "did you mean" suggestions.
  for (let i = 0; i < keys; i++) m.spec.flinkConfiguration[`x.k${i}`] = '1';
  const file = join(dir, `keys-${keys}.yaml`);
  writeFileSync(file, stringify(m));
  const start = process.hrtime.bigint();
  await main(['convert', file, '-o', join(dir, 'out')], SILENT);
  return Number(process.hrtime.bigint() - start) / 1e6;
}

/** Runs the convert benchmark and returns a markdown report. */
export async function benchConvert(runs = 5): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'bench-convert-'));
  try {
    await convertOnce(dir, 1000); // warm-up: module loading, catalog parsing, JIT
    const sizes = [5_000, 40_000];
    const medians: number[] = [];
    for (const keys of sizes) {
      const samples: number[] = [];
      for (let i = 0; i < runs; i++) samples.push(await convertOnce(dir, keys));
      medians.push(median(samples));
    }
    const growth = medians[1] / medians[0];
    return [
      `### Convert (median of ${runs} runs after warm-up)`,
      '',
      table(
        ['configuration keys', 'median ms', 'µs per key'],
        sizes.map((k, i) => [k, medians[i].toFixed(0), ((medians[i] * 1000) / k).toFixed(1)]),
      ),
      '',
      `Growth from 5,000 to 40,000 keys: ${growth.toFixed(1)}x (8x is linear, 64x quadratic).`,
    ].join('\n');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) benchConvert().then((s) => console.log(s));
