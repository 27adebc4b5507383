import { flinkDeploymentToProps } from '../../src/convert/flink-deployment';
import { ConversionFinding } from '../../src/convert/conversion-report';
import { cleanManifest, merge, withSpec } from './support';

const convert = (m: object) => flinkDeploymentToProps(m);
const at = (report: readonly ConversionFinding[], path: string) => report.filter((f) => f.path === path);
const config = (flinkConfiguration: Record<string, unknown>, spec: Record<string, unknown> = {}) =>
  withSpec({ ...spec, flinkConfiguration: { ...cleanManifest().spec.flinkConfiguration, ...flinkConfiguration } });

describe('checkpointing and upgrade modes, as the operator arranges them', () => {
  test('last-state without an interval checkpoints every 5 minutes, as the operator defaults it', () => {
    const { props, report } = convert(
      config({ 'execution.checkpointing.dir': 's3://b/cp' }, { job: { upgradeMode: 'last-state' } }),
    );
    expect(props.checkpointing?.interval.toMilliseconds()).toBe(300_000);
    expect(props.checkpointing?.directory).toBe('s3://b/cp');
    expect(at(report, 'spec.job.upgradeMode')).toContainEqual({
      path: 'spec.job.upgradeMode',
      severity: 'info',
      message: expect.stringContaining('execution.checkpointing.interval to 5 min'),
    });
  });

  test('an interval in the manifest wins over the last-state default', () => {
    const { props } = convert(
      config(
        { 'execution.checkpointing.interval': '30 s', 'execution.checkpointing.dir': 's3://b/cp' },
        { job: { upgradeMode: 'last-state' } },
      ),
    );
    expect(props.checkpointing?.interval.toMilliseconds()).toBe(30_000);
  });

  test.each([
    ['last-state', {}, 'Checkpoint directory[state.checkpoints.dir] must be defined'],
    ['savepoint', { 'execution.checkpointing.dir': 's3://b/cp' }, 'needs state.savepoints.dir'],
  ])('upgradeMode %s without its directories is an error: the operator rejects it', (mode, keys, message) => {
    const { report } = convert(config(keys, { job: { upgradeMode: mode } }));
    expect(report).toContainEqual({
      path: 'spec.job.upgradeMode',
      severity: 'error',
      message: expect.stringContaining(message),
    });
  });

  test('checkpoint and savepoint directories without an interval are reported as not carried, never dropped silently', () => {
    const { props, report } = convert(
      config({ 'execution.checkpointing.dir': 's3://b/cp', 'execution.checkpointing.savepoint-dir': 's3://b/sp' }),
    );
    expect(props.checkpointing).toBeUndefined();
    for (const key of ['execution.checkpointing.dir', 'execution.checkpointing.savepoint-dir'])
      expect(at(report, `spec.flinkConfiguration["${key}"]`)).toEqual([
        expect.objectContaining({ severity: 'error', message: expect.stringContaining('not carried over') }),
      ]);
  });

  test.each([
    ['stateless', false, true],
    ['stateless', true, true],
    ['savepoint', true, true],
    ['last-state', true, true],
    ['last-state', true, false],
    ['savepoint', false, false],
  ])(
    'upgradeMode %s (checkpointing %s, HA %s): the finding claims a resume from a checkpoint exactly when there is one',
    (mode, checkpointing, ha) => {
      const keys: Record<string, unknown> = {
        'execution.checkpointing.dir': 's3://b/cp',
        'execution.checkpointing.savepoint-dir': 's3://b/sp',
        ...(checkpointing ? { 'execution.checkpointing.interval': '1 min' } : {}),
        ...(ha ? {} : { 'high-availability.type': undefined, 'high-availability.storageDir': undefined }),
      };
      const manifest = merge(
        config(keys, { job: { upgradeMode: mode } }),
        ha ? {} : { spec: { jobManager: { replicas: 1 } } },
      );
      const finding = at(convert(manifest).report, 'spec.job.upgradeMode').find((f) => f.severity === 'warning');
      const resumes = /resumes the job from its latest completed checkpoint/.test(finding?.message ?? '');
      const interval = checkpointing || mode === 'last-state';
      expect(resumes).toBe(interval && ha);
    },
  );
});

