import { followConfigMap } from '../../../src/agent/election/config-map-follower';
import { ApiError, ConfigMap, KubeApi, WatchEvent } from '../../../src/agent/kube/kube-api';
import { flush, ManualClock } from '../support/fake-kube';

const cm = (rv: string, leader = 'x'): ConfigMap => ({
  metadata: { name: 'c-cluster-config-map', resourceVersion: rv },
  data: { leader },
});

/** One scripted watch call: events to deliver, then how the stream ends. */
interface WatchScript {
  readonly events?: WatchEvent[];
  /** 'end': the server closed the stream; 'hang': stays open until aborted; an Error: rejects. */
  readonly then: 'end' | 'hang' | Error;
}

/** A KubeApi whose list and watch answers are scripted, recording what was asked. */
function scripted(lists: Array<{ items: ConfigMap[]; resourceVersion: string } | Error>, watches: WatchScript[]) {
  const calls: string[] = [];
  const api = {
    async listConfigMaps(_ns: string, selector: { fieldSelector?: string }) {
      calls.push(`list ${selector.fieldSelector}`);
      const next = lists.shift() ?? new Error('no more lists scripted');
      if (next instanceof Error) throw next;
      return next;
    },
    async watchConfigMap(_ns: string, name: string, rv: string, onEvent: (e: WatchEvent) => void, signal: AbortSignal) {
      calls.push(`watch ${name} from ${rv}`);
      const next = watches.shift() ?? { then: 'hang' };
      for (const e of next.events ?? []) onEvent(e);
      if (next.then instanceof Error) throw next.then;
      if (next.then === 'hang')
        await new Promise<void>((r) => signal.addEventListener('abort', () => r(), { once: true }));
    },
  } as unknown as KubeApi;
  return { api, calls };
}

function run(api: KubeApi, clock: ManualClock) {
  const states: Array<string | undefined> = [];
  const errors: string[] = [];
  let contacts = 0;
  const controller = new AbortController();
  const done = followConfigMap(
    api,
    'flink',
    'c-cluster-config-map',
    {
      onState: (c) => states.push(c ? `${c.metadata.resourceVersion}:${c.data?.leader}` : undefined),
      onContact: () => contacts++,
      onError: (op, e) => errors.push(`${op}: ${(e as Error).message}`),
    },
    clock,
    controller.signal,
  );
  return {
    states,
    errors,
    contacts: () => contacts,
    stop: async () => {
      controller.abort();
      await done;
    },
  };
}

