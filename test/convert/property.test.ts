import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { FlinkCluster, FlinkValidationError } from '../../src';
import { TYPED_KEYS } from '../../src/convert/typed-keys';
import { flinkDeploymentToProps } from '../../src/convert/flink-deployment';
import { configureSeed, runs } from '../support/fc-seed';
import { cleanManifest, SEED_YAML } from './support';
import { parse } from 'yaml';

const seed = configureSeed();

/** Values a hand-written manifest might hold: plausible ones, and JSON of the wrong kind. */
const value = fc.oneof(
  fc.constantFrom(
    '1Gi',
    '2048m',
    '500m',
    '1.5',
    '0',
    '-1',
    'v1_19',
    'v2_0',
    'v9_9',
    'flink:1.20',
    'flink:1.19.0',
    'flink',
    's3://b/ha',
    'file:///flink-data/ha',
    'hdfs://nn/ha',
    'local:///opt/flink/usrlib/job.jar',
    'https://x/job.jar',
    'kubernetes',
    'zookeeper',
    '30 s',
    'PT1M',
    'true',
    'Exactly-Once',
    'suspended',
    '',
  ),
  fc.string({ maxLength: 12 }),
  fc.integer({ min: -5, max: 100_000 }),
  fc.double({ noNaN: false }),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 2 }),
);

const PATHS: string[][] = [
  ['metadata', 'name'],
  ['metadata', 'namespace'],
  ['apiVersion'],
  ['kind'],
  ['spec'],
  ['spec', 'image'],
  ['spec', 'imagePullPolicy'],
  ['spec', 'flinkVersion'],
  ['spec', 'serviceAccount'],
  ['spec', 'mode'],
  ['spec', 'logConfiguration'],
  ['spec', 'flinkConfiguration'],
  ['spec', 'jobManager'],
  ['spec', 'jobManager', 'replicas'],
  ['spec', 'jobManager', 'resource'],
  ['spec', 'jobManager', 'resource', 'cpu'],
  ['spec', 'jobManager', 'resource', 'memory'],
  ['spec', 'taskManager', 'replicas'],
  ['spec', 'taskManager', 'resource', 'memory'],
  ['spec', 'job'],
  ['spec', 'job', 'jarURI'],
  ['spec', 'job', 'parallelism'],
  ['spec', 'job', 'args'],
  ['spec', 'job', 'entryClass'],
  ['spec', 'job', 'initialSavepointPath'],
  ['spec', 'job', 'allowNonRestoredState'],
  ['spec', 'job', 'state'],
  ['spec', 'podTemplate'],
  ['spec', 'podTemplate', 'spec'],
  ['spec', 'podTemplate', 'spec', 'containers'],
  ['spec', 'podTemplate', 'spec', 'volumes'],
  ['spec', 'taskManager', 'podTemplate', 'spec', 'nodeSelector'],
  ['spec', 'taskManager', 'podTemplate', 'spec', 'tolerations'],
  ...TYPED_KEYS.map((k) => ['spec', 'flinkConfiguration', k]),
];

function setPath(doc: any, path: string[], v: unknown): any {
  const out = JSON.parse(JSON.stringify(doc));
  let at = out;
  for (const k of path.slice(0, -1)) {
    if (typeof at[k] !== 'object' || at[k] === null || Array.isArray(at[k])) at[k] = {};
    at = at[k];
  }
  // Through JSON, as a parsed manifest would be (fast-check builds some objects without a prototype).
  at[path[path.length - 1]] = JSON.parse(JSON.stringify(v) ?? 'null');
  return out;
}

const manifests = fc
  .tuple(
    fc.constantFrom(cleanManifest(), parse(SEED_YAML)),
    fc.array(fc.tuple(fc.constantFrom(...PATHS), value), { minLength: 1, maxLength: 4 }),
  )
  .map(([base, edits]) => edits.reduce((doc, [path, v]) => setPath(doc, path, v), base));

test(`any FlinkDeployment converts, or fails with a FlinkValidationError; props without a construct rejection build (seed ${seed})`, () => {
  fc.assert(
    fc.property(manifests, (manifest) => {
      let conversion;
      try {
        conversion = flinkDeploymentToProps(manifest);
      } catch (e) {
        if (e instanceof FlinkValidationError) return;
        throw e;
      }
      const rejected = conversion.report.some(
        (f) => f.path === 'spec' && f.message.startsWith('converts to FlinkCluster props the construct rejects'),
      );
      const chart = new Chart(Testing.app(), 'c', { namespace: 'flink' });
      try {
        new FlinkCluster(chart, 'Flink', conversion.props);
        Testing.synth(chart);
        expect(rejected).toBe(false);
      } catch (e) {
        if (!(e instanceof FlinkValidationError)) throw e;
        // The report must have said so.
        expect(rejected).toBe(true);
      }
    }),
    { numRuns: runs(1000) },
  );
});
