import { HaRole } from '../../../src/agent/contract';
import { LeaderCallbacks, LeaderFollower } from '../../../src/agent/election/leader-follower';
import { ConfigMap } from '../../../src/agent/kube/kube-api';
import { microTime } from '../../../src/agent/lease/microtime';
import { ApiLink } from '../../../src/agent/runtime/api-link';
import { silentLogger } from '../../../src/agent/runtime/log';
import { FakeClock, FakeKube } from '../support/fake-kube';

const JOB = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

function lock(ip: string, renewMs: number, data: Record<string, string> = {}): ConfigMap {
  return {
    metadata: {
      name: 'c-cluster-config-map',
      annotations: {
        'control-plane.alpha.kubernetes.io/leader': JSON.stringify({
          holderIdentity: `uuid-${ip}`,
          leaseDuration: 15,
          renewTime: microTime(renewMs),
        }),
      },
    },
    data: { 'org.apache.flink.k8s.leader.restserver': `s-${ip},http://${ip}:8081`, ...data },
  };
}

function setup() {
  const api = new FakeKube();
  const clock = new FakeClock();
  const seen: string[] = [];
  const callbacks: LeaderCallbacks = {
    onNewLeader: (ip, previous) => seen.push(`new leader ${ip} (was ${previous})`),
    onStartedLeading: () => seen.push('started leading'),
    onStoppedLeading: () => seen.push('stopped leading'),
    onRoleChanged: (previous, current) => seen.push(`role ${previous.role} -> ${current.role}`),
    onJobsChanged: () => seen.push('jobs changed'),
  };
  const link = new ApiLink(clock, (op) => seen.push(`error ${op}`));
  const params = {
    api,
    clock,
    log: silentLogger,
    link,
    namespace: 'flink',
    clusterId: 'c',
    podIp: '10.0.0.1',
    leaseDurationSeconds: 15,
  };
  const follower = new LeaderFollower(params, callbacks);
  const observe = (cm: ConfigMap | undefined) => {
    follower.observe(cm);
    link.contact();
  };
  return { api, clock, seen, follower, observe };
}

describe('LeaderFollower', () => {
  test('callbacks in the manner of client-go: new leader, started and stopped leading, role changes', () => {
    const { clock, seen, follower, observe } = setup();
    observe(lock('10.0.0.1', clock.now()));
    expect(follower.decide().role).toBe(HaRole.LEADER);
    observe(lock('10.0.0.1', clock.now() + 1000));
    follower.decide();
    clock.advance(2000);
    observe(lock('10.0.0.2', clock.now()));
    expect(follower.decide().role).toBe(HaRole.STANDBY);
    expect(seen).toEqual([
      'new leader 10.0.0.1 (was undefined)',
      'role unknown -> leader',
      'started leading',
      'new leader 10.0.0.2 (was 10.0.0.1)',
      'role leader -> standby',
      'stopped leading',
    ]);
  });

  test('evaluate() decides without recording or calling back', () => {
    const { clock, seen, follower, observe } = setup();
    observe(lock('10.0.0.1', clock.now()));
    expect(follower.evaluate().role).toBe(HaRole.LEADER);
    expect(follower.decision.role).toBe(HaRole.UNKNOWN);
    expect(seen).toEqual([]);
  });

  test('job pointers changing is reported; renewals alone are not', () => {
    const { clock, seen, observe } = setup();
    observe(lock('10.0.0.1', clock.now()));
    observe(lock('10.0.0.1', clock.now() + 5000));
    observe(lock('10.0.0.1', clock.now() + 10_000, { [`jobGraph-${JOB}`]: 'AAAA' }));
    expect(seen).toEqual(['jobs changed']);
  });

  test('a silent watch: the ConfigMap is read directly, at most once per half lease', async () => {
    const { api, clock, follower } = setup();
    api.putConfigMap(lock('10.0.0.1', clock.now()));
    expect(follower.hasView).toBe(false);
    await follower.refreshIfSilent();
    expect(follower.hasView).toBe(true);
    await follower.refreshIfSilent();
    clock.advance(8000);
    await follower.refreshIfSilent();
    expect(api.calls.filter((c) => c === 'getConfigMap')).toHaveLength(2);
    expect(follower.decide().role).toBe(HaRole.LEADER);
  });

  test('a ConfigMap without metadata (a misbehaving API server) is a view without a record, not a crash', () => {
    const { follower, observe } = setup();
    observe({ data: {} } as unknown as ConfigMap);
    expect(follower.record).toEqual({ kind: 'missing' });
    expect(follower.decide().role).toBe(HaRole.UNKNOWN);
  });
});
