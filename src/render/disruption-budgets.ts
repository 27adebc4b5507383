import { Construct } from 'constructs';
import { k8s } from '../../imports/k8s';
import { ClusterModel } from '../model/cluster-model';
import { Component, metadata, selectorLabels } from '../model/labels';

/**
 * One voluntary disruption at a time. With two or more JobManager candidates this never
 * evicts the last one; a single JobManager (with or without HA) stays drainable rather
 * than blocking node maintenance forever.
 */
export class FlinkDisruptionBudgets extends Construct {
  constructor(scope: Construct, id: string, m: ClusterModel) {
    super(scope, id);
    const budget = (bid: string, name: string, component: Component) =>
      new k8s.KubePodDisruptionBudget(this, bid, {
        metadata: metadata(m.meta, name, component),
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(1),
          selector: { matchLabels: selectorLabels(m.clusterId, component) },
        },
      });
    budget('JobManager', m.names.jobManager, Component.JOBMANAGER);
    if (m.taskManager.replicas > 0) budget('TaskManager', m.names.taskManager, Component.TASKMANAGER);
  }
}
