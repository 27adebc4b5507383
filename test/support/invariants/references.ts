import { allContainers, ClusterView, ref } from './model';

/**
 * Everything a pod references exists: ConfigMaps, Secrets, claims and the
 * ServiceAccount are emitted, or declared in the props as existing outside; volume
 * mounts name volumes of the pod.
 */
export function podReferencesResolve(v: ClusterView): string[] {
  const out: string[] = [];
  const emitted = (kind: string, ns: string) =>
    new Set(v.objects.filter((o) => o.kind === kind && o.metadata.namespace === ns).map((o) => o.metadata.name));
  for (const p of v.pods) {
    const at = ref(p.deployment);
    const configMaps = new Set([...emitted('ConfigMap', p.namespace), ...v.external.configMaps]);
    const secrets = new Set([...emitted('Secret', p.namespace), ...v.external.secrets]);
    const claims = new Set([...emitted('PersistentVolumeClaim', p.namespace), ...v.external.claims]);
    const need = (set: Set<string>, name: string | undefined, what: string) => {
      if (name !== undefined && !set.has(name))
        out.push(`${at}: ${what} "${name}" is neither emitted nor declared in the props`);
    };
    const sa = p.spec.serviceAccountName ?? 'default';
    need(emitted('ServiceAccount', p.namespace), sa, 'ServiceAccount');
    for (const s of p.spec.imagePullSecrets ?? []) need(secrets, s.name, 'image pull Secret');
    const volumes = new Set<string>();
    for (const vol of p.spec.volumes ?? []) {
      if (volumes.has(vol.name)) out.push(`${at}: volume "${vol.name}" declared twice`);
      volumes.add(vol.name);
      need(configMaps, vol.configMap?.name, 'ConfigMap');
      need(secrets, vol.secret?.secretName, 'Secret');
      need(claims, vol.persistentVolumeClaim?.claimName, 'PersistentVolumeClaim');
      for (const src of vol.projected?.sources ?? []) {
        need(configMaps, src.configMap?.name, 'ConfigMap');
        need(secrets, src.secret?.name, 'Secret');
      }
    }
    for (const c of allContainers(p.spec)) {
      for (const m of c.volumeMounts ?? [])
        if (!volumes.has(m.name)) out.push(`${at}: ${c.name} mounts unknown volume "${m.name}"`);
      for (const e of c.envFrom ?? []) {
        need(secrets, e.secretRef?.name, 'Secret');
        need(configMaps, e.configMapRef?.name, 'ConfigMap');
      }
      for (const e of c.env ?? []) {
        need(secrets, e.valueFrom?.secretKeyRef?.name, 'Secret');
        need(configMaps, e.valueFrom?.configMapKeyRef?.name, 'ConfigMap');
      }
    }
    const names = allContainers(p.spec).map((c) => c.name);
    if (new Set(names).size !== names.length) out.push(`${at}: duplicate container names ${names.join(', ')}`);
  }
  return out;
}
