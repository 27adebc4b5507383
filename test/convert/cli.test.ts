import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli';
import { cleanManifest } from './support';
import { captureStreams } from '../support/streams';

const FIXTURE = join(__dirname, 'fixtures', 'seed-flinkdeployment.yaml');

const streams = captureStreams;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk8s-flink-convert-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

test('a clean FlinkDeployment converts, exit 0, manifests written', async () => {
  const file = join(dir, 'orders.yaml');
  writeFileSync(file, JSON.stringify(cleanManifest()));
  const s = streams();
  expect(await main(['convert', file, '-o', join(dir, 'out')], s.io)).toBe(0);
  const written = join(dir, 'out', 'orders.k8s.yaml');
  expect(s.out().trim()).toBe(written);
  expect(readFileSync(written, 'utf8')).toMatch(/kind: Deployment\n[\s\S]*name: orders-jobmanager/);
  expect(s.err()).toContain('orders: 0 errors, 1 warning, 2 infos');
});

test('the seed converts with errors: exit 1, report table, output still written', async () => {
  const s = streams();
  expect(await main(['convert', FIXTURE, '-o', dir, '--namespace', 'streaming'], s.io)).toBe(1);
  const yaml = readFileSync(join(dir, 'my-flink-cluster.k8s.yaml'), 'utf8');
  expect(yaml).toContain('namespace: streaming');
  expect(s.err()).toMatch(/^SEVERITY +PATH +MESSAGE\n/);
  expect(s.err()).toMatch(
    /\nerror +spec\.flinkConfiguration\["flink\.master\.num-task-managers"\] +is not a Flink option/,
  );
  expect(s.err()).toContain('my-flink-app: 10 errors, 1 warning, 6 infos');
});

test('two FlinkDeployments with one name in two namespaces: one file each', async () => {
  const file = join(dir, 'two.yaml');
  const one = (ns: string) => JSON.stringify({ ...cleanManifest(), metadata: { name: 'orders', namespace: ns } });
  writeFileSync(file, `${one('staging')}\n---\n${one('prod')}\n`);
  const s = streams();
  expect(await main(['convert', file, '-o', join(dir, 'out')], s.io)).toBe(0);
  expect(s.out().trim().split('\n')).toEqual([
    join(dir, 'out', 'orders.k8s.yaml'),
    join(dir, 'out', 'prod-orders.k8s.yaml'),
  ]);
  expect(readFileSync(join(dir, 'out', 'prod-orders.k8s.yaml'), 'utf8')).toContain('namespace: prod');
});

test('--strict writes nothing when the report has errors', async () => {
  const s = streams();
  expect(await main(['convert', FIXTURE, '-o', join(dir, 'strict'), '--strict'], s.io)).toBe(1);
  expect(existsSync(join(dir, 'strict'))).toBe(false);
  expect(s.err()).toContain('nothing written (--strict and the report has errors)');
});

test.each<[string[], RegExp]>([
  [['convert', 'missing.yaml'], /^cdk8s-flink convert: cannot read missing\.yaml: no such file\n$/],
  [['convert'], /^cdk8s-flink convert: missing <flinkdeployment\.yaml>/],
  [['convert', FIXTURE, '--bogus'], /^cdk8s-flink convert: unknown option --bogus/],
  [['convert', FIXTURE, '-o'], /^cdk8s-flink convert: -o needs a value/],
])('usage and file errors exit 2 with a clean message: %p', async (argv, message) => {
  const s = streams();
  expect(await main(argv, s.io)).toBe(2);
  expect(s.err()).toMatch(message);
  expect(s.err()).not.toMatch(/\n\s+at /);
});

test('a file that is not YAML or has no FlinkDeployment exits 2', async () => {
  const bad = join(dir, 'bad.yaml');
  writeFileSync(bad, 'kind: [unclosed');
  const s = streams();
  expect(await main(['convert', bad], s.io)).toBe(2);
  expect(s.err()).toMatch(/^cdk8s-flink convert: cannot parse .*bad\.yaml: /);
  const other = join(dir, 'cm.yaml');
  writeFileSync(other, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
  const t = streams();
  expect(await main(['convert', other], t.io)).toBe(2);
  expect(t.err()).toContain('contains no FlinkDeployment');
});

test('an unsupported Flink version is reported, exit 1, nothing written', async () => {
  const file = join(dir, 'old.yaml');
  writeFileSync(
    file,
    JSON.stringify({
      ...cleanManifest(),
      spec: { ...cleanManifest().spec, flinkVersion: 'v1_16', image: 'flink:1.16' },
    }),
  );
  const s = streams();
  expect(await main(['convert', file, '-o', join(dir, 'out')], s.io)).toBe(1);
  expect(s.err()).toContain(
    'cannot convert: FlinkDeployment: "orders" - cannot be converted: 1 error: (1) spec.flinkVersion: "v1_16" is not supported',
  );
  expect(existsSync(join(dir, 'out'))).toBe(false);
});

test('help', async () => {
  const a = streams();
  expect(await main(['--help'], a.io)).toBe(0);
  expect(a.out()).toContain('convert <flinkdeployment.yaml>');
  const b = streams();
  expect(await main(['convert', '--help'], b.io)).toBe(0);
  expect(b.out()).toMatch(/^usage: cdk8s-flink convert/);
  expect(b.out()).toContain('--strict');
  const c = streams();
  expect(await main([], c.io)).toBe(2);
  expect(c.out()).toContain('usage: cdk8s-flink');
});
