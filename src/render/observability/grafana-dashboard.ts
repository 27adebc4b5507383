import { createHash } from 'crypto';

/**
 * A Grafana dashboard for one Flink cluster: leadership (from the HA agent), HA storage
 * health and broken HA pointers, checkpoints, restarts and throughput (from Flink's
 * Prometheus reporter, scraped with `pod` and `namespace` target labels).
 */

// The typed dashboard model (GridPos, DashboardPanel, Dashboard) is TypeScript only: an open
// JSON document with literal types is no jsii type. Every language gets the same dashboard as
// JSON text from FlinkGrafanaDashboard.

/**
 * A Grafana panel position on the 24-column grid.
 * @jsii ignore
 */
export interface GridPos {
  /** Column, 0-23. */
  readonly x: number;
  /** Row. */
  readonly y: number;
  /** Width in columns. */
  readonly w: number;
  /** Height in rows. */
  readonly h: number;
}

/**
 * One Grafana panel.
 * @jsii ignore
 */
export interface DashboardPanel {
  /** Unique within the dashboard, in layout order. */
  readonly id: number;
  /** Panel title. */
  readonly title: string;
  /** Panel type. */
  readonly type: 'stat' | 'timeseries';
  /** Position on the grid. */
  readonly gridPos: GridPos;
  /** The dashboard's Prometheus data source variable. */
  readonly datasource: { readonly type: 'prometheus'; readonly uid: '${datasource}' };
  /** PromQL queries, one per series. */
  readonly targets: ReadonlyArray<{ readonly refId: string; readonly expr: string; readonly legendFormat: string }>;
  /** Unit and thresholds. */
  readonly fieldConfig: { readonly defaults: Record<string, unknown>; readonly overrides: unknown[] };
  /** Panel-type options. */
  readonly options: Record<string, unknown>;
}

/**
 * A Grafana dashboard model (JSON).
 * @jsii ignore
 */
export interface Dashboard {
  /** Stable per cluster and namespace (see dashboardUid). */
  readonly uid: string;
  /** Dashboard title. */
  readonly title: string;
  /** Panels in layout order. */
  readonly panels: readonly DashboardPanel[];
  /** Grafana's other dashboard fields (time range, refresh, templating, ...). */
  readonly [key: string]: unknown;
}

type PanelSpec = [
  title: string,
  type: 'stat' | 'timeseries',
  pos: GridPos,
  queries: Array<[expr: string, legend: string]>,
  unit?: string,
  thresholds?: Array<[number | null, string]>,
];

/** What the cluster exports, so the dashboard has no panel that could never show data. */
export interface DashboardSources {
  /** The HA agent runs (leadership, Lease, API errors). @default true */
  readonly agent?: boolean;
  /** The agent checks a mounted HA volume (storage health, probe latency, broken pointers). @default true */
  readonly mountedStorage?: boolean;
}

/** The Grafana dashboard of one Flink cluster, as the cluster's dashboard ConfigMap holds it. */
export class FlinkGrafanaDashboard {
  /** The dashboard's uid: unique per namespace and cluster id, and within Grafana's 40 characters. */
  public static uid(clusterId: string, namespace: string): string {
    return `flink-${createHash('sha256').update(`${namespace}/${clusterId}`).digest('hex').slice(0, 16)}`;
  }

  /** The dashboard as Grafana JSON text (indented, with a final newline); a pure function of its arguments. */
  public static toJsonString(clusterId: string, namespace: string, sources: DashboardSources = {}): string {
    return JSON.stringify(flinkDashboard(clusterId, namespace, sources), null, 2) + '\n';
  }

  private constructor() {}
}

/** {@link FlinkGrafanaDashboard.uid} as a function, for TypeScript. */
export function dashboardUid(clusterId: string, namespace: string): string {
  return FlinkGrafanaDashboard.uid(clusterId, namespace);
}

/** The dashboard as a Grafana JSON object, typed for TypeScript; a pure function of the cluster's id, namespace and sources. */
export function flinkDashboard(clusterId: string, namespace: string, sources: DashboardSources = {}): Dashboard {
  const agent = sources.agent ?? true;
  const storage = agent && (sources.mountedStorage ?? true);
  // Pods of a Deployment are <deployment>-<template hash>-<suffix>: anchored, so cluster "a"
  // does not also match the pods of a cluster named "a-jobmanager-x".
  const jm = `namespace="${namespace}", pod=~"${clusterId}-jobmanager-[a-z0-9]+-[a-z0-9]+"`;
  const all = `namespace="${namespace}", pod=~"${clusterId}-(jobmanager|taskmanager)-[a-z0-9]+-[a-z0-9]+"`;
  const panels = panelSpecs(jm, all, agent, storage).map(toPanel);
  return {
    uid: dashboardUid(clusterId, namespace),
    title: `Flink ${clusterId} (${namespace})`,
    tags: ['flink', 'cdk8s-flink'],
    timezone: 'browser',
    schemaVersion: 39,
    time: { from: 'now-6h', to: 'now' },
    refresh: '30s',
    templating: { list: [{ name: 'datasource', type: 'datasource', query: 'prometheus', label: 'Data source' }] },
    panels,
  };
}

const red: Array<[number | null, string]> = [
  [null, 'green'],
  [1, 'red'],
];

