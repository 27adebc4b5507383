import { createInterface } from 'readline';
import { ConfigError, configFromEnv } from './config';
import { AGENT_CONTAINER_NAME, AgentEnv, clusterConfigMapName, leaderLeaseName, ROLE_LABEL } from './contract';
import { Connection, HttpKubeClient } from './kube/kube-client';
import { isNotFound, KubeApi, Pod } from './kube/kube-api';
import { kubeconfigConnection } from './kube/kubeconfig';
import { leaderIp, parseLeaderEntries } from './election/leader-entries';
import { jsonLogger } from './runtime/log';
import { LEADER_ANNOTATION, parseLeaderRecord } from './election/leader-record';
import { renewAgeSeconds } from './lease/lease-mirror';
import { findPointers } from './storage/pointer-check';
import { runAgent } from './run';

export interface CliIo {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

export interface CliOptions {
  readonly clusterId: string;
  readonly namespace?: string;
  readonly kubeconfig?: string;
  readonly context?: string;
}

/** How the CLI gets an API client; replaced in tests. */
export type ApiFactory = (o: CliOptions) => { api: KubeApi; namespace?: string; close?: () => void };

const defaultFactory: ApiFactory = (o) => {
  const conn = kubeconfigConnection(o.kubeconfig, o.context);
  const client = new HttpKubeClient(conn);
  return { api: client, namespace: conn.namespace, close: () => client.close() };
};

const USAGE = `usage: cdk8s-flink ha <command> --cluster-id ID [--namespace NS] [--kubeconfig PATH] [--context NAME]

commands:
  status [--output json]   leader pod, candidates and their roles, Lease age, last transition,
                           jobs and checkpoints known to Flink's HA ConfigMaps
  clean [--yes]            list Flink's HA ConfigMaps left behind by a deleted cluster;
                           deletes them only with --yes (or when you type the cluster id)
  agent --pod NAME --storage-dir URI [--pod-ip IP] [--storage-path DIR] [--port N]
                           run the HA agent for one JobManager pod that has no agent sidecar,
                           from outside the cluster with the kubeconfig's credentials; the pod
                           IP defaults to the pod's; other settings come from the sidecar's
                           environment variables (FLINK_*, HA_AGENT_*)
`;

/** `ha agent` flags and the agent environment variable each one sets. */
const AGENT_FLAGS: Readonly<Record<string, string>> = {
  '--cluster-id': AgentEnv.CLUSTER_ID,
  '--namespace': AgentEnv.POD_NAMESPACE,
  '-n': AgentEnv.POD_NAMESPACE,
  '--pod': AgentEnv.POD_NAME,
  '--pod-ip': AgentEnv.POD_IP,
  '--storage-dir': AgentEnv.HA_STORAGE_DIR,
  '--storage-path': AgentEnv.HA_STORAGE_PATH,
  '--port': AgentEnv.PORT,
};

class UsageError extends Error {}

/**
 * JobManager pods of a cluster: the construct's labels, and the labels Flink's native
 * Kubernetes integration puts on pods it creates itself, so `clean` also refuses for those.
 */
async function jobManagerPods(api: KubeApi, ns: string, id: string) {
  const byName = new Map<string, Pod>();
  for (const selector of [
    `app.kubernetes.io/instance=${id},app.kubernetes.io/component=jobmanager`,
    `app=${id},component=jobmanager`,
  ]) {
    for (const p of await api.listPods(ns, selector)) byName.set(p.metadata.name, p);
  }
  return [...byName.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

function parseArgs(argv: string[]): { command: string; opts: CliOptions; flags: Set<string>; output?: string } {
  const [command, ...rest] = argv;
  const values: Record<string, string> = {};
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i];
    if (a === '--yes' || a === '-y') flags.add('yes');
    else if (['--cluster-id', '--namespace', '-n', '--kubeconfig', '--context', '--output', '-o'].includes(a)) {
      if (rest[i + 1] === undefined) throw new UsageError(`${a} needs a value`);
      values[a.replace(/^-+/, '')] = rest[++i];
    } else throw new UsageError(`unknown argument ${a}`);
  }
  const clusterId = values['cluster-id'];
  if (!clusterId) throw new UsageError('--cluster-id is required');
  return {
    command,
    opts: {
      clusterId,
      namespace: values.namespace ?? values.n,
      kubeconfig: values.kubeconfig,
      context: values.context,
    },
    flags,
    output: values.output ?? values.o,
  };
}

/** `cdk8s-flink ha ...`: returns the exit code (0 ok, 1 refused or failed, 2 usage). */
export async function main(
  argv: string[],
  io: CliIo = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
  factory: ApiFactory = defaultFactory,
): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    io.stdout.write(USAGE);
    return argv.length === 0 ? 2 : 0;
  }
  if (argv[0] === 'agent') return agent(argv.slice(1), io);
  let parsed;
  try {
    parsed = parseArgs(argv);
    if (parsed.command !== 'status' && parsed.command !== 'clean')
      throw new UsageError(`unknown command ${parsed.command}`);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n\n${USAGE}`);
    return 2;
  }
  let client;
  try {
    client = factory(parsed.opts);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const namespace = parsed.opts.namespace ?? client.namespace ?? 'default';
  try {
    return parsed.command === 'status'
      ? await status(client.api, namespace, parsed.opts.clusterId, parsed.output === 'json', io)
      : await clean(client.api, namespace, parsed.opts.clusterId, parsed.flags.has('yes'), io);
  } catch (e) {
    io.stderr.write(`${parsed.command} failed: ${(e as Error).message}\n`);
    return 1;
  } finally {
    client.close?.();
  }
}

const BROKEN_POINTERS_NOTE =
  'not checked here: this command cannot see the HA storage, so it only lists the pointers. ' +
  'The agent in each JobManager pod, where the storage is mounted, checks them: see its /status, its Events (reason HAPointerBroken) ' +
  'or the flink_ha_agent_broken_pointers metric';

async function status(api: KubeApi, ns: string, id: string, json: boolean, io: CliIo): Promise<number> {
  const now = Date.now();
  const pods = await jobManagerPods(api, ns, id);
  let lock;
  try {
    lock = await api.getConfigMap(ns, clusterConfigMapName(id));
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  let lease;
  try {
    lease = await api.getLease(ns, leaderLeaseName(id));
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  const ha = await api.listConfigMaps(ns, { labelSelector: `app=${id},type=flink-native-kubernetes` });
  const record = parseLeaderRecord(lock?.metadata.annotations?.[LEADER_ANNOTATION]);
  const ip = leaderIp(parseLeaderEntries(lock?.data));
  const leaderPod = pods.find((p) => p.status?.podIP && p.status.podIP === ip)?.metadata.name;
  const pointers = findPointers(ha.items);
  const jobs = [...new Set(pointers.map((p) => p.jobId).filter((j): j is string => !!j))].sort().map((jobId) => ({
    jobId,
    jobGraph: pointers.some((p) => p.jobId === jobId && p.kind === 'job-graph'),
    checkpoints: pointers
      .filter((p) => p.jobId === jobId && p.kind === 'checkpoint')
      .map((p) => Number(p.key.slice('checkpointID-'.length)))
      .sort((a, b) => a - b),
  }));
  const report = {
    clusterId: id,
    namespace: ns,
    leader: {
      pod: leaderPod,
      ip,
      flinkHolder: record.kind === 'ok' ? record.holderIdentity : undefined,
      lockRenewAgeSeconds: record.kind === 'ok' && record.renewTime ? (now - record.renewTime) / 1000 : undefined,
      transitions: record.kind === 'ok' ? record.leaderTransitions : undefined,
      problem:
        record.kind === 'ok'
          ? undefined
          : record.kind === 'missing'
            ? lock
              ? 'no leader annotation'
              : `${clusterConfigMapName(id)} not found`
            : record.reason,
    },
    candidates: pods.map((p) => ({
      pod: p.metadata.name,
      ip: p.status?.podIP,
      role: p.metadata.labels?.[ROLE_LABEL] ?? '(no label)',
    })),
    lease: lease
      ? {
          holder: lease.spec.holderIdentity,
          renewAgeSeconds: renewAgeSeconds(lease, now),
          transitions: lease.spec.leaseTransitions,
          acquireTime: lease.spec.acquireTime,
        }
      : undefined,
    haConfigMaps: ha.items.map((c) => c.metadata.name).sort(),
    jobs,
    pointers: pointers.map((p) => ({
      configMap: p.configMap,
      key: p.key,
      kind: p.kind,
      jobId: p.jobId,
      path: p.path ?? null,
    })),
    brokenPointers: BROKEN_POINTERS_NOTE,
  };
  if (json) {
    io.stdout.write(JSON.stringify(report, null, 2) + '\n');
    return 0;
  }
  const s = (n?: number) => (n === undefined ? '?' : `${n.toFixed(1)} s`);
  const lines = [
    `cluster ${id} in namespace ${ns}`,
    `leader:      ${leaderPod ?? '(none)'}${ip ? ` (${ip})` : ''}${report.leader.problem ? ` - ${report.leader.problem}` : ''}`,
    `flink lock:  renewed ${s(report.leader.lockRenewAgeSeconds)} ago, ${report.leader.transitions ?? '?'} transitions`,
    `lease:       ${lease ? `${lease.spec.holderIdentity} renewed ${s(report.lease!.renewAgeSeconds)} ago, ${lease.spec.leaseTransitions ?? 0} transitions` : '(none: the HA agent has not written it)'}`,
    'candidates:',
    ...(pods.length
      ? report.candidates.map((c) => `  ${c.pod.padEnd(40)} ${String(c.ip ?? '-').padEnd(16)} ${c.role}`)
      : ['  (no JobManager pods)']),
    `HA ConfigMaps: ${report.haConfigMaps.length ? report.haConfigMaps.join(', ') : '(none)'}`,
    'jobs known to HA:',
    ...(jobs.length
      ? jobs.map(
          (j) =>
            `  ${j.jobId} job graph: ${j.jobGraph ? 'yes' : 'NO'}, checkpoints: ${j.checkpoints.length ? j.checkpoints.join(', ') : '(none)'}`,
        )
      : ['  (none)']),
    'HA pointers (ConfigMap key -> file):',
    ...(pointers.length
      ? pointers.map((p) => `  ${p.configMap} ${p.key} -> ${p.path ?? '(no path found in the state handle)'}`)
      : ['  (none)']),
    `broken pointers: ${BROKEN_POINTERS_NOTE}`,
  ];
  io.stdout.write(lines.join('\n') + '\n');
  return 0;
}

async function clean(api: KubeApi, ns: string, id: string, yes: boolean, io: CliIo): Promise<number> {
  const pods = await jobManagerPods(api, ns, id);
  const ha = (await api.listConfigMaps(ns, { labelSelector: `app=${id},type=flink-native-kubernetes` })).items
    .map((c) => c.metadata.name)
    .sort();
  if (ha.length === 0) {
    io.stdout.write(`no HA ConfigMaps of cluster ${id} in namespace ${ns}\n`);
    return 0;
  }
  io.stdout.write(`HA ConfigMaps of cluster ${id} in namespace ${ns}:\n${ha.map((n) => `  ${n}`).join('\n')}\n`);
  if (pods.length) {
    io.stderr.write(
      `refusing to delete: ${pods.length} JobManager pod(s) of ${id} still run (${pods.map((p) => p.metadata.name).join(', ')}); delete or scale the cluster to 0 first\n`,
    );
    return 1;
  }
  let confirmed = yes;
  if (!confirmed && io.stdin?.isTTY) {
    const rl = createInterface({ input: io.stdin, output: io.stdout as NodeJS.WritableStream });
    const answer = await new Promise<string>((r) => rl.question(`type the cluster id (${id}) to delete them: `, r));
    rl.close();
    confirmed = answer.trim() === id;
  }
  if (!confirmed) {
    io.stdout.write(
      'dry run: nothing deleted. Re-run with --yes to delete them (a new cluster with this id would otherwise recover these jobs).\n',
    );
    return 0;
  }
  for (const name of ha) {
    await api.deleteConfigMap(ns, name);
    io.stdout.write(`deleted configmap/${name}\n`);
  }
  return 0;
}

/**
 * `ha agent`: the sidecar's loop with kubeconfig credentials, for running it beside a
 * cluster (debugging, or clusters whose JobManagers run without the sidecar). Runs until
 * SIGINT/SIGTERM, which step it down like the sidecar.
 */
async function agent(argv: string[], io: CliIo): Promise<number> {
  const env: NodeJS.ProcessEnv = { ...process.env };
  let kubeconfig: string | undefined;
  let context: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = argv[i + 1];
    if (!AGENT_FLAGS[a] && a !== '--kubeconfig' && a !== '--context') {
      io.stderr.write(`unknown argument ${a}\n\n${USAGE}`);
      return 2;
    }
    if (value === undefined) {
      io.stderr.write(`${a} needs a value\n\n${USAGE}`);
      return 2;
    }
    i++;
    if (a === '--kubeconfig') kubeconfig = value;
    else if (a === '--context') context = value;
    else env[AGENT_FLAGS[a]] = value;
  }
  const reportConfigError = (e: ConfigError) => {
    io.stderr.write(
      `${e.message.replace(/ ([A-Z_]+) is required/g, (_m, name: string) => ` ${flagFor(name) ?? name} is required`)}\n`,
    );
    return 2;
  };
  // Settings first, all at once, before anything is read: the namespace can still come from
  // the kubeconfig and the pod IP from the pod, so stand-ins fill those for this check.
  try {
    configFromEnv({
      ...env,
      [AgentEnv.POD_NAMESPACE]: env[AgentEnv.POD_NAMESPACE] || 'default',
      [AgentEnv.POD_IP]: env[AgentEnv.POD_IP] || (env[AgentEnv.POD_NAME] ? '127.0.0.1' : undefined),
    });
  } catch (e) {
    if (e instanceof ConfigError) return reportConfigError(e);
    throw e;
  }
  let connection;
  try {
    connection = kubeconfigConnection(kubeconfig, context);
    env[AgentEnv.POD_NAMESPACE] ??= connection.namespace ?? 'default';
    const refusal = await checkTargetPod(connection, env);
    if (refusal) {
      io.stderr.write(`${refusal}\n`);
      return 1;
    }
    const config = configFromEnv(env);
    await runAgent(
      config,
      connection,
      jsonLogger((l) => io.stdout.write(l)),
    );
    return 0;
  } catch (e) {
    if (!(e instanceof ConfigError)) {
      io.stderr.write(`agent failed: ${(e as Error).message}\n`);
      return kubeconfigProblem(e) ? 2 : 1;
    }
    return reportConfigError(e);
  }
}

/**
 * The pod must exist and must not run the sidecar: two agents would fight over its label,
 * and the one stopped last would leave it `unknown` until the sidecar's next resync (up to
 * 5 minutes out of the leader Service). Fills in the pod IP when it was not given.
 */
async function checkTargetPod(connection: Connection, env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const name = env[AgentEnv.POD_NAME];
  const namespace = env[AgentEnv.POD_NAMESPACE]!;
  if (!name) return undefined;
  const client = new HttpKubeClient(connection);
  try {
    const pod = (await client.listPods(namespace, '')).find((p) => p.metadata.name === name);
    if (!pod) return `agent: pod ${name} not found in namespace ${namespace}`;
    if (pod.spec?.containers?.some((c) => c.name === AGENT_CONTAINER_NAME)) {
      return `agent: pod ${name} already runs the HA agent sidecar (container ${AGENT_CONTAINER_NAME}); a second agent would fight over its role label. Read its view with "cdk8s-flink ha status" or its /status endpoint instead`;
    }
    env[AgentEnv.POD_IP] ||= pod.status?.podIP;
    return undefined;
  } finally {
    client.close();
  }
}

const kubeconfigProblem = (e: unknown) => /^(cannot read kubeconfig|kubeconfig )/.test((e as Error).message);

/** The flag that sets an agent environment variable, for error messages. */
function flagFor(envName: string): string | undefined {
  const flag = Object.keys(AGENT_FLAGS).find((f) => AGENT_FLAGS[f] === envName && f.startsWith('--'));
  return flag ? `${flag} (or ${envName})` : undefined;
}
