import { EventRecorder } from '../../../src/agent/reporting/events';
import { FakeClock, FakeKube } from '../support/fake-kube';

describe('EventRecorder', () => {
  test('the same fault is one Event until it changes', async () => {
    const api = new FakeKube();
    const clock = new FakeClock();
    const events = new EventRecorder(api, { namespace: 'flink', podName: 'jm-0' }, clock.now);
    expect(await events.record('storage', 'Warning', 'HAStorageUnhealthy', 'full')).toBe(true);
    expect(await events.record('storage', 'Warning', 'HAStorageUnhealthy', 'full')).toBe(false);
    events.clear('storage');
    expect(await events.record('storage', 'Warning', 'HAStorageUnhealthy', 'full')).toBe(true);
    expect(api.events).toHaveLength(2);
  });

  test('a flapping lock (a writer flipping the leader entry) cannot flood the API with Events', async () => {
    const api = new FakeKube();
    const clock = new FakeClock();
    const events = new EventRecorder(api, { namespace: 'flink', podName: 'jm-0' }, clock.now);
    for (let i = 0; i < 1000; i++) {
      await events.record('leader', 'Normal', 'LeaderChanged', `Flink leader moved from 10.0.0.${i % 2} to ...${i}`);
      clock.advance(100);
    }
    // 100 s of flapping: a burst, then one Event per refill period.
    expect(api.events.length).toBeLessThanOrEqual(30);
    expect(api.events.length).toBeGreaterThanOrEqual(20);
    // Quiet again for long enough: Events flow again.
    clock.advance(10 * 60_000);
    expect(await events.record('leader', 'Normal', 'LeaderChanged', 'Flink leader moved from a to b')).toBe(true);
  });
});
