/**
 * Operations on a running control plane and on the Flink clusters the scenarios deploy:
 * namespaces, server-side apply, creating/stopping the Deployments' pods, reading Flink's HA
 * state (the leader annotation and entries of <cluster-id>-cluster-config-map), the REST API.
 */
import * as fs from 'fs';
import * as path from 'path';
import { FlinkClusterProps } from '../../src';
import { synthCluster } from './clusters';
import { FatalError, httpJson, RUN, say, sh, tcpOpen, until } from './harness';
import { Kube, ns } from './kube';
import { Kubelet, PodRun } from './kubelet';

export const ROLE_LABEL = 'flink.cdk8s.io/ha-role';
export const LEADER_ANNOTATION = 'control-plane.alpha.kubernetes.io/leader';
const REST_ENTRY = 'org.apache.flink.k8s.leader.restserver';

export interface Ctx {
  readonly kube: Kube;
  readonly kubelet: Kubelet;
  readonly cpState: string;
  readonly cpEnv: Record<string, string>;
}

export const kubectlEnv = (ctx: Ctx): NodeJS.ProcessEnv => ({ ...process.env, KUBECONFIG: ctx.cpEnv.KUBECONFIG });

const PSA = {
  'pod-security.kubernetes.io/enforce': 'restricted',
  'pod-security.kubernetes.io/warn': 'restricted',
  'pod-security.kubernetes.io/audit': 'restricted',
};

export async function ensureNamespace(ctx: Ctx, name: string): Promise<void> {
  const existing = await ctx.kube.getOrUndefined(`/api/v1/namespaces/${name}`);
  if (!existing)
    await ctx.kube.request('POST', '/api/v1/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: PSA },
    });
  // kube-controller-manager's root-ca-cert-publisher is not running: publish kube-root-ca.crt ourselves.
  const ca = fs.readFileSync(path.join(ctx.cpState, 'pki', 'ca.crt'), 'utf8');
  if (!(await ctx.kube.getOrUndefined(ns(name, 'configmaps', 'kube-root-ca.crt')))) {
    await ctx.kube.request('POST', ns(name, 'configmaps'), {
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: { name: 'kube-root-ca.crt' },
      data: { 'ca.crt': ca },
    });
  }
}

export function namespacesOf(file: string): string[] {
  return [...new Set([...fs.readFileSync(file, 'utf8').matchAll(/^ {2}namespace: (\S+)$/gm)].map((m) => m[1]))];
}

/** Server-side apply of one file: 0 rejections, 0 warnings. Returns the number of objects. */
export async function applyFile(ctx: Ctx, file: string): Promise<number> {
  for (const n of namespacesOf(file)) await ensureNamespace(ctx, n);
  const r = sh('kubectl', ['apply', '--server-side', '--field-manager=cdk8s-flink-e2e', '-f', file], kubectlEnv(ctx));
  const warnings = r.err.split('\n').filter((l) => /warning/i.test(l) && !/version difference|skew/i.test(l));
  if (r.code !== 0) throw new Error(`kubectl apply --server-side -f ${path.basename(file)} rejected:\n${r.err.trim()}`);
  if (warnings.length)
    throw new Error(`kubectl apply -f ${path.basename(file)}: ${warnings.length} warning(s):\n${warnings.join('\n')}`);
  return r.out.split('\n').filter((l) => /serverside-applied/.test(l)).length;
}

export interface FlinkDeployment {
  readonly namespace: string;
  readonly clusterId: string;
  readonly file: string;
  jms: PodRun[];
  tms: PodRun[];
  /** ConfigMaps that existed before any pod ran (the manifests' own, kube-root-ca.crt). */
  readonly configMapsBefore: string[];
}

