import { allContainers, ClusterView, ref } from './model';

/** Volume types the "restricted" Pod Security Standard admits (JSON field names). */
export const RESTRICTED_VOLUME_TYPES = [
  'configMap',
  'secret',
  'emptyDir',
  'persistentVolumeClaim',
  'projected',
  'downwardAPI',
  'csi',
  'ephemeral',
];
const SAFE_SYSCTLS = [
  'kernel.shm_rmid_forced',
  'net.ipv4.ip_local_port_range',
  'net.ipv4.ip_unprivileged_port_start',
  'net.ipv4.tcp_syncookies',
  'net.ipv4.ping_group_range',
  'net.ipv4.ip_local_reserved_ports',
  'net.ipv4.tcp_keepalive_time',
  'net.ipv4.tcp_fin_timeout',
  'net.ipv4.tcp_keepalive_intvl',
  'net.ipv4.tcp_keepalive_probes',
];

/** Problems of one pod spec under the "restricted" Pod Security Standard (latest), baseline rules included. */
export function restrictedProblems(spec: Record<string, any>, at: string): string[] {
  const out: string[] = [];
  const psc = spec.securityContext ?? {};
  for (const host of ['hostNetwork', 'hostPID', 'hostIPC', 'hostUsers'] as const) {
    if (host === 'hostUsers' ? false : spec[host] === true) out.push(`${at}: ${host} is true`);
  }
  for (const vol of spec.volumes ?? []) {
    const types = Object.keys(vol).filter((k) => k !== 'name');
    const bad = types.filter((t) => !RESTRICTED_VOLUME_TYPES.includes(t));
    if (bad.length) out.push(`${at}: volume "${vol.name}" uses ${bad.join(', ')}`);
  }
  for (const s of psc.sysctls ?? []) if (!SAFE_SYSCTLS.includes(s.name)) out.push(`${at}: unsafe sysctl ${s.name}`);
  if (psc.runAsUser === 0) out.push(`${at}: pod runAsUser is 0`);
  const podSeccomp = psc.seccompProfile?.type;
  if (podSeccomp !== undefined && !['RuntimeDefault', 'Localhost'].includes(podSeccomp))
    out.push(`${at}: pod seccompProfile ${podSeccomp}`);
  if (
    psc.seLinuxOptions?.type &&
    !['container_t', 'container_init_t', 'container_kvm_t', 'container_engine_t'].includes(psc.seLinuxOptions.type)
  )
    out.push(`${at}: pod SELinux type ${psc.seLinuxOptions.type}`);
  for (const c of allContainers(spec)) {
    const sc = c.securityContext ?? {};
    const cat = `${at}: container ${c.name}`;
    if (sc.privileged === true) out.push(`${cat} is privileged`);
    if (sc.allowPrivilegeEscalation !== false) out.push(`${cat} does not set allowPrivilegeEscalation: false`);
    const runAsNonRoot = sc.runAsNonRoot ?? psc.runAsNonRoot;
    if (runAsNonRoot !== true) out.push(`${cat} does not run as non-root (runAsNonRoot ${runAsNonRoot})`);
    if (sc.runAsUser === 0) out.push(`${cat} runAsUser is 0`);
    const seccomp = sc.seccompProfile?.type ?? podSeccomp;
    if (!['RuntimeDefault', 'Localhost'].includes(seccomp)) out.push(`${cat} has seccompProfile ${seccomp}`);
    const drop: string[] = sc.capabilities?.drop ?? [];
    if (!drop.includes('ALL')) out.push(`${cat} does not drop ALL capabilities`);
    const add: string[] = sc.capabilities?.add ?? [];
    for (const cap of add) if (cap !== 'NET_BIND_SERVICE') out.push(`${cat} adds capability ${cap}`);
    if (sc.procMount !== undefined && sc.procMount !== 'Default') out.push(`${cat} procMount ${sc.procMount}`);
    if (sc.appArmorProfile?.type !== undefined && !['RuntimeDefault', 'Localhost'].includes(sc.appArmorProfile.type))
      out.push(`${cat} AppArmor ${sc.appArmorProfile.type}`);
    for (const p of c.ports ?? [])
      if (p.hostPort !== undefined && p.hostPort !== 0) out.push(`${cat} uses hostPort ${p.hostPort}`);
  }
  return out;
}

/** Every pod meets the "restricted" Pod Security Standard, in all its containers. */
export function podsAreRestricted(v: ClusterView): string[] {
  return v.pods.flatMap((p) => restrictedProblems(p.spec, ref(p.deployment)));
}
