import { readFileSync } from 'fs';
import { ROLE_LABEL } from '../src/agent/contract';
import { median, percentile, table } from './stats';
import { AgentProcess, buildBundle, flinkLock, startAgent, waitFor } from '../test/agent/support/agent-process';
import { FakeApiServer } from '../test/agent/support/fake-apiserver';

const PODS: Array<[string, string]> = [
  ['jm-0', '10.0.0.1'],
  ['jm-1', '10.0.0.2'],
  ['jm-2', '10.0.0.3'],
];
const LEASE = 15;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** RSS in KiB and CPU ticks (user + system) of a process, from /proc. */
function proc(pid: number): { rssKiB: number; ticks: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const rssKiB = Number(/VmRSS:\s+(\d+)/.exec(status)![1]);
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return { rssKiB, ticks: Number(stat[11]) + Number(stat[12]) };
}

/**
 * Three real agents against the in-process API server, Flink renewing its lock every 5 s
 * (its default retry period): memory, idle CPU, API requests per minute, and how long a
 * leader change in the ConfigMap takes to show up in the pod labels and the Lease.
 */
export async function benchAgent(steadySeconds = 40, changes = 30): Promise<string> {
  buildBundle();
  const server = new FakeApiServer();
  const url = await server.start();
  for (const [pod, ip] of PODS) server.addPod(pod, ip, { [ROLE_LABEL]: 'unknown' });
  let leader = '10.0.0.1';
  server.writeConfigMap(flinkLock(leader, Date.now(), LEASE));
  const renewer = setInterval(() => server.writeConfigMap(flinkLock(leader, Date.now(), LEASE)), 5000);
  const agents: AgentProcess[] = PODS.map(([pod, ip]) =>
    startAgent(url, pod, ip, LEASE, { HA_AGENT_STORAGE_INTERVAL_SECONDS: '30' }),
  );
  try {
    await Promise.all(agents.map((a) => a.port));
    const podOf = (ip: string) => PODS.find(([, p]) => p === ip)![0];
    const converged = (ip: string) =>
      server.label(podOf(ip), ROLE_LABEL) === 'leader' &&
      PODS.filter(([, p]) => p !== ip).every(([pod]) => server.label(pod, ROLE_LABEL) === 'standby') &&
      server.leases.get('c-jobmanager-leader')?.spec.holderIdentity === podOf(ip);
    await waitFor(() => converged(leader), 20_000, 'first convergence');
    await sleep(3000);

    // Steady state.
    const before = agents.map((a) => proc(a.child.pid!));
    const requestsBefore = server.requests;
    const routesBefore = new Map(server.requestsByRoute);
    const rss: number[] = [];
    const start = Date.now();
    while (Date.now() - start < steadySeconds * 1000) {
      await sleep(1000);
      for (const a of agents) rss.push(proc(a.child.pid!).rssKiB / 1024);
    }
    const elapsed = (Date.now() - start) / 1000;
    const after = agents.map((a) => proc(a.child.pid!));
    const hz = 100; // USER_HZ on Linux
    const cpu = after.map((x, i) => ((x.ticks - before[i].ticks) / hz / elapsed) * 100);
    const perMinute = (((server.requests - requestsBefore) / elapsed) * 60) / agents.length;
    const routes = [...server.requestsByRoute]
      .map(([route, n]) => [route, ((n - (routesBefore.get(route) ?? 0)) / elapsed) * 60] as const)
      .filter(([, n]) => n > 0)
      .sort((x, y) => y[1] - x[1]);

    // Leader changes.
    const latencies: number[] = [];
    for (let i = 0; i < changes; i++) {
      leader = PODS[(i + 1) % PODS.length][1];
      const t0 = Date.now();
      server.writeConfigMap(flinkLock(leader, Date.now(), LEASE));
      await waitFor(() => converged(leader), 10_000, `change ${i}`, 2);
      latencies.push(Date.now() - t0);
      await sleep(200);
    }
    return [
      '### HA agent (3 agents, lease 15 s, Flink renewing every 5 s, storage checks every 30 s, ' +
        `${steadySeconds} s steady window, ${changes} leader changes)`,
      '',
      table(
        ['measure', 'value'],
        [
          ['resident memory per agent (median)', `${median(rss).toFixed(1)} MiB`],
          ['idle CPU per agent (median)', `${median(cpu).toFixed(2)} %`],
          ['API requests per minute per agent (steady state, mean of leader and 2 standbys)', perMinute.toFixed(1)],
          ['leader change -> labels and Lease updated, median', `${median(latencies)} ms`],
          ['leader change -> labels and Lease updated, p99', `${percentile(latencies, 99)} ms`],
        ],
      ),
      '',
      `Steady-state requests per minute, all ${agents.length} agents, by route ` +
        "(Flink's own lock writes not counted; watches are long-lived):",
      '',
      table(
        ['route', 'per minute'],
        routes.map(([r, n]) => [`\`${r}\``, n.toFixed(1)]),
      ),
    ].join('\n');
  } finally {
    clearInterval(renewer);
    for (const a of agents) a.child.kill('SIGKILL');
    await server.stop();
  }
}

if (require.main === module)
  benchAgent().then(
    (t) => console.log(t),
    (e) => {
      console.error(e);
      process.exit(1);
    },
  );