/** Synthesizes (when props are given) and applies a cluster, then creates and runs its pods. */
export async function deploy(
  ctx: Ctx,
  namespace: string,
  source: FlinkClusterProps | string,
  clusterId = 'my-flink-cluster',
): Promise<FlinkDeployment> {
  let file: string;
  if (typeof source === 'string') file = source;
  else {
    file = path.join(RUN, 'manifests', `${namespace}.k8s.yaml`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    synthCluster(file, namespace, source);
  }
  await applyFile(ctx, file);
  const configMapsBefore = (await ctx.kube.get(ns(namespace, 'configmaps'))).items
    .map((c: any) => c.metadata.name)
    .sort();
  const jms = await ctx.kubelet.createPods(namespace, `${clusterId}-jobmanager`);
  const tms = await ctx.kubelet.createPods(namespace, `${clusterId}-taskmanager`);
  return { namespace, clusterId, file, jms, tms, configMapsBefore };
}

/** Stops and deletes every pod the kubelet runs in the namespace (the cluster's processes end). */
export async function stopAllPods(ctx: Ctx, namespace: string): Promise<void> {
  await Promise.all(ctx.kubelet.podsIn(namespace).map((p) => ctx.kubelet.deletePod(p.name, 10)));
}

/**
 * Flink's high-availability.cluster-id (the HA storage folder's name), as the construct hands it
 * to the agent (FLINK_HA_CLUSTER_ID); the ConfigMaps are named after kubernetes.cluster-id.
 */
export async function haClusterId(ctx: Ctx, d: FlinkDeployment): Promise<string> {
  const dep = await ctx.kube.get(`/apis/apps/v1/namespaces/${d.namespace}/deployments/${d.clusterId}-jobmanager`);
  for (const c of dep.spec.template.spec.containers) {
    const v = (c.env ?? []).find((e: any) => e.name === 'FLINK_HA_CLUSTER_ID')?.value;
    if (v) return v;
  }
  return d.clusterId;
}

export interface ClusterView {
  lockHolder?: string;
  renewTime?: string;
  transitions?: number;
  restIp?: string;
  leaderEntries: Record<string, string>;
  resourceVersion?: string;
}

export function viewOf(cm: any): ClusterView {
  const out: ClusterView = { leaderEntries: {} };
  if (!cm) return out;
  out.resourceVersion = cm.metadata.resourceVersion;
  const ann = cm.metadata.annotations?.[LEADER_ANNOTATION];
  if (ann) {
    const rec = JSON.parse(ann);
    out.lockHolder = rec.holderIdentity || undefined;
    out.renewTime = rec.renewTime;
    out.transitions = rec.leaderTransitions;
  }
  for (const [k, v] of Object.entries<string>(cm.data ?? {}))
    if (k.startsWith('org.apache.flink.k8s.leader.')) out.leaderEntries[k] = v;
  const rest = out.leaderEntries[REST_ENTRY];
  if (rest) out.restIp = /\/\/([^:/]+)/.exec(rest.slice(rest.indexOf(',') + 1))?.[1];
  return out;
}

export async function clusterView(ctx: Ctx, namespace: string, clusterId: string): Promise<ClusterView> {
  return viewOf(await ctx.kube.getOrUndefined(ns(namespace, 'configmaps', `${clusterId}-cluster-config-map`)));
}
export const restEntryOf = (v: ClusterView) => v.leaderEntries[REST_ENTRY];

export function podByIp(ctx: Ctx, ip: string | undefined): PodRun | undefined {
  return [...ctx.kubelet.pods.values()].find((p) => p.ip === ip);
}

export async function jobs(ip: string): Promise<Array<{ id: string; state: string; name: string }>> {
  const o = await httpJson(`http://${ip}:8081/jobs/overview`);
  return (o.jobs ?? []).map((j: any) => ({ id: j.jid, state: j.state, name: j.name }));
}

export async function jobState(ip: string, jobId: string): Promise<string | undefined> {
  return (await jobs(ip)).find((j) => j.id === jobId)?.state;
}

/**
 * A container that failed twice on its own (init container, or a main container the harness did
 * not stop) will not get better: name it and the cause from its log.
 */
export class CrashLoop extends FatalError {}
export function failOnCrashLoop(d: FlinkDeployment): void {
  for (const p of [...d.jms, ...d.tms]) {
    for (const cr of p.containers.values()) {
      const failed = cr.exits.filter((e) => e.code !== 0 && e.code !== 143 && e.signal === null);
      if (failed.length < 2) continue;
      const lines = fs.readFileSync(cr.logFile, 'utf8').trim().split('\n');
      const cause =
        [...lines].reverse().find((l) => /^Caused by|Exception|ERROR|cannot|No such/.test(l)) ?? lines.pop();
      throw new CrashLoop(
        `${p.name}: container ${cr.name} failed ${failed.length} times (exit ${failed.map((e) => e.code).join(', ')}); ${cause?.trim()}`,
      );
    }
  }
}

/** The leader's pod once Flink has published its REST address, and that address answers. */
export async function waitLeader(ctx: Ctx, d: FlinkDeployment, timeoutMs = 240_000): Promise<PodRun> {
  const ip = await until(
    `${d.namespace}: a leader publishing its REST address`,
    timeoutMs,
    async () => {
      failOnCrashLoop(d);
      const v = await clusterView(ctx, d.namespace, d.clusterId);
      return v.restIp && (await tcpOpen(v.restIp, 8081)) ? v.restIp : undefined;
    },
    500,
  );
  const leader = podByIp(ctx, ip);
  if (!leader || !d.jms.includes(leader))
    throw new Error(
      `REST leader entry ${ip} is not one of the JobManager pods ${d.jms.map((p) => `${p.name}=${p.ip}`).join(', ')}`,
    );
  return leader;
}

export async function podLabel(ctx: Ctx, p: PodRun): Promise<string | undefined> {
  const o = await ctx.kube.getOrUndefined(ns(p.namespace, 'pods', p.name));
  return o?.metadata.labels?.[ROLE_LABEL];
}

export async function leaseHolder(
  ctx: Ctx,
  namespace: string,
  clusterId: string,
): Promise<{ holder?: string; renewTime?: string } | undefined> {
  const lease = await ctx.kube.getOrUndefined(
    `/apis/coordination.k8s.io/v1/namespaces/${namespace}/leases/${clusterId}-jobmanager-leader`,
  );
  return lease ? { holder: lease.spec.holderIdentity, renewTime: lease.spec.renewTime } : undefined;
}

/** The agent labels the leader `leader`, the other JobManagers `standby`, and holds the Lease for the leader. */
export async function waitAgentsAgree(ctx: Ctx, d: FlinkDeployment, leader: PodRun, timeoutMs = 60_000): Promise<void> {
  await until(
    `${d.namespace}: agent labels ${leader.name} leader (others standby) and holds the Lease for it`,
    timeoutMs,
    async () => {
      for (const p of d.jms) if ((await podLabel(ctx, p)) !== (p === leader ? 'leader' : 'standby')) return undefined;
      return (await leaseHolder(ctx, d.namespace, d.clusterId))?.holder === leader.name ? true : undefined;
    },
    500,
  );
}

export function containerPid(p: PodRun, container: string): number | undefined {
  const cr = p.containers.get(container);
  return cr?.proc && cr.proc.exitCode === null && cr.proc.signalCode === null ? cr.pid : undefined;
}

export function rssMiB(pid: number | undefined): number | undefined {
  if (!pid) return undefined;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** The JVM's command line of a running Flink container (its pid is the java process after the execs). */
export function javaCmdline(p: PodRun): string[] {
  const pid = containerPid(p, 'flink-main-container');
  if (!pid) return [];
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

export async function eventsFor(
  ctx: Ctx,
  namespace: string,
  pod: string,
): Promise<Array<{ reason: string; message: string; at: string }>> {
  const list = await ctx.kube.get(
    `${ns(namespace, 'events')}?fieldSelector=${encodeURIComponent(`involvedObject.name=${pod}`)}`,
  );
  return (list.items ?? [])
    .map((e: any) => ({ reason: e.reason, message: e.message, at: e.lastTimestamp ?? e.eventTime }))
    .sort((a: any, b: any) => String(a.at).localeCompare(String(b.at)));
}

export { say };
