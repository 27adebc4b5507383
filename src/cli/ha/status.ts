/** `cdk8s-flink ha status`: who leads, the candidates, the Lease, and what Flink's HA state points to. */
import { haConfigMaps, jobManagerPods } from './cluster';
import { clusterConfigMapName, leaderLeaseName, ROLE_LABEL } from '../../agent/contract';
import { leaderIp, parseLeaderEntries } from '../../agent/election/leader-entries';
import { LEADER_ANNOTATION, LeaderRecord, parseLeaderRecord } from '../../agent/election/leader-record';
import { ConfigMap, isNotFound, KubeApi, Lease } from '../../agent/kube/kube-api';
import { renewAgeSeconds } from '../../agent/lease/lease-mirror';
import { findPointers, HaPointer } from '../../agent/storage/pointer-check';
import { Io } from '../io';

export const BROKEN_POINTERS_NOTE =
  'not checked here: this command cannot see the HA storage, so it only lists the pointers. ' +
  'The agent in each JobManager pod, where the storage is mounted, checks them: see its /status, ' +
  'its Events (reason HAPointerBroken) or the flink_ha_agent_broken_pointers metric';

interface JobSummary {
  readonly jobId: string;
  readonly jobGraph: boolean;
  readonly checkpoints: number[];
}

/** The report, as `--output json` prints it. */
export interface StatusReport {
  readonly clusterId: string;
  readonly namespace: string;
  readonly leader: {
    readonly pod?: string;
    readonly ip?: string;
    readonly flinkHolder?: string;
    readonly lockRenewAgeSeconds?: number;
    readonly transitions?: number;
    readonly problem?: string;
  };
  readonly candidates: ReadonlyArray<{ readonly pod: string; readonly ip?: string; readonly role: string }>;
  readonly lease?: {
    readonly holder?: string;
    readonly renewAgeSeconds?: number;
    readonly transitions?: number;
    readonly acquireTime?: string;
  };
  readonly haConfigMaps: readonly string[];
  readonly jobs: readonly JobSummary[];
  readonly pointers: ReadonlyArray<{
    readonly configMap: string;
    readonly key: string;
    readonly kind: HaPointer['kind'];
    readonly jobId?: string;
    readonly path: string | null;
  }>;
  readonly brokenPointers: string;
}

export async function status(api: KubeApi, ns: string, id: string, json: boolean, io: Io): Promise<number> {
  const report = await readStatus(api, ns, id, Date.now());
  io.stdout.write(json ? JSON.stringify(report, null, 2) + '\n' : statusLines(report).join('\n') + '\n');
  return 0;
}

async function getOrUndefined<T>(read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (e) {
    if (!isNotFound(e)) throw e;
    return undefined;
  }
}

/** Reads the cluster's pods, lock, Lease and HA ConfigMaps into one report. */
export async function readStatus(api: KubeApi, ns: string, id: string, now: number): Promise<StatusReport> {
  const pods = await jobManagerPods(api, ns, id);
  const lock = await getOrUndefined(() => api.getConfigMap(ns, clusterConfigMapName(id)));
  const lease = await getOrUndefined(() => api.getLease(ns, leaderLeaseName(id)));
  const ha = (await haConfigMaps(api, ns, id)).ours;
  const record = parseLeaderRecord(lock?.metadata.annotations?.[LEADER_ANNOTATION]);
  const ip = leaderIp(parseLeaderEntries(lock?.data));
  const pointers = findPointers(ha);
  return {
    clusterId: id,
    namespace: ns,
    leader: {
      pod: pods.find((p) => p.status?.podIP && p.status.podIP === ip)?.metadata.name,
      ip,
      flinkHolder: record.kind === 'ok' ? record.holderIdentity : undefined,
      lockRenewAgeSeconds: record.kind === 'ok' && record.renewTime ? (now - record.renewTime) / 1000 : undefined,
      transitions: record.kind === 'ok' ? record.leaderTransitions : undefined,
      problem: lockProblem(record, lock, id),
    },
    candidates: pods.map((p) => ({
      pod: p.metadata.name,
      ip: p.status?.podIP,
      role: p.metadata.labels?.[ROLE_LABEL] ?? '(no label)',
    })),
    lease: lease && leaseSummary(lease, now),
    haConfigMaps: ha.map((c) => c.metadata.name).sort(),
    jobs: jobSummaries(pointers),
    pointers: pointers.map((p) => ({
      configMap: p.configMap,
      key: p.key,
      kind: p.kind,
      jobId: p.jobId,
      path: p.path ?? null,
    })),
    brokenPointers: BROKEN_POINTERS_NOTE,
  };
}

