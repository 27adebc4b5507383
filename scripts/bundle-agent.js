#!/usr/bin/env node
// Bundles the HA agent (src/agent/main.ts) into one deterministic JavaScript file,
// assets/ha-agent.js, which the construct ships in a ConfigMap and runs on the official
// Node.js image. Run: node scripts/bundle-agent.js
'use strict';
const { buildSync } = require('esbuild');
const { mkdirSync, statSync } = require('fs');
const { join } = require('path');
const { gzipSync } = require('zlib');

const root = join(__dirname, '..');
const outfile = join(root, 'assets', 'ha-agent.js');
mkdirSync(join(root, 'assets'), { recursive: true });
buildSync({
  entryPoints: [join(root, 'src', 'agent', 'main.ts')],
  outfile,
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  // No source maps, banners or timestamps: the same source gives the same bytes.
  sourcemap: false,
  logLevel: 'warning',
});
const bytes = statSync(outfile).size;
const gz = gzipSync(require('fs').readFileSync(outfile)).length;
console.log(`assets/ha-agent.js: ${(bytes / 1024).toFixed(1)} KiB (${(gz / 1024).toFixed(1)} KiB gzipped)`);
