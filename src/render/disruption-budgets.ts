import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { Component, metadata, MetadataContext, objectNames, selectorLabels } from '../model/labels';
import { ResolvedCluster } from '../model/resolve-cluster';

/**
 * One voluntary disruption at a time. With two or more JobManager candidates this never
 * evicts the last one; a single JobManager (with or without HA) stays drainable rather
 * than blocking node maintenance forever.
 */
export class FlinkDisruptionBudgets extends Construct {
  constructor(scope: Construct, id: string, c: ResolvedCluster, ctx: MetadataContext) {
    super(scope, id);
    const names = objectNames(c.clusterId);
    const budget = (bid: string, name: string, component: Component) =>
      new k8s.KubePodDisruptionBudget(this, bid, {
        metadata: metadata(ctx, name, component),
        spec: {
          maxUnavailable: k8s.IntOrString.fromNumber(1),
          selector: { matchLabels: selectorLabels(c.clusterId, component) },
        },
      });
    budget('JobManager', names.jobManager, Component.JOBMANAGER);
    if (c.taskManager.replicas > 0) budget('TaskManager', names.taskManager, Component.TASKMANAGER);
  }
}