function lockProblem(record: LeaderRecord, lock: ConfigMap | undefined, id: string): string | undefined {
  if (record.kind === 'ok') return undefined;
  if (record.kind === 'unparseable') return record.reason;
  return lock ? 'no leader annotation' : `${clusterConfigMapName(id)} not found`;
}

function leaseSummary(lease: Lease, now: number): StatusReport['lease'] {
  return {
    holder: lease.spec?.holderIdentity,
    renewAgeSeconds: renewAgeSeconds(lease, now),
    transitions: lease.spec?.leaseTransitions,
    acquireTime: lease.spec?.acquireTime,
  };
}

function jobSummaries(pointers: readonly HaPointer[]): JobSummary[] {
  const ids = [...new Set(pointers.map((p) => p.jobId).filter((j): j is string => !!j))].sort();
  return ids.map((jobId) => ({
    jobId,
    jobGraph: pointers.some((p) => p.jobId === jobId && p.kind === 'job-graph'),
    checkpoints: pointers
      .filter((p) => p.jobId === jobId && p.kind === 'checkpoint')
      .map((p) => Number(p.key.slice('checkpointID-'.length)))
      .sort((a, b) => a - b),
  }));
}

const seconds = (n?: number) => (n === undefined ? '?' : `${n.toFixed(1)} s`);

/** The report for a terminal. */
export function statusLines(report: StatusReport): string[] {
  const { leader, lease } = report;
  const problem = leader.problem ? ` - ${leader.problem}` : '';
  return [
    `cluster ${report.clusterId} in namespace ${report.namespace}`,
    `leader:      ${leader.pod ?? '(none)'}${leader.ip ? ` (${leader.ip})` : ''}${problem}`,
    `flink lock:  renewed ${seconds(leader.lockRenewAgeSeconds)} ago, ${leader.transitions ?? '?'} transitions`,
    `lease:       ${
      lease
        ? `${lease.holder} renewed ${seconds(lease.renewAgeSeconds)} ago, ${lease.transitions ?? 0} transitions`
        : '(none: the HA agent has not written it)'
    }`,
    'candidates:',
    ...(report.candidates.length
      ? report.candidates.map((c) => `  ${c.pod.padEnd(40)} ${String(c.ip ?? '-').padEnd(16)} ${c.role}`)
      : ['  (no JobManager pods)']),
    `HA ConfigMaps: ${report.haConfigMaps.length ? report.haConfigMaps.join(', ') : '(none)'}`,
    'jobs known to HA:',
    ...(report.jobs.length
      ? report.jobs.map(
          (j) =>
            `  ${j.jobId} job graph: ${j.jobGraph ? 'yes' : 'NO'}, ` +
            `checkpoints: ${j.checkpoints.length ? j.checkpoints.join(', ') : '(none)'}`,
        )
      : ['  (none)']),
    'HA pointers (ConfigMap key -> file):',
    ...(report.pointers.length
      ? report.pointers.map((p) => `  ${p.configMap} ${p.key} -> ${p.path ?? '(no path found in the state handle)'}`)
      : ['  (none)']),
    `broken pointers: ${BROKEN_POINTERS_NOTE}`,
  ];
}