describe("native Kubernetes options: applied to the pods as the operator's decorators do, never copied into Flink's config", () => {
  test('kubernetes.secrets mounts each Secret on JobManagers and TaskManagers, by reference', () => {
    const { props } = convert(config({ 'kubernetes.secrets': 'tls-cert:/opt/flink/tls,kafka:/opt/kafka' }));
    for (const pod of [props.jobManager, props.taskManager])
      expect(pod?.volumes).toEqual([
        { volume: { name: 'tls-cert-volume', secret: { secretName: 'tls-cert' } }, mountPath: '/opt/flink/tls' },
        { volume: { name: 'kafka-volume', secret: { secretName: 'kafka' } }, mountPath: '/opt/kafka' },
      ]);
    expect(props.flinkConfiguration).not.toHaveProperty(['kubernetes.secrets']);
  });

  test('kubernetes.env.secretKeyRef becomes env from Secret keys on both', () => {
    const { props } = convert(
      config({
        'kubernetes.env.secretKeyRef': 'env:DB_PASSWORD,secret:db,key:password;env:TOKEN,secret:api,key:token',
      }),
    );
    for (const pod of [props.jobManager, props.taskManager])
      expect(pod?.env).toEqual([
        { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'db', key: 'password' } } },
        { name: 'TOKEN', valueFrom: { secretKeyRef: { name: 'api', key: 'token' } } },
      ]);
  });

  test('the YAML list form of kubernetes.env.secretKeyRef reads the same', () => {
    const { props } = convert(config({ kubernetes: { env: { secretKeyRef: [{ env: 'A', secret: 's', key: 'k' }] } } }));
    expect(props.taskManager?.env).toEqual([{ name: 'A', valueFrom: { secretKeyRef: { name: 's', key: 'k' } } }]);
  });

  test('containerized.master.env.* goes to the JobManager, containerized.taskmanager.env.* to the TaskManager', () => {
    const { props } = convert(
      config({ 'containerized.master.env.ROLE': 'jm', 'containerized.taskmanager.env.ROLE': 'tm' }),
    );
    expect(props.jobManager?.env).toEqual([{ name: 'ROLE', value: 'jm' }]);
    expect(props.taskManager?.env).toEqual([{ name: 'ROLE', value: 'tm' }]);
    expect(Object.keys(props.flinkConfiguration ?? {}).filter((k) => k.startsWith('containerized'))).toEqual([]);
  });

  test('labels, annotations, node selectors, tolerations and pull secrets go to the pods', () => {
    const { props } = convert(
      config({
        'kubernetes.jobmanager.labels': 'team:data',
        'kubernetes.taskmanager.annotations': 'note:tm',
        'kubernetes.taskmanager.node-selector': 'pool:flink',
        'kubernetes.taskmanager.tolerations': 'key:flink,operator:Exists,effect:NoSchedule',
        'kubernetes.container.image.pull-secrets': 'regcred;other',
      }),
    );
    expect(props.jobManager?.podLabels).toEqual({ team: 'data' });
    expect(props.taskManager?.podAnnotations).toEqual({ note: 'tm' });
    expect(props.taskManager?.nodeSelector).toEqual({ pool: 'flink' });
    expect(props.taskManager?.tolerations).toEqual([{ key: 'flink', operator: 'Exists', effect: 'NoSchedule' }]);
    expect(props.image?.pullSecrets).toEqual(['regcred', 'other']);
  });

  test('host networking cannot be carried: an error', () => {
    const { report } = convert(config({ 'kubernetes.hostnetwork.enabled': 'true' }));
    expect(report).toContainEqual(
      expect.objectContaining({ path: 'spec.flinkConfiguration["kubernetes.hostnetwork.enabled"]', severity: 'error' }),
    );
  });

  test('an env var the construct reserves is reported, not mapped', () => {
    const { props, report } = convert(config({ 'containerized.master.env.FLINK_PROPERTIES': 'x' }));
    expect(props.jobManager?.env).toBeUndefined();
    expect(report).toContainEqual(
      expect.objectContaining({
        path: 'spec.flinkConfiguration["containerized.master.env.FLINK_PROPERTIES"]',
        severity: 'error',
        message: expect.stringContaining('is reserved'),
      }),
    );
  });
});

