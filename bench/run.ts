// npm run bench: benchmark tables (medians; this machine is noisy). Not part of the tests.
// Synth and convert run here; the HA agent's in its own process, so its servers and
// child agents cannot disturb the other numbers (or the other way round).
import { spawnSync } from 'child_process';
import { cpus } from 'os';
import { join } from 'path';
import { benchConvert } from './convert';
import { benchSynth } from './synth';

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${cpus().length} CPUs\n`);
  console.log(benchSynth());
  console.log('');
  console.log(await benchConvert());
  console.log('');
  const run = spawnSync('npx', ['ts-node', '--transpile-only', join(__dirname, 'agent.ts')], {
    cwd: join(__dirname, '..'),
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  process.stdout.write(run.stdout);
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    console.error(`bench/agent.ts failed (exit ${run.status})`);
    process.exitCode = 1;
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
