import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { flinkPodTemplate } from './flink-pod';
import { AccessMode } from '../props/ha-storage';
import { Component, metadata, MetadataContext, objectNames, selectorLabels } from '../model/labels';
import { ResolvedCluster } from '../model/resolve-cluster';
import { FlinkPorts } from '../flink/ports';

/**
 * The JobManager's command line. With HA each candidate advertises its own pod IP
 * (standby JobManagers cannot share a Service address); in the form the version needs.
 */
export function jobManagerArgs(c: ResolvedCluster): string[] {
  const host = '$(POD_IP)';
  const ha = c.highAvailability.enabled;
  if (!c.job) return ha ? ['jobmanager', host] : ['jobmanager'];
  const j = c.job;
  return [
    'standalone-job',
    ...(ha ? c.traits.standaloneJobHostArgs(host) : []),
    ...(j.entryClass ? ['--job-classname', j.entryClass] : []),
    '--job-id',
    j.jobId,
    ...(j.initialSavepointPath ? ['--fromSavepoint', j.initialSavepointPath] : []),
    ...(j.allowNonRestoredState ? ['--allowNonRestoredState'] : []),
    // "--" ends the entrypoint's options, so a job argument such as "-host" is not taken for one;
    // "$$(" keeps Kubernetes from expanding "$(NAME)" in an argument.
    ...(j.args.length ? ['--', ...j.args.map((a) => a.replace(/\$\(/g, '$$$$('))] : []),
  ];
}

/** The HA claim can be mounted by one pod only (ReadWriteOnce on one node at a time, or ReadWriteOncePod). */
function singleMountClaim(c: ResolvedCluster): boolean {
  const storage = c.highAvailability.storage;
  return storage?.claimName !== undefined && storage.accessMode !== AccessMode.READ_WRITE_MANY;
}

/**
 * The JobManager address the image's entrypoint writes into `jobmanager.rpc.address`:
 * with HA each candidate's own pod IP; without HA the single JobManager's RPC Service,
 * which TaskManagers connect to. TaskManagers with HA find the leader through Flink's HA
 * services, and find their own address by connecting to it, so they need neither.
 */
export function flinkEnv(c: ResolvedCluster, component: Component): k8s.EnvVar[] {
  if (!c.highAvailability.enabled)
    return [{ name: 'JOB_MANAGER_RPC_ADDRESS', value: objectNames(c.clusterId).jobManagerRpc }];
  if (component !== Component.JOBMANAGER) return [];
  return [
    { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
    { name: 'JOB_MANAGER_RPC_ADDRESS', value: '$(POD_IP)' },
  ];
}

/** The Prometheus reporter's port, when it is on. */
export function metricsPort(c: ResolvedCluster): k8s.ContainerPort[] {
  return c.metrics.prometheus ? [{ name: 'metrics', containerPort: FlinkPorts.METRICS }] : [];
}

export interface JobManagerDeploymentProps {
  readonly cluster: ResolvedCluster;
  readonly ctx: MetadataContext;
  readonly serviceAccountName: string;
  readonly configMapName: string;
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
  public readonly name: string;
  public readonly deployment: k8s.KubeDeployment;

  constructor(scope: Construct, id: string, props: JobManagerDeploymentProps) {
    super(scope, id);
    const c = props.cluster;
    this.name = objectNames(c.clusterId).jobManager;
    const ha = c.highAvailability.enabled;
    this.deployment = new k8s.KubeDeployment(this, 'Resource', {
      metadata: metadata(props.ctx, this.name, Component.JOBMANAGER),
      spec: {
        replicas: c.jobManager.replicas,
        selector: { matchLabels: selectorLabels(c.clusterId, Component.JOBMANAGER) },
        // Without HA two JobManagers must never run side by side; with HA a new
        // candidate joins as a standby before an old one leaves - unless the HA claim can
        // only be mounted by one pod (then the new pod would wait for it forever).
        strategy:
          ha && !singleMountClaim(c)
            ? {
                type: 'RollingUpdate',
                rollingUpdate: {
                  maxSurge: k8s.IntOrString.fromNumber(1),
                  maxUnavailable: k8s.IntOrString.fromNumber(0),
                },
              }
            : { type: 'Recreate' },
        template: flinkPodTemplate(c, {
          component: Component.JOBMANAGER,
          pods: c.jobManager,
          serviceAccountName: props.serviceAccountName,
          configMapName: props.configMapName,
          configChecksum: props.configChecksum,
          args: jobManagerArgs(c),
          env: flinkEnv(c, Component.JOBMANAGER),
          ports: [
            { name: 'rpc', containerPort: FlinkPorts.RPC },
            { name: 'blob', containerPort: FlinkPorts.BLOB },
            { name: 'rest', containerPort: FlinkPorts.REST },
            { name: 'metric-query', containerPort: FlinkPorts.METRIC_QUERY },
            ...metricsPort(c),
          ],
          livenessPort: 'rpc',
          readinessPort: 'rest',
          mountHaVolume: true,
          jarPath: c.job?.jarPath,
          sidecars: props.sidecars,
          sidecarVolumes: props.sidecarVolumes,
          extraPodLabels: props.extraPodLabels,
        }),
      },
    });
  }
}
