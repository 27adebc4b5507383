import { main } from '../../src/cli/ha/main';
import { ROLE_LABEL } from '../../src/agent/contract';
import { microTime } from '../../src/agent/lease/microtime';
import { FakeKube } from '../agent/support/fake-kube';
import { captureStreams } from '../support/streams';
import { stateHandle } from '../agent/support/state-handle';

const JOB = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

const io = captureStreams;

function cluster(): FakeKube {
  const api = new FakeKube();
  const labels = { 'app.kubernetes.io/instance': 'c', 'app.kubernetes.io/component': 'jobmanager' };
  api.addPod('c-jobmanager-abc', { ...labels, [ROLE_LABEL]: 'leader' }, '10.0.0.1');
  api.addPod('c-jobmanager-def', { ...labels, [ROLE_LABEL]: 'standby' }, '10.0.0.2');
  const ha = { app: 'c', type: 'flink-native-kubernetes' };
  api.putConfigMap({
    metadata: {
      name: 'c-cluster-config-map',
      labels: ha,
      annotations: {
        'control-plane.alpha.kubernetes.io/leader': JSON.stringify({
          holderIdentity: 'uuid',
          leaseDuration: 15,
          renewTime: microTime(Date.now() - 2000),
          leaderTransitions: 3,
        }),
      },
    },
    data: {
      'org.apache.flink.k8s.leader.restserver': 's,http://10.0.0.1:8081',
      [`jobGraph-${JOB}`]: stateHandle('file:/opt/flink/ha/c/submittedJobGraph0123456789ab'),
    },
  });
  api.putConfigMap({
    metadata: { name: `c-${JOB}-config-map`, labels: ha },
    data: {
      counter: '8',
      'checkpointID-0000000000000000007': stateHandle('file:/opt/flink/ha/c/completedCheckpoint0123456789ab'),
    },
  });
  api.leases.set('c-jobmanager-leader', {
    metadata: { name: 'c-jobmanager-leader', resourceVersion: '1' },
    spec: { holderIdentity: 'c-jobmanager-abc', renewTime: microTime(Date.now() - 1000), leaseTransitions: 2 },
  });
  return api;
}

