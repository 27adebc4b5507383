import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { clusterPodLabels, Component, metadata, MetadataContext, ObjectNames } from '../../model/labels';
import { AGENT_PORT_NAME } from '../../agent/contract';

/** The part of prometheus-operator's `monitoring.coreos.com/v1` PodMonitor spec we emit. */
export interface PodMonitorSpec {
  readonly selector: { readonly matchLabels: { [key: string]: string } };
  readonly namespaceSelector: { readonly matchNames: string[] };
  readonly podMetricsEndpoints: ReadonlyArray<{
    readonly port: string;
    readonly path: string;
    readonly interval: string;
  }>;
}

export interface FlinkPodMonitorProps {
  readonly meta: MetadataContext;
  readonly names: ObjectNames;
  readonly labels: { readonly [key: string]: string };
  readonly intervalMs: number;
  /** Scrape the HA agent too (JobManager pods only have that port). */
  readonly agent: boolean;
}

/** Prometheus' duration syntax: whole seconds as "15s", anything finer in milliseconds ("1500ms"). */
export function prometheusDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000}s` : `${ms}ms`;
}

/** A PodMonitor over every pod of the cluster: Flink's reporter and the HA agent. */
export class FlinkPodMonitor extends Construct {
  constructor(scope: Construct, id: string, props: FlinkPodMonitorProps) {
    super(scope, id);
    const interval = prometheusDuration(props.intervalMs);
    const spec: PodMonitorSpec = {
      selector: { matchLabels: clusterPodLabels(props.meta.clusterId) },
      namespaceSelector: { matchNames: [props.meta.namespace] },
      podMetricsEndpoints: [
        { port: 'metrics', path: '/metrics', interval },
        ...(props.agent ? [{ port: AGENT_PORT_NAME, path: '/metrics', interval }] : []),
      ],
    };
    const meta = metadata(props.meta, props.names.monitoring, Component.MONITORING);
    new ApiObject(this, 'Resource', {
      apiVersion: 'monitoring.coreos.com/v1',
      kind: 'PodMonitor',
      metadata: { ...meta, labels: { ...props.labels, ...meta.labels } },
      spec,
    });
  }
}
