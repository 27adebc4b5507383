import { Duration } from 'cdk8s';
import { AgentModel, MetricsModel } from './cluster-model';
import { FlinkMetricsProps, HaAgentProps } from '../props/cluster-props';
import { fail } from '../validation/errors';
import { requireLabels, requireObject, requirePeers, requireUnreserved } from '../validation/k8s-syntax';
import { Component, objectLabels } from './labels';
import { requireImageReference } from '../validation/names';
import { durationMillis, requireBoolean, requireString } from '../validation/values';

/** Node.js image the HA agent runs on by default: an LTS line, pinned; override or pin a digest with haAgent.nodeImage. */
export const DEFAULT_AGENT_NODE_IMAGE = 'node:24.13.0-alpine3.23';

const scraperUnnamed = () =>
  'must name your Prometheus for metrics.podMonitor: the NetworkPolicy admits no scraper by default, e.g. ' +
  '[{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }]';
const prometheusNeeded = () =>
  "is needed by metrics.podMonitor and metrics.grafanaDashboard (they read Flink's Prometheus metrics); remove " +
  'them or enable prometheus';

/** Rule: the agent follows Flink's HA leader election, so it needs HA. */
export function resolveAgent(props: HaAgentProps | undefined, haEnabled: boolean): AgentModel {
  const enabled = requireBoolean('haAgent.enabled', props?.enabled ?? haEnabled);
  if (enabled && !haEnabled)
    fail('haAgent.enabled', true, "needs highAvailability: the agent follows Flink's HA leader election");
  if (props?.image !== undefined) requireImageReference('haAgent.image', requireString('haAgent.image', props.image));
  return {
    enabled,
    nodeImage:
      props?.nodeImage === undefined
        ? DEFAULT_AGENT_NODE_IMAGE
        : requireImageReference('haAgent.nodeImage', requireString('haAgent.nodeImage', props.nodeImage)),
    image: props?.image,
  };
}

/** Rules: scrape intervals of a second or more; a PodMonitor or dashboard needs the Prometheus reporter. */
export function resolveMetrics(props: FlinkMetricsProps | undefined): MetricsModel {
  const m = props ?? {};
  const allowedFrom = requirePeers('metrics.allowedFrom', m.allowedFrom ?? []);
  const pm = m.podMonitor;
  const gd = m.grafanaDashboard;
  if (pm !== undefined) requireObject('metrics.podMonitor', pm, '{ labels: { release: "prometheus" } }');
  if (gd !== undefined) requireObject('metrics.grafanaDashboard', gd, '{ folder: "Flink" }');
  let podMonitor: MetricsModel['podMonitor'];
  if (pm !== undefined) {
    const interval = pm.interval ?? Duration.seconds(30);
    const intervalMs = durationMillis('metrics.podMonitor.interval', interval);
    if (intervalMs < 1000) fail('metrics.podMonitor.interval', interval, 'must be at least 1 second');
    podMonitor = { labels: ownLabels('metrics.podMonitor.labels', pm.labels ?? {}), intervalMs };
  }
  const prometheus = requireBoolean('metrics.prometheus', m.prometheus ?? true);
  if (!prometheus && (pm || gd)) fail('metrics.prometheus', false, prometheusNeeded());
  if (pm !== undefined && allowedFrom.length === 0) fail('metrics.allowedFrom', [], scraperUnnamed());
  const grafanaDashboard =
    gd === undefined
      ? undefined
      : {
          labels: ownLabels('metrics.grafanaDashboard.labels', gd.labels ?? { grafana_dashboard: '1' }),
          folder: gd.folder === undefined ? undefined : requireString('metrics.grafanaDashboard.folder', gd.folder),
        };
  return { prometheus, allowedFrom, podMonitor, grafanaDashboard };
}

/** Labels every object of the construct carries, which it writes over the user's. */
const OBJECT_LABEL_KEYS = Object.keys(
  objectLabels({ clusterId: 'x', namespace: 'x', flinkVersion: 'x' }, Component.MONITORING),
);

/** Rule: valid labels, none of them one the construct sets on every object. */
function ownLabels(prop: string, given: unknown): { [key: string]: string } {
  const labels = requireLabels(prop, given);
  requireUnreserved(prop, labels, {
    keys: OBJECT_LABEL_KEYS,
    prefixes: [],
    why: `the construct sets ${OBJECT_LABEL_KEYS.join(', ')} on every object it creates and would replace your value`,
  });
  return labels;
}
