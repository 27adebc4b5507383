import { readdirSync, readFileSync } from 'fs';
import { join } from 'path';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { parse } from 'yaml';
import { FlinkCluster } from '../../src';
import { ConversionFinding } from '../../src/convert/conversion-report';
import { convertDocuments, DocumentResult } from '../../src/convert/convert-documents';
import { CRD_FIELDS } from '../../src/convert/crd-fields';
import { readDocuments } from '../../src/convert/documents';
import { HaStorage } from '../../src/props/ha-storage';
import { find, K8sObject } from '../support/synth';

/**
 * The conversion corpus: FlinkDeployments written from the operator's documented CRD fields
 * and behaviours, each with what its conversion must mean (corpus/<name>.expect.yaml):
 * - errors: exactly these error paths, so no false error creeps in;
 * - contains / absent: findings that must (not) be there;
 * - props: values of the converted props (Durations in ms, Sizes in MiB, HA storage by kind);
 * - flinkConfig / notInFlinkConfig: keys of the configuration the cluster renders;
 * - pods: what the Flink container of each Deployment gets (replicas, CPU, memory, env, mounts);
 * - documents: for files with several documents, what becomes of each.
 */
const DIR = join(__dirname, 'corpus');
const CASES = readdirSync(DIR)
  .filter((f) => f.endsWith('.yaml') && !f.endsWith('.expect.yaml'))
  .map((f) => f.replace(/\.yaml$/, ''));

interface Expectation {
  errors?: string[];
  contains?: Array<{ severity: string; path: string; message: string }>;
  absent?: Array<{ path?: string; message: string }>;
  props?: Record<string, unknown>;
  flinkConfig?: Record<string, string>;
  notInFlinkConfig?: string[];
  pods?: Record<'jobManager' | 'taskManager', PodExpectation>;
  documents?: Array<{ label: string; converted?: boolean; severity?: string; message?: string }>;
}
interface PodExpectation {
  replicas?: number;
  cpu?: string;
  cpuLimit?: string;
  memory?: string;
  env?: string[];
  envValues?: Record<string, string>;
  mounts?: string[];
}

/** A value of the props for comparison: Durations in ms, Sizes in MiB, HA storage by kind, undefined as null. */
function plain(v: unknown): unknown {
  if (v === undefined) return null;
  if (v instanceof Duration) return v.toMilliseconds();
  if (v instanceof Size) return v.toMebibytes();
  if (v instanceof HaStorage) return v._choice.kind;
  return v;
}
const at = (o: unknown, path: string): unknown =>
  path.split('.').reduce<unknown>((x, k) => (x === undefined || x === null ? undefined : (x as any)[k]), o);
/** `a.b.c` where `b.c` may itself be one key (Flink keys have dots). */
function lookup(o: unknown, path: string): unknown {
  const parts = path.split('.');
  for (let i = 1; i <= parts.length; i++) {
    const head = at(o, parts.slice(0, i).join('.'));
    const rest = parts.slice(i).join('.');
    if (head !== undefined && rest && typeof head === 'object' && head !== null && rest in head)
      return (head as any)[rest];
  }
  return at(o, path);
}

function checkPods(objects: K8sObject[], clusterId: string, pods: NonNullable<Expectation['pods']>): void {
  for (const [component, want] of Object.entries(pods)) {
    const deployment = find(objects, 'Deployment', `${clusterId}-${component.toLowerCase()}`);
    const main = deployment.spec.template.spec.containers.find((c: any) => c.name === 'flink-main-container');
    const got = {
      replicas: deployment.spec.replicas,
      cpu: main.resources.requests.cpu,
      cpuLimit: main.resources.limits?.cpu,
      memory: main.resources.requests.memory,
    };
    for (const key of ['replicas', 'cpu', 'cpuLimit', 'memory'] as const)
      if (want[key] !== undefined) expect([component, key, got[key]]).toEqual([component, key, want[key]]);
    const env: Array<{ name: string; value?: string }> = main.env ?? [];
    for (const name of want.env ?? [])
      expect([component, env.map((e) => e.name)]).toEqual([component, expect.arrayContaining([name])]);
    for (const [name, value] of Object.entries(want.envValues ?? {}))
      expect(env.find((e) => e.name === name)?.value).toBe(value);
    const mounts = (main.volumeMounts ?? []).map((m: any) => m.mountPath);
    for (const m of want.mounts ?? []) expect([component, mounts]).toEqual([component, expect.arrayContaining([m])]);
  }
}

