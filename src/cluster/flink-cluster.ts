import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { ConversionFinding } from '../convert/conversion-report';
import { FlinkDeploymentConversionOptions, FlinkDeploymentConverter } from '../convert/flink-deployment';
import { ClusterModel } from '../model/cluster-model';
import { resolveCluster } from '../model/resolve-cluster';
import { FlinkClusterProps } from '../props/cluster-props';
import { JobManagerAdmissionPolicy } from '../render/admission-policy';
import { FlinkDisruptionBudgets } from '../render/disruption-budgets';
import { FlinkConfigMap } from '../render/flink-config-map';
import { HaAgentSidecar } from '../render/ha-agent-sidecar';
import { HaClaim } from '../render/ha-claim';
import { JobManagerDeployment } from '../render/jobmanager';
import { FlinkNetworkPolicies } from '../render/network-policies';
import { FlinkMonitoring } from '../render/observability/monitoring';
import { FlinkRbac } from '../render/rbac';
import { RestIngress } from '../render/rest-ingress';
import { FlinkServices } from '../render/services';
import { assertClusterIdUnique, lineSeparatorProblems } from '../render/asserts';
import { addSyncWaves } from '../render/sync-waves';
import { TaskManagerDeployment } from '../render/taskmanager';

/** The chart's namespace, if the cluster is inside a chart that has one. */
function chartNamespaceOf(scope: Construct): string | undefined {
  try {
    return Chart.of(scope).namespace;
  } catch {
    return undefined;
  }
}

/**
 * A complete Apache Flink cluster with Kubernetes HA: JobManager leader candidates,
 * TaskManagers, configuration, HA storage, RBAC, Services, disruption budgets, network
 * policies and the HA agent sidecar.
 */
export class FlinkCluster extends Construct {
  /**
   * A cluster equivalent to a Flink Kubernetes Operator `FlinkDeployment` (YAML text or a
   * parsed object). Fields the construct cannot honour are listed in `conversionReport`,
   * by path, with the reason and the fix; with `strict: true`, any error finding throws.
   * @see https://nightlies.apache.org/flink/flink-kubernetes-operator-docs-stable/docs/custom-resource/reference/
   */
  public static fromFlinkDeployment(
    scope: Construct,
    id: string,
    // A map of any (not unknown): jsii's form of a parsed document, and it accepts every object type.
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    manifest: string | { [key: string]: any },
    options: FlinkDeploymentConversionOptions = {},
  ): FlinkCluster {
    const { props, report } = FlinkDeploymentConverter.toProps(manifest, options);
    const cluster = new FlinkCluster(scope, id, props);
    cluster._conversionReport = report;
    return cluster;
  }

  /** `kubernetes.cluster-id` and `high-availability.cluster-id`. */
  public readonly clusterId: string;
  /** The namespace every object of the cluster is in. */
  public readonly namespace: string;
  /** The ConfigMap holding Flink's config file and log4j properties. */
  public readonly configMapName: string;
  /** REST/UI Service over all JobManager candidates. */
  public readonly restServiceName: string;
  /** REST/UI Service over the leader only (when the HA agent runs). */
  public readonly restLeaderServiceName?: string;
  /** The Lease the HA agent keeps naming the leader pod (when the agent runs). */
  public readonly leaderLeaseName?: string;
  /** The application's Flink JobID (application mode only). */
  public readonly jobId?: string;
  /** The JobManager leader candidates. */
  public readonly jobManager: JobManagerDeployment;
  /** The TaskManagers. */
  public readonly taskManager: TaskManagerDeployment;
  /** The resolved model the objects were built from. @internal */
  public readonly _model: ClusterModel;
  private _conversionReport?: ConversionFinding[];

  constructor(scope: Construct, id: string, props: FlinkClusterProps) {
    super(scope, id);
    const m = (this._model = resolveCluster(props, id, chartNamespaceOf(this)));
    this.clusterId = m.clusterId;
    this.namespace = m.namespace;
    assertClusterIdUnique(this, m.namespace, m.clusterId);
    this.configMapName = m.names.config;
    this.jobId = m.job?.jobId;

    const config = new FlinkConfigMap(this, 'Config', m);
    if (m.highAvailability.storage?.kind === 'new-claim') {
      new HaClaim(this, 'HaStorage', m.meta, m.highAvailability.storage);
    }
    const agent = m.agent.enabled ? new HaAgentSidecar(this, 'HaAgent', m) : undefined;
    this.leaderLeaseName = agent?.leaseName;
    new FlinkRbac(this, 'Rbac', m);
    if (m.admissionPolicy) new JobManagerAdmissionPolicy(this, 'AdmissionPolicy', m);
    this.jobManager = JobManagerDeployment._build(this, 'JobManager', {
      model: m,
      configChecksum: config.checksum,
      sidecars: agent ? [agent.container] : [],
      sidecarVolumes: agent?.volumes,
      extraPodLabels: agent?.podLabels,
    });
    this.taskManager = TaskManagerDeployment._build(this, 'TaskManager', { model: m, configChecksum: config.checksum });
    const services = new FlinkServices(this, 'Services', m);
    this.restServiceName = services.restServiceName;
    this.restLeaderServiceName = services.restLeaderServiceName;
    new FlinkDisruptionBudgets(this, 'DisruptionBudgets', m);
    if (m.network.policies) new FlinkNetworkPolicies(this, 'NetworkPolicies', m);
    new FlinkMonitoring(this, 'Monitoring', m);
    if (m.restIngress) {
      new RestIngress(this, 'RestIngress', m, this.restLeaderServiceName ?? this.restServiceName);
    }
    if (m.argoCdSyncWaves) addSyncWaves(this);
    for (const warning of m.warnings) {
      this.node.addMetadata('cdk8s-flink:warning', warning);
      process.emitWarning(warning, 'FlinkConfigurationWarning');
    }

    // Second tier: rules over the finished objects, checked by app.synth() after any
    // escape-hatch patches a user applied to them.
    this.node.addValidation({ validate: () => this.validateFinalObjects() });
  }

  /** The Flink configuration as written to the config file (a copy). */
  public get flinkConfig(): { [key: string]: string } {
    return { ...this._model.flinkConfig };
  }

  /** What the declared Flink version accepts but discourages (deprecated keys, connector options; a copy). */
  public get warnings(): string[] {
    return [...this._model.warnings];
  }

  /** What `fromFlinkDeployment` could not map, or could map only with a change; undefined for clusters built from props. */
  public get conversionReport(): ConversionFinding[] | undefined {
    return this._conversionReport && [...this._conversionReport];
  }

  /**
   * Rules over the finished objects, after any escape-hatch patch: a JSON patch can still raise
   * the JobManager count (standbys need HA) or bring in a string YAML 1.1 tools would split.
   */
  private validateFinalObjects(): string[] {
    const problems: string[] = [];
    const replicas = this.jobManager.deployment.toJson().spec?.replicas ?? 1;
    if (replicas > 1 && !this._model.highAvailability.enabled) {
      problems.push(
        `Deployment ${this.jobManager.name}: replicas ${replicas} - standby JobManagers need HA, but ` +
          'highAvailability is disabled; remove the patch or enable highAvailability',
      );
    }
    for (const child of this.node.findAll()) {
      if (child instanceof ApiObject) {
        problems.push(...lineSeparatorProblems(`${child.kind} ${child.name}`, child.toJson()));
      }
    }
    return problems;
  }
}
