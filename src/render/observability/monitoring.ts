import { Construct } from 'constructs';
import * as k8s from '../../../imports/k8s';
import { flinkDashboard } from './grafana-dashboard';
import { FlinkPodMonitor } from './pod-monitor';
import { Component, metadata, MetadataContext, objectNames } from '../../model/labels';
import { ResolvedCluster } from '../../model/resolve-cluster';

/** Optional monitoring objects: a PodMonitor and a Grafana dashboard ConfigMap. */
export class FlinkMonitoring extends Construct {
  constructor(scope: Construct, id: string, c: ResolvedCluster, ctx: MetadataContext) {
    super(scope, id);
    const m = c.metrics;
    if (m.podMonitor) {
      new FlinkPodMonitor(this, 'PodMonitor', {
        ctx,
        labels: m.podMonitor.labels,
        interval: m.podMonitor.interval,
        agent: c.agent.enabled,
      });
    }
    if (m.grafanaDashboard) {
      const name = objectNames(c.clusterId).dashboard;
      const meta = metadata(
        ctx,
        name,
        Component.MONITORING,
        m.grafanaDashboard.folder ? { grafana_folder: m.grafanaDashboard.folder } : undefined,
      );
      new k8s.KubeConfigMap(this, 'GrafanaDashboard', {
        metadata: { ...meta, labels: { ...m.grafanaDashboard.labels, ...meta.labels } },
        // Grafana's sidecar writes every dashboard of every namespace into one folder by key:
        // the key carries the namespace, or clusters with one id in two namespaces collide.
        data: {
          [`${c.namespace}-${name}.json`]:
            JSON.stringify(
              flinkDashboard(c.clusterId, c.namespace, {
                agent: c.agent.enabled,
                mountedStorage: c.highAvailability.storage?.claimName !== undefined,
              }),
              null,
              2,
            ) + '\n',
        },
      });
    }
  }
}
