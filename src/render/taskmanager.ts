import { Construct } from 'constructs';
import { k8s } from '../../imports/k8s';
import { flinkPodTemplate } from './flink-pod';
import { flinkEnv, metricsPort } from './jobmanager';
import { Component, metadata, selectorLabels } from '../model/labels';
import { ClusterModel } from '../model/cluster-model';
import { FlinkPorts } from '../flink/ports';

export interface TaskManagerDeploymentProps {
  readonly model: ClusterModel;
  /** Changes with the Flink configuration, so a config change rolls the pods. */
  readonly configChecksum: string;
}

/** The TaskManagers. */
export class TaskManagerDeployment extends Construct {
  /** The Deployment's name. */
  public readonly name: string;
  /** The TaskManager Deployment (an escape hatch for JSON patches). */
  public readonly deployment: k8s.KubeDeployment;

  /**
   * Built by FlinkCluster from its resolved model, which is internal (so the constructor is
   * private: no language could supply its props).
   * @internal
   */
  public static _build(scope: Construct, id: string, props: TaskManagerDeploymentProps): TaskManagerDeployment {
    return new TaskManagerDeployment(scope, id, props);
  }

  private constructor(scope: Construct, id: string, props: TaskManagerDeploymentProps) {
    super(scope, id);
    const m = props.model;
    this.name = m.names.taskManager;
    this.deployment = new k8s.KubeDeployment(this, 'Resource', {
      metadata: metadata(m.meta, this.name, Component.TASKMANAGER),
      spec: {
        replicas: m.taskManager.replicas,
        selector: { matchLabels: selectorLabels(m.clusterId, Component.TASKMANAGER) },
        template: flinkPodTemplate(m, {
          component: Component.TASKMANAGER,
          pods: m.taskManager,
          configChecksum: props.configChecksum,
          args: ['taskmanager'],
          env: flinkEnv(m, Component.TASKMANAGER),
          ports: [
            { name: 'rpc', containerPort: FlinkPorts.TASKMANAGER_RPC },
            { name: 'data', containerPort: FlinkPorts.TASKMANAGER_DATA },
            { name: 'metric-query', containerPort: FlinkPorts.METRIC_QUERY },
            ...metricsPort(m),
          ],
          livenessPort: 'rpc',
          readinessPort: 'rpc',
          mountHaVolume: m.haClaim?.taskManagersMount ?? false,
          // Standalone application mode ships no jar to TaskManagers: the job's classpath points
          // into usrlib, which every TaskManager must hold too (as in Flink's own manifests).
          jarPath: m.job?.jarPath,
        }),
      },
    });
  }
}
