import { ApiError, Lease } from '../../../src/agent/kube/kube-api';
import { leaseLabels, mirrorLeadership, renewAgeSeconds } from '../../../src/agent/lease/lease-mirror';
import { microTime } from '../../../src/agent/lease/microtime';
import { FakeKube } from '../support/fake-kube';

const T0 = Date.parse('2026-01-01T00:00:00Z');

/** The leader `holder` mirrors Flink's lock renewed at `renewMs` (acquired at T0), seen at agent time `now`. */
const params = (holder: string, renewMs: number, now = renewMs, acquireMs: number | 'none' = T0) => ({
  namespace: 'flink',
  name: 'c-jobmanager-leader',
  clusterId: 'c',
  holder,
  lock: { renewTime: renewMs, acquireTime: acquireMs === 'none' ? undefined : acquireMs, leaseDurationSeconds: 15 },
  now,
});

describe('mirrorLeadership', () => {
  test("create, renew, take over: Flink's times, transitions and resourceVersions", async () => {
    const api = new FakeKube();
    const created = await mirrorLeadership(api, params('jm-a', T0));
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

    // Flink renewed at 5 s; the agent writes later, and its own clock does not show.
    expect((await mirrorLeadership(api, params('jm-a', T0 + 5000, T0 + 7000))).outcome).toBe('renewed');
    const lease1 = api.leases.get('c-jobmanager-leader')!;
    expect(lease1.spec).toMatchObject({
      holderIdentity: 'jm-a',
      acquireTime: '2026-01-01T00:00:00.000000Z',
      renewTime: '2026-01-01T00:00:05.000000Z',
      leaseTransitions: 0,
    });
    expect(lease1.metadata.resourceVersion).not.toBe(lease0.metadata.resourceVersion);

    const later = T0 + 25_000;
    expect((await mirrorLeadership(api, params('jm-b', later, later, later - 1000))).outcome).toBe('taken-over');
    expect(api.leases.get('c-jobmanager-leader')!.spec).toEqual({
      holderIdentity: 'jm-b',
      leaseDurationSeconds: 15,
      acquireTime: '2026-01-01T00:00:24.000000Z',
      renewTime: '2026-01-01T00:00:25.000000Z',
      leaseTransitions: 1,
    });
  });

  test('Flink did not renew: nothing is written, whatever the time', async () => {
    const api = new FakeKube();
    await mirrorLeadership(api, params('jm-a', T0));
    api.calls.length = 0;
    expect((await mirrorLeadership(api, params('jm-a', T0, T0 + 60_000))).outcome).toBe('unchanged');
    expect(api.calls).toEqual(['getLease']);
  });

  test('a record without acquireTime: a takeover starts at the renewal, a renewal keeps the start', async () => {
    const api = new FakeKube();
    await mirrorLeadership(api, params('jm-a', T0 + 1000, T0 + 1000, 'none'));
    await mirrorLeadership(api, params('jm-a', T0 + 6000, T0 + 6000, 'none'));
    expect(api.leases.get('c-jobmanager-leader')!.spec.acquireTime).toBe('2026-01-01T00:00:01.000000Z');
    await mirrorLeadership(api, params('jm-b', T0 + 9000, T0 + 9000, 'none'));
    expect(api.leases.get('c-jobmanager-leader')!.spec.acquireTime).toBe('2026-01-01T00:00:09.000000Z');
  });

  test('a write in between gives a conflict, not an overwrite', async () => {
    const api = new FakeKube();
    await mirrorLeadership(api, params('jm-a', T0));
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
    const r = await mirrorLeadership(api, params('jm-a', T0 + 5000));
    expect(r).toEqual({ outcome: 'conflict', reason: expect.stringMatching(/changed since resourceVersion \d+/) });
    expect(api.leases.get('c-jobmanager-leader')!.spec.holderIdentity).toBe('jm-b');
  });

  test('no flapping: a stale view never takes the Lease back from a newer holder', async () => {
    const api = new FakeKube();
    await mirrorLeadership(api, params('jm-a', T0));
    // jm-b saw Flink's lock renewed for it at 29 s.
    await mirrorLeadership(api, params('jm-b', T0 + 29_000, T0 + 30_000));
    // jm-a still holds a view of the lock from 20 s.
    const stale = await mirrorLeadership(api, params('jm-a', T0 + 20_000, T0 + 30_100));
    expect(stale).toEqual({
      outcome: 'conflict',
      reason: "jm-b took the Lease after our last view of Flink's lock; waiting for a fresher view",
    });
    expect(api.leases.get('c-jobmanager-leader')!.spec.holderIdentity).toBe('jm-b');
  });

  test('a pre-created Lease from the future, with huge numbers, is taken over at once', async () => {
    const api = new FakeKube();
    api.leases.set('c-jobmanager-leader', {
      metadata: { name: 'c-jobmanager-leader', resourceVersion: '1' },
      spec: {
        holderIdentity: 'squatter',
        leaseDurationSeconds: 2 ** 31 - 1,
        acquireTime: '2100-01-01T00:00:00.000000Z',
        renewTime: '2100-01-01T00:00:00.000000Z',
        leaseTransitions: 2 ** 31 - 1,
      },
    });
    expect((await mirrorLeadership(api, params('jm-a', T0 + 1000))).outcome).toBe('taken-over');
    expect(api.leases.get('c-jobmanager-leader')!.spec).toMatchObject({
      holderIdentity: 'jm-a',
      leaseDurationSeconds: 15,
      renewTime: '2026-01-01T00:00:01.000000Z',
      // A count the API server cannot take back starts again (and this takeover counts).
      leaseTransitions: 1,
    });
  });

  test("a huge lease duration in Flink's record is written within the API's range", async () => {
    const api = new FakeKube();
    const huge = { ...params('jm-a', T0), lock: { renewTime: T0, leaseDurationSeconds: 1e12 } };
    expect((await mirrorLeadership(api, huge)).outcome).toBe('created');
    expect(api.leases.get('c-jobmanager-leader')!.spec.leaseDurationSeconds).toBe(86_400);
  });

  test('a pre-created Lease without a spec is taken over, not a crash', async () => {
    const api = new FakeKube();
    api.leases.set('c-jobmanager-leader', {
      metadata: { name: 'c-jobmanager-leader', resourceVersion: '1' },
    } as unknown as Lease);
    expect((await mirrorLeadership(api, params('jm-a', T0))).outcome).toBe('taken-over');
    expect(api.leases.get('c-jobmanager-leader')!.spec).toMatchObject({ holderIdentity: 'jm-a', leaseTransitions: 1 });
  });

  test('a concurrent create is a conflict', async () => {
    const api = new FakeKube();
    api.getLease = async () => {
      await api.createLease('flink', { metadata: { name: 'c-jobmanager-leader' }, spec: { holderIdentity: 'jm-b' } });
      throw new ApiError(404, 'not found');
    };
    expect(await mirrorLeadership(api, params('jm-a', T0))).toEqual({
      outcome: 'conflict',
      reason: 'the Lease was created concurrently',
    });
  });

  test('other errors surface', async () => {
    const api = new FakeKube();
    api.failing.set('getLease', 500);
    await expect(mirrorLeadership(api, params('jm-a', T0))).rejects.toThrow(/injected 500/);
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
