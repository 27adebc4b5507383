import { HaAgent, SHUTDOWN_WAIT_MS } from '../../src/agent/agent';
import { AgentConfig } from '../../src/agent/config';
import { HaRole, ROLE_LABEL } from '../../src/agent/contract';
import { ConfigMap } from '../../src/agent/kube/kube-api';
import { LABEL_RESYNC_MS } from '../../src/agent/publish/role-publisher';
import { StorageMonitor } from '../../src/agent/storage/storage-monitor';
import { microTime } from '../../src/agent/lease/microtime';
import { silentLogger } from '../../src/agent/runtime/log';
import { FakeClock, FakeKube, flush, ManualClock } from './support/fake-kube';
import { stateHandle } from './support/state-handle';

const JOB = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const config = (pod: string, ip: string): AgentConfig => ({
  podName: pod,
  namespace: 'flink',
  podIp: ip,
  clusterId: 'c',
  haClusterId: 'c',
  storageDir: 'file:///opt/flink/ha',
  leaseName: 'c-jobmanager-leader',
  leaseDurationSeconds: 15,
  port: 0,
  storageIntervalSeconds: 30,
  minFreeBytes: 0,
  flinkUid: 9999,
  flinkGid: 9999,
});

/** Flink's lock ConfigMap with `ip` leading, renewed at `renewMs`. */
function lock(ip: string, renewMs: number, extraData: Record<string, string> = {}): ConfigMap {
  return {
    metadata: {
      name: 'c-cluster-config-map',
      labels: { app: 'c', type: 'flink-native-kubernetes' },
      annotations: {
        'control-plane.alpha.kubernetes.io/leader': JSON.stringify({
          holderIdentity: `uuid-${ip}`,
          leaseDuration: 15,
          acquireTime: microTime(renewMs - 60_000),
          renewTime: microTime(renewMs),
          leaderTransitions: 1,
        }),
      },
    },
    data: {
      'org.apache.flink.k8s.leader.restserver': `s,http://${ip}:8081`,
      'org.apache.flink.k8s.leader.dispatcher': `s,pekko.tcp://flink@${ip}:6123/user/rpc/dispatcher_1`,
      ...extraData,
    },
  };
}

/** The lock held by the JobManager process `holder`, with entries `entriesIp` published in leader session `session`. */
function heldLock(holder: string, entriesIp: string, session: string, renewMs: number): ConfigMap {
  const cm = lock(entriesIp, renewMs);
  const annotations = cm.metadata.annotations!;
  const key = 'control-plane.alpha.kubernetes.io/leader';
  return {
    metadata: {
      ...cm.metadata,
      annotations: { ...annotations, [key]: annotations[key].replace(`uuid-${entriesIp}`, holder) },
    },
    data: Object.fromEntries(Object.entries(cm.data!).map(([k, v]) => [k, v.replace(/^s,/, `${session},`)])),
  };
}

/** A mounted, writable HA volume with room to spare. */
function healthyFs() {
  const files = new Map<string, Buffer>();
  return {
    stat: async (p: string) => ({
      isDirectory: () => true,
      dev: p === '/mnt/ha' ? 2 : 1,
      uid: 9999,
      gid: 9999,
      mode: 0o40775,
    }),
    statfs: async () => ({ bavail: 1e6, bsize: 4096, blocks: 2e6 }),
    writeDurably: async (p: string, data: Buffer) => {
      files.set(p, data);
    },
    readFile: async (p: string) => files.get(p) ?? Buffer.from(''),
    unlink: async (p: string) => {
      files.delete(p);
    },
  };
}

function setup() {
  const api = new FakeKube();
  const clock = new FakeClock();
  api.addPod('jm-a', { [ROLE_LABEL]: 'unknown' }, '10.0.0.1');
  api.addPod('jm-b', { [ROLE_LABEL]: 'unknown' }, '10.0.0.2');
  const a = new HaAgent({ api, clock, log: silentLogger, config: config('jm-a', '10.0.0.1') });
  const b = new HaAgent({ api, clock, log: silentLogger, config: config('jm-b', '10.0.0.2') });
  /** Flink writes the lock; both agents see it through their watches. */
  const flink = (cm: ConfigMap | undefined) => {
    if (cm) api.putConfigMap(cm);
    else api.configMaps.delete('c-cluster-config-map');
    for (const agent of [a, b]) {
      agent.onConfigMap(cm);
      agent.onContact();
    }
  };
  return { api, clock, a, b, flink };
}

