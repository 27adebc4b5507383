import { ApiError } from '../../../src/agent/kube/kube-api';
import { leaseLabels, mirrorLeadership, renewAgeSeconds } from '../../../src/agent/lease/lease-mirror';
import { microTime } from '../../../src/agent/lease/microtime';
import { FakeClock, FakeKube } from '../support/fake-kube';

const params = (holder: string, now: number) => ({
  namespace: 'flink',
  name: 'c-jobmanager-leader',
  clusterId: 'c',
  holder,
  leaseDurationSeconds: 15,
  now,
});

describe('mirrorLeadership', () => {
  test('create, renew, take over: times, transitions and resourceVersions', async () => {
    const api = new FakeKube();
    const clock = new FakeClock();
    const created = await mirrorLeadership(api, params('jm-a', clock.now()));
    expect(created.outcome).toBe('created');
    const lease0 = api.leases.get('c-jobmanager-leader')!;
    expect(lease0.metadata.labels).toEqual(leaseLabels('c'));
    expect(lease0.spec).toEqual({
      holderIdentity: 'jm-a',
      leaseDurationSeconds: 15,
      acquireTime: '2026-01-01T00:00:00.000000Z',
      renewTime: '2026-01-01T00:00:00.000000Z',
      leaseTransitions: 0,
    });

    clock.advance(5000);
    expect((await mirrorLeadership(api, params('jm-a', clock.now()))).outcome).toBe('renewed');
    const lease1 = api.leases.get('c-jobmanager-leader')!;
    expect(lease1.spec).toMatchObject({
      holderIdentity: 'jm-a',
      acquireTime: '2026-01-01T00:00:00.000000Z',
      renewTime: '2026-01-01T00:00:05.000000Z',
      leaseTransitions: 0,
    });
    expect(lease1.metadata.resourceVersion).not.toBe(lease0.metadata.resourceVersion);

    clock.advance(20_000);
    expect((await mirrorLeadership(api, params('jm-b', clock.now()))).outcome).toBe('taken-over');
    expect(api.leases.get('c-jobmanager-leader')!.spec).toEqual({
      holderIdentity: 'jm-b',
      leaseDurationSeconds: 15,
      acquireTime: '2026-01-01T00:00:25.000000Z',
      renewTime: '2026-01-01T00:00:25.000000Z',
      leaseTransitions: 1,
    });
  });

  test('a write in between gives a conflict, not an overwrite', async () => {
    const api = new FakeKube();
    const clock = new FakeClock();
    await mirrorLeadership(api, params('jm-a', clock.now()));
    const realGet = api.getLease.bind(api);
    api.getLease = async (ns, name) => {
      const read = await realGet(ns, name);
      // Someone else updates after our read.
      api.leases.set(name, {
        ...read,
        metadata: { ...read.metadata, resourceVersion: api.nextRv() },
        spec: { ...read.spec, holderIdentity: 'jm-b' },
      });
      return read;
    };
    const r = await mirrorLeadership(api, params('jm-a', clock.now() + 5000));
    expect(r).toEqual({ outcome: 'conflict', reason: expect.stringMatching(/changed since resourceVersion \d+/) });
    expect(api.leases.get('c-jobmanager-leader')!.spec.holderIdentity).toBe('jm-b');
  });

  test('no flapping: a stale view never takes the Lease back from a newer holder', async () => {
    const api = new FakeKube();
    const clock = new FakeClock();
    await mirrorLeadership(api, params('jm-a', clock.now()));
    clock.advance(30_000);
    // jm-b saw Flink's lock move to it at t=29 s and took the Lease at t=30 s.
    await mirrorLeadership(api, { ...params('jm-b', clock.now()), flinkRenewTime: clock.now() - 1000 });
    // jm-a still holds a view of the lock from t=20 s.
    const stale = await mirrorLeadership(api, {
      ...params('jm-a', clock.now() + 100),
      flinkRenewTime: clock.now() - 10_000,
    });
    expect(stale).toEqual({
      outcome: 'conflict',
      reason: "jm-b took the Lease after our last view of Flink's lock; waiting for a fresher view",
    });
    expect(api.leases.get('c-jobmanager-leader')!.spec.holderIdentity).toBe('jm-b');
  });

  test('a concurrent create is a conflict', async () => {
    const api = new FakeKube();
    api.getLease = async () => {
      await api.createLease('flink', { metadata: { name: 'c-jobmanager-leader' }, spec: { holderIdentity: 'jm-b' } });
      throw new ApiError(404, 'not found');
    };
    expect(await mirrorLeadership(api, params('jm-a', 0))).toEqual({
      outcome: 'conflict',
      reason: 'the Lease was created concurrently',
    });
  });

  test('other errors surface', async () => {
    const api = new FakeKube();
    api.failing.set('getLease', 500);
    await expect(mirrorLeadership(api, params('jm-a', 0))).rejects.toThrow(/injected 500/);
  });
});

test('MicroTime has exactly six fractional digits', () => {
  expect(microTime(Date.parse('2026-03-04T05:06:07.891Z'))).toBe('2026-03-04T05:06:07.891000Z');
});

test('renewAgeSeconds', () => {
  expect(
    renewAgeSeconds(
      { metadata: { name: 'x' }, spec: { renewTime: '2026-01-01T00:00:00.000000Z' } },
      Date.parse('2026-01-01T00:00:07Z'),
    ),
  ).toBe(7);
  expect(renewAgeSeconds(undefined, 0)).toBeUndefined();
});
