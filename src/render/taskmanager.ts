import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { flinkPodTemplate } from './flink-pod';
import { flinkEnv, metricsPort } from './jobmanager';
import { Component, metadata, MetadataContext, objectNames, selectorLabels } from '../model/labels';
import { ResolvedCluster } from '../model/resolve-cluster';
import { FlinkPorts } from '../flink/ports';

export interface TaskManagerDeploymentProps {
  readonly cluster: ResolvedCluster;
  readonly ctx: MetadataContext;
  readonly serviceAccountName: string;
  readonly configMapName: string;
  readonly configChecksum: string;
}

/** The TaskManagers. */
export class TaskManagerDeployment extends Construct {
  public readonly name: string;
  public readonly deployment: k8s.KubeDeployment;

  constructor(scope: Construct, id: string, props: TaskManagerDeploymentProps) {
    super(scope, id);
    const c = props.cluster;
    this.name = objectNames(c.clusterId).taskManager;
    this.deployment = new k8s.KubeDeployment(this, 'Resource', {
      metadata: metadata(props.ctx, this.name, Component.TASKMANAGER),
      spec: {
        replicas: c.taskManager.replicas,
        selector: { matchLabels: selectorLabels(c.clusterId, Component.TASKMANAGER) },
        template: flinkPodTemplate(c, {
          component: Component.TASKMANAGER,
          pods: c.taskManager,
          serviceAccountName: props.serviceAccountName,
          configMapName: props.configMapName,
          configChecksum: props.configChecksum,
          args: ['taskmanager'],
          env: flinkEnv(c, Component.TASKMANAGER),
          ports: [
            { name: 'rpc', containerPort: FlinkPorts.TASKMANAGER_RPC },
            { name: 'data', containerPort: FlinkPorts.TASKMANAGER_DATA },
            { name: 'metric-query', containerPort: FlinkPorts.METRIC_QUERY },
            ...metricsPort(c),
          ],
          livenessPort: 'rpc',
          readinessPort: 'rpc',
          mountHaVolume: c.taskManagersMountHaVolume,
          // Standalone application mode ships no jar to TaskManagers: the job's classpath points
          // into usrlib, which every TaskManager must hold too (as in Flink's own manifests).
          jarPath: c.job?.jarPath,
        }),
      },
    });
  }
}
