/**
 * `cdk8s-flink ha agent`: the sidecar's loop with kubeconfig credentials, for running it
 * beside a cluster (debugging, or clusters whose JobManagers run without the sidecar). Runs
 * until SIGINT/SIGTERM, which step it down like the sidecar.
 */
import { ConfigError, configFromEnv } from '../../agent/config';
import { AGENT_CONTAINER_NAME, AgentEnv } from '../../agent/contract';
import { isNotFound, Pod } from '../../agent/kube/kube-api';
import { Connection, HttpKubeClient } from '../../agent/kube/kube-client';
import { kubeconfigConnection } from '../../agent/kube/kubeconfig';
import { runAgent } from '../../agent/run';
import { jsonLogger } from '../../agent/runtime/log';
import { parseArgs, ParsedArgs, UsageError } from '../args';
import { Io } from '../io';
import { usageError } from './usage';

/** `ha agent` options and the agent environment variable each one sets. */
const AGENT_FLAGS: Readonly<Record<string, string>> = {
  'cluster-id': AgentEnv.CLUSTER_ID,
  namespace: AgentEnv.POD_NAMESPACE,
  pod: AgentEnv.POD_NAME,
  'pod-ip': AgentEnv.POD_IP,
  'storage-dir': AgentEnv.HA_STORAGE_DIR,
  'storage-path': AgentEnv.HA_STORAGE_PATH,
  port: AgentEnv.PORT,
};

const AGENT_ARGS = {
  options: {
    ...Object.fromEntries(Object.keys(AGENT_FLAGS).map((name) => [name, { value: true }])),
    namespace: { value: true, aliases: ['-n'] },
    kubeconfig: { value: true },
    context: { value: true },
  },
};

const sidecarPresent = (name: string) =>
  `agent: pod ${name} already runs the HA agent sidecar (container ${AGENT_CONTAINER_NAME}); ` +
  'a second agent would fight over its role label. ' +
  'Read its view with "cdk8s-flink ha status" or its /status endpoint instead';

export async function agent(argv: readonly string[], io: Io): Promise<number> {
  let parsed: ParsedArgs;
  try {
    parsed = parseArgs(argv, AGENT_ARGS);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usageError(io, e.message);
  }
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const [name, envName] of Object.entries(AGENT_FLAGS)) {
    const value = parsed.value(name);
    if (value !== undefined) env[envName] = value;
  }
  // Settings first, all at once, before anything is read: the namespace can still come from
  // the kubeconfig and the pod IP from the pod, so stand-ins fill those for this check.
  try {
    configFromEnv({
      ...env,
      [AgentEnv.POD_NAMESPACE]: env[AgentEnv.POD_NAMESPACE] || 'default',
      [AgentEnv.POD_IP]: env[AgentEnv.POD_IP] || (env[AgentEnv.POD_NAME] ? '127.0.0.1' : undefined),
    });
  } catch (e) {
    if (e instanceof ConfigError) return reportConfigError(io, e);
    throw e;
  }
  return runWithKubeconfig(io, env, parsed.value('kubeconfig'), parsed.value('context'));
}

async function runWithKubeconfig(
  io: Io,
  env: NodeJS.ProcessEnv,
  kubeconfig: string | undefined,
  context: string | undefined,
): Promise<number> {
  try {
    const connection = kubeconfigConnection(kubeconfig, context);
    env[AgentEnv.POD_NAMESPACE] ??= connection.namespace ?? 'default';
    const refusal = await checkTargetPod(connection, env);
    if (refusal) {
      io.stderr.write(`${refusal}\n`);
      return 1;
    }
    // On a workstation, /status is for this user only: loopback.
    await runAgent(
      configFromEnv(env),
      connection,
      jsonLogger((l) => io.stdout.write(l)),
      '127.0.0.1',
    );
    return 0;
  } catch (e) {
    if (e instanceof ConfigError) return reportConfigError(io, e);
    io.stderr.write(`agent failed: ${(e as Error).message}\n`);
    return kubeconfigProblem(e) ? 2 : 1;
  }
}

/** Names missing settings by the flag that sets them. */
function reportConfigError(io: Io, e: ConfigError): number {
  io.stderr.write(
    `${e.message.replace(/ ([A-Z_]+) is required/g, (_m, name: string) => ` ${flagFor(name) ?? name} is required`)}\n`,
  );
  return 2;
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
    let pod: Pod;
    try {
      pod = await client.getPod(namespace, name);
    } catch (e) {
      if (isNotFound(e)) return `agent: pod ${name} not found in namespace ${namespace}`;
      throw e;
    }
    if (pod.spec?.containers?.some((c) => c.name === AGENT_CONTAINER_NAME)) return sidecarPresent(name);
    env[AgentEnv.POD_IP] ||= pod.status?.podIP;
    return undefined;
  } finally {
    client.close();
  }
}

const kubeconfigProblem = (e: unknown) => /^(cannot read kubeconfig|kubeconfig )/.test((e as Error).message);

/** The flag that sets an agent environment variable, for error messages. */
function flagFor(envName: string): string | undefined {
  const name = Object.keys(AGENT_FLAGS).find((f) => AGENT_FLAGS[f] === envName);
  return name ? `--${name} (or ${envName})` : undefined;
}
