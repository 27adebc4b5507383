import { Construct } from 'constructs';
import { k8s } from '../../../imports/k8s';
import { FlinkGrafanaDashboard } from './grafana-dashboard';
import { FlinkPodMonitor } from './pod-monitor';
import { Component, metadata } from '../../model/labels';
import { ClusterModel } from '../../model/cluster-model';

/** Optional monitoring objects: a PodMonitor and a Grafana dashboard ConfigMap. */
export class FlinkMonitoring extends Construct {
  constructor(scope: Construct, id: string, m: ClusterModel) {
    super(scope, id);
    const metrics = m.metrics;
    if (metrics.podMonitor) {
      new FlinkPodMonitor(this, 'PodMonitor', {
        meta: m.meta,
        names: m.names,
        labels: metrics.podMonitor.labels,
        intervalMs: metrics.podMonitor.intervalMs,
        agent: m.agent.enabled,
      });
    }
    const dashboard = metrics.grafanaDashboard;
    if (dashboard) {
      const name = m.names.dashboard;
      const meta = metadata(
        m.meta,
        name,
        Component.MONITORING,
        dashboard.folder ? { grafana_folder: dashboard.folder } : undefined,
      );
      new k8s.KubeConfigMap(this, 'GrafanaDashboard', {
        metadata: { ...meta, labels: { ...dashboard.labels, ...meta.labels } },
        // Grafana's sidecar writes every dashboard of every namespace into one folder by key:
        // the key carries the namespace, or clusters with one id in two namespaces collide.
        data: {
          [`${m.namespace}-${name}.json`]: FlinkGrafanaDashboard.toJsonString(m.clusterId, m.namespace, {
            agent: m.agent.enabled,
            mountedStorage: m.haClaim !== undefined,
          }),
        },
      });
    }
  }
}
