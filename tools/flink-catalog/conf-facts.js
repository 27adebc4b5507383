#!/usr/bin/env node
'use strict';
// Prints the settings of a Flink distribution's default conf/ (config.yaml as flat keys, or
// flink-conf.yaml), one `key = value` per line, for dist-facts.sh.
const fs = require('fs');
const path = require('path');
const YAML = require('yaml');

function flatten(value, prefix, out) {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else {
    out.push([prefix, Array.isArray(value) ? JSON.stringify(value) : String(value)]);
  }
  return out;
}

function settings(dir) {
  const yaml = path.join(dir, 'config.yaml');
  if (fs.existsSync(yaml)) return { file: 'config.yaml', entries: flatten(YAML.parse(fs.readFileSync(yaml, 'utf8')), '', []) };
  const legacy = fs.readFileSync(path.join(dir, 'flink-conf.yaml'), 'utf8');
  const entries = legacy.split('\n').filter((l) => /^[^#\s][^:]*:/.test(l)).map((l) => [l.slice(0, l.indexOf(':')).trim(), l.slice(l.indexOf(':') + 1).trim()]);
  return { file: 'flink-conf.yaml', entries };
}

const { file, entries } = settings(process.argv[2]);
console.log(`--- ${file} settings:`);
for (const [k, v] of entries) console.log(`${k} = ${v}`);
