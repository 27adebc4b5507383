import { Chart, Testing } from 'cdk8s';
import * as fc from 'fast-check';
import { FlinkCluster } from '../../src';
import { flinkDeploymentToProps } from '../../src/convert/flink-deployment';
import { configureSeed, runs } from '../support/fc-seed';
import { find, K8sObject } from '../support/synth';

const seed = configureSeed();

const VERSIONS = [
  ['v1_18', 'flink:1.18.1'],
  ['v1_19', 'flink:1.19.1'],
  ['v1_20', 'flink:1.20.1'],
  ['v2_0', 'flink:2.0.0'],
] as const;

/** FlinkDeployments the operator accepts, varying what decides checkpointing, parallelism, resources and env. */
const deployments = fc
  .record({
    version: fc.constantFrom(...VERSIONS),
    mode: fc.constantFrom(undefined, 'native', 'standalone'),
    ha: fc.boolean(),
    upgradeMode: fc.constantFrom(undefined, 'stateless', 'last-state', 'savepoint'),
    interval: fc.constantFrom(undefined, '30 s', '2 min', '45000'),
    slots: fc.integer({ min: 1, max: 4 }),
    tmReplicas: fc.option(fc.integer({ min: 1, max: 4 }), { nil: undefined }),
    parallelism: fc.integer({ min: 1, max: 8 }),
    jmCpu: fc.constantFrom(0.5, 1, 2),
    tmCpu: fc.constantFrom(0.5, 1, 2),
    tmCpuFactor: fc.option(fc.constantFrom(1, 1.5, 2), { nil: undefined }),
    jmMemory: fc.constantFrom(['2048m', 2048], ['3Gi', 3072], ['2560m', 2560]),
    tmMemory: fc.constantFrom(['2048m', 2048], ['4Gi', 4096]),
    templateEnv: fc.uniqueArray(fc.constantFrom('TZ', 'REGION', 'KAFKA_BROKERS', 'JAVA_TOOL_OPTIONS'), {
      maxLength: 3,
    }),
    tmEnv: fc.uniqueArray(fc.constantFrom('MALLOC_ARENA_MAX', 'LOG_FORMAT'), { maxLength: 2 }),
    secretEnv: fc.boolean(),
  })
  .map((d) => ({ ...d, interval: d.upgradeMode === 'savepoint' ? (d.interval ?? '2 min') : d.interval }));
type Deployment =
  fc.Arbitrary<unknown> extends never ? never : typeof deployments extends fc.Arbitrary<infer T> ? T : never;

/**
 * The manifest of a deployment: checkpoint directories whenever the job checkpoints or its
 * upgrade mode needs them (the operator rejects last-state and savepoint jobs without), and an
 * interval for savepoint jobs (directories without one cannot be carried: an error, tested apart).
 */
function manifest(d: Deployment): object {
  const dirs = d.interval !== undefined || d.upgradeMode === 'last-state' || d.upgradeMode === 'savepoint';
  const flinkConfiguration: Record<string, string> = {
    'taskmanager.numberOfTaskSlots': String(d.slots),
    ...(dirs ? { 'state.checkpoints.dir': 's3://flink-state/cp', 'state.savepoints.dir': 's3://flink-state/sp' } : {}),
    ...(d.ha ? { 'high-availability.type': 'kubernetes', 'high-availability.storageDir': 's3://flink-state/ha' } : {}),
    ...(d.interval ? { 'execution.checkpointing.interval': d.interval } : {}),
    ...(d.tmCpuFactor ? { 'kubernetes.taskmanager.cpu.limit-factor': String(d.tmCpuFactor) } : {}),
    ...Object.fromEntries(d.tmEnv.map((e) => [`containerized.taskmanager.env.${e}`, `${e.toLowerCase()}-value`])),
    ...(d.secretEnv ? { 'kubernetes.env.secretKeyRef': 'env:DB_PASSWORD,secret:db,key:password' } : {}),
  };
  return {
    apiVersion: 'flink.apache.org/v1beta1',
    kind: 'FlinkDeployment',
    metadata: { name: 'prop', namespace: 'flink' },
    spec: {
      image: d.version[1],
      flinkVersion: d.version[0],
      serviceAccount: 'flink',
      ...(d.mode ? { mode: d.mode } : {}),
      flinkConfiguration,
      podTemplate: {
        spec: {
          containers: [
            { name: 'flink-main-container', env: d.templateEnv.map((name) => ({ name, value: `${name}-value` })) },
          ],
        },
      },
      jobManager: { resource: { cpu: d.jmCpu, memory: d.jmMemory[0] } },
      taskManager: {
        resource: { cpu: d.tmCpu, memory: d.tmMemory[0] },
        ...(d.tmReplicas !== undefined ? { replicas: d.tmReplicas } : {}),
      },
      job: {
        jarURI: 'local:///opt/flink/usrlib/job.jar',
        parallelism: d.parallelism,
        ...(d.upgradeMode ? { upgradeMode: d.upgradeMode } : {}),
      },
    },
  };
}

