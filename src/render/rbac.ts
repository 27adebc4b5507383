import { Construct } from 'constructs';
import { k8s } from '../../imports/k8s';
import { ClusterModel } from '../model/cluster-model';
import { Component, metadata, MetadataContext } from '../model/labels';

/**
 * Service accounts, Roles and RoleBindings with the least each pod needs. Namespaced,
 * no wildcards. Without HA no pod talks to the API, so there are no Roles at all and
 * tokens stay unmounted.
 */
export class FlinkRbac extends Construct {
  public readonly jobManagerServiceAccountName: string;
  public readonly taskManagerServiceAccountName: string;
  private readonly ctx: MetadataContext;

  constructor(scope: Construct, id: string, m: ClusterModel) {
    super(scope, id);
    this.ctx = m.meta;
    const names = m.names;
    this.jobManagerServiceAccountName = names.jobManager;
    this.taskManagerServiceAccountName = names.taskManager;

    const jmRules = m.highAvailability.enabled ? [...flinkJobManagerRules(m), ...agentRules(m)] : [];
    const tmRules = m.highAvailability.enabled ? flinkTaskManagerRules(m) : [];
    this.account('JobManager', names.jobManager, jmRules);
    this.account('TaskManager', names.taskManager, tmRules);
  }

  private account(id: string, name: string, rules: k8s.PolicyRule[]): void {
    const meta = metadata(this.ctx, name, Component.RBAC);
    // Tokens are mounted per pod where needed, never by default.
    new k8s.KubeServiceAccount(this, `${id}ServiceAccount`, { metadata: meta, automountServiceAccountToken: false });
    if (rules.length === 0) return;
    new k8s.KubeRole(this, `${id}Role`, { metadata: meta, rules });
    new k8s.KubeRoleBinding(this, `${id}RoleBinding`, {
      metadata: meta,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: this.ctx.namespace }],
    });
  }
}

const CONFIGMAPS = { apiGroups: [''], resources: ['configmaps'] };

/**
 * Flink's leader election and HA metadata, by name wherever the name is known: the lock
 * ConfigMap, and in application mode the job's own ConfigMap (its job id is fixed). A session
 * cluster's job ids are not known ahead, so there the job ConfigMaps need unnamed rights,
 * which the admission policy narrows to this cluster's names. `create` cannot be restricted
 * by name in RBAC at all.
 */
export function flinkJobManagerRules(m: ClusterModel): k8s.PolicyRule[] {
  const named = [m.names.clusterConfigMap, ...(m.job ? [`${m.clusterId}-${m.job.jobId}-config-map`] : [])];
  return [
    { ...CONFIGMAPS, verbs: ['create'] },
    // fabric8 lists and watches one ConfigMap with a metadata.name field selector, which resourceNames cover.
    { ...CONFIGMAPS, resourceNames: named, verbs: ['delete', 'get', 'list', 'patch', 'update', 'watch'] },
    ...(m.job ? [] : [{ ...CONFIGMAPS, verbs: ['delete', 'get', 'patch', 'update'] }]),
  ];
}

/** TaskManagers find the leaders by watching the lock ConfigMap; a failed watch is fatal to them. */
export function flinkTaskManagerRules(m: ClusterModel): k8s.PolicyRule[] {
  return [{ ...CONFIGMAPS, resourceNames: [m.names.clusterConfigMap], verbs: ['get', 'list', 'watch'] }];
}

/** The HA agent: its Lease (create cannot be named), its own pod's role label, Events. */
export function agentRules(m: ClusterModel): k8s.PolicyRule[] {
  if (!m.agent.enabled) return [];
  const leases = { apiGroups: ['coordination.k8s.io'], resources: ['leases'] };
  return [
    { ...leases, verbs: ['create'] },
    { ...leases, resourceNames: [m.names.leaderLease], verbs: ['get', 'update'] },
    // Pod names are random, so no resourceNames; the admission policy allows only the role label.
    { apiGroups: [''], resources: ['pods'], verbs: ['patch'] },
    { apiGroups: [''], resources: ['events'], verbs: ['create'] },
  ];
}