/** Every panel, in layout order; agent and storage panels only where their data exists. */
function panelSpecs(jm: string, all: string, agent: boolean, storage: boolean): PanelSpec[] {
  return [
    ...(agent ? leadershipStats(jm) : []),
    ...(storage ? storageStats(jm) : []),
    ...(agent ? agentSeries(jm, storage) : []),
    ...jobPanels(jm, all),
    ...(agent ? agentErrors(jm) : []),
  ];
}

function leadershipStats(jm: string): PanelSpec[] {
  return [
    [
      'Leader pod',
      'stat',
      { x: 0, y: 0, w: 6, h: 4 },
      [[`max by (pod) (flink_ha_agent_leader{${jm}}) == 1`, '{{pod}}']],
    ],
    [
      'Leader changes (24h)',
      'stat',
      { x: 6, y: 0, w: 6, h: 4 },
      [[`max(increase(flink_ha_agent_leader_transitions_total{${jm}}[24h]))`, 'changes']],
      'none',
      [
        [null, 'green'],
        [3, 'orange'],
      ],
    ],
  ];
}

function storageStats(jm: string): PanelSpec[] {
  return [
    [
      'HA storage healthy',
      'stat',
      { x: 12, y: 0, w: 6, h: 4 },
      [[`min(flink_ha_agent_storage_healthy{${jm}})`, 'healthy']],
      'bool_yes_no',
      [
        [null, 'red'],
        [1, 'green'],
      ],
    ],
    [
      'Broken HA pointers',
      'stat',
      { x: 18, y: 0, w: 6, h: 4 },
      [[`max(flink_ha_agent_broken_pointers{${jm}})`, 'broken']],
      'none',
      red,
    ],
  ];
}

function agentSeries(jm: string, storage: boolean): PanelSpec[] {
  return [
    [
      'Leader per JobManager pod',
      'timeseries',
      { x: 0, y: 4, w: 12, h: 8 },
      [[`flink_ha_agent_leader{${jm}}`, '{{pod}}']],
    ],
    [
      storage ? 'Lease renew age and storage probe latency' : 'Lease renew age',
      'timeseries',
      { x: 12, y: 4, w: 12, h: 8 },
      [
        [`flink_ha_agent_lease_renew_age_seconds{${jm}}`, 'lease age {{pod}}'],
        ...(storage
          ? [[`flink_ha_agent_storage_probe_latency_seconds{${jm}}`, 'probe {{pod}}'] as [string, string]]
          : []),
      ],
      's',
    ],
  ];
}

function jobPanels(jm: string, all: string): PanelSpec[] {
  return [
    [
      'Checkpoints (5m)',
      'timeseries',
      { x: 0, y: 12, w: 8, h: 8 },
      [
        [
          `sum by (job_name) (delta(flink_jobmanager_job_numberOfCompletedCheckpoints{${jm}}[5m]))`,
          'completed {{job_name}}',
        ],
        [`sum by (job_name) (delta(flink_jobmanager_job_numberOfFailedCheckpoints{${jm}}[5m]))`, 'failed {{job_name}}'],
      ],
    ],
    [
      'Last checkpoint duration',
      'timeseries',
      { x: 8, y: 12, w: 8, h: 8 },
      [[`max by (job_name) (flink_jobmanager_job_lastCheckpointDuration{${jm}})`, '{{job_name}}']],
      'ms',
    ],
    [
      'Job restarts',
      'timeseries',
      { x: 16, y: 12, w: 8, h: 8 },
      [[`max by (job_name) (flink_jobmanager_job_numRestarts{${jm}})`, '{{job_name}}']],
    ],
    [
      'Records per second',
      'timeseries',
      { x: 0, y: 20, w: 12, h: 8 },
      [
        [`sum by (job_name) (flink_taskmanager_job_task_numRecordsInPerSecond{${all}})`, 'in {{job_name}}'],
        [`sum by (job_name) (flink_taskmanager_job_task_numRecordsOutPerSecond{${all}})`, 'out {{job_name}}'],
      ],
      'recps',
    ],
  ];
}

function agentErrors(jm: string): PanelSpec[] {
  return [
    [
      'HA agent API errors',
      'timeseries',
      { x: 12, y: 20, w: 12, h: 8 },
      [[`sum by (op) (rate(flink_ha_agent_api_errors_total{${jm}}[5m]))`, '{{op}}']],
      'reqps',
    ],
  ];
}

/** One panel spec as Grafana JSON; ids follow the layout order. */
function toPanel([title, type, gridPos, queries, unit, thresholds]: PanelSpec, i: number): DashboardPanel {
  return {
    id: i + 1,
    title,
    type,
    gridPos,
    datasource: { type: 'prometheus', uid: '${datasource}' },
    targets: queries.map(([expr, legendFormat], j) => ({ refId: String.fromCharCode(65 + j), expr, legendFormat })),
    fieldConfig: {
      defaults: {
        unit: unit ?? 'none',
        ...(thresholds
          ? { thresholds: { mode: 'absolute', steps: thresholds.map(([value, color]) => ({ value, color })) } }
          : {}),
      },
      overrides: [],
    },
    options:
      type === 'stat'
        ? {
            reduceOptions: { calcs: ['lastNotNull'], fields: '', values: false },
            textMode: title === 'Leader pod' ? 'name' : 'value',
            colorMode: 'background',
          }
        : { legend: { displayMode: 'list', placement: 'bottom' }, tooltip: { mode: 'multi' } },
  };
}
