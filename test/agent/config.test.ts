import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { backoffDelay } from '../../src/agent/runtime/clock';
import { configFromEnv } from '../../src/agent/config';
import { kubeconfigConnection } from '../../src/agent/kube/kubeconfig';

const env = {
  POD_NAME: 'jm-0',
  POD_NAMESPACE: 'flink',
  POD_IP: '10.0.0.1',
  FLINK_CLUSTER_ID: 'c',
  FLINK_HA_STORAGE_DIR: 'file:///opt/flink/ha',
};

describe('configFromEnv', () => {
  test('defaults', () => {
    expect(configFromEnv(env)).toMatchObject({
      haClusterId: 'c',
      leaseName: 'c-jobmanager-leader',
      leaseDurationSeconds: 15,
      port: 8090,
      storagePath: undefined,
      flinkUid: 9999,
    });
  });
  test('names every problem at once', () => {
    expect(() =>
      configFromEnv({ ...env, POD_IP: '', FLINK_CLUSTER_ID: undefined, HA_AGENT_LEASE_DURATION_SECONDS: 'abc' }),
    ).toThrow(
      'invalid agent environment: FLINK_CLUSTER_ID is required; POD_IP is required; HA_AGENT_LEASE_DURATION_SECONDS="abc" must be a number >= 1',
    );
  });
  test.each([
    [{ POD_IP: 'jm-0.flink' }, 'POD_IP="jm-0.flink" is not an IP address'],
    [{ HA_AGENT_PORT: '70000' }, 'HA_AGENT_PORT="70000" must be a number >= 0 and <= 65535'],
    [{ FLINK_HA_STORAGE_DIR: '' }, 'FLINK_HA_STORAGE_DIR is required'],
  ])('rejects %j', (bad, message) => {
    expect(() => configFromEnv({ ...env, ...bad })).toThrow(message);
  });
  test('IPv6 pod IPs and optional settings', () => {
    expect(
      configFromEnv({
        ...env,
        POD_IP: 'fd00::5',
        FLINK_HA_STORAGE_PATH: '/mnt/ha',
        FLINK_HA_CLUSTER_ID: 'other',
        HA_AGENT_LEASE_NAME: 'x',
      }),
    ).toMatchObject({ podIp: 'fd00::5', storagePath: '/mnt/ha', haClusterId: 'other', leaseName: 'x' });
  });
});

describe('kubeconfigConnection', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kubeconfig-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const write = (text: string) => {
    const p = join(dir, 'config');
    writeFileSync(p, text);
    return p;
  };

  test('current context: server, CA data, token, namespace', () => {
    const p = write(`apiVersion: v1
current-context: dev
contexts:
- name: dev
  context: { cluster: k, user: u, namespace: flink }
clusters:
- name: k
  cluster: { server: "https://k.example:6443", certificate-authority-data: ${Buffer.from('CA').toString('base64')} }
users:
- name: u
  user: { token: abc }
`);
    const c = kubeconfigConnection(p);
    expect(c.server).toBe('https://k.example:6443');
    expect(c.ca?.toString()).toBe('CA');
    expect(c.token?.()).toBe('abc');
    expect(c.namespace).toBe('flink');
  });

  test('exec plugins are refused with a way out', () => {
    const p = write(`current-context: x
contexts: [{ name: x, context: { cluster: k, user: u } }]
clusters: [{ name: k, cluster: { server: "https://k" } }]
users: [{ name: u, user: { exec: { command: aws } } }]
`);
    expect(() => kubeconfigConnection(p)).toThrow(
      /uses an exec\/auth-provider plugin, which is not supported; use a token/,
    );
  });

  test('a missing context', () => {
    const p = write('current-context: nope\ncontexts: []\n');
    expect(() => kubeconfigConnection(p)).toThrow(/context "nope" not found/);
  });
});

test('backoff grows, is capped and jittered', () => {
  expect(backoffDelay(0, 500, 30_000, () => 0)).toBe(250);
  expect(backoffDelay(0, 500, 30_000, () => 1)).toBe(500);
  expect(backoffDelay(3, 500, 30_000, () => 1)).toBe(4000);
  expect(backoffDelay(20, 500, 30_000, () => 1)).toBe(30_000);
});
