import { ClusterView, ref } from './model';

/**
 * The most each component's pods may be granted: JobManagers run Flink's leader
 * election (ConfigMaps) and the HA agent (its Lease, its own pod's label, Events);
 * TaskManagers only watch the leader ConfigMap.
 */
const ALLOWED: Record<string, Record<string, string[]>> = {
  jobmanager: {
    '/configmaps': ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    'coordination.k8s.io/leases': ['create', 'get', 'patch', 'update'],
    '/pods': ['get', 'list', 'patch'],
    '/events': ['create', 'patch'],
  },
  taskmanager: { '/configmaps': ['get', 'list', 'watch'] },
};

/**
 * Roles are namespaced, wildcard-free and grant no more than the pods bound to them
 * need; every RoleBinding names an emitted Role and ServiceAccount of its namespace, and
 * every Role is bound to a ServiceAccount some pod runs as.
 */
export function rbacIsLeastPrivilege(v: ClusterView): string[] {
  const out: string[] = [];
  const of = (kind: string) => v.objects.filter((o) => o.kind === kind);
  if (of('ClusterRole').length || of('ClusterRoleBinding').length) out.push('cluster-scoped RBAC is emitted');
  const accounts = new Set(of('ServiceAccount').map((o) => `${o.metadata.namespace}/${o.metadata.name}`));
  const roles = new Map(of('Role').map((o) => [`${o.metadata.namespace}/${o.metadata.name}`, o]));
  const podsBySa = (ns: string, sa: string) =>
    v.pods.filter((p) => p.namespace === ns && (p.spec.serviceAccountName ?? 'default') === sa);
  const boundRoles = new Set<string>();
  for (const rb of of('RoleBinding')) {
    const ns = rb.metadata.namespace ?? '';
    const roleKey = `${ns}/${rb.roleRef?.name}`;
    if (rb.roleRef?.kind !== 'Role' || rb.roleRef?.apiGroup !== 'rbac.authorization.k8s.io' || !roles.has(roleKey))
      out.push(`${ref(rb)}: roleRef ${JSON.stringify(rb.roleRef)} is not an emitted Role`);
    for (const s of rb.subjects ?? []) {
      if (s.kind !== 'ServiceAccount' || s.namespace !== ns || !accounts.has(`${ns}/${s.name}`)) {
        out.push(`${ref(rb)}: subject ${JSON.stringify(s)} is not an emitted ServiceAccount of namespace ${ns}`);
        continue;
      }
      const role = roles.get(roleKey);
      if (!role) continue;
      boundRoles.add(roleKey);
      const pods = podsBySa(ns, s.name);
      if (pods.length === 0) out.push(`${ref(rb)}: no pod runs as ${s.name}`);
      for (const rule of role.rules ?? []) {
        if (rule.nonResourceURLs) out.push(`${ref(role)}: grants nonResourceURLs`);
        for (const field of ['apiGroups', 'resources', 'verbs', 'resourceNames']) {
          if ((rule[field] ?? []).some((x: string) => x.includes('*'))) out.push(`${ref(role)}: wildcard in ${field}`);
        }
        for (const p of pods) {
          const allowed = ALLOWED[p.component] ?? {};
          for (const g of rule.apiGroups ?? []) {
            for (const r of rule.resources ?? []) {
              const max = allowed[`${g}/${r}`] ?? [];
              const extra = (rule.verbs ?? []).filter((verb: string) => !max.includes(verb));
              if (extra.length)
                out.push(
                  `${ref(role)}: grants ${extra.join(', ')} on ${g || 'core'}/${r} to ${p.component} pods, which need at most [${max.join(', ')}]`,
                );
            }
          }
        }
      }
    }
  }
  for (const key of roles.keys()) if (!boundRoles.has(key)) out.push(`Role/${key}: bound to no ServiceAccount`);
  for (const p of v.pods) {
    const sa = p.spec.serviceAccountName ?? 'default';
    const bound = of('RoleBinding').some(
      (rb) => rb.metadata.namespace === p.namespace && (rb.subjects ?? []).some((s: any) => s.name === sa),
    );
    // A mounted token with no Role only widens what a compromised pod can try.
    if (p.spec.automountServiceAccountToken !== false && !bound)
      out.push(`${ref(p.deployment)}: mounts a token for ${sa}, which no Role is bound to`);
  }
  return out;
}
