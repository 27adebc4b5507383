import { get } from 'http';
import { ROLE_LABEL } from '../../src/agent/contract';
import { AgentProcess, buildBundle, flinkLock, startAgent, waitFor } from './support/agent-process';
import { FakeApiServer } from './support/fake-apiserver';

const LEASE = 3;
const PODS: Array<[string, string]> = [
  ['jm-0', '10.0.0.1'],
  ['jm-1', '10.0.0.2'],
  ['jm-2', '10.0.0.3'],
];

let server: FakeApiServer;
let agents: AgentProcess[] = [];
let leaderIp = '10.0.0.1';
let renewer: NodeJS.Timeout | undefined;

const httpGet = (port: number, path: string) =>
  new Promise<{ status: number; body: string }>((resolve, reject) => {
    get({ host: '127.0.0.1', port, path }, (res) => {
      let b = '';
      res.on('data', (c) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b }));
    }).on('error', reject);
  });

/** Exactly one pod labeled leader, it is the pod with `ip`, and the Lease names it. */
function converged(ip: string): boolean {
  const leaders = PODS.filter(([pod]) => server.label(pod, ROLE_LABEL) === 'leader');
  const expected = PODS.find(([, p]) => p === ip)![0];
  const others = PODS.filter(([pod]) => pod !== expected).every(([pod]) => server.label(pod, ROLE_LABEL) === 'standby');
  return (
    leaders.length === 1 &&
    leaders[0][0] === expected &&
    others &&
    server.leases.get('c-jobmanager-leader')?.spec.holderIdentity === expected
  );
}

/** After convergence, the labels and the Lease stay put: no flapping between agents. */
async function staysConverged(ip: string, ms = 1500): Promise<void> {
  const lease = () => server.leases.get('c-jobmanager-leader')!;
  const transitions = lease().spec.leaseTransitions;
  const start = Date.now();
  while (Date.now() - start < ms) {
    expect(converged(ip)).toBe(true);
    await new Promise((r) => setTimeout(r, 50));
  }
  expect(lease().spec.leaseTransitions).toBe(transitions);
}

beforeAll(async () => {
  buildBundle();
  server = new FakeApiServer();
  const url = await server.start();
  for (const [pod, ip] of PODS)
    server.addPod(pod, ip, {
      'app.kubernetes.io/instance': 'c',
      'app.kubernetes.io/component': 'jobmanager',
      [ROLE_LABEL]: 'unknown',
    });
  // Flink's leader renews its lock every second.
  server.writeConfigMap(flinkLock(leaderIp, Date.now(), LEASE));
  renewer = setInterval(() => server.writeConfigMap(flinkLock(leaderIp, Date.now(), LEASE)), 1000);
  // One token per agent, so the API server's log tells who made each request.
  agents = PODS.map(([pod, ip]) => startAgent(url, pod, ip, LEASE, { KUBE_TOKEN: `token-${pod}` }));
  await Promise.all(agents.map((a) => a.port));
}, 20_000);

afterAll(async () => {
  if (renewer) clearInterval(renewer);
  for (const a of agents) if (a.child.exitCode === null) a.child.kill('SIGKILL');
  await server?.stop();
});

