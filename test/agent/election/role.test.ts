import { HaRole } from '../../../src/agent/contract';
import { parseLeaderEntries } from '../../../src/agent/election/leader-entries';
import { LeaderRecord } from '../../../src/agent/election/leader-record';
import { decideRole, RoleInput } from '../../../src/agent/election/role';

const NOW = Date.parse('2026-01-01T00:01:00Z');
const fresh: LeaderRecord = {
  kind: 'ok',
  holderIdentity: 'uuid',
  leaseDurationSeconds: 15,
  renewTime: NOW - 3000,
  leaderTransitions: 1,
};
const entries = (ip: string) => parseLeaderEntries({ 'org.apache.flink.k8s.leader.restserver': `s,http://${ip}:8081` });
const base: RoleInput = {
  configMapFound: true,
  record: fresh,
  entries: entries('10.0.0.1'),
  podIp: '10.0.0.1',
  now: NOW,
  lastApiContact: NOW - 1000,
  leaseDurationSeconds: 15,
};

test.each<[string, Partial<RoleInput>, HaRole, RegExp]>([
  ['own IP leads, lock fresh', {}, HaRole.LEADER, /this pod's IP 10\.0\.0\.1/],
  ['another IP leads', { podIp: '10.0.0.2' }, HaRole.STANDBY, /the leader is 10\.0\.0\.1/],
  [
    'dispatcher entry when REST has none',
    {
      entries: parseLeaderEntries({
        'org.apache.flink.k8s.leader.dispatcher': 's,pekko.tcp://flink@10.0.0.1:6123/user/rpc/dispatcher_1',
      }),
    },
    HaRole.LEADER,
    /10\.0\.0\.1/,
  ],
  [
    'renewed in the future beyond clock skew: forged or clocks apart',
    { record: { ...fresh, renewTime: NOW + 3_600_000 } },
    HaRole.UNKNOWN,
    /renewTime is 3600 s ahead of this agent's clock/,
  ],
  ['renewed a little ahead (clock skew)', { record: { ...fresh, renewTime: NOW + 2000 } }, HaRole.LEADER, /leader/],
  [
    'a huge lease duration in the record counts only up to a day',
    { record: { ...fresh, leaseDurationSeconds: 1e9, renewTime: NOW - 90_000_000 } },
    HaRole.UNKNOWN,
    /lease 86400 s/,
  ],
  [
    'lock stale beyond lease + margin',
    { record: { ...fresh, renewTime: NOW - 21_000 } },
    HaRole.UNKNOWN,
    /last renewed 21 s ago/,
  ],
  ['lock old but within margin', { record: { ...fresh, renewTime: NOW - 19_000 } }, HaRole.LEADER, /this pod/],
  [
    'API unreachable longer than the lease',
    { lastApiContact: NOW - 16_000 },
    HaRole.UNKNOWN,
    /no answer from the API server for 16 s/,
  ],
  ['API never answered', { lastApiContact: undefined }, HaRole.UNKNOWN, /no answer from the API server yet/],
  ['ConfigMap missing', { configMapFound: false }, HaRole.UNKNOWN, /does not exist/],
  ['annotation missing', { record: { kind: 'missing' } }, HaRole.UNKNOWN, /no leader annotation/],
  [
    'annotation unreadable',
    { record: { kind: 'unparseable', reason: 'not JSON', raw: 'x' } },
    HaRole.UNKNOWN,
    /unreadable: not JSON/,
  ],
  ['released lock', { record: { ...fresh, holderIdentity: '' } }, HaRole.UNKNOWN, /released/],
  ['no renew time', { record: { ...fresh, renewTime: undefined } }, HaRole.UNKNOWN, /no readable renewTime/],
  [
    'no leader entries',
    { entries: parseLeaderEntries({}) },
    HaRole.UNKNOWN,
    /no restserver or dispatcher leader entry/,
  ],
  [
    "new lock holder, entries still the previous leader's",
    { entriesFromPreviousHolder: true },
    HaRole.UNKNOWN,
    /has not published its address yet; the entries still name the previous leader 10\.0\.0\.1/,
  ],
  [
    'record lease longer than ours is honoured',
    { record: { ...fresh, leaseDurationSeconds: 60, renewTime: NOW - 40_000 } },
    HaRole.LEADER,
    /this pod/,
  ],
])('%s', (_name, override, role, reason) => {
  const d = decideRole({ ...base, ...override });
  expect(d.role).toBe(role);
  expect(d.reason).toMatch(reason);
});

test('never two leaders: two pods deciding on the same state', () => {
  for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) {
    const roles = ['10.0.0.1', '10.0.0.2', '10.0.0.3'].map(
      (podIp) => decideRole({ ...base, entries: entries(ip), podIp }).role,
    );
    expect(roles.filter((r) => r === HaRole.LEADER)).toHaveLength(1);
  }
});
