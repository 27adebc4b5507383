import { HaRole, ROLE_LABEL } from '../../../src/agent/contract';
import { LABEL_RESYNC_MS, RolePublisher } from '../../../src/agent/publish/role-publisher';
import { ApiLink } from '../../../src/agent/runtime/api-link';
import { silentLogger } from '../../../src/agent/runtime/log';
import { FakeClock, FakeKube } from '../support/fake-kube';

function setup() {
  const api = new FakeKube();
  const clock = new FakeClock();
  api.addPod('jm-0', { [ROLE_LABEL]: 'unknown' });
  const moves: string[] = [];
  const publisher = new RolePublisher({
    api,
    clock,
    log: silentLogger,
    link: new ApiLink(clock, () => undefined),
    namespace: 'flink',
    podName: 'jm-0',
    clusterId: 'c',
    leaseName: 'c-jobmanager-leader',
    leaseDurationSeconds: 15,
    onRoleLabeled: async (before, after, reason) => {
      moves.push(`${before} -> ${after}: ${reason}`);
    },
  });
  return { api, clock, publisher, moves };
}

describe('RolePublisher', () => {
  test('the label is written on a change and after the resync period, not on every pass', async () => {
    const { api, clock, publisher, moves } = setup();
    await publisher.label(HaRole.STANDBY, 'the leader is 10.0.0.2');
    await publisher.label(HaRole.STANDBY, 'the leader is 10.0.0.2');
    clock.advance(LABEL_RESYNC_MS);
    await publisher.label(HaRole.STANDBY, 'the leader is 10.0.0.2');
    await publisher.label(HaRole.UNKNOWN, 'stopping');
    expect(api.calls.filter((c) => c === 'patchPodLabel')).toHaveLength(3);
    expect(api.label('jm-0', ROLE_LABEL)).toBe('unknown');
    // The first write has no known "before": only the move from standby is a change.
    expect(moves).toEqual(['standby -> unknown: stopping']);
  });

  test('a standby reads the Lease (for /status) and never writes it', async () => {
    const { api, publisher } = setup();
    await publisher.readLease();
    expect(publisher.knownLease).toBeUndefined();
    api.leases.set('c-jobmanager-leader', {
      metadata: { name: 'c-jobmanager-leader', resourceVersion: '1' },
      spec: { holderIdentity: 'jm-1' },
    });
    await publisher.readLease();
    expect(publisher.knownLease?.spec.holderIdentity).toBe('jm-1');
    expect(api.calls.filter((c) => /^(create|replace)Lease$/.test(c))).toEqual([]);
  });
});