describe('three real agents against an API server', () => {
  test('exactly one pod labeled leader and the Lease names it', async () => {
    await waitFor(() => converged('10.0.0.1'), 10_000, 'jm-0 to lead');
    await staysConverged('10.0.0.1');
  }, 15_000);

  test('leadership moves: label and Lease follow', async () => {
    leaderIp = '10.0.0.2';
    server.writeConfigMap(flinkLock(leaderIp, Date.now(), LEASE));
    await waitFor(() => converged('10.0.0.2'), 10_000, 'jm-1 to lead');
    expect(server.leases.get('c-jobmanager-leader')!.spec.leaseTransitions).toBe(1);
    await staysConverged('10.0.0.2');
  }, 15_000);

  test('through dropped watches, 410 Gone and 5xx answers', async () => {
    server.dropWatches();
    server.compact();
    server.fail5xx = 5;
    leaderIp = '10.0.0.3';
    server.writeConfigMap(flinkLock(leaderIp, Date.now(), LEASE));
    await waitFor(() => converged('10.0.0.3'), 15_000, 'jm-2 to lead after faults');
    server.dropWatches();
    leaderIp = '10.0.0.1';
    server.writeConfigMap(flinkLock(leaderIp, Date.now(), LEASE));
    await waitFor(() => converged('10.0.0.1'), 15_000, 'jm-0 to lead again');
    await staysConverged('10.0.0.1');
    expect(server.leases.get('c-jobmanager-leader')!.spec.leaseTransitions).toBe(3);
  }, 35_000);

  test('a dead Flink leader (lock no longer renewed) leaves no pod labeled leader', async () => {
    clearInterval(renewer);
    await waitFor(
      () => PODS.every(([pod]) => server.label(pod, ROLE_LABEL) === 'unknown'),
      15_000,
      'every pod unknown',
    );
    renewer = setInterval(() => server.writeConfigMap(flinkLock(leaderIp, Date.now(), LEASE)), 1000);
    await waitFor(() => converged('10.0.0.1'), 10_000, 'recovery');
  }, 30_000);

  test('HTTP endpoints', async () => {
    const port = await agents[0].port;
    expect((await httpGet(port, '/healthz')).status).toBe(200);
    expect((await httpGet(port, '/readyz')).status).toBe(200);
    const metrics = await httpGet(port, '/metrics');
    expect(metrics.body).toMatch(/^flink_ha_agent_leader 1$/m);
    const status = JSON.parse((await httpGet(port, '/status')).body);
    expect(status).toMatchObject({
      pod: 'jm-0',
      role: 'leader',
      leaderIp: '10.0.0.1',
      lease: { name: 'c-jobmanager-leader', holder: 'jm-0' },
    });
    expect((await httpGet(port, '/nope')).status).toBe(404);
  });

  test('SIGTERM: the leader drops its label, then exits cleanly', async () => {
    const leader = agents[0];
    const exited = new Promise<number | null>((r) => leader.child.on('exit', (code) => r(code)));
    leader.child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(server.label('jm-0', ROLE_LABEL)).toBe('unknown');
    expect(leader.output.some((l) => l.includes('"msg":"stopping"'))).toBe(true);
  }, 10_000);

  test('logs are JSON lines', () => {
    const lines = agents[1].output.filter((l) => l.trim());
    expect(lines.length).toBeGreaterThan(0);
    for (const l of lines) expect(() => JSON.parse(l)).not.toThrow();
  });

  test('every request an agent made is one of its RBAC needs (verbs x resources x names)', () => {
    const core = '/api/v1/namespaces/flink';
    const leases = '/apis/coordination.k8s.io/v1/namespaces/flink/leases';
    const lease = `${leases}/c-jobmanager-leader`;
    for (const [pod] of PODS) {
      const mine = server.log.filter((r) => r.token === `token-${pod}`);
      expect(mine.length).toBeGreaterThan(10);
      for (const r of mine) {
        const url = new URL(r.url, 'http://x');
        const query = Object.fromEntries(url.searchParams);
        const body = r.body ? JSON.parse(r.body) : undefined;
        const allowed =
          // configmaps list/watch: only Flink's lock, by name (resourceNames work with this fieldSelector)
          (r.method === 'GET' &&
            url.pathname === `${core}/configmaps` &&
            query.fieldSelector === 'metadata.name=c-cluster-config-map' &&
            query.labelSelector === undefined) ||
          // configmaps get: the lock and the per-job HA ConfigMaps, by name
          (r.method === 'GET' &&
            /^\/api\/v1\/namespaces\/flink\/configmaps\/c-(cluster|[0-9a-f]{32})-config-map$/.test(url.pathname)) ||
          // leases get/update: the agent's Lease only; create: with that fixed name, never generateName
          (r.method === 'GET' && url.pathname === lease) ||
          (r.method === 'PUT' && url.pathname === lease && body.metadata.name === 'c-jobmanager-leader') ||
          (r.method === 'POST' &&
            url.pathname === leases &&
            body.metadata.name === 'c-jobmanager-leader' &&
            body.metadata.generateName === undefined) ||
          // pods patch: its own pod, a merge patch of exactly the role label
          (r.method === 'PATCH' &&
            url.pathname === `${core}/pods/${pod}` &&
            r.type === 'application/merge-patch+json' &&
            ['leader', 'standby', 'unknown'].some(
              (role) => r.body === JSON.stringify({ metadata: { labels: { [ROLE_LABEL]: role } } }),
            )) ||
          // events create: about its own pod
          (r.method === 'POST' && url.pathname === `${core}/events` && body.involvedObject.name === pod);
        expect(allowed ? 'within its needs' : `${r.method} ${r.url} ${r.body.slice(0, 200)}`).toBe('within its needs');
      }
    }
  });
});
