#!/usr/bin/env node
// Synthesizes the example app (examples/main.ts) into dist/, or into $CDK8S_OUTDIR when
// `cdk8s synth` runs it. The TypeScript is bundled with esbuild (tens of milliseconds) and run
// by plain node: a fraction of the CPU ts-node spends compiling the same files on every run
// (see `npm run bench`). Types are checked by `npm run typecheck`, not here, as with
// `ts-node --transpile-only`.
'use strict';
const { buildSync } = require('esbuild');
const { join } = require('path');
const { bundleAgent } = require('./bundle-agent');

const root = join(__dirname, '..');

/** esbuild options that bundle examples/main.ts into `outfile`, dependencies left to node_modules. */
function exampleBuildOptions(outfile) {
  return {
    entryPoints: [join(root, 'examples', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    // Dependencies load from node_modules as they would for any user of the package.
    packages: 'external',
    absWorkingDir: root,
    logLevel: 'warning',
  };
}

module.exports = { exampleBuildOptions };

if (require.main === module) {
  // Inside node_modules so the bundle resolves cdk8s and friends from the project's install,
  // and outside the tree that is committed or packed.
  const outfile = join(root, 'node_modules', '.cache', 'cdk8s-flink', 'synth-example.js');
  buildSync(exampleBuildOptions(outfile));
  // The agent bundle goes into the manifests, so it is rebuilt from the current sources too.
  bundleAgent();
  require(outfile).synthExampleApp();
}
