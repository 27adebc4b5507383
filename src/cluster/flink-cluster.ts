import { createHash } from 'crypto';
import { Chart } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { checkConfigMapSize } from '../render/configmap-limit';
import { FlinkDisruptionBudgets } from '../render/disruption-budgets';
import { HaAgentSidecar } from '../render/ha-agent-sidecar';
import { JobManagerDeployment } from '../render/jobmanager';
import { Component, metadata, MetadataContext, objectNames } from '../model/labels';
import { FlinkNetworkPolicies } from '../render/network-policies';
import { FlinkClusterProps } from '../props/cluster-props';
import { FlinkRbac } from '../render/rbac';
import { resolveCluster, ResolvedCluster } from '../model/resolve-cluster';
import { RestIngress } from '../render/rest-ingress';
import { FlinkServices } from '../render/services';
import { TaskManagerDeployment } from '../render/taskmanager';
import { renderConfigFile } from '../flink/config-file';
import { buildFlinkConfig } from '../model/flink-configuration';
import { log4jConsoleProperties } from '../flink/log4j';
import { fail } from '../validation/errors';
import { addSyncWaves } from '../render/sync-waves';
import { ConversionFinding } from '../convert/conversion-report';
import { FlinkDeploymentConversionOptions, flinkDeploymentToProps } from '../convert/flink-deployment';
import { FlinkMonitoring } from '../render/observability/monitoring';

const mebibytesQuantity = (mib: number) => (mib % 1024 === 0 ? `${mib / 1024}Gi` : `${mib}Mi`);

