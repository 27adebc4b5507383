import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { kubeconfigConnection } from '../../../src/agent/kube/kubeconfig';

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
