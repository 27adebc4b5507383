import { spawn } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../src/cli/ha/main';
import { ROLE_LABEL } from '../../src/agent/contract';
import { flinkLock, ROOT, waitFor } from '../agent/support/agent-process';
import { FakeApiServer } from '../agent/support/fake-apiserver';
import { captureStreams } from '../support/streams';

const io = captureStreams;

function kubeconfig(server: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'ha-agent-')), 'config');
  writeFileSync(
    path,
    [
      'apiVersion: v1',
      'kind: Config',
      'current-context: test',
      'clusters: [{ name: test, cluster: { server: "' + server + '" } }]',
      'users: [{ name: test, user: { token: test-token } }]',
      'contexts: [{ name: test, context: { cluster: test, user: test, namespace: flink } }]',
    ].join('\n'),
  );
  return path;
}

describe('cdk8s-flink ha agent', () => {
  test.each([
    [['--pod'], /--pod needs a value/],
    [['--bogus', 'x'], /unknown option --bogus/],
  ])('usage errors: %j', async (argv, message) => {
    const t = io();
    expect(await main(['agent', ...argv], t.io)).toBe(2);
    expect(t.err()).toMatch(message);
  });

  test('missing settings are named by their flags, all at once', async () => {
    const t = io();
    const env = { ...process.env };
    for (const k of ['POD_NAME', 'POD_IP', 'FLINK_CLUSTER_ID', 'FLINK_HA_STORAGE_DIR']) delete process.env[k];
    try {
      expect(
        await main(['agent', '--kubeconfig', kubeconfig('http://127.0.0.1:1'), '--storage-dir', 's3://b/ha'], t.io),
      ).toBe(2);
    } finally {
      process.env = env;
    }
    expect(t.err()).toMatch(/--pod \(or POD_NAME\) is required/);
    expect(t.err()).toMatch(/--cluster-id \(or FLINK_CLUSTER_ID\) is required/);
    expect(t.err()).not.toMatch(/--storage-dir \(/);
    // Without --pod nothing can be looked up, so the IP is needed; with --pod it is read from the pod.
    expect(t.err()).toMatch(/--pod-ip \(or POD_IP\) is required/);
  });

  test('settings are checked before the kubeconfig is read or the pod looked up', async () => {
    const t = io();
    const env = { ...process.env };
    for (const k of ['FLINK_CLUSTER_ID', 'FLINK_HA_STORAGE_DIR']) delete process.env[k];
    try {
      expect(await main(['agent', '--kubeconfig', '/nonexistent/config', '--pod', 'jm-0'], t.io)).toBe(2);
    } finally {
      process.env = env;
    }
    expect(t.err()).toMatch(
      /--cluster-id \(or FLINK_CLUSTER_ID\) is required; --storage-dir \(or FLINK_HA_STORAGE_DIR\) is required/,
    );
    expect(t.err()).not.toMatch(/kubeconfig|POD_IP/);
  });

  describe('against an API server', () => {
    let server: FakeApiServer;
    let config: string;
    beforeAll(async () => {
      server = new FakeApiServer();
      config = kubeconfig(await server.start());
      server.addPod('with-sidecar', '10.0.0.9', {}, ['flink-main-container', 'ha-agent']);
    });
    afterAll(() => server.stop());

    test('refuses a pod that runs the sidecar: two agents would fight over its label', async () => {
      const t = io();
      expect(
        await main(
          ['agent', '--kubeconfig', config, '--cluster-id', 'c', '--pod', 'with-sidecar', '--storage-dir', 's3://b/ha'],
          t.io,
        ),
      ).toBe(1);
      expect(t.err()).toMatch(/^agent: pod with-sidecar already runs the HA agent sidecar \(container ha-agent\)/);
      expect(server.label('with-sidecar', ROLE_LABEL)).toBeUndefined();
    });

    test('names a pod that does not exist', async () => {
      const t = io();
      expect(
        await main(
          ['agent', '--kubeconfig', config, '--cluster-id', 'c', '--pod', 'nope', '--storage-dir', 's3://b/ha'],
          t.io,
        ),
      ).toBe(1);
      expect(t.err()).toMatch(/^agent: pod nope not found in namespace flink/);
    });
  });

  test('a bad kubeconfig is a clear error', async () => {
    const t = io();
    expect(
      await main(
        [
          'agent',
          '--kubeconfig',
          '/nonexistent/config',
          '--cluster-id',
          'c',
          '--pod',
          'jm-0',
          '--storage-dir',
          's3://b/ha',
        ],
        t.io,
      ),
    ).toBe(2);
    expect(t.err()).toMatch(/^agent failed: cannot read kubeconfig \/nonexistent\/config/);
  });

  test('runs out of cluster with a kubeconfig: finds the pod IP, labels the pod and writes the Lease, steps down on SIGINT', async () => {
    const server = new FakeApiServer();
    const url = await server.start();
    server.addPod('jm-0', '10.0.0.1', { [ROLE_LABEL]: 'unknown' });
    server.writeConfigMap(flinkLock('10.0.0.1', Date.now(), 15));
    const child = spawn(
      process.execPath,
      [
        '-r',
        'ts-node/register/transpile-only',
        join(ROOT, 'src', 'cli.ts'),
        'ha',
        'agent',
        '--kubeconfig',
        kubeconfig(url),
        // No --pod-ip: the agent reads it from the pod.
        '--cluster-id',
        'c',
        '--pod',
        'jm-0',
        '--storage-dir',
        's3://bucket/ha',
        '--port',
        '0',
      ],
      { cwd: ROOT, env: { PATH: process.env.PATH }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    try {
      await waitFor(
        () => server.label('jm-0', ROLE_LABEL) === 'leader',
        20_000,
        `jm-0 labeled leader; output: ${output}`,
      );
      await waitFor(() => server.leases.get('c-jobmanager-leader')?.spec.holderIdentity === 'jm-0', 5_000, 'the Lease');
      // On a workstation the agent's HTTP server listens on loopback only.
      expect(output).toMatch(/"msg":"ha-agent started".*"host":"127\.0\.0\.1"/);
      const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
      child.kill('SIGINT');
      expect(await exited).toBe(0);
      expect(server.label('jm-0', ROLE_LABEL)).toBe('unknown');
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      await server.stop();
    }
  }, 30_000);
});
