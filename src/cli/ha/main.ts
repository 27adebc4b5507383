/** `cdk8s-flink ha ...`: leadership and HA state of a running cluster, from outside it. */
import { agent } from './agent';
import { clean } from './clean';
import { status } from './status';
import { HttpKubeClient } from '../../agent/kube/kube-client';
import { KubeApi } from '../../agent/kube/kube-api';
import { kubeconfigConnection } from '../../agent/kube/kubeconfig';
import { parseArgs, ParsedArgs, UsageError } from '../args';
import { Io, processIo } from '../io';
import { terminalSafeIo } from '../terminal';
import { isClusterId, isNamespace, NameRules } from '../../agent/kube/names';
import { HA_USAGE, usageError } from './usage';

/** Where `status` and `clean` connect. */
export interface HaTarget {
  readonly clusterId: string;
  readonly namespace?: string;
  readonly kubeconfig?: string;
  readonly context?: string;
}

/** How the CLI gets an API client; replaced in tests. */
export type ApiFactory = (target: HaTarget) => { api: KubeApi; namespace?: string; close?: () => void };

const kubeconfigApi: ApiFactory = (target) => {
  const conn = kubeconfigConnection(target.kubeconfig, target.context);
  const client = new HttpKubeClient(conn);
  return { api: client, namespace: conn.namespace, close: () => client.close() };
};

/** Options of `status` and `clean`. */
const TARGET_ARGS = {
  options: {
    'cluster-id': { value: true },
    namespace: { value: true, aliases: ['-n'] },
    kubeconfig: { value: true },
    context: { value: true },
    output: { value: true, aliases: ['-o'] },
    yes: { aliases: ['-y'] },
  },
} as const;

/** The cluster id and namespace go into label selectors and URLs: only valid ones. */
function checkTarget(parsed: ParsedArgs): void {
  const clusterId = parsed.value('cluster-id');
  if (!clusterId) throw new UsageError('--cluster-id is required');
  if (!isClusterId(clusterId)) throw new UsageError(`--cluster-id ${JSON.stringify(clusterId)} ${NameRules.clusterId}`);
  const namespace = parsed.value('namespace');
  if (namespace !== undefined && !isNamespace(namespace))
    throw new UsageError(`--namespace ${JSON.stringify(namespace)} ${NameRules.namespace}`);
}

const isHelp = (arg: string | undefined) => arg === '--help' || arg === '-h' || arg === 'help';

/** `cdk8s-flink ha ...`: returns the exit code (0 ok, 1 refused or failed, 2 usage). */
export async function main(
  argv: readonly string[],
  io: Io = processIo(),
  factory: ApiFactory = kubeconfigApi,
): Promise<number> {
  // Everything below may print what the cluster holds: never raw control characters.
  const raw = io;
  io = terminalSafeIo(raw);
  const [command, ...rest] = argv;
  if (command === undefined || isHelp(command)) {
    io.stdout.write(HA_USAGE);
    return command === undefined ? 2 : 0;
  }
  if (command === 'agent') return agent(rest, io);
  let parsed: ParsedArgs;
  try {
    if (command !== 'status' && command !== 'clean') throw new UsageError(`unknown command ${command}`);
    parsed = parseArgs(rest, TARGET_ARGS);
    checkTarget(parsed);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    return usageError(io, e.message);
  }
  const target: HaTarget = {
    clusterId: parsed.value('cluster-id')!,
    namespace: parsed.value('namespace'),
    kubeconfig: parsed.value('kubeconfig'),
    context: parsed.value('context'),
  };
  return withClient(io, factory, target, command, (api, namespace) =>
    command === 'status'
      ? status(api, namespace, target.clusterId, parsed.value('output') === 'json', io)
      : clean(api, namespace, target.clusterId, parsed.has('yes'), io, raw),
  );
}

/** Connects, runs `work` in the target's namespace, reports a failure, and closes. */
async function withClient(
  io: Io,
  factory: ApiFactory,
  target: HaTarget,
  command: string,
  work: (api: KubeApi, namespace: string) => Promise<number>,
): Promise<number> {
  let client;
  try {
    client = factory(target);
  } catch (e) {
    io.stderr.write(`${(e as Error).message}\n`);
    return 2;
  }
  const namespace = target.namespace ?? client.namespace ?? 'default';
  if (!isNamespace(namespace)) {
    io.stderr.write(`namespace ${JSON.stringify(namespace)} from the kubeconfig ${NameRules.namespace}\n`);
    client.close?.();
    return 2;
  }
  try {
    return await work(client.api, namespace);
  } catch (e) {
    io.stderr.write(`${command} failed: ${(e as Error).message}\n`);
    return 1;
  } finally {
    client.close?.();
  }
}
