#!/usr/bin/env node
// Synthesizes the example app (examples/main.ts) against the packed package installed in another
// Node project, the way a TypeScript user's app runs it: `../src/index` becomes `cdk8s-flink`,
// resolved from that project's node_modules like cdk8s itself. Used by .ci/jsii.
// Run: node scripts/synth-example-packed.js <project dir> <outdir>
'use strict';
const { build } = require('esbuild');
const { join, resolve } = require('path');
const { exampleBuildOptions } = require('./synth');

const [project, outdir] = process.argv.slice(2).map((p) => resolve(p));
if (!project || !outdir) throw new Error('usage: synth-example-packed.js <project dir> <outdir>');
const outfile = join(project, 'synth-example.js');

// The asynchronous API: esbuild takes plugins only there.
build({
  ...exampleBuildOptions(outfile),
  plugins: [
    {
      name: 'packed-cdk8s-flink',
      setup(build) {
        build.onResolve({ filter: /^\.\.\/src(\/index)?$/ }, () => ({ path: 'cdk8s-flink', external: true }));
      },
    },
  ],
}).then(
  () => {
    process.env.CDK8S_OUTDIR = outdir;
    require(outfile).synthExampleApp();
  },
  (e) => {
    console.error(e.message);
    process.exit(1);
  },
);
