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

    const jmRules: k8s.PolicyRule[] = [];
    const tmRules: k8s.PolicyRule[] = [];
    if (m.highAvailability.enabled) {
      // Flink's leader election and HA metadata: the lock ConfigMap and one per job,
      // created and cleaned up by the leader. Names are dynamic, so no resourceNames.
      jmRules.push({
        apiGroups: [''],
        resources: ['configmaps'],
        verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
      });
      // TaskManagers find the leaders by watching the lock ConfigMap; a failed watch is fatal to them.
      tmRules.push({ apiGroups: [''], resources: ['configmaps'], verbs: ['get', 'list', 'watch'] });
    }
    if (m.agent.enabled) {
      jmRules.push(
        // Kubernetes cannot restrict "create" by name; get/update are limited to the agent's Lease.
        { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
        {
          apiGroups: ['coordination.k8s.io'],
          resources: ['leases'],
          resourceNames: [names.leaderLease],
          verbs: ['get', 'patch', 'update'],
        },
        // The agent labels its own pod leader/standby; pod names are random, so no resourceNames.
        { apiGroups: [''], resources: ['pods'], verbs: ['get', 'list', 'patch'] },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      );
    }

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
