import { App, Chart, Testing } from 'cdk8s';
import { readFileSync } from 'fs';
import { join } from 'path';
import * as api from '../src';
import { exampleClusterProps } from '../examples/main';

// jsii (Python and every other cdk8s language) carries classes, interfaces and enums, and
// drops free functions and constants without a word. Every one the package exports must be
// a TypeScript alias of a class member that jsii does carry.
const ALIASES: Record<string, string> = {
  AGENT_PORT: 'HaAgentContract.PORT',
  DEFAULT_AGENT_NODE_IMAGE: 'HaAgentContract.DEFAULT_NODE_IMAGE',
  HA_MOUNT_PATH: 'HaStorage.MOUNT_PATH',
  ROLE_LABEL: 'HaAgentContract.ROLE_LABEL',
  SYNC_WAVE_ANNOTATION: 'GitOpsOutput.SYNC_WAVE_ANNOTATION',
  dashboardUid: 'FlinkGrafanaDashboard.uid',
  flinkDashboard: 'FlinkGrafanaDashboard.toJsonString (the typed JSON model is TypeScript only)',
  flinkDeploymentToProps: 'FlinkDeploymentConverter.toProps',
  synthGitOps: 'GitOpsOutput.synth',
};
const ENUMS = [
  'AccessMode',
  'CheckpointingMode',
  'Component',
  'FlinkVersion',
  'HaRole',
  'ImagePullPolicy',
  'OutputLayout',
  'RestartStrategyType',
];

const isClass = (v: unknown) => typeof v === 'function' && /^class[\s{]/.test(Function.prototype.toString.call(v));

test('every export that is not a class or an enum is a known alias of a class member', () => {
  const others = Object.keys(api).filter((name) => !isClass((api as Record<string, unknown>)[name]));
  expect(others.sort()).toEqual([...Object.keys(ALIASES), ...ENUMS].sort());
});

test('the constants equal their class members', () => {
  expect(api.AGENT_PORT).toBe(api.HaAgentContract.PORT);
  expect(api.ROLE_LABEL).toBe(api.HaAgentContract.ROLE_LABEL);
  expect(api.DEFAULT_AGENT_NODE_IMAGE).toBe(api.HaAgentContract.DEFAULT_NODE_IMAGE);
  expect(api.HA_MOUNT_PATH).toBe(api.HaStorage.MOUNT_PATH);
  expect(api.SYNC_WAVE_ANNOTATION).toBe(api.GitOpsOutput.SYNC_WAVE_ANNOTATION);
  expect({ ...api.FlinkPorts }).toEqual({
    RPC: 6123,
    BLOB: 6124,
    TASKMANAGER_RPC: 6122,
    TASKMANAGER_DATA: 6121,
    REST: 8081,
    METRICS: 9249,
    METRIC_QUERY: 6125,
  });
});

test('the functions give what their class members give', () => {
  expect(api.dashboardUid('orders', 'flink')).toBe(api.FlinkGrafanaDashboard.uid('orders', 'flink'));
  const sources = { agent: true, mountedStorage: false };
  expect(JSON.stringify(api.flinkDashboard('orders', 'flink', sources), null, 2) + '\n').toBe(
    api.FlinkGrafanaDashboard.toJsonString('orders', 'flink', sources),
  );
  const seed = readFileSync(join(__dirname, 'convert', 'corpus', 'application-stateless.yaml'), 'utf8');
  expect(JSON.stringify(api.flinkDeploymentToProps(seed))).toBe(
    JSON.stringify(api.FlinkDeploymentConverter.toProps(seed)),
  );
});

test("the dashboard ConfigMap holds FlinkGrafanaDashboard's text", () => {
  const chart = new Chart(Testing.app(), 'c', { namespace: 'flink' });
  new api.FlinkCluster(chart, 'c', {
    ...exampleClusterProps(),
    metrics: { grafanaDashboard: {}, podMonitor: {}, allowedFrom: [{ podSelector: {} }] },
  });
  const maps = Testing.synth(chart).filter((o) => o.kind === 'ConfigMap' && /grafana-dashboard$/.test(o.metadata.name));
  expect(Object.values(maps[0].data)).toEqual([api.FlinkGrafanaDashboard.toJsonString('my-flink-cluster', 'flink')]);
});

test('collections a cluster hands out are copies', () => {
  const cluster = new api.FlinkCluster(new Chart(new App(), 'c', { namespace: 'flink' }), 'c', exampleClusterProps());
  cluster.warnings.push('x');
  cluster.flinkConfig['kubernetes.cluster-id'] = 'x';
  expect(cluster.warnings).toEqual([]);
  expect(cluster.flinkConfig['kubernetes.cluster-id']).toBe('my-flink-cluster');
});
