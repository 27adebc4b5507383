import { hostOf, leaderIp, parseLeaderEntries } from '../../../src/agent/election/leader-entries';

const P = 'org.apache.flink.k8s.leader.';
const JOB = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('parseLeaderEntries', () => {
  test.each([
    [
      '1.19+ pekko, job- prefix',
      {
        [`${P}restserver`]: 'b6a7e8c1-0000-4000-8000-000000000001,http://10.0.0.5:8081',
        [`${P}dispatcher`]:
          'b6a7e8c1-0000-4000-8000-000000000002,pekko.tcp://flink@10.0.0.5:6123/user/rpc/dispatcher_1',
        [`${P}resourcemanager`]: 's3,pekko.tcp://flink@10.0.0.5:6123/user/rpc/resourcemanager_0',
        [`${P}job-${JOB}`]: 's4,pekko.tcp://flink@10.0.0.5:6123/user/rpc/jobmanager_2',
      },
      '10.0.0.5',
      [JOB],
    ],
    [
      '1.15-1.18 akka, no job- prefix',
      {
        [`${P}dispatcher`]: 's,akka.tcp://flink@10.0.0.6:6123/user/rpc/dispatcher_1',
        [`${P}${JOB}`]: 's,akka.tcp://flink@10.0.0.6:6123/user/rpc/jobmanager_2',
      },
      '10.0.0.6',
      [JOB],
    ],
    ['IPv6 REST address', { [`${P}restserver`]: 's,http://[fd00::5]:8081' }, 'fd00::5', []],
    ['revoked leadership (empty values)', { [`${P}restserver`]: '', [`${P}dispatcher`]: '' }, undefined, []],
    ['no leader keys at all', { 'jobGraph-x': 'abc' }, undefined, []],
  ])('%s', (_name, data, ip, jobs) => {
    const e = parseLeaderEntries(data);
    expect(leaderIp(e)).toBe(ip);
    expect(Object.keys(e.jobs)).toEqual(jobs);
    expect(e.problems).toEqual([]);
  });

  test('an address with a comma keeps everything after the first comma', () => {
    expect(parseLeaderEntries({ [`${P}restserver`]: 's,http://10.0.0.7:8081/a,b' }).restserver).toEqual({
      key: `${P}restserver`,
      sessionId: 's',
      address: 'http://10.0.0.7:8081/a,b',
      host: '10.0.0.7',
    });
  });

  test.each([
    ['no comma', { [`${P}restserver`]: 'http://10.0.0.5:8081' }, /no "," between session id and address/],
    ['empty address', { [`${P}restserver`]: 'session,' }, /empty address/],
    ['unknown component', { [`${P}webmonitor`]: 's,http://x:1' }, /unknown leader component "webmonitor"/],
  ])('problems are reported: %s', (_name, data, problem) => {
    const e = parseLeaderEntries(data);
    expect(e.problems).toEqual([expect.stringMatching(problem)]);
    expect(leaderIp(e)).toBeUndefined();
  });
});

test.each([
  ['http://10.1.2.3:8081', '10.1.2.3'],
  ['pekko.tcp://flink@10.1.2.3:6123/user/rpc/dispatcher_1', '10.1.2.3'],
  ['akka.tcp://flink@jm-0.svc:6123/user', 'jm-0.svc'],
  ['not an address', undefined],
])('hostOf(%s)', (address, host) => {
  expect(hostOf(address)).toBe(host);
});

describe('hostile leader entries', () => {
  test('a huge value is a short problem, not a copy of the value', () => {
    const e = parseLeaderEntries({ [`${P}restserver`]: 'x'.repeat(1 << 20) });
    expect(e.restserver).toBeUndefined();
    expect(e.problems).toHaveLength(1);
    expect(e.problems[0].length).toBeLessThan(200);
  });

  test('thousands of bad entries: problems are listed up to a limit', () => {
    const data: Record<string, string> = {};
    for (let i = 0; i < 5000; i++) data[`${P}bogus-${i}`] = 's,http://10.0.0.1:8081';
    const e = parseLeaderEntries(data);
    expect(e.problems.length).toBeLessThanOrEqual(21);
    expect(e.problems[e.problems.length - 1]).toBe('... and 4980 more problems');
  });

  test('prototype names as components are just unknown components', () => {
    const e = parseLeaderEntries({ [`${P}__proto__`]: 's,http://10.0.0.1:8081', [`${P}constructor`]: 's,http://x:1' });
    expect(e.problems).toHaveLength(2);
    expect(leaderIp(e)).toBeUndefined();
  });
});
