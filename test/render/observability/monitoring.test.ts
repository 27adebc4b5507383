import { Duration } from 'cdk8s';
import { flinkDashboard } from '../../../src';
import { prometheusDuration } from '../../../src/render/observability/pod-monitor';
import { dashboardUid } from '../../../src/render/observability/grafana-dashboard';
import { exampleProps, SCENARIOS } from '../../support/scenarios';
import { find, ofKind, synthCluster } from '../../support/synth';

describe('Prometheus reporter', () => {
  test('on by default: config keys and a named metrics port on every Flink pod', () => {
    const { cluster, objects } = synthCluster(exampleProps());
    expect(cluster.flinkConfig['metrics.reporter.prom.factory.class']).toBe(
      'org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
    );
    expect(cluster.flinkConfig['metrics.reporter.prom.port']).toBe('9249');
    for (const d of ofKind(objects, 'Deployment')) {
      expect(d.spec.template.spec.containers[0].ports).toContainEqual({ name: 'metrics', containerPort: 9249 });
    }
  });
  test('can be switched off, and then nothing refers to it', () => {
    const { cluster, objects } = synthCluster({ ...exampleProps(), metrics: { prometheus: false } });
    expect(Object.keys(cluster.flinkConfig).filter((k) => k.startsWith('metrics.reporter.'))).toEqual([]);
    // The metric query service is not the reporter: the web UI needs it either way.
    expect(cluster.flinkConfig['metrics.internal.query-service.port']).toBe('6125');
    expect(JSON.stringify(objects)).not.toContain('9249');
  });
  test('scrapers can be restricted', () => {
    const peer = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } };
    const { objects } = synthCluster({ ...exampleProps(), metrics: { allowedFrom: [peer] } });
    expect(find(objects, 'NetworkPolicy', 'my-flink-cluster-taskmanager').spec.ingress[1].from).toEqual([peer]);
  });
  test('podMonitor or dashboard without the reporter is an error', () => {
    expect(() => synthCluster({ ...exampleProps(), metrics: { prometheus: false, podMonitor: {} } })).toThrow(
      /^metrics\.prometheus: false - is needed by metrics\.podMonitor/,
    );
  });
});

describe('PodMonitor', () => {
  test('selects every pod of the cluster and scrapes Flink and the agent', () => {
    const { objects } = synthCluster({
      ...exampleProps(),
      metrics: {
        podMonitor: { labels: { release: 'kube-prometheus' }, interval: Duration.seconds(15) },
        allowedFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      },
    });
    const pm = find(objects, 'PodMonitor', 'my-flink-cluster-flink');
    expect(pm.apiVersion).toBe('monitoring.coreos.com/v1');
    expect(pm.metadata.labels).toMatchObject({
      release: 'kube-prometheus',
      'app.kubernetes.io/component': 'monitoring',
    });
    expect(pm.spec).toEqual({
      selector: {
        matchLabels: { 'app.kubernetes.io/name': 'flink', 'app.kubernetes.io/instance': 'my-flink-cluster' },
      },
      namespaceSelector: { matchNames: ['flink'] },
      podMetricsEndpoints: [
        { port: 'metrics', path: '/metrics', interval: '15s' },
        { port: 'ha-agent', path: '/metrics', interval: '15s' },
      ],
    });
  });
  test('a bad label is rejected', () => {
    expect(() =>
      synthCluster({
        ...exampleProps(),
        metrics: {
          podMonitor: { labels: { 'bad key': 'x' } },
          allowedFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
        },
      }),
    ).toThrow(/^metrics\.podMonitor\.labels\["bad key"\]: "bad key" - is not a valid label key/);
  });
});

