#!/usr/bin/env node
// Bundles the HA agent (src/agent/main.ts) into one deterministic JavaScript file,
// assets/ha-agent.js, which the construct ships in a ConfigMap and runs on the official
// Node.js image. Run: node scripts/bundle-agent.js [outfile]
'use strict';
const { buildSync } = require('esbuild');
const { mkdirSync, readFileSync } = require('fs');
const { dirname, join, relative, resolve } = require('path');
const { gzipSync } = require('zlib');

const root = join(__dirname, '..');
const DEFAULT_OUTFILE = join(root, 'assets', 'ha-agent.js');

/** Builds the bundle; returns its size in bytes and gzipped. */
function bundleAgent(outfile = DEFAULT_OUTFILE) {
  mkdirSync(dirname(outfile), { recursive: true });
  buildSync({
    entryPoints: [join(root, 'src', 'agent', 'main.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    minify: true,
    legalComments: 'none',
    // Paths in the output are relative to this directory, not to wherever the checkout lives.
    absWorkingDir: root,
    // No source maps, banners or timestamps: the same source gives the same bytes.
    sourcemap: false,
    charset: 'utf8',
    logLevel: 'warning',
  });
  const bytes = readFileSync(outfile);
  return { bytes: bytes.length, gzipped: gzipSync(bytes, { level: 9 }).length };
}

module.exports = { bundleAgent, DEFAULT_OUTFILE };

if (require.main === module) {
  const outfile = process.argv[2] ? resolve(process.argv[2]) : DEFAULT_OUTFILE;
  const { bytes, gzipped } = bundleAgent(outfile);
  const kib = (n) => (n / 1024).toFixed(1);
  console.log(`${relative(process.cwd(), outfile)}: ${bytes} bytes (${kib(bytes)} KiB, ${kib(gzipped)} KiB gzipped)`);
}