describe('cdk8s-flink ha', () => {
  test('status: leader, candidates, lease, jobs and checkpoints', async () => {
    const t = io();
    expect(await main(['status', '--cluster-id', 'c', '-n', 'flink'], t.io, () => ({ api: cluster() }))).toBe(0);
    const text = t.out();
    expect(text).toContain('leader:      c-jobmanager-abc (10.0.0.1)');
    expect(text).toMatch(/c-jobmanager-def\s+10\.0\.0\.2\s+standby/);
    expect(text).toMatch(/lease:\s+c-jobmanager-abc renewed \d\.\d s ago, 2 transitions/);
    expect(text).toContain(`${JOB} job graph: yes, checkpoints: 7`);
    expect(text).toContain(
      `c-cluster-config-map jobGraph-${JOB} -> file:/opt/flink/ha/c/submittedJobGraph0123456789ab`,
    );
    expect(text).toMatch(/broken pointers: not checked here: this command cannot see the HA storage/);
  });

  test("clean also refuses for pods carrying Flink's native labels", async () => {
    const api = cluster();
    api.pods.clear();
    api.addPod('c-taskless-jm', { app: 'c', component: 'jobmanager' }, '10.0.0.9');
    const t = io();
    expect(await main(['clean', '--cluster-id', 'c', '--yes'], t.io, () => ({ api }))).toBe(1);
    expect(t.err()).toContain('c-taskless-jm');
  });

  test('clean asks for the cluster id on a terminal', async () => {
    const { PassThrough } = await import('stream');
    for (const [typed, deleted] of [
      ['c\n', true],
      ['yes\n', false],
    ] as const) {
      const api = cluster();
      api.pods.clear();
      // readline needs real streams for the prompt and the answer.
      const stdin = Object.assign(new PassThrough(), { isTTY: true });
      const stdout = new PassThrough();
      let out = '';
      stdout.on('data', (c) => (out += c));
      const run = main(['clean', '--cluster-id', 'c'], { stdout, stderr: stdout, stdin }, () => ({ api }));
      setImmediate(() => stdin.write(typed));
      expect(await run).toBe(0);
      expect(out).toContain('type the cluster id (c) to delete them');
      expect(api.configMaps.size).toBe(deleted ? 0 : 2);
    }
  });

  test('status --output json', async () => {
    const t = io();
    expect(
      await main(['status', '--cluster-id', 'c', '--output', 'json'], t.io, () => ({
        api: cluster(),
        namespace: 'flink',
      })),
    ).toBe(0);
    const r = JSON.parse(t.out());
    expect(r).toMatchObject({
      namespace: 'flink',
      leader: { pod: 'c-jobmanager-abc', ip: '10.0.0.1', transitions: 3 },
      jobs: [{ jobId: JOB, jobGraph: true, checkpoints: [7] }],
    });
  });

  test('clean refuses while JobManagers run', async () => {
    const t = io();
    const api = cluster();
    expect(await main(['clean', '--cluster-id', 'c', '--yes'], t.io, () => ({ api }))).toBe(1);
    expect(t.err()).toMatch(/refusing to delete: 2 JobManager pod\(s\) of c still run/);
    expect(api.configMaps.size).toBe(2);
  });

  test('clean is a dry run without --yes, deletes with it', async () => {
    const api = cluster();
    api.pods.clear();
    const dry = io();
    expect(await main(['clean', '--cluster-id', 'c'], dry.io, () => ({ api }))).toBe(0);
    expect(dry.out()).toContain('dry run: nothing deleted');
    expect(api.configMaps.size).toBe(2);
    const wet = io();
    expect(await main(['clean', '--cluster-id', 'c', '--yes'], wet.io, () => ({ api }))).toBe(0);
    expect(wet.out()).toContain(`deleted configmap/c-${JOB}-config-map`);
    expect(api.configMaps.size).toBe(0);
  });

  test.each([
    [['status'], /--cluster-id is required/],
    [['frobnicate', '--cluster-id', 'c'], /unknown command frobnicate/],
    [['status', '--cluster-id'], /--cluster-id needs a value/],
    [['status', '--cluster-id', 'c', '--bogus'], /unknown option --bogus/],
  ])('usage errors: %j', async (argv, message) => {
    const t = io();
    expect(await main(argv, t.io, () => ({ api: cluster() }))).toBe(2);
    expect(t.err()).toMatch(message);
  });

  test('a bad kubeconfig is a clear error, not a stack trace', async () => {
    const t = io();
    expect(await main(['status', '--cluster-id', 'c', '--kubeconfig', '/nonexistent/config'], t.io)).toBe(2);
    expect(t.err()).toMatch(/^cannot read kubeconfig \/nonexistent\/config: ENOENT/);
  });

  test('API errors are reported', async () => {
    const api = cluster();
    api.failing.set('listPods', 403);
    const t = io();
    expect(await main(['status', '--cluster-id', 'c'], t.io, () => ({ api }))).toBe(1);
    expect(t.err()).toMatch(/^status failed: injected 403 on listPods/);
  });

  test('cluster data cannot drive the terminal: escapes, C1 controls and bidi overrides are shown, not obeyed', async () => {
    const api = cluster();
    const cm = api.configMaps.get('c-cluster-config-map')!;
    api.putConfigMap({
      ...cm,
      metadata: {
        ...cm.metadata,
        annotations: {
          'control-plane.alpha.kubernetes.io/leader': JSON.stringify({
            holderIdentity: '\u009b31mowned\u202e',
            leaseDuration: '\u001b]0;title\u0007',
          }),
        },
      },
      data: { ...cm.data, 'org.apache.flink.k8s.leader.restserver': 's,http://\u001b[2J\r10.0.0.1:8081' },
    });
    (api.pods.get('c-jobmanager-abc')!.metadata.labels as Record<string, string>)[ROLE_LABEL] = '\u001b[31mleader';
    for (const output of [[], ['--output', 'json']]) {
      const t = io();
      expect(await main(['status', '--cluster-id', 'c', ...output], t.io, () => ({ api }))).toBe(0);
      // eslint-disable-next-line no-control-regex -- looking for control characters
      expect(t.out()).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e]/);
      expect(t.out()).toContain('\\u001b');
    }
  });

  test.each([
    // Pods carry no "type" label: the old selector found no JobManager, the ConfigMap selector still matched.
    ['a label selector in disguise', 'c,type=flink-native-kubernetes'],
    ['a set-based selector', 'c,app.kubernetes.io/component!=jobmanager'],
    ['upper case', 'C'],
    ['longer than Flink allows', 'c'.repeat(46)],
  ])('clean refuses a cluster id that is not one (%s): nothing is read or deleted', async (_what, id) => {
    const api = cluster();
    const t = io();
    expect(await main(['clean', '--cluster-id', id, '--yes'], t.io, () => ({ api }))).toBe(2);
    expect(t.err()).toMatch(/--cluster-id .* must be a Flink cluster id/);
    expect(api.configMaps.size).toBe(2);
    expect(api.calls).toEqual([]);
  });

  test("clean deletes only ConfigMaps named as Flink names this cluster's HA ConfigMaps", async () => {
    const api = cluster();
    api.pods.clear();
    const ha = { app: 'c', type: 'flink-native-kubernetes' };
    for (const name of [
      'c-cluster-config-map-backup',
      'c-settings',
      `c-${JOB.toUpperCase()}-config-map`,
      'c-x-config-map',
    ])
      api.putConfigMap({ metadata: { name, labels: ha }, data: {} });
    // Another cluster whose id starts with this one's: its names start with "c-" too.
    api.putConfigMap({ metadata: { name: 'c-2-cluster-config-map', labels: { ...ha, app: 'c-2' } }, data: {} });
    const t = io();
    expect(await main(['clean', '--cluster-id', 'c', '--yes'], t.io, () => ({ api }))).toBe(0);
    expect([...api.configMaps.keys()].sort()).toEqual([
      'c-2-cluster-config-map',
      `c-${JOB.toUpperCase()}-config-map`,
      'c-cluster-config-map-backup',
      'c-settings',
      'c-x-config-map',
    ]);
    expect(t.err()).toMatch(/^not touched \(Flink's HA labels, but not a name Flink gives/);
  });

  test('a namespace that is not one is refused', async () => {
    const t = io();
    expect(await main(['status', '--cluster-id', 'c', '-n', 'a/../b'], t.io, () => ({ api: cluster() }))).toBe(2);
    expect(t.err()).toMatch(/--namespace "a\/..\/b" must be a Kubernetes namespace/);
  });

  test('clean deletes only what it listed: a ConfigMap changed since then is left alone', async () => {
    const api = cluster();
    api.pods.clear();
    const list = api.listConfigMaps.bind(api);
    api.listConfigMaps = async (ns, selector) => {
      const listed = await list(ns, selector);
      // A new cluster with the same id starts and writes its lock after the listing.
      api.putConfigMap({ ...api.configMaps.get('c-cluster-config-map')!, data: { fresh: 'state' } });
      return listed;
    };
    const t = io();
    expect(await main(['clean', '--cluster-id', 'c', '--yes'], t.io, () => ({ api }))).toBe(1);
    expect(api.configMaps.get('c-cluster-config-map')!.data).toEqual({ fresh: 'state' });
    expect(t.err()).toMatch(/kept configmap\/c-cluster-config-map: it changed since it was listed/);
  });

  test('clean looks for JobManagers again after the confirmation, right before deleting', async () => {
    const { PassThrough } = await import('stream');
    const api = cluster();
    const pods = new Map(api.pods);
    api.pods.clear();
    const stdin = Object.assign(new PassThrough(), { isTTY: true });
    const stdout = new PassThrough();
    let out = '';
    stdout.on('data', (c) => (out += c));
    const run = main(['clean', '--cluster-id', 'c'], { stdout, stderr: stdout, stdin }, () => ({ api }));
    setImmediate(() => {
      // While the prompt waits, the cluster is deployed again.
      for (const [name, pod] of pods) api.pods.set(name, pod);
      stdin.write('c\n');
    });
    expect(await run).toBe(1);
    expect(out).toMatch(/refusing to delete: 2 JobManager pod\(s\) of c still run/);
    expect(api.configMaps.size).toBe(2);
  });
});
