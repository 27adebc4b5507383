import { allContainers, ClusterView, ref } from './model';
import { selectedPods } from './selectors';

/**
 * Every Service selects at least one pod template, and each of its targetPorts is a
 * containerPort (by name or number) of every pod template it selects.
 */
export function servicesReachPods(v: ClusterView): string[] {
  const out: string[] = [];
  for (const s of v.objects.filter((o) => o.kind === 'Service')) {
    const pods = selectedPods(v.pods, s.metadata.namespace ?? '', s.spec?.selector);
    if (!s.spec?.selector || Object.keys(s.spec.selector).length === 0) {
      out.push(`${ref(s)}: has no selector`);
      continue;
    }
    if (pods.length === 0) out.push(`${ref(s)}: selector ${JSON.stringify(s.spec.selector)} matches no pod template`);
    for (const sp of s.spec.ports ?? []) {
      const target = sp.targetPort ?? sp.port;
      for (const p of pods) {
        const ports = allContainers(p.spec).flatMap((c) => c.ports ?? []);
        const ok =
          typeof target === 'string'
            ? ports.some((cp: any) => cp.name === target)
            : ports.some((cp: any) => cp.containerPort === target);
        if (!ok)
          out.push(
            `${ref(s)}: port ${sp.name ?? sp.port} targets ${JSON.stringify(target)}, which ${ref(p.deployment)} does not expose`,
          );
      }
    }
  }
  return out;
}

/** Every PodDisruptionBudget and Deployment selector matches its own pod template(s). */
export function selectorsMatchTemplates(v: ClusterView): string[] {
  const out: string[] = [];
  for (const p of v.pods) {
    const sel = p.deployment.spec?.selector?.matchLabels ?? {};
    if (!Object.entries(sel).every(([k, x]) => p.labels[k] === x))
      out.push(`${ref(p.deployment)}: selector does not match its own template`);
  }
  for (const pdb of v.objects.filter((o) => o.kind === 'PodDisruptionBudget')) {
    if (selectedPods(v.pods, pdb.metadata.namespace ?? '', pdb.spec?.selector?.matchLabels).length === 0)
      out.push(`${ref(pdb)}: selects no pod template`);
  }
  return out;
}
