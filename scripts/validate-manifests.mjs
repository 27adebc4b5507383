#!/usr/bin/env node
// Validates Kubernetes objects (a JSON array on stdin) against the OpenAPI schemas shipped
// by kubernetes-models (and, for prometheus-operator's PodMonitor, its CRD schemas from
// @kubernetes-models/prometheus-operator), which are ESM-only and so run here, outside
// jest's CommonJS world. Prints a JSON array of { index, errors } for invalid objects and
// { index, skipped: true } for kinds it has no schema for.
const chunks = [];
for await (const c of process.stdin) chunks.push(c);
const objects = JSON.parse(Buffer.concat(chunks).toString('utf8'));

const cache = new Map();
async function modelFor(apiVersion, kind) {
  const key = `${apiVersion}/${kind}`;
  if (!cache.has(key)) {
    const group = apiVersion.includes('/') ? apiVersion : `v1`;
    const pkg = group.startsWith('monitoring.coreos.com/')
      ? '@kubernetes-models/prometheus-operator'
      : 'kubernetes-models';
    const path = `${pkg}/${group}/${kind}`;
    cache.set(
      key,
      import(path).then((m) => m[kind] ?? m.default).catch(() => undefined),
    );
  }
  return cache.get(key);
}

const results = [];
for (const [index, obj] of objects.entries()) {
  const Model = await modelFor(obj.apiVersion, obj.kind);
  if (!Model) {
    results.push({ index, skipped: true });
    continue;
  }
  try {
    new Model(obj).validate();
  } catch (e) {
    const details = e.errors
      ? e.errors.map((x) => `${x.instancePath ?? x.dataPath ?? ''} ${x.message}`)
      : [String(e.message ?? e)];
    results.push({ index, errors: details });
  }
}
process.stdout.write(JSON.stringify(results));
