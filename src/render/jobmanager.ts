import { Construct } from 'constructs';
import { k8s } from '../../imports/k8s';
import { flinkPodTemplate, kubernetesLiteral } from './flink-pod';
import { Component, metadata, selectorLabels } from '../model/labels';
import { ClusterModel } from '../model/cluster-model';
import { FlinkPorts } from '../flink/ports';

/** The pod IP, as the kubelet expands it from the POD_IP variable. */
const POD_IP = '$(POD_IP)';

/**
 * The JobManager's command line. With HA each candidate advertises its own pod IP
 * (standby JobManagers cannot share a Service address); in the form the version needs.
 */
export function jobManagerArgs(m: ClusterModel): string[] {
  const ha = m.highAvailability.enabled;
  // A dynamic property, not the positional host / `--host` that Flink deprecated in 1.x and removed
  // from standalone-job in 2.0. jobmanager.sh only passes "-D" through as a separate word.
  if (!m.job) return ha ? ['jobmanager', '-D', `jobmanager.rpc.address=${POD_IP}`] : ['jobmanager'];
  const j = m.job;
  return [
    'standalone-job',
    ...(ha ? [`-Djobmanager.rpc.address=${POD_IP}`] : []),
    ...(j.entryClass ? ['--job-classname', kubernetesLiteral(j.entryClass)] : []),
    '--job-id',
    j.jobId,
    ...(j.initialSavepointPath ? ['--fromSavepoint', kubernetesLiteral(j.initialSavepointPath)] : []),
    ...(j.allowNonRestoredState ? ['--allowNonRestoredState'] : []),
    // "--" ends the entrypoint's options, so a job argument such as "-host" is not taken for one;
    // every "$" is doubled so the kubelet expands no "$(NAME)" (a Secret's value) in an argument.
    ...(j.args.length ? ['--', ...j.args.map(kubernetesLiteral)] : []),
  ];
}

/**
 * The JobManager address the image's entrypoint writes into `jobmanager.rpc.address`:
 * with HA each candidate's own pod IP; without HA the single JobManager's RPC Service,
 * which TaskManagers connect to. TaskManagers with HA find the leader through Flink's HA
 * services, and find their own address by connecting to it, so they need neither.
 */
export function flinkEnv(m: ClusterModel, component: Component): k8s.EnvVar[] {
  if (!m.highAvailability.enabled) return [{ name: 'JOB_MANAGER_RPC_ADDRESS', value: m.names.jobManagerRpc }];
  if (component !== Component.JOBMANAGER) return [];
  return [
    { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
    { name: 'JOB_MANAGER_RPC_ADDRESS', value: '$(POD_IP)' },
  ];
}

/** The Prometheus reporter's port, when it is on. */
export function metricsPort(m: ClusterModel): k8s.ContainerPort[] {
  return m.metrics.prometheus ? [{ name: 'metrics', containerPort: FlinkPorts.METRICS }] : [];
}

export interface JobManagerDeploymentProps {
  readonly model: ClusterModel;
  /** Changes with the Flink configuration, so a config change rolls the pods. */
  readonly configChecksum: string;
  readonly sidecars?: k8s.Container[];
  readonly sidecarVolumes?: k8s.Volume[];
  readonly extraPodLabels?: { [key: string]: string };
}

/**
 * The JobManager leader candidates. A Deployment, not a batch Job: Job pod templates are
 * immutable, so a GitOps change to the config or image could never be applied.
 */
export class JobManagerDeployment extends Construct {
  /** The Deployment's name. */
  public readonly name: string;
  /** The JobManager Deployment (an escape hatch for JSON patches). */
  public readonly deployment: k8s.KubeDeployment;

  /**
   * Built by FlinkCluster from its resolved model, which is internal (so the constructor is
   * private: no language could supply its props).
   * @internal
   */
  public static _build(scope: Construct, id: string, props: JobManagerDeploymentProps): JobManagerDeployment {
    return new JobManagerDeployment(scope, id, props);
  }

  private constructor(scope: Construct, id: string, props: JobManagerDeploymentProps) {
    super(scope, id);
    const m = props.model;
    this.name = m.names.jobManager;
    const ha = m.highAvailability.enabled;
    this.deployment = new k8s.KubeDeployment(this, 'Resource', {
      metadata: metadata(m.meta, this.name, Component.JOBMANAGER),
      spec: {
        replicas: m.jobManager.replicas,
        selector: { matchLabels: selectorLabels(m.clusterId, Component.JOBMANAGER) },
        // Without HA two JobManagers must never run side by side; with HA a new
        // candidate joins as a standby before an old one leaves - unless the HA claim can
        // only be mounted by one pod (then the new pod would wait for it forever).
        strategy:
          ha && !m.haClaim?.singleMount
            ? {
                type: 'RollingUpdate',
                rollingUpdate: {
                  maxSurge: k8s.IntOrString.fromNumber(1),
                  maxUnavailable: k8s.IntOrString.fromNumber(0),
                },
              }
            : { type: 'Recreate' },
        template: flinkPodTemplate(m, {
          component: Component.JOBMANAGER,
          pods: m.jobManager,
          configChecksum: props.configChecksum,
          args: jobManagerArgs(m),
          env: flinkEnv(m, Component.JOBMANAGER),
          ports: [
            { name: 'rpc', containerPort: FlinkPorts.RPC },
            { name: 'blob', containerPort: FlinkPorts.BLOB },
            { name: 'rest', containerPort: FlinkPorts.REST },
            { name: 'metric-query', containerPort: FlinkPorts.METRIC_QUERY },
            ...metricsPort(m),
          ],
          livenessPort: 'rpc',
          readinessPort: 'rest',
          mountHaVolume: true,
          jarPath: m.job?.jarPath,
          sidecars: props.sidecars,
          sidecarVolumes: props.sidecarVolumes,
          extraPodLabels: props.extraPodLabels,
        }),
      },
    });
  }
}