describe('followConfigMap', () => {
  test('lists, then watches from the list resourceVersion; a closed stream resumes from the last event', async () => {
    const { api, calls } = scripted(
      [{ items: [cm('5')], resourceVersion: '7' }],
      [
        {
          events: [
            { type: 'MODIFIED', object: cm('8', 'a') },
            { type: 'BOOKMARK', object: cm('9') },
          ],
          then: 'end',
        },
        { events: [{ type: 'MODIFIED', object: cm('10', 'b') }], then: 'hang' },
      ],
    );
    const clock = new ManualClock();
    const f = run(api, clock);
    await flush();
    expect(calls).toEqual([
      'list metadata.name=c-cluster-config-map',
      'watch c-cluster-config-map from 7',
      'watch c-cluster-config-map from 9',
    ]);
    // Bookmarks move the resourceVersion but are not states.
    expect(f.states).toEqual(['5:x', '8:a', '10:b']);
    expect(f.contacts()).toBeGreaterThanOrEqual(4);
    await f.stop();
  });

  test('the ConfigMap does not exist yet: state undefined, then ADDED', async () => {
    const { api } = scripted(
      [{ items: [], resourceVersion: '3' }],
      [{ events: [{ type: 'ADDED', object: cm('4', 'a') }], then: 'hang' }],
    );
    const f = run(api, new ManualClock());
    await flush();
    expect(f.states).toEqual([undefined, '4:a']);
    await f.stop();
  });

  test('DELETED makes the state undefined', async () => {
    const { api } = scripted(
      [{ items: [cm('3')], resourceVersion: '3' }],
      [{ events: [{ type: 'DELETED', object: cm('4') }], then: 'hang' }],
    );
    const f = run(api, new ManualClock());
    await flush();
    expect(f.states).toEqual(['3:x', undefined]);
    await f.stop();
  });

  test.each([
    ['as an HTTP 410', { then: new ApiError(410, 'HTTP 410: too old resource version') } as WatchScript],
    [
      'as an ERROR event with a Status 410',
      {
        events: [{ type: 'ERROR', object: { code: 410, message: 'too old resource version' } }],
        then: 'end',
      } as WatchScript,
    ],
  ])('410 Gone %s: lists again, without backing off or reporting an error', async (_name, gone) => {
    const { api, calls } = scripted(
      [
        { items: [cm('5')], resourceVersion: '5' },
        { items: [cm('20', 'new')], resourceVersion: '21' },
      ],
      [gone, { then: 'hang' }],
    );
    const f = run(api, new ManualClock());
    await flush();
    expect(calls).toEqual([
      'list metadata.name=c-cluster-config-map',
      'watch c-cluster-config-map from 5',
      'list metadata.name=c-cluster-config-map',
      'watch c-cluster-config-map from 21',
    ]);
    expect(f.states).toEqual(['5:x', '20:new']);
    expect(f.errors).toEqual([]);
    await f.stop();
  });

  test('a dropped connection: reported, backs off, resumes from the last resourceVersion (no relist)', async () => {
    const { api, calls } = scripted(
      [{ items: [cm('5')], resourceVersion: '5' }],
      [
        { events: [{ type: 'MODIFIED', object: cm('6', 'a') }], then: new Error('watch connection dropped') },
        { then: 'hang' },
      ],
    );
    const clock = new ManualClock();
    const f = run(api, clock);
    await flush();
    expect(f.errors).toEqual(['watch: watch connection dropped']);
    expect(calls).toHaveLength(2); // waiting out the backoff
    await clock.advance(600);
    expect(calls.slice(2)).toEqual(['watch c-cluster-config-map from 6']);
    await f.stop();
  });

  test('repeated list failures back off exponentially, capped, then recover', async () => {
    const failures = Array.from({ length: 8 }, () => new ApiError(503, 'HTTP 503: unavailable'));
    const { api, calls } = scripted([...failures, { items: [cm('9')], resourceVersion: '9' }], [{ then: 'hang' }]);
    const clock = new ManualClock();
    const f = run(api, clock);
    const attemptsAt: number[] = [];
    const start = clock.now();
    for (let i = 0; i < 600 && f.states.length === 0; i++) {
      const before = calls.length;
      await clock.advance(250, 250);
      if (calls.length > before) attemptsAt.push(clock.now() - start);
    }
    expect(f.states).toEqual(['9:x']);
    expect(f.errors).toHaveLength(8);
    const gaps = attemptsAt.slice(1).map((t, i) => t - attemptsAt[i]);
    // Jittered between half and all of 0.5 s * 2^n: later gaps are longer than early ones.
    expect(gaps[gaps.length - 1]).toBeGreaterThan(gaps[0]);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(30_250);
    await f.stop();
  });

  test('streams that deliver an error event and close back off, however fast the server answers', async () => {
    const error: WatchEvent = {
      type: 'ERROR',
      object: { code: 500, message: 'etcd unavailable' },
    } as unknown as WatchEvent;
    const { api, calls } = scripted(
      [{ items: [cm('5')], resourceVersion: '5' }],
      Array.from({ length: 50 }, () => ({ events: [error], then: 'end' as const })),
    );
    const clock = new ManualClock();
    const f = run(api, clock);
    await flush();
    // The clock has not moved: one watch, then a backoff sleep.
    expect(calls.filter((c) => c.startsWith('watch'))).toHaveLength(1);
    expect(f.errors).toEqual(['watch: watch error 500: etcd unavailable']);
    await clock.advance(1_000);
    expect(calls.filter((c) => c.startsWith('watch')).length).toBeLessThanOrEqual(3);
    await f.stop();
  });

  test('a stream that closes at once without events does not spin', async () => {
    const { api, calls } = scripted(
      [{ items: [cm('5')], resourceVersion: '5' }],
      Array.from({ length: 50 }, () => ({ then: 'end' as const })),
    );
    const clock = new ManualClock();
    const f = run(api, clock);
    await flush();
    expect(calls.length).toBeLessThanOrEqual(3);
    await f.stop();
  });
});