describe('resources as the operator sizes its pods', () => {
  test('the CPU limit is the request times the limit factor (Flink default 1.0)', () => {
    expect(convert(cleanManifest()).props.taskManager?.resources?.cpuLimit).toBe(1);
    const { props } = convert(
      config({ 'kubernetes.taskmanager.cpu.limit-factor': '1.5' }, { taskManager: { resource: { cpu: 2 } } }),
    );
    expect(props.taskManager?.resources).toMatchObject({ cpu: 2, cpuLimit: 3 });
  });

  test('kubernetes.<component>.cpu.amount sizes the request when resource.cpu is absent', () => {
    const { props } = convert(
      config({ 'kubernetes.jobmanager.cpu.amount': '0.5' }, { jobManager: { resource: { cpu: undefined } } }),
    );
    expect(props.jobManager?.resources).toMatchObject({ cpu: 0.5, cpuLimit: 0.5 });
  });

  test('spec.<component>.resources (operator main) maps requests and limits', () => {
    const { props, report } = convert(
      withSpec({
        taskManager: {
          resource: undefined,
          resources: { requests: { cpu: '500m', memory: '2Gi' }, limits: { cpu: 2, memory: '2Gi' } },
        },
      }),
    );
    expect(props.taskManager?.resources).toMatchObject({ cpu: 0.5, cpuLimit: 2 });
    expect(props.taskManager?.resources?.memory?.toMebibytes()).toBe(2048);
    expect(
      report.some((f) => f.path.startsWith('spec.taskManager.resources') && f.message.includes('not part of')),
    ).toBe(false);
  });

  test('resource.ephemeralStorage is reported with what the operator did', () => {
    const { report } = convert(withSpec({ taskManager: { resource: { ephemeralStorage: '2G' } } }));
    expect(report).toContainEqual({
      path: 'spec.taskManager.resource.ephemeralStorage',
      severity: 'error',
      message: expect.stringContaining('the operator requests and limits'),
    });
  });
});

describe("the operator's pod-template merge", () => {
  const templates = (flinkConfiguration = {}) =>
    config(flinkConfiguration, {
      podTemplate: {
        spec: {
          containers: [
            {
              name: 'flink-main-container',
              env: [
                { name: 'A', value: '1' },
                { name: 'B', value: '2' },
              ],
            },
          ],
        },
      },
      taskManager: {
        podTemplate: { spec: { containers: [{ name: 'flink-main-container', env: [{ name: 'C', value: '3' }] }] } },
      },
    });

  test('merges lists by position by default, and says so', () => {
    const { props, report } = convert(templates());
    expect(props.taskManager?.env).toEqual([
      { name: 'C', value: '3' },
      { name: 'B', value: '2' },
    ]);
    expect(props.jobManager?.env?.map((e) => e.name)).toEqual(['A', 'B']);
    expect(report).toContainEqual(
      expect.objectContaining({
        path: 'spec.taskManager.podTemplate.spec.containers[0].env[0]',
        severity: 'warning',
        message: expect.stringContaining('merges lists by position'),
      }),
    );
  });

  test('merges by name with kubernetes.operator.pod-template.merge-arrays-by-name', () => {
    const { props } = convert(templates({ 'kubernetes.operator.pod-template.merge-arrays-by-name': 'true' }));
    expect(props.taskManager?.env?.map((e) => e.name)).toEqual(['A', 'B', 'C']);
  });
});

test('a jar that an init container downloads cannot be carried: the job could never start', () => {
  const { report } = convert(
    withSpec({
      job: { jarURI: 'local:///opt/flink/artifacts/job.jar' },
      podTemplate: {
        spec: {
          initContainers: [{ name: 'fetch', image: 'curl', volumeMounts: [{ name: 'artifacts', mountPath: '/work' }] }],
          containers: [
            { name: 'flink-main-container', volumeMounts: [{ name: 'artifacts', mountPath: '/opt/flink/artifacts' }] },
          ],
          volumes: [{ name: 'artifacts', emptyDir: {} }],
        },
      },
    }),
  );
  expect(report).toContainEqual({
    path: 'spec.job.jarURI',
    severity: 'error',
    message: expect.stringContaining('init container "fetch", which is not carried over, writes it'),
  });
});

test("Flink 1.18's exponential-delay defaults, not 1.19's", () => {
  const manifest = (v: string, image: string) =>
    withSpec({
      flinkVersion: v,
      image,
      flinkConfiguration: { ...cleanManifest().spec.flinkConfiguration, 'restart-strategy.type': 'exponential-delay' },
    });
  const s118 = convert(manifest('v1_18', 'flink:1.18')).props.restartStrategy!._spec as any;
  expect([s118.maxBackoffMs, s118.backoffMultiplier]).toEqual([300_000, 2]);
  const s119 = convert(manifest('v1_19', 'flink:1.19')).props.restartStrategy!._spec as any;
  expect([s119.maxBackoffMs, s119.backoffMultiplier]).toEqual([60_000, 1.5]);
});

