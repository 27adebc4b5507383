// npm run bench: benchmark tables (medians; this machine is noisy). Not part of the tests.
import { benchAgent } from './agent';
import { benchSynth } from './synth';

async function main(): Promise<void> {
  console.log(`node ${process.version}, ${require('os').cpus().length} CPUs\n`);
  console.log(benchSynth());
  console.log('');
  console.log(await benchAgent());
}

main().catch((e) => { console.error(e); process.exit(1); });
