import * as fc from 'fast-check';
import { HaAgent } from '../../src/agent/agent';
import { AgentConfig } from '../../src/agent/config';
import { ROLE_LABEL } from '../../src/agent/contract';
import { ConfigMap } from '../../src/agent/kube/kube-api';
import { silentLogger } from '../../src/agent/runtime/log';
import { microTime } from '../../src/agent/lease/microtime';
import { configureSeed, runs } from '../support/fc-seed';
import { FakeClock, FakeKube } from './support/fake-kube';

const seed = configureSeed();
const PODS = ['jm-0', 'jm-1', 'jm-2'];
const ip = (k: number) => `10.0.0.${k + 1}`;

/** One published leader entry: whose address, in which term, with which leader session id. */
interface Entry {
  pod: number;
  term: number;
  session: number;
}

/**
 * Flink's side: who holds the lock and in which term (a new term with every election),
 * the REST server's and the dispatcher's entries (each leader publishes them one by one,
 * in either order, with one session id per term), when the lock was renewed.
 */
interface Flink {
  holder: number;
  term: number;
  rest: Entry;
  dispatcher: Entry;
  renewedAt: number;
}

function lockOf(f: Flink): ConfigMap {
  const data: Record<string, string> = {};
  data['org.apache.flink.k8s.leader.restserver'] = `s${f.rest.session},http://${ip(f.rest.pod)}:8081`;
  data['org.apache.flink.k8s.leader.dispatcher'] =
    `s${f.dispatcher.session},pekko.tcp://flink@${ip(f.dispatcher.pod)}:6123/user/rpc/dispatcher_1`;
  return {
    metadata: {
      name: 'c-cluster-config-map',
      annotations: {
        'control-plane.alpha.kubernetes.io/leader': JSON.stringify({
          holderIdentity: `uuid-${f.holder}`,
          leaseDuration: 15,
          renewTime: microTime(f.renewedAt),
          leaderTransitions: 0,
        }),
      },
    },
    data,
  };
}

type Step =
  | { kind: 'elect'; pod: number }
  | { kind: 'publish'; entry: 'rest' | 'dispatcher' }
  | { kind: 'renew' }
  | { kind: 'deliver'; agent: number }
  | { kind: 'tick'; agent: number }
  | { kind: 'advance'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('elect' as const), pod: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('publish' as const), entry: fc.constantFrom('rest' as const, 'dispatcher' as const) }),
  fc.constant<Step>({ kind: 'renew' }),
  fc.record({ kind: fc.constant('deliver' as const), agent: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('tick' as const), agent: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 100, max: 25_000 }) }),
);

/**
 * Each agent's watch delivers every state of Flink's ConfigMap, in order, each agent at its
 * own pace within an instant; by the time the clock moves, every watch has caught up.
 * (After a relist an agent may miss states; then it can only judge the state it sees, a
 * limit the README states.)
 */
test(`random elections, publications and late deliveries: once every agent has caught up, labels match Flink (seed ${seed})`, async () => {
  await fc.assert(
    fc.asyncProperty(fc.array(step, { maxLength: 40 }), async (steps) => {
      const api = new FakeKube();
      const clock = new FakeClock();
      PODS.forEach((pod, k) => api.addPod(pod, { [ROLE_LABEL]: 'unknown' }, ip(k)));
      const config = (k: number): AgentConfig => ({
        podName: PODS[k],
        namespace: 'flink',
        podIp: ip(k),
        clusterId: 'c',
        haClusterId: 'c',
        storageDir: 's3://b/ha',
        leaseName: 'c-jobmanager-leader',
        leaseDurationSeconds: 15,
        port: 0,
        storageIntervalSeconds: 30,
        minFreeBytes: 0,
        flinkUid: 9999,
        flinkGid: 9999,
      });
      const agents = PODS.map((_, k) => new HaAgent({ api, clock, log: silentLogger, config: config(k) }));
      let session = 1;
      const flink: Flink = {
        holder: 0,
        term: 1,
        rest: { pod: 0, term: 1, session },
        dispatcher: { pod: 0, term: 1, session },
        renewedAt: clock.now(),
      };
      const sessionOfTerm = new Map<number, number>([[1, session]]);
      const queues: ConfigMap[][] = agents.map(() => []);
      const write = () => {
        api.putConfigMap(lockOf(flink));
        for (const q of queues) q.push(lockOf(flink));
      };
      const deliver = (k: number) => {
        const next = queues[k].shift();
        if (next) agents[k].onConfigMap(next);
        agents[k].onContact();
      };
      // Every agent lists the ConfigMap when it starts.
      write();
      agents.forEach((_, k) => deliver(k));
      for (const s of steps) {
        if (s.kind === 'elect' && s.pod !== flink.holder) {
          Object.assign(flink, { holder: s.pod, term: flink.term + 1, renewedAt: clock.now() });
          write();
        } else if (s.kind === 'publish' && flink[s.entry].term !== flink.term) {
          if (!sessionOfTerm.has(flink.term)) sessionOfTerm.set(flink.term, ++session);
          flink[s.entry] = { pod: flink.holder, term: flink.term, session: sessionOfTerm.get(flink.term)! };
          write();
        } else if (s.kind === 'renew') {
          flink.renewedAt = clock.now();
          write();
        } else if (s.kind === 'deliver') deliver(s.agent);
        else if (s.kind === 'tick') await agents[s.agent].tick();
        else if (s.kind === 'advance') {
          agents.forEach((_, k) => {
            while (queues[k].length) deliver(k);
          });
          clock.advance(s.ms);
        }
      }
      // Flink renews; every agent catches up and decides.
      flink.renewedAt = clock.now();
      write();
      for (let k = 0; k < agents.length; k++) {
        while (queues[k].length) deliver(k);
        await agents[k].tick();
      }
      const labels = PODS.map((pod) => api.label(pod, ROLE_LABEL));
      expect(labels.filter((l) => l === 'leader').length).toBeLessThanOrEqual(1);
      if (flink.rest.term === flink.term) {
        // The holder has published: its pod leads, the others stand by.
        expect(labels).toEqual(PODS.map((_, k) => (k === flink.holder ? 'leader' : 'standby')));
        expect(api.leases.get('c-jobmanager-leader')?.spec.holderIdentity).toBe(PODS[flink.holder]);
      } else {
        // The REST entry, which names the leader, is from an older term: nobody may claim to lead on it.
        expect(labels[flink.rest.pod]).not.toBe('leader');
      }
    }),
    { numRuns: runs(300) },
  );
});