test('fine-grained memory that Flink would refuse beside the process size is reported at its key and not mapped', () => {
  const { props, report } = convert(
    config({ 'taskmanager.memory.flink.size': '4g', 'taskmanager.memory.managed.fraction': '0.3' }),
  );
  expect(props.flinkConfiguration).not.toHaveProperty(['taskmanager.memory.flink.size']);
  expect(props.flinkConfiguration).toHaveProperty(['taskmanager.memory.managed.fraction'], '0.3');
  expect(report).toContainEqual({
    path: 'spec.flinkConfiguration["taskmanager.memory.flink.size"]',
    severity: 'error',
    message: expect.stringContaining('Flink would refuse to start'),
  });
});

test("the operator's defaults are carried, and never override the manifest's own", () => {
  const { props } = convert(config({ 'web.cancel.enable': 'true' }));
  expect(props.flinkConfiguration).toMatchObject({
    'web.cancel.enable': 'true',
    'pipeline.name': 'orders',
    'execution.submit-failed-job-on-application-error': 'true',
  });
});

test('standalone mode runs parallelism / slots TaskManagers, as the construct does: no "on demand" claim', () => {
  const { report } = convert(withSpec({ mode: 'standalone', taskManager: { replicas: undefined } }));
  const finding = at(report, 'spec.taskManager.replicas')[0];
  expect(finding.message).toContain("the operator's standalone mode runs");
  expect(finding.message).not.toContain('on demand');
});

test('spec.job.initialStateReference with a path starts the job from it', () => {
  const { props } = convert(withSpec({ job: { initialStateReference: { path: 's3://b/sp/savepoint-1' } } }));
  expect(props.job?.initialSavepointPath).toBe('s3://b/sp/savepoint-1');
});

test('a flinkVersion named like an object property is an unsupported version, not a crash', () => {
  expect(() => convert(withSpec({ flinkVersion: 'constructor' }))).toThrow(
    /spec\.flinkVersion: "constructor" is not supported/,
  );
});

test.each(['toString', 'valueOf', 'constructor', 'hasOwnProperty'])(
  'a key named %s is not a Flink option, reported without JavaScript source',
  (key) => {
    const { report } = convert(config({ [key]: 'x' }));
    const finding = at(report, `spec.flinkConfiguration.${key}`)[0];
    expect(finding).toMatchObject({ severity: 'error', message: expect.stringContaining('is not a Flink option') });
    expect(finding.message).not.toMatch(/function|native code|undefined/);
  },
);

describe('keys Flink removed or native mode alone reads', () => {
  test('security.ssl.enabled on Flink 2.x names its two replacements instead of claiming it has none', () => {
    const m = withSpec({
      flinkVersion: 'v2_0',
      image: 'flink:2.0',
      flinkConfiguration: { ...cleanManifest().spec.flinkConfiguration, 'security.ssl.enabled': 'true' },
    });
    const finding = at(convert(m).report, 'spec.flinkConfiguration["security.ssl.enabled"]')[0];
    expect(finding.severity).toBe('error');
    expect(finding.message).toContain('security.ssl.internal.enabled and security.ssl.rest.enabled');
    expect(finding.message).not.toContain('no replacement');
  });

  test('security.ssl.enabled on Flink 1.x still works in Flink, so it passes through', () => {
    const { props } = convert(config({ 'security.ssl.enabled': 'true' }));
    expect(props.flinkConfiguration).toHaveProperty(['security.ssl.enabled'], 'true');
  });

  test('entrypoint arguments the construct cannot pass are an error; a native Service type is a warning', () => {
    const { report } = convert(
      config({
        'kubernetes.jobmanager.entrypoint.args': '-Dfoo=bar',
        'kubernetes.rest-service.exposed.type': 'ClusterIP',
      }),
    );
    expect(at(report, 'spec.flinkConfiguration["kubernetes.jobmanager.entrypoint.args"]')[0].severity).toBe('error');
    expect(at(report, 'spec.flinkConfiguration["kubernetes.rest-service.exposed.type"]')[0].severity).toBe('warning');
  });

  test('client options the Kubernetes HA services read pass through', () => {
    const { props } = convert(
      config({ 'kubernetes.client.io-pool.size': '8', 'kubernetes.transactional-operation.max-retries': '7' }),
    );
    expect(props.flinkConfiguration).toMatchObject({
      'kubernetes.client.io-pool.size': '8',
      'kubernetes.transactional-operation.max-retries': '7',
    });
  });
});
