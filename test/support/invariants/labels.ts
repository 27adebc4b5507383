import { ClusterView, ref } from './model';

/** Labels every object must carry (Kubernetes' recommended labels). */
export const REQUIRED_LABELS = [
  'app.kubernetes.io/name',
  'app.kubernetes.io/instance',
  'app.kubernetes.io/component',
  'app.kubernetes.io/managed-by',
];

/** Kinds that live outside namespaces: they must carry none. */
export const CLUSTER_SCOPED_KINDS = ['ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding'];

/** Every object (and every pod template) carries the recommended labels and the cluster's namespace. */
export function objectsAreLabelled(v: ClusterView): string[] {
  const out: string[] = [];
  for (const o of v.objects) {
    const labels = o.metadata.labels ?? {};
    const missing = REQUIRED_LABELS.filter((l) => !labels[l]);
    if (missing.length) out.push(`${ref(o)}: missing labels ${missing.join(', ')}`);
    const namespace = CLUSTER_SCOPED_KINDS.includes(o.kind) ? undefined : v.namespace;
    if (o.metadata.namespace !== namespace)
      out.push(`${ref(o)}: namespace ${JSON.stringify(o.metadata.namespace)} instead of ${JSON.stringify(namespace)}`);
  }
  for (const p of v.pods) {
    const missing = REQUIRED_LABELS.filter((l) => l !== 'app.kubernetes.io/managed-by' && !p.labels[l]);
    if (missing.length) out.push(`${ref(p.deployment)}: pod template misses labels ${missing.join(', ')}`);
  }
  return out;
}
