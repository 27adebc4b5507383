import { ConfigMap } from '../../../src/agent/kube/kube-api';
import { ApiLink } from '../../../src/agent/runtime/api-link';
import { StorageMonitor } from '../../../src/agent/storage/storage-monitor';
import { FakeClock, FakeKube } from '../support/fake-kube';
import { stateHandle } from '../support/state-handle';

const JOB = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';
const HA = { app: 'c', type: 'flink-native-kubernetes' };

function setup(lockView?: () => ConfigMap | undefined) {
  const api = new FakeKube();
  const clock = new FakeClock();
  const monitor = new StorageMonitor({
    api,
    clock,
    link: new ApiLink(clock, (op, e) => {
      throw new Error(`${op}: ${(e as Error).message}`);
    }),
    lock: lockView ?? (() => undefined),
    namespace: 'flink',
    clusterId: 'c',
    podName: 'jm-0',
    storageDir: 'file:///opt/flink/ha',
    flinkUid: 9999,
    flinkGid: 9999,
    minFreeBytes: 0,
  });
  return { api, monitor };
}

describe('StorageMonitor', () => {
  test("reads the lock and each job's ConfigMap by name, never what merely carries Flink's labels", async () => {
    const { api, monitor } = setup();
    api.putConfigMap({
      metadata: { name: 'c-cluster-config-map', labels: HA },
      data: { [`jobGraph-${JOB}`]: stateHandle('file:/opt/flink/ha/c/submittedJobGraph0123456789ab') },
    });
    api.putConfigMap({
      metadata: { name: `c-${JOB}-config-map`, labels: HA },
      data: { 'checkpointID-0000000000000000007': stateHandle('file:/opt/flink/ha/c/completedCheckpoint0123456789ab') },
    });
    // Labeled like Flink's, named otherwise: someone else's.
    api.putConfigMap({
      metadata: { name: 'c-planted', labels: HA },
      data: { [`jobGraph-${'f'.repeat(32)}`]: stateHandle('file:/etc/shadow') },
    });
    await monitor.check();
    expect(monitor.view.pointers.map((p) => `${p.configMap} ${p.key}`)).toEqual([
      `c-${JOB}-config-map checkpointID-0000000000000000007`,
      `c-cluster-config-map jobGraph-${JOB}`,
    ]);
    expect(api.calls).toEqual(['getConfigMap', 'getConfigMap']);
  });

  test('uses the lock as the leader follower last saw it; a job without a ConfigMap yet is fine', async () => {
    const lock: ConfigMap = { metadata: { name: 'c-cluster-config-map' }, data: { [`executionPlan-${JOB}`]: 'AAAA' } };
    const { api, monitor } = setup(() => lock);
    await monitor.check();
    expect(api.calls).toEqual(['getConfigMap']);
    expect(monitor.view.pointers).toEqual([
      { configMap: 'c-cluster-config-map', key: `executionPlan-${JOB}`, kind: 'job-graph', jobId: JOB },
    ]);
  });
});