/** Clusters per app, by `namespace/clusterId`: two of them would share Flink's HA state. */
const clustersByApp = new WeakMap<IConstruct, Map<string, string>>();

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
    manifest: object | string,
    options: FlinkDeploymentConversionOptions = {},
  ): FlinkCluster {
    const { props, report } = flinkDeploymentToProps(manifest, options);
    const cluster = new FlinkCluster(scope, id, props);
    cluster._conversionReport = report;
    return cluster;
  }

  /** All props with defaults applied. */
  public readonly resolved: ResolvedCluster;
  /** `kubernetes.cluster-id` and `high-availability.cluster-id`. */
  public readonly clusterId: string;
  public readonly namespace: string;
  /** The Flink configuration as written to the config file. */
  public readonly flinkConfig: Readonly<Record<string, string>>;
  public readonly configMapName: string;
  /** REST/UI Service over all JobManager candidates. */
  public readonly restServiceName: string;
  /** REST/UI Service over the leader only (when the HA agent runs). */
  public readonly restLeaderServiceName?: string;
  /** The Lease the HA agent keeps naming the leader pod (when the agent runs). */
  public readonly leaderLeaseName?: string;
  public readonly jobManager: JobManagerDeployment;
  public readonly taskManager: TaskManagerDeployment;
  private _conversionReport?: readonly ConversionFinding[];

  constructor(scope: Construct, id: string, props: FlinkClusterProps) {
    super(scope, id);
    let chartNamespace: string | undefined;
    try {
      chartNamespace = Chart.of(this).namespace;
    } catch {
      chartNamespace = undefined;
    }
    const c = (this.resolved = resolveCluster(props, id, chartNamespace));
    this.clusterId = c.clusterId;
    this.namespace = c.namespace;
    this.claimClusterId();

    const ctx: MetadataContext = { clusterId: c.clusterId, namespace: c.namespace, flinkVersion: c.traits.version };
    const names = objectNames(c.clusterId);

    this.flinkConfig = buildFlinkConfig(c);
    this.configMapName = names.config;
    const configData = {
      [c.traits.configFileName]: renderConfigFile(this.flinkConfig, c.traits),
      'log4j-console.properties': log4jConsoleProperties(c.logLevel),
    };
    checkConfigMapSize(names.config, configData);
    new k8s.KubeConfigMap(this, 'Config', {
      metadata: metadata(ctx, names.config, Component.CONFIG),
      data: configData,
    });
    const configChecksum = createHash('sha256').update(JSON.stringify(configData)).digest('hex');

    const storage = c.highAvailability.storage;
    if (storage?.kind === 'new-claim') {
      new k8s.KubePersistentVolumeClaim(this, 'HaStorage', {
        metadata: metadata(ctx, storage.claimName!, Component.HA_STORAGE),
        spec: {
          accessModes: [storage.accessMode!],
          ...(storage.storageClassName ? { storageClassName: storage.storageClassName } : {}),
          resources: { requests: { storage: k8s.Quantity.fromString(mebibytesQuantity(storage.size!.toMebibytes())) } },
        },
      });
    }

    const agent = c.agent.enabled ? new HaAgentSidecar(this, 'HaAgent', c, ctx) : undefined;
    this.leaderLeaseName = agent?.leaseName;
    const rbac = new FlinkRbac(this, 'Rbac', {
      ctx,
      haEnabled: c.highAvailability.enabled,
      agentLeaseName: agent?.leaseName,
    });

    this.jobManager = new JobManagerDeployment(this, 'JobManager', {
      cluster: c,
      ctx,
      serviceAccountName: rbac.jobManagerServiceAccountName,
      configMapName: names.config,
      configChecksum,
      sidecars: agent ? [agent.container] : [],
      sidecarVolumes: agent?.volumes,
      extraPodLabels: agent?.podLabels,
    });
    this.taskManager = new TaskManagerDeployment(this, 'TaskManager', {
      cluster: c,
      ctx,
      serviceAccountName: rbac.taskManagerServiceAccountName,
      configMapName: names.config,
      configChecksum,
    });
    const services = new FlinkServices(this, 'Services', c, ctx);
    this.restServiceName = services.restServiceName;
    this.restLeaderServiceName = services.restLeaderServiceName;
    new FlinkDisruptionBudgets(this, 'DisruptionBudgets', c, ctx);
    if (c.networkPolicies) new FlinkNetworkPolicies(this, 'NetworkPolicies', c, ctx);
    new FlinkMonitoring(this, 'Monitoring', c, ctx);
    if (c.restIngress) {
      new RestIngress(this, 'RestIngress', {
        ...c.restIngress,
        ctx,
        serviceName: this.restLeaderServiceName ?? this.restServiceName,
      });
    }
    if (c.argoCdSyncWaves) addSyncWaves(this);

    // Second tier: rules over the finished objects, checked by app.synth() after any
    // escape-hatch patches a user applied to them.
    this.node.addValidation({ validate: () => this.validateFinalObjects() });
  }

  /** What `fromFlinkDeployment` could not map, or could map only with a change; undefined for clusters built from props. */
  public get conversionReport(): readonly ConversionFinding[] | undefined {
    return this._conversionReport;
  }

  /** A JSON patch can still raise the JobManager count; standbys need HA. */
  private validateFinalObjects(): string[] {
    const replicas = this.jobManager.deployment.toJson().spec?.replicas ?? 1;
    if (replicas > 1 && !this.resolved.highAvailability.enabled) {
      return [
        `Deployment ${this.jobManager.name}: replicas ${replicas} - standby JobManagers need HA, but highAvailability is disabled; remove the patch or enable highAvailability`,
      ];
    }
    return [];
  }

  /** Two clusters with one namespace and cluster id in one app would share HA state. */
  private claimClusterId(): void {
    const root = this.node.root;
    const claimed = clustersByApp.get(root) ?? new Map<string, string>();
    clustersByApp.set(root, claimed);
    const key = `${this.namespace}/${this.clusterId}`;
    const other = claimed.get(key);
    if (other) {
      fail(
        'clusterId',
        this.clusterId,
        `is already used by ${other} in namespace "${this.namespace}"; the two clusters would share Flink's HA ConfigMaps and storage. Give each a distinct clusterId`,
      );
    }
    claimed.set(key, this.node.path);
  }
}
