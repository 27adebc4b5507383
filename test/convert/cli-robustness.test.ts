import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { stringify } from 'yaml';
import { main } from '../../src/cli';
import { cleanManifest, merge } from './support';
import { captureStreams } from '../support/streams';

const streams = captureStreams;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cdk8s-flink-robust-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = async (file: string, ...extra: string[]) => {
  const s = streams();
  const code = await main(['convert', file, '-o', join(dir, 'out'), ...extra], s.io);
  return { code, out: s.out(), err: s.err() };
};
const write = (name: string, content: string | Buffer) => {
  const file = join(dir, name);
  writeFileSync(file, content);
  return file;
};
const CLEAN = stringify(cleanManifest());

describe('files that are not plain UTF-8 YAML', () => {
  test('an alias bomb exits 2, naming the file, without a stack trace', async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++) {
      const [prev, next] = [String.fromCharCode(96 + i), String.fromCharCode(97 + i)];
      lines.push(`${next}: &${next} [${Array(9).fill(`*${prev}`).join(',')}]`);
    }
    const file = write('bomb.yaml', lines.join('\n'));
    const started = Date.now();
    const r = await run(file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/^cdk8s-flink convert: cannot parse .*bomb\.yaml: expands more than \d+ YAML aliases/);
    expect(r.err).not.toMatch(/\n\s+at /);
    expect(Date.now() - started).toBeLessThan(2000);
  });

  test.each([
    ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(CLEAN, 'utf16le')])],
    ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(CLEAN, 'utf16le').swap16()])],
    ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(CLEAN, 'utf8')])],
    ['UTF-16 LE without BOM', Buffer.from(CLEAN, 'utf16le')],
  ])('%s converts like UTF-8', async (_name, bytes) => {
    const r = await run(write('m.yaml', bytes));
    expect([r.code, r.err]).toEqual([0, expect.stringContaining('FlinkDeployment orders: 0 errors')]);
  });

  test('a byte that is not UTF-8 is reported with where it is, not replaced', async () => {
    const bytes = Buffer.concat([
      Buffer.from(CLEAN.slice(0, 40), 'utf8'),
      Buffer.from([0xff]),
      Buffer.from(CLEAN.slice(40)),
    ]);
    const r = await run(write('latin.yaml', bytes));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/cannot parse .*latin\.yaml: is not UTF-8 text: byte 0xff at offset 40 \(line \d+\)/);
    expect(existsSync(join(dir, 'out'))).toBe(false);
  });

  test('a key twice in one mapping exits 2, as kubectl refuses it', async () => {
    const r = await run(write('dup.yaml', `${CLEAN}spec:\n  image: flink:1.20\n`));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/has the key "spec" twice/);
  });

  test('YAML merge keys, which kubectl accepts, are merged, not taken for Flink keys', async () => {
    const yaml = CLEAN.replace('flinkConfiguration:\n', 'flinkConfiguration:\n    <<: {pekko.ask.timeout: 30 s}\n');
    const r = await run(write('merge.yaml', yaml));
    expect(r.code).toBe(0);
    expect(r.err).not.toContain('<<');
    expect(readFileSync(join(dir, 'out', 'orders.k8s.yaml'), 'utf8')).toContain('pekko.ask.timeout: 30 s');
  });
});

describe('every document is accounted for', () => {
  test('a session cluster with session jobs and a claim: each other document is reported by kind and name, exit 1', async () => {
    const session = merge(cleanManifest(), { metadata: { name: 'session' }, spec: { job: undefined } });
    const job = (name: string) => ({
      apiVersion: 'flink.apache.org/v1beta1',
      kind: 'FlinkSessionJob',
      metadata: { name },
      spec: { deploymentName: 'session', job: { jarURI: `https://repo/${name}.jar`, parallelism: 2 } },
    });
    const pvc = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: {} };
    const file = write(
      'all.yaml',
      [session, job('wordcount'), job('statemachine'), pvc].map((d) => stringify(d)).join('---\n'),
    );
    const r = await run(file);
    expect(r.code).toBe(1);
    expect(r.err).toMatch(
      /error +FlinkSessionJob wordcount +not converted: a FlinkSessionJob runs a job \(https:\/\/repo\/wordcount\.jar\) on the operator's session cluster session/,
    );
    expect(r.err).toMatch(/error +FlinkSessionJob statemachine +not converted/);
    expect(r.err).toMatch(/warning +PersistentVolumeClaim data +not converted/);
    expect(r.out.trim()).toBe(join(dir, 'out', 'session.k8s.yaml'));
  });

  test('a file with no FlinkDeployment names what it has, exit 2', async () => {
    const r = await run(write('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n'));
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/ConfigMap x +not converted/);
    expect(r.err).toContain('contains no FlinkDeployment');
  });
});

describe('output files', () => {
  const deployment = (name: string, namespace: string) => merge(cleanManifest(), { metadata: { name, namespace } });

  test('chart ids never collide, and every printed path is the file written', async () => {
    const docs = [
      deployment('orders', 'prod'),
      deployment('orders', 'staging'),
      deployment('prod-orders', 'default'),
      deployment('orders', 'prod'),
    ];
    const r = await run(write('many.yaml', docs.map((d) => stringify(d)).join('---\n')));
    const printed = r.out.trim().split('\n');
    expect(printed.map((p) => p.slice(join(dir, 'out').length + 1))).toEqual([
      'orders.k8s.yaml',
      'staging-orders.k8s.yaml',
      'prod-orders.k8s.yaml',
      'prod-orders-2.k8s.yaml',
    ]);
    for (const p of printed) expect(statSync(p).size).toBeGreaterThan(0);
    expect(readdirSync(join(dir, 'out')).sort()).toEqual(
      printed.map((p) => p.slice(join(dir, 'out').length + 1)).sort(),
    );
    expect(r.err).toContain('is in this file twice');
    expect(r.code).toBe(0);
  });

  test('an invalid --namespace is a usage error', async () => {
    const r = await run(write('m.yaml', CLEAN), '--namespace', 'Not_A/Namespace');
    expect(r.code).toBe(2);
    expect(r.err).toContain('--namespace Not_A/Namespace is not a namespace name');
  });

  test('a rejected or strict-blocked manifest leaves a good earlier output untouched, and no temporary files', async () => {
    const good = write('good.yaml', CLEAN);
    expect((await run(good)).code).toBe(0);
    const target = join(dir, 'out', 'orders.k8s.yaml');
    const before = readFileSync(target, 'utf8');
    const unsupported = write(
      'bad.yaml',
      stringify(merge(cleanManifest(), { spec: { flinkVersion: 'v1_16', image: 'flink:1.16' } })),
    );
    expect((await run(unsupported)).code).toBe(1);
    const withErrors = write('err.yaml', stringify(merge(cleanManifest(), { spec: { replicas: 3 } })));
    expect((await run(withErrors, '--strict')).code).toBe(1);
    expect(readFileSync(target, 'utf8')).toBe(before);
    expect(readdirSync(join(dir, 'out'))).toEqual(['orders.k8s.yaml']);
  });
});