describe('Grafana dashboard', () => {
  const { objects } = synthCluster({ ...exampleProps(), metrics: { grafanaDashboard: { folder: 'Flink' } } });
  const cm = find(objects, 'ConfigMap', 'my-flink-cluster-grafana-dashboard');
  test('is a ConfigMap the Grafana sidecar loads', () => {
    expect(cm.metadata.labels).toMatchObject({ grafana_dashboard: '1' });
    expect(cm.metadata.annotations).toEqual({ grafana_folder: 'Flink' });
    // The sidecar writes all dashboards into one folder by key: the key carries the namespace.
    const dashboard = JSON.parse(cm.data['flink-my-flink-cluster-grafana-dashboard.json']);
    expect(dashboard.uid).toBe(dashboardUid('my-flink-cluster', 'flink'));
  });
  test('uids differ between namespaces and between long ids sharing a prefix, within 40 characters', () => {
    const long = 'a'.repeat(40);
    const uids = [
      dashboardUid('orders', 'staging'),
      dashboardUid('orders', 'prod'),
      dashboardUid(`${long}-one`, 'x'),
      dashboardUid(`${long}-two`, 'x'),
    ];
    expect(new Set(uids).size).toBe(4);
    for (const u of uids) expect(u.length).toBeLessThanOrEqual(40);
  });
  test('no panel that could never show data: without the agent, or with object-store HA', () => {
    const titles = (sources: object) => flinkDashboard('c', 'n', sources).panels.map((p) => p.title);
    const exprs = (sources: object) =>
      flinkDashboard('c', 'n', sources)
        .panels.flatMap((p) => p.targets.map((t) => t.expr))
        .join('\n');
    expect(exprs({ agent: false })).not.toContain('flink_ha_agent_');
    expect(titles({ agent: false })).toEqual([
      'Checkpoints (5m)',
      'Last checkpoint duration',
      'Job restarts',
      'Records per second',
    ]);
    expect(exprs({ mountedStorage: false })).not.toMatch(/storage_healthy|broken_pointers|probe_latency/);
    expect(exprs({ mountedStorage: false })).toContain('flink_ha_agent_leader');
    const { objects: s3 } = synthCluster({ ...SCENARIOS['object-store HA'](), metrics: { grafanaDashboard: {} } });
    const data = Object.values(
      ofKind(s3, 'ConfigMap').find((o) => o.metadata.name.endsWith('-grafana-dashboard'))!.data as Record<
        string,
        string
      >,
    )[0];
    expect(data).not.toContain('flink_ha_agent_storage_healthy');
  });
  test('pod selectors are anchored to the Deployment pod names of this cluster only', () => {
    const re = /pod=~"([^"]+)"/.exec(flinkDashboard('a', 'n').panels[0].targets[0].expr)![1];
    expect(new RegExp(`^${re}$`).test('a-jobmanager-7d9f8b6c5d-x2k4q')).toBe(true);
    expect(new RegExp(`^${re}$`).test('a-jobmanager-x-jobmanager-7d9f8b6c5d-x2k4q')).toBe(false);
  });
  test('shows leadership, HA storage, broken pointers, checkpoints, restarts and throughput', () => {
    const d = flinkDashboard('my-flink-cluster', 'flink');
    const exprs = d.panels.flatMap((p) => p.targets.map((t) => t.expr)).join('\n');
    for (const metric of [
      'flink_ha_agent_leader',
      'flink_ha_agent_leader_transitions_total',
      'flink_ha_agent_storage_healthy',
      'flink_ha_agent_broken_pointers',
      'flink_jobmanager_job_numberOfCompletedCheckpoints',
      'flink_jobmanager_job_numRestarts',
      'flink_taskmanager_job_task_numRecordsInPerSecond',
    ])
      expect(exprs).toContain(metric);
    for (const p of d.panels) expect(p.targets[0].expr).toContain('namespace="flink", pod=~"my-flink-cluster-');
    expect(d.panels.find((p) => p.title === 'Records per second')!.fieldConfig.defaults.unit).toBe('recps');
  });
  test('panels tile the 24-column grid without overlapping', () => {
    const cells = new Set<string>();
    for (const { gridPos: g } of flinkDashboard('x', 'y').panels) {
      expect(g.x + g.w).toBeLessThanOrEqual(24);
      for (let x = g.x; x < g.x + g.w; x++)
        for (let y = g.y; y < g.y + g.h; y++) {
          expect(cells.has(`${x},${y}`)).toBe(false);
          cells.add(`${x},${y}`);
        }
    }
  });
});

describe('REST Ingress', () => {
  const ingressPeer = { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } } };
  test('routes to the leader-only Service', () => {
    const { objects } = synthCluster({
      ...exampleProps(),
      network: { restAllowedFrom: [ingressPeer] },
      restIngress: { host: 'flink.example.com', ingressClassName: 'nginx', tlsSecretName: 'flink-tls' },
    });
    const ing = find(objects, 'Ingress', 'my-flink-cluster-rest');
    expect(ing.spec).toEqual({
      ingressClassName: 'nginx',
      tls: [{ hosts: ['flink.example.com'], secretName: 'flink-tls' }],
      rules: [
        {
          host: 'flink.example.com',
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'my-flink-cluster-rest-leader', port: { name: 'rest' } } },
              },
            ],
          },
        },
      ],
    });
    expect(ofKind(objects, 'Secret')).toEqual([]);
  });
  test('without the agent it routes to all candidates', () => {
    const { objects } = synthCluster({
      ...exampleProps(),
      haAgent: { enabled: false },
      network: { restAllowedFrom: [ingressPeer] },
      restIngress: { host: 'flink.example.com' },
    });
    expect(find(objects, 'Ingress', 'my-flink-cluster-rest').spec.rules[0].http.paths[0].backend.service.name).toBe(
      'my-flink-cluster-rest',
    );
  });
  test('an Ingress the NetworkPolicy would block is an error', () => {
    expect(() => synthCluster({ ...exampleProps(), restIngress: { host: 'flink.example.com' } })).toThrow(
      /^restIngress: "flink\.example\.com" - cannot reach the REST port: .*network\.restAllowedFrom/,
    );
  });
  test('a bad host is an error', () => {
    expect(() =>
      synthCluster({
        ...exampleProps(),
        network: { restAllowedFrom: [ingressPeer] },
        restIngress: { host: 'https://flink' },
      }),
    ).toThrow(/^restIngress\.host: "https:\/\/flink" - must be a DNS name/);
  });
});

test('the dashboard layout picture in docs/ matches the dashboard', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { dashboardLayoutSvg } = require('../../../scripts/render-dashboard-layout');
  const onDisk = require('fs').readFileSync(
    require('path').join(__dirname, '..', '..', '..', 'docs', 'grafana-dashboard-layout.svg'),
    'utf8',
  );
  expect(onDisk).toBe(dashboardLayoutSvg());
});

test('a PodMonitor interval finer than a second is written in milliseconds', () => {
  const { objects } = synthCluster({
    ...exampleProps(),
    metrics: {
      podMonitor: { interval: Duration.millis(1500) },
      allowedFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
    },
  });
  expect(
    find(objects, 'PodMonitor', 'my-flink-cluster-flink').spec.podMetricsEndpoints.map((e: any) => e.interval),
  ).toEqual(['1500ms', '1500ms']);
  expect(prometheusDuration(60_000)).toBe('60s');
});