/** Milliseconds of a Flink duration as the rendered configuration writes it. */
function millis(v: string | undefined): number | undefined {
  if (v === undefined) return undefined;
  const m = /^(\d+)\s*(ms|s|min|h)?$/.exec(v.trim());
  if (!m) throw new Error(`unexpected duration ${v}`);
  return Number(m[1]) * { ms: 1, s: 1000, min: 60_000, h: 3_600_000 }[m[2] ?? 'ms']!;
}

/** What the operator runs, from its FlinkConfigBuilder and Flink's Kubernetes decorators, independently of the converter. */
function operatorRuns(d: Deployment) {
  const given =
    d.interval === undefined ? undefined : /^\d+$/.test(d.interval) ? Number(d.interval) : millis(d.interval);
  const parallelism = d.tmReplicas !== undefined ? d.tmReplicas * d.slots : d.parallelism;
  return {
    interval: given ?? (d.upgradeMode === 'last-state' ? 300_000 : undefined),
    parallelism,
    tmReplicas: d.tmReplicas ?? Math.ceil(parallelism / d.slots),
    jm: { cpu: d.jmCpu, cpuLimit: d.jmCpu, memoryMi: d.jmMemory[1] },
    tm: { cpu: d.tmCpu, cpuLimit: d.tmCpu * (d.tmCpuFactor ?? 1), memoryMi: d.tmMemory[1] },
    jmEnv: [...d.templateEnv, ...(d.secretEnv ? ['DB_PASSWORD'] : [])],
    tmEnv: [...d.templateEnv, ...d.tmEnv, ...(d.secretEnv ? ['DB_PASSWORD'] : [])],
  };
}

const cores = (q: string) => (q.endsWith('m') ? Number(q.slice(0, -1)) / 1000 : Number(q));

test(`a converted cluster keeps the operator's checkpointing, parallelism, resources and env (seed ${seed})`, () => {
  fc.assert(
    fc.property(deployments, (d) => {
      const { props, report } = flinkDeploymentToProps(manifest(d));
      expect(report.filter((f) => f.severity === 'error')).toEqual([]);
      const chart = new Chart(Testing.app(), 'p', { namespace: 'flink' });
      const cluster = new FlinkCluster(chart, 'Flink', props);
      const objects = Testing.synth(chart) as K8sObject[];
      const config = cluster.flinkConfig;
      const want = operatorRuns(d);

      expect(millis(config['execution.checkpointing.interval'])).toBe(want.interval);
      if (want.interval !== undefined) {
        expect(config['execution.checkpointing.dir'] ?? config['state.checkpoints.dir']).toBe('s3://flink-state/cp');
        expect(config['execution.checkpointing.savepoint-dir'] ?? config['state.savepoints.dir']).toBe(
          's3://flink-state/sp',
        );
      }
      expect(Number(config['parallelism.default'])).toBe(want.parallelism);
      const tm = find(objects, 'Deployment', 'prop-taskmanager');
      if (d.tmReplicas !== undefined || d.mode === 'standalone') expect(tm.spec.replicas).toBe(want.tmReplicas);
      for (const [name, expected, envs] of [
        ['prop-jobmanager', want.jm, want.jmEnv],
        ['prop-taskmanager', want.tm, want.tmEnv],
      ] as const) {
        const main = find(objects, 'Deployment', name).spec.template.spec.containers.find(
          (c: any) => c.name === 'flink-main-container',
        );
        expect(cores(main.resources.requests.cpu)).toBe(expected.cpu);
        expect(cores(main.resources.limits.cpu)).toBeCloseTo(expected.cpuLimit, 6);
        expect(main.resources.requests.memory).toBe(`${expected.memoryMi}Mi`);
        expect(main.resources.limits.memory).toBe(`${expected.memoryMi}Mi`);
        const names = (main.env ?? []).map((e: { name: string }) => e.name);
        expect(names).toEqual(expect.arrayContaining([...envs]));
      }
    }),
    { numRuns: runs(150) },
  );
});