function checkReport(report: readonly ConversionFinding[], want: Expectation): void {
  if (want.errors)
    expect(
      report
        .filter((f) => f.severity === 'error')
        .map((f) => f.path)
        .sort(),
    ).toEqual([...want.errors].sort());
  for (const c of want.contains ?? [])
    expect(report).toContainEqual({ severity: c.severity, path: c.path, message: expect.stringContaining(c.message) });
  for (const a of want.absent ?? [])
    expect(report.filter((f) => (a.path === undefined || f.path === a.path) && f.message.includes(a.message))).toEqual(
      [],
    );
}

function checkDocuments(results: DocumentResult[], want: NonNullable<Expectation['documents']>): void {
  expect(results.map((r) => r.label)).toEqual(want.map((d) => d.label));
  want.forEach((d, i) => {
    if (d.converted) expect(results[i].conversion).toBeDefined();
    if (d.severity)
      expect(results[i].report).toContainEqual(
        expect.objectContaining({ severity: d.severity, message: expect.stringContaining(d.message!) }),
      );
  });
}

describe.each(CASES)('corpus: %s', (name) => {
  const text = readFileSync(join(DIR, `${name}.yaml`), 'utf8');
  const want = parse(readFileSync(join(DIR, `${name}.expect.yaml`), 'utf8')) as Expectation;
  const results = convertDocuments(readDocuments(text));
  const main = results.find((r) => r.conversion)!;

  test('converts, with exactly the expected errors and findings', () => {
    expect(main?.conversion).toBeDefined();
    checkReport(main.report, want);
    if (want.documents) checkDocuments(results, want.documents);
  });

  test('maps to the expected props', () => {
    for (const [path, value] of Object.entries(want.props ?? {}))
      expect([path, plain(lookup(main.conversion!.props, path))]).toEqual([path, value]);
  });

  test('synthesizes a cluster that behaves as the operator ran it', () => {
    const chart = new Chart(Testing.app(), 'corpus', { namespace: 'flink' });
    const cluster = new FlinkCluster(chart, 'Flink', main.conversion!.props);
    const objects = Testing.synth(chart) as K8sObject[];
    for (const [key, value] of Object.entries(want.flinkConfig ?? {}))
      expect([key, cluster.flinkConfig[key]]).toEqual([key, value]);
    for (const key of want.notInFlinkConfig ?? []) expect([key, cluster.flinkConfig[key]]).toEqual([key, undefined]);
    if (want.pods) checkPods(objects, cluster.clusterId, want.pods);
  });
});

test('the corpus uses every field of the FlinkDeployment CRD (1.10 to main)', () => {
  const used = new Set<string>();
  for (const name of CASES) {
    for (const doc of readDocuments(readFileSync(join(DIR, `${name}.yaml`), 'utf8'))) {
      if (doc.kind !== 'FlinkDeployment') continue;
      const spec = (doc.value as any).spec ?? {};
      Object.keys(spec).forEach((k) => used.add(`spec.${k}`));
      Object.keys(spec.job ?? {}).forEach((k) => used.add(`job.${k}`));
      Object.keys(spec.ingress ?? {}).forEach((k) => used.add(`ingress.${k}`));
      for (const c of [spec.jobManager ?? {}, spec.taskManager ?? {}]) {
        Object.keys(c).forEach((k) => used.add(`component.${k}`));
        Object.keys(c.resource ?? {}).forEach((k) => used.add(`resource.${k}`));
      }
    }
  }
  const all = [
    ...CRD_FIELDS.spec.map((f) => `spec.${f}`),
    ...CRD_FIELDS.job.map((f) => `job.${f}`),
    ...CRD_FIELDS.ingress.map((f) => `ingress.${f}`),
    ...CRD_FIELDS.component.map((f) => `component.${f}`),
    ...CRD_FIELDS.resource.map((f) => `resource.${f}`),
  ];
  expect(all.filter((f) => !used.has(f))).toEqual([]);
});