afterEach(() => jest.restoreAllMocks());

describe('HaAgent', () => {
  test('leader and standby: labels, Lease written by the leader only, metrics', async () => {
    const { api, clock, a, b, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    await b.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('leader');
    expect(api.label('jm-b', ROLE_LABEL)).toBe('standby');
    expect(api.leases.get('c-jobmanager-leader')!.spec.holderIdentity).toBe('jm-a');
    expect(a.metrics.get('flink_ha_agent_leader')).toBe(1);
    expect(b.metrics.get('flink_ha_agent_leader')).toBe(0);
    expect(b.metrics.get('flink_ha_agent_role', { role: 'standby' })).toBe(1);
    // Standbys never write the Lease.
    const writes = api.calls.filter((c) => c === 'createLease' || c === 'replaceLease');
    expect(writes).toEqual(['createLease']);
  });

  test('an election before the new leader publishes: the old leader steps down to unknown, not leader', async () => {
    const { api, clock, a, b, flink } = setup();
    const held = (holder: string, entriesIp: string, session: string) =>
      heldLock(holder, entriesIp, session, clock.now());
    flink(held('uuid-a', '10.0.0.1', 's1'));
    await a.tick();
    await b.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('leader');
    // jm-b's JobManager takes the lock; its address is not published yet.
    clock.advance(1000);
    flink(held('uuid-b', '10.0.0.1', 's1'));
    await a.tick();
    await b.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
    expect(api.label('jm-b', ROLE_LABEL)).toBe('unknown');
    expect(a.status().reason).toMatch(/has not published its address yet/);
    // It publishes: labels follow.
    clock.advance(200);
    flink(held('uuid-b', '10.0.0.2', 's2'));
    await a.tick();
    await b.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('standby');
    expect(api.label('jm-b', ROLE_LABEL)).toBe('leader');
  });

  test('the new leader publishing its dispatcher entry first does not end the wait: the REST entry decides', async () => {
    const { api, clock, a, b, flink } = setup();
    flink(heldLock('uuid-a', '10.0.0.1', 's1', clock.now()));
    await a.tick();
    await b.tick();
    // B takes the lock, then publishes its dispatcher entry; the REST entry still names A.
    flink(heldLock('uuid-b', '10.0.0.1', 's1', clock.now()));
    const partial = heldLock('uuid-b', '10.0.0.1', 's1', clock.now());
    const dispatcherOfB = heldLock('uuid-b', '10.0.0.2', 's2', clock.now()).data![
      'org.apache.flink.k8s.leader.dispatcher'
    ];
    flink({ ...partial, data: { ...partial.data, 'org.apache.flink.k8s.leader.dispatcher': dispatcherOfB } });
    await a.tick();
    await b.tick();
    expect([api.label('jm-a', ROLE_LABEL), api.label('jm-b', ROLE_LABEL)]).toEqual(['unknown', 'unknown']);
    // A removes its REST entry as it loses leadership: its dispatcher entry is gone too, B's is read.
    flink({ ...partial, data: { 'org.apache.flink.k8s.leader.dispatcher': dispatcherOfB } });
    await a.tick();
    await b.tick();
    expect([api.label('jm-a', ROLE_LABEL), api.label('jm-b', ROLE_LABEL)]).toEqual(['standby', 'leader']);
  });

  test("the old leader's REST entry removed while its dispatcher entry (same session) remains: still waiting", async () => {
    const { api, clock, a, b, flink } = setup();
    flink(heldLock('uuid-a', '10.0.0.1', 's1', clock.now()));
    await a.tick();
    await b.tick();
    const taken = heldLock('uuid-b', '10.0.0.1', 's1', clock.now());
    flink(taken);
    flink({
      ...taken,
      data: { 'org.apache.flink.k8s.leader.dispatcher': taken.data!['org.apache.flink.k8s.leader.dispatcher'] },
    });
    await a.tick();
    await b.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
  });

  test('a JobManager restarted in the same pod publishes a new session: stale until then', async () => {
    const { api, clock, a, flink } = setup();
    const held = (holder: string, session: string) => heldLock(holder, '10.0.0.1', session, clock.now());
    flink(held('uuid-1', 's1'));
    await a.tick();
    flink(held('uuid-2', 's1'));
    await a.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
    flink(held('uuid-2', 's2'));
    await a.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('leader');
  });

  test("a label changed behind the agent's back is repaired within the resync period", async () => {
    const { api, clock, a, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    await api.patchPodLabel('flink', 'jm-a', ROLE_LABEL, 'standby');
    clock.advance(LABEL_RESYNC_MS - 1000);
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('standby');
    clock.advance(2000);
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('leader');
    // A resync is not a role change: no Event for it.
    expect(api.events.filter((e) => e.reason === 'HARoleChanged')).toHaveLength(0);
  });

  test('labels are written only when the role changes', async () => {
    const { api, clock, a, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    await a.tick();
    await a.tick();
    expect(api.calls.filter((c) => c === 'patchPodLabel')).toHaveLength(1);
  });

  test('failover: leadership moves, labels and Lease follow, transitions counted, one Event', async () => {
    const { api, clock, a, b, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    await b.tick();
    clock.advance(20_000);
    flink(lock('10.0.0.2', clock.now()));
    await a.tick();
    await b.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('standby');
    expect(api.label('jm-b', ROLE_LABEL)).toBe('leader');
    expect(api.leases.get('c-jobmanager-leader')!.spec).toMatchObject({ holderIdentity: 'jm-b', leaseTransitions: 1 });
    expect(a.metrics.get('flink_ha_agent_leader_transitions_total')).toBe(1);
    expect(a.status().transitionsSeen).toBe(1);
    expect(api.events.filter((e) => e.reason === 'LeaderChanged' && e.involvedObject.name === 'jm-a')).toHaveLength(1);
    expect(
      api.events
        .filter((e) => e.reason === 'HARoleChanged')
        .map((e) => `${e.involvedObject.name}: ${e.message.split(':')[0]}`)
        .sort(),
    ).toEqual(['jm-a: ha-role leader -> standby', 'jm-b: ha-role standby -> leader']);
  });

  test('a stale lock makes every pod unknown: never two leaders', async () => {
    const { api, clock, a, b, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    await b.tick();
    clock.advance(25_000); // the leader stopped renewing; watches still deliver nothing new
    a.onContact();
    b.onContact();
    await a.tick();
    await b.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
    expect(api.label('jm-b', ROLE_LABEL)).toBe('unknown');
    expect(a.status().reason).toMatch(/last renewed 25 s ago/);
  });

  test('API unreachable for longer than the lease: unknown', async () => {
    const { api, clock, a, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    api.failing.set('getConfigMap', 503);
    clock.advance(16_000);
    await a.tick(); // the refresh GET fails; the label patch still reaches the (partly) available API
    expect(a.status().role).toBe(HaRole.UNKNOWN);
    expect(a.status().reason).toMatch(/no answer from the API server for 16 s/);
    expect(a.metrics.get('flink_ha_agent_api_errors_total', { op: 'get-configmap' })).toBe(1);
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
  });

  test('a failed label patch is retried on the next tick', async () => {
    const { api, clock, a, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    api.failing.set('patchPodLabel', 500);
    await a.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
    api.failing.delete('patchPodLabel');
    await a.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('leader');
  });

  test('the ConfigMap does not exist yet: unknown, ready', async () => {
    const { api, a, flink } = setup();
    expect(a.isReady()).toBe(false);
    flink(undefined);
    await a.tick();
    expect(a.isReady()).toBe(true);
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
    expect(a.status().reason).toMatch(/does not exist/);
  });

  test('shutdown drops the leader label', async () => {
    const { api, clock, a, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    await a.shutdown();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
  });

  test('shutdown: the Event, /status and metrics give the current reason, not the last decision', async () => {
    const { api, clock, a, b, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    await b.tick();
    await a.shutdown('SIGTERM');
    const moved = api.events.filter((e) => e.reason === 'HARoleChanged' && e.involvedObject.name === 'jm-a');
    expect(moved.map((e) => e.message)).toEqual([
      'ha-role leader -> unknown: the HA agent is stopping (SIGTERM): the pod leaves the leader Service',
    ]);
    expect(a.status()).toMatchObject({ role: 'unknown', reason: expect.stringMatching(/^the HA agent is stopping/) });
    expect(a.metrics.get('flink_ha_agent_leader')).toBe(0);
  });

  test('broken HA pointers: metric, one Event per distinct finding, status lists them', async () => {
    const { api, clock, flink } = setup();
    const files = new Set<string>();
    const agent = new HaAgent({
      api,
      clock,
      log: silentLogger,
      config: { ...config('jm-a', '10.0.0.1'), storagePath: '/mnt/ha' },
      fs: healthyFs(),
      exists: async (p) => files.has(p),
    });
    flink(
      lock('10.0.0.1', clock.now(), {
        [`jobGraph-${JOB}`]: stateHandle('file:/opt/flink/ha/c/submittedJobGraph0123456789ab'),
      }),
    );
    await agent.checkStorage();
    await agent.checkStorage();
    expect(agent.metrics.get('flink_ha_agent_broken_pointers')).toBe(1);
    expect(agent.status().brokenPointers[0]).toMatchObject({
      configMap: 'c-cluster-config-map',
      key: `jobGraph-${JOB}`,
      localPath: '/mnt/ha/c/submittedJobGraph0123456789ab',
    });
    expect(agent.status().jobs).toEqual([{ jobId: JOB, pointers: 1 }]);
    expect(api.events.filter((e) => e.reason === 'HAPointerBroken')).toHaveLength(1);
    files.add('/mnt/ha/c/submittedJobGraph0123456789ab');
    await agent.checkStorage();
    expect(agent.metrics.get('flink_ha_agent_broken_pointers')).toBe(0);
  });

  test('shutdown does not wait for a stuck pass: the label goes to unknown after a short wait', async () => {
    const { api, clock, a, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('leader');
    // The next pass hangs on a slow API server.
    clock.advance(10_000);
    api.getConfigMap = () => new Promise(() => undefined);
    void a.tick();
    const started = Date.now();
    await a.shutdown();
    expect(Date.now() - started).toBeGreaterThanOrEqual(SHUTDOWN_WAIT_MS - 50);
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
  });

  test('a pointer whose key Flink removes just after deleting its file is not reported (checkpoint subsumption)', async () => {
    const { api, clock, flink } = setup();
    const withPointer = lock('10.0.0.1', clock.now(), {
      [`jobGraph-${JOB}`]: stateHandle('file:/opt/flink/ha/c/submittedJobGraph0123456789ab'),
    });
    const agent = new HaAgent({
      api,
      clock,
      log: silentLogger,
      config: { ...config('jm-a', '10.0.0.1'), storagePath: '/mnt/ha' },
      fs: healthyFs(),
      // The file is gone; by the time the agent looks again, so is the key.
      exists: async () => {
        api.putConfigMap(lock('10.0.0.1', clock.now()));
        return false;
      },
    });
    flink(withPointer);
    await agent.checkStorage();
    expect(agent.metrics.get('flink_ha_agent_broken_pointers')).toBe(0);
    expect(api.events.filter((e) => e.reason === 'HAPointerBroken')).toHaveLength(0);
  });

  test('/status stays small however many broken pointers the cluster holds', async () => {
    const { api, clock, flink } = setup();
    const data: Record<string, string> = {};
    for (let i = 0; i < 800; i++) {
      const job = i.toString(16).padStart(32, '0');
      data[`jobGraph-${job}`] = stateHandle(`file:/opt/flink/ha/c/submittedJobGraph${job}`);
    }
    const agent = new HaAgent({
      api,
      clock,
      log: silentLogger,
      config: { ...config('jm-a', '10.0.0.1'), storagePath: '/mnt/ha' },
      fs: healthyFs(),
      exists: async () => false,
    });
    flink(lock('10.0.0.1', clock.now(), data));
    await agent.checkStorage();
    const status = agent.status();
    expect(status.brokenPointerCount).toBe(800);
    expect(status.brokenPointers).toHaveLength(50);
    expect(JSON.stringify(status).length).toBeLessThan(64 * 1024);
  });

  test('a hung volume is reported within the timeout, and no second check piles up behind it', async () => {
    const { api, clock } = setup();
    let release: () => void = () => undefined;
    let hang = true;
    let stats = 0;
    const volume = healthyFs();
    const fs = {
      ...volume,
      stat: async (p: string) => {
        stats++;
        if (hang)
          await new Promise<void>((r) => {
            release = r;
          });
        return volume.stat(p);
      },
    };
    const agent = new HaAgent({
      api,
      clock,
      log: silentLogger,
      config: { ...config('jm-a', '10.0.0.1'), storagePath: '/mnt/ha' },
      fs,
      storageTimeoutMs: 50,
    });
    await agent.checkStorage();
    expect(agent.metrics.get('flink_ha_agent_storage_healthy')).toBe(0);
    expect(agent.status().storage?.findings[0]).toMatchObject({
      code: 'hung',
      message: expect.stringContaining('/mnt/ha did not answer a storage check within 0.05 s'),
    });
    expect(api.events.filter((e) => e.reason === 'HAStorageUnhealthy')).toHaveLength(1);
    await agent.checkStorage();
    expect(stats).toBe(1);
    // The volume answers again: the stuck check finishes, and the next one reports health.
    hang = false;
    release();
    await flush();
    await agent.checkStorage();
    expect(agent.metrics.get('flink_ha_agent_storage_healthy')).toBe(1);
  });

  test('metrics text names every documented metric', async () => {
    const { clock, a, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    const text = a.metrics.render();
    for (const m of [
      'flink_ha_agent_leader',
      'flink_ha_agent_role',
      'flink_ha_agent_leader_transitions_total',
      'flink_ha_agent_last_leader_change_timestamp_seconds',
      'flink_ha_agent_lease_renew_age_seconds',
      'flink_ha_agent_broken_pointers',
    ]) {
      expect(text).toContain(`# TYPE ${m} `);
    }
    expect(text).toContain('flink_ha_agent_role{role="leader"} 1');
    expect(text).toMatch(/^flink_ha_agent_leader 1$/m);
  });

  test.each([
    ['a label write', 'patchPodLabel', 'patch-pod'],
    ['a Lease write', 'createLease', 'lease'],
  ] as const)(
    '%s that hangs: the pass goes on, /healthz fails past the deadline, no pile-up',
    async (_what, call, op) => {
      const { api, clock, flink } = setup();
      const agent = new HaAgent({
        api,
        clock,
        log: silentLogger,
        config: config('jm-a', '10.0.0.1'),
        apiTimeoutMs: 50,
      });
      let release: () => void = () => undefined;
      let calls = 0;
      const real = (api[call] as (...args: unknown[]) => Promise<unknown>).bind(api);
      (api as unknown as Record<string, unknown>)[call] = async (...args: unknown[]) => {
        calls++;
        await new Promise<void>((r) => (release = r));
        return real(...args);
      };
      flink(lock('10.0.0.1', clock.now()));
      agent.onConfigMap(api.configMaps.get('c-cluster-config-map'));
      agent.onContact();
      const started = Date.now();
      await agent.tick();
      expect(Date.now() - started).toBeLessThan(1000);
      expect(agent.healthy()).toBe(false);
      expect(agent.status().hungCalls).toEqual([op]);
      expect(agent.metrics.get('flink_ha_agent_api_errors_total', { op })).toBe(1);
      // The next pass does not send a second write behind the hung one.
      clock.advance(6000);
      flink(lock('10.0.0.1', clock.now()));
      agent.onConfigMap(api.configMaps.get('c-cluster-config-map'));
      await agent.tick();
      expect(calls).toBe(1);
      // The write comes back: healthy again.
      release();
      await flush();
      expect(agent.healthy()).toBe(true);
      expect(agent.status().hungCalls).toEqual([]);
    },
  );

  test('a label write the client cuts off at its deadline: unhealthy until a write goes through', async () => {
    const { api, clock, a, flink } = setup();
    const patch = api.patchPodLabel.bind(api);
    let timingOut = true;
    api.patchPodLabel = async (...args) => {
      if (timingOut)
        throw Object.assign(new Error('PATCH /api/v1/.../pods/jm-a: timed out after 10 s'), { name: 'TimeoutError' });
      return patch(...args);
    };
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    expect(a.healthy()).toBe(false);
    expect(a.status().hungCalls).toEqual(['patch-pod']);
    timingOut = false;
    await a.tick();
    expect(a.healthy()).toBe(true);
  });

  test('a write the API server refuses (not a hang) leaves the agent healthy', async () => {
    const { api, clock, a, flink } = setup();
    api.failing.set('patchPodLabel', 403);
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    expect(a.healthy()).toBe(true);
  });

  test('liveness fails only when the loop stalls', async () => {
    const { clock, a } = setup();
    expect(a.healthy()).toBe(true);
    clock.advance(61_000);
    expect(a.healthy()).toBe(false);
    await a.tick();
    expect(a.healthy()).toBe(true);
  });

  test('overlapping passes are serialized: the newest state wins the label', async () => {
    const { api, clock, a, flink } = setup();
    const order: string[] = [];
    const patch = api.patchPodLabel.bind(api);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    api.patchPodLabel = async (ns, name, key, value) => {
      order.push(`start ${value}`);
      if (order.length === 1) await gate; // the first patch is slow
      await patch(ns, name, key, value);
      order.push(`end ${value}`);
    };
    flink(lock('10.0.0.1', clock.now()));
    const first = a.tick();
    await flush();
    flink(lock('10.0.0.2', clock.now()));
    const second = a.tick();
    release();
    await Promise.all([first, second]);
    expect(order).toEqual(['start leader', 'end leader', 'start standby', 'end standby']);
    expect(api.label('jm-a', ROLE_LABEL)).toBe('standby');
  });

  test('shutdown during a pass: the pass finishes, then the label is unknown and stays so', async () => {
    const { api, clock, a, flink } = setup();
    const patch = api.patchPodLabel.bind(api);
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let calls = 0;
    api.patchPodLabel = async (ns, name, key, value) => {
      if (calls++ === 0) await gate;
      await patch(ns, name, key, value);
    };
    flink(lock('10.0.0.1', clock.now()));
    const pass = a.tick();
    await flush();
    const down = a.shutdown();
    release();
    await Promise.all([pass, down]);
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
    await a.tick();
    expect(api.label('jm-a', ROLE_LABEL)).toBe('unknown');
    // A stopping agent does not renew the Lease either.
    expect(api.calls.filter((c) => c === 'createLease' || c === 'replaceLease')).toEqual([]);
  });

  test('a steady leader renews the Lease once per retry period with one request, however often Flink writes', async () => {
    const { api, clock, a, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    api.calls.length = 0;
    // 30 s of Flink renewing every second; each renewal is a watch event and a pass.
    for (let i = 0; i < 30; i++) {
      clock.advance(1000);
      flink(lock('10.0.0.1', clock.now()));
      await a.tick();
    }
    const writes = api.calls.filter((c) => c === 'replaceLease').length;
    expect(writes).toBeGreaterThanOrEqual(5);
    expect(writes).toBeLessThanOrEqual(7); // every 5 s (a third of 15 s)
    expect(api.calls.filter((c) => c === 'getLease')).toEqual([]);
    expect(api.calls.filter((c) => c === 'patchPodLabel')).toEqual([]);
  });

  test('a 409 on renewal: re-read and retry once while still leader', async () => {
    const { api, clock, a, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    // Someone (a human, an old agent) rewrites the Lease behind our back.
    const l = api.leases.get('c-jobmanager-leader')!;
    api.leases.set('c-jobmanager-leader', {
      ...l,
      metadata: { ...l.metadata, resourceVersion: api.nextRv() },
      spec: { ...l.spec, holderIdentity: 'someone-else', acquireTime: microTime(clock.now() - 60_000) },
    });
    api.calls.length = 0;
    clock.advance(6000);
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    expect(api.calls.filter((c) => /Lease$/.test(c))).toEqual(['replaceLease', 'getLease', 'replaceLease']);
    expect(api.leases.get('c-jobmanager-leader')!.spec).toMatchObject({ holderIdentity: 'jm-a', leaseTransitions: 1 });
  });

  test('leadership leaves and comes back within a renewal period: the Lease follows at once', async () => {
    const { api, clock, a, b, flink } = setup();
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    await b.tick();
    clock.advance(500);
    flink(lock('10.0.0.2', clock.now()));
    await a.tick();
    await b.tick();
    expect(api.leases.get('c-jobmanager-leader')!.spec.holderIdentity).toBe('jm-b');
    clock.advance(500);
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    await b.tick();
    expect(api.leases.get('c-jobmanager-leader')!.spec).toMatchObject({ holderIdentity: 'jm-a', leaseTransitions: 2 });
  });

  test("kill -9 of the leading JobManager: the Lease keeps Flink's last renewal and goes stale with the lock", async () => {
    const { api, clock, a, flink } = setup();
    for (let i = 0; i < 4; i++) {
      flink(lock('10.0.0.1', clock.now()));
      await a.tick();
      clock.advance(5000);
    }
    const lastRenewal = clock.now() - 5000;
    // Flink is gone: no more renewals. The agent keeps running, and keeps its API contact.
    for (let i = 0; i < 6; i++) {
      clock.advance(3000);
      a.onContact();
      await a.tick();
      const spec = api.leases.get('c-jobmanager-leader')!.spec;
      expect(spec.renewTime).toBe(microTime(lastRenewal));
      expect(spec.leaseDurationSeconds).toBe(15);
    }
    // The lock itself: acquired 60 s before each renewal in this fixture, as Flink wrote it.
    expect(api.leases.get('c-jobmanager-leader')!.spec.acquireTime).toBe(microTime(lastRenewal - 60_000));
  });

  test("the Lease takes lease duration and times from Flink's record, read leniently, written as MicroTime", async () => {
    const { api, clock, a, flink } = setup();
    const cm = lock('10.0.0.1', clock.now());
    const key = 'control-plane.alpha.kubernetes.io/leader';
    const record = {
      holderIdentity: 'uuid-10.0.0.1',
      leaseDuration: 'PT20S',
      acquireTime: '2025-12-31T23:59:00.123456789Z',
      renewTime: '2026-01-01T01:00:00.5+01:00',
      leaderTransitions: 4,
    };
    flink({ ...cm, metadata: { ...cm.metadata, annotations: { [key]: JSON.stringify(record) } } });
    await a.tick();
    expect(api.leases.get('c-jobmanager-leader')!.spec).toMatchObject({
      holderIdentity: 'jm-a',
      leaseDurationSeconds: 20,
      acquireTime: '2025-12-31T23:59:00.123000Z',
      renewTime: '2026-01-01T00:00:00.500000Z',
    });
  });

  test('a pre-created Lease from the future with a huge duration does not keep the leader out', async () => {
    const { api, clock, a, flink } = setup();
    api.leases.set('c-jobmanager-leader', {
      metadata: { name: 'c-jobmanager-leader', resourceVersion: '1' },
      spec: {
        holderIdentity: 'squatter',
        leaseDurationSeconds: 2 ** 31 - 1,
        acquireTime: '2100-01-01T00:00:00.000000Z',
        renewTime: '2100-01-01T00:00:00.000000Z',
        leaseTransitions: 7,
      },
    });
    flink(lock('10.0.0.1', clock.now()));
    await a.tick();
    expect(api.leases.get('c-jobmanager-leader')!.spec).toMatchObject({ holderIdentity: 'jm-a', leaseTransitions: 8 });
  });

  test('a standby reading a Lease without a spec still answers /status', async () => {
    const { api, clock, b, flink } = setup();
    api.leases.set('c-jobmanager-leader', { metadata: { name: 'c-jobmanager-leader', resourceVersion: '1' } } as never);
    flink(lock('10.0.0.1', clock.now()));
    await b.tick();
    await b.checkStorage();
    expect(b.status()).toMatchObject({ role: 'standby', lease: { name: 'c-jobmanager-leader' } });
  });

  test('run() with a lease of days: no timer longer than a tick period, none at zero; stays healthy', async () => {
    const api = new FakeKube();
    api.addPod('jm-a', {}, '10.0.0.1');
    const clock = new ManualClock();
    api.putConfigMap(lock('10.0.0.1', clock.now()));
    const days = { ...config('jm-a', '10.0.0.1'), leaseDurationSeconds: 86_400 };
    const agent = new HaAgent({ api, clock, log: silentLogger, config: days });
    const controller = new AbortController();
    const running = agent.run(controller.signal);
    await flush();
    for (let minute = 0; minute < 10; minute++) {
      expect(Math.max(...clock.pendingDelays)).toBeLessThanOrEqual(60_000);
      expect(Math.min(...clock.pendingDelays)).toBeGreaterThan(0);
      await clock.advance(60_000, 1000);
      expect(agent.healthy()).toBe(true);
    }
    controller.abort();
    await running;
  });

  test('standbys never write the Lease, whatever it says', async () => {
    const { api, clock, b, flink } = setup();
    api.leases.set('c-jobmanager-leader', {
      metadata: { name: 'c-jobmanager-leader', resourceVersion: '1' },
      spec: { holderIdentity: 'gone-pod' },
    });
    for (let i = 0; i < 10; i++) {
      clock.advance(5000);
      flink(lock('10.0.0.1', clock.now()));
      await b.tick();
    }
    expect(api.calls.filter((c) => c === 'createLease' || c === 'replaceLease')).toEqual([]);
    expect(api.leases.get('c-jobmanager-leader')!.spec.holderIdentity).toBe('gone-pod');
  });

  test('run(): a job change that arrives while a storage check runs still brings the next check forward', async () => {
    const api = new FakeKube();
    api.addPod('jm-a', {}, '10.0.0.1');
    const clock = new ManualClock();
    let checks = 0;
    let release: () => void = () => undefined;
    const check = StorageMonitor.prototype.check;
    jest.spyOn(StorageMonitor.prototype, 'check').mockImplementation(async function (this: StorageMonitor) {
      if (++checks === 1)
        await new Promise<void>((r) => {
          release = r;
        });
      return check.call(this);
    });
    api.putConfigMap(lock('10.0.0.1', clock.now()));
    const agent = new HaAgent({ api, clock, log: silentLogger, config: config('jm-a', '10.0.0.1') });
    const controller = new AbortController();
    const running = agent.run(controller.signal);
    await flush();
    expect(checks).toBe(1);
    // The first check is still reading when a job is submitted.
    agent.onConfigMap(api.putConfigMap(lock('10.0.0.1', clock.now(), { [`jobGraph-${JOB}`]: 'AAAA' })));
    release();
    await flush();
    await clock.advance(2500);
    expect(checks).toBe(2);
    controller.abort();
    await running;
  });

  test('run(): keeps ticking, checks storage at its interval and soon after job pointers change', async () => {
    const api = new FakeKube();
    api.addPod('jm-a', {}, '10.0.0.1');
    const clock = new ManualClock();
    const checks = jest.spyOn(StorageMonitor.prototype, 'check');
    api.putConfigMap(lock('10.0.0.1', clock.now()));
    const agent = new HaAgent({ api, clock, log: silentLogger, config: config('jm-a', '10.0.0.1') });
    const controller = new AbortController();
    const running = agent.run(controller.signal);
    await flush();
    const storageChecks = () => checks.mock.calls.length;
    expect(agent.isReady()).toBe(true);
    expect(api.label('jm-a', ROLE_LABEL)).toBe('leader');
    expect(storageChecks()).toBe(1);

    await clock.advance(10_000);
    expect(storageChecks()).toBe(1);
    // A job is submitted: its graph pointer appears in the lock ConfigMap.
    const flink = (cm: ConfigMap) => agent.onConfigMap(api.putConfigMap(cm));
    flink(lock('10.0.0.1', clock.now(), { [`jobGraph-${JOB}`]: 'AAAA' }));
    await clock.advance(1000);
    expect(storageChecks()).toBe(1); // debounced
    await clock.advance(1500);
    expect(storageChecks()).toBe(2);
    await clock.advance(30_000);
    expect(storageChecks()).toBe(3);
    // Renewals alone (no pointer change) do not trigger checks.
    flink(lock('10.0.0.1', clock.now(), { [`jobGraph-${JOB}`]: 'AAAA' }));
    await clock.advance(5000);
    expect(storageChecks()).toBe(3);
    expect(agent.healthy()).toBe(true); // 48 s in: the loop kept ticking

    controller.abort();
    await running;
  });
});
