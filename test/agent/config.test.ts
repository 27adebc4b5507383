import { configFromEnv } from '../../src/agent/config';

const env = {
  POD_NAME: 'jm-0',
  POD_NAMESPACE: 'flink',
  POD_IP: '10.0.0.1',
  FLINK_CLUSTER_ID: 'c',
  FLINK_HA_STORAGE_DIR: 'file:///opt/flink/ha',
};

describe('configFromEnv', () => {
  test('defaults', () => {
    expect(configFromEnv(env)).toMatchObject({
      haClusterId: 'c',
      leaseName: 'c-jobmanager-leader',
      leaseDurationSeconds: 15,
      port: 8090,
      storagePath: undefined,
      flinkUid: 9999,
    });
  });
  test('names every problem at once', () => {
    expect(() =>
      configFromEnv({ ...env, POD_IP: '', FLINK_CLUSTER_ID: undefined, HA_AGENT_LEASE_DURATION_SECONDS: 'abc' }),
    ).toThrow(
      'invalid agent environment: FLINK_CLUSTER_ID is required; POD_IP is required; HA_AGENT_LEASE_DURATION_SECONDS="abc" must be a number >= 1',
    );
  });
  test.each([
    [{ POD_IP: 'jm-0.flink' }, 'POD_IP="jm-0.flink" is not an IP address'],
    [{ HA_AGENT_PORT: '70000' }, 'HA_AGENT_PORT="70000" must be a number >= 0 and <= 65535'],
    [{ FLINK_HA_STORAGE_DIR: '' }, 'FLINK_HA_STORAGE_DIR is required'],
    [{ FLINK_CLUSTER_ID: 'c,type=x' }, 'FLINK_CLUSTER_ID="c,type=x" must be a Flink cluster id'],
    [{ FLINK_CLUSTER_ID: 'c'.repeat(46) }, 'must be a Flink cluster id: at most 45'],
    [{ POD_NAMESPACE: 'Flink' }, 'POD_NAMESPACE="Flink" must be a Kubernetes namespace'],
    [{ POD_NAME: '../x' }, 'POD_NAME="../x" must be a Kubernetes object name'],
    [{ HA_AGENT_LEASE_NAME: 'a b' }, 'HA_AGENT_LEASE_NAME="a b" must be a Kubernetes object name'],
  ])('rejects %j', (bad, message) => {
    expect(() => configFromEnv({ ...env, ...bad })).toThrow(message);
  });
  test('durations: a lease of days is held to one day (with a warning), intervals must be sane', () => {
    const days = configFromEnv({ ...env, HA_AGENT_LEASE_DURATION_SECONDS: String(3 * 86_400) });
    expect(days.leaseDurationSeconds).toBe(86_400);
    expect(days.warnings).toEqual([
      'HA_AGENT_LEASE_DURATION_SECONDS=259200 is more than a day; the agent uses 86400 s',
    ]);
    expect(() => configFromEnv({ ...env, HA_AGENT_STORAGE_INTERVAL_SECONDS: '1e12' })).toThrow(
      'HA_AGENT_STORAGE_INTERVAL_SECONDS="1e12" must be a number >= 1 and <= 86400',
    );
    expect(() => configFromEnv({ ...env, HA_AGENT_PORT: '80.5' })).toThrow('HA_AGENT_PORT="80.5" must be an integer');
  });

  test('IPv6 pod IPs and optional settings', () => {
    expect(
      configFromEnv({
        ...env,
        POD_IP: 'fd00::5',
        FLINK_HA_STORAGE_PATH: '/mnt/ha',
        FLINK_HA_CLUSTER_ID: 'other',
        HA_AGENT_LEASE_NAME: 'x',
      }),
    ).toMatchObject({ podIp: 'fd00::5', storagePath: '/mnt/ha', haClusterId: 'other', leaseName: 'x' });
  });
});
