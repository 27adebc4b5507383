import { readFileSync } from 'fs';
import { join } from 'path';

/** The seed article's FlinkDeployment, verbatim. */
export const SEED_YAML = readFileSync(join(__dirname, 'fixtures', 'seed-flinkdeployment.yaml'), 'utf8');

type Json = { [key: string]: any };

/** A FlinkDeployment the operator accepts and the conversion maps without an error. */
export function cleanManifest(): Json {
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: { name: 'orders', namespace: 'flink' },
    spec: {
      image: 'flink:1.20.1',
      flinkVersion: 'v1_20',
      serviceAccount: 'flink',
      flinkConfiguration: {
        'high-availability.type': 'kubernetes',
        'high-availability.storageDir': 's3://bucket/flink-ha',
      },
      jobManager: { replicas: 2, resource: { cpu: 1, memory: '2048m' } },
      taskManager: { replicas: 2, resource: { cpu: 1, memory: '2Gi' } },
      job: { jarURI: 'local:///opt/flink/usrlib/orders.jar', parallelism: 2 },
    },
  };
}

/** `base` with `patch` merged in; `undefined` in the patch deletes a field. */
export function merge(base: Json, patch: Json): Json {
  const out: Json = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) delete out[k];
    else if (
      v &&
      typeof v === 'object' &&
      !Array.isArray(v) &&
      base[k] &&
      typeof base[k] === 'object' &&
      !Array.isArray(base[k])
    )
      out[k] = merge(base[k], v);
    else out[k] = v;
  }
  return out;
}

/** The clean manifest with a patch of its spec. */
export const withSpec = (spec: Json, rest: Json = {}): Json => merge(cleanManifest(), { ...rest, spec });
