/** `cdk8s-flink ha clean`: removes Flink's HA ConfigMaps left behind by a deleted cluster. */
import { createInterface } from 'readline';
import { haConfigMaps, jobManagerPods } from './cluster';
import { KubeApi, Pod } from '../../agent/kube/kube-api';
import { Io } from '../io';

const stillRunning = (id: string, pods: readonly Pod[]) =>
  `refusing to delete: ${pods.length} JobManager pod(s) of ${id} still run ` +
  `(${pods.map((p) => p.metadata.name).join(', ')}); delete or scale the cluster to 0 first`;

const DRY_RUN =
  'dry run: nothing deleted. Re-run with --yes to delete them ' +
  '(a new cluster with this id would otherwise recover these jobs).';

const foreignSkipped = (names: readonly string[]) =>
  `not touched (Flink's HA labels, but not a name Flink gives this cluster's HA ConfigMaps): ${names.join(', ')}`;

/**
 * Deletes exactly this cluster's HA ConfigMaps (named as Flink names them and labeled as
 * Flink labels them), and only when none of its JobManager pods exists.
 * @param terminal the terminal itself, for the confirmation prompt
 */
export async function clean(
  api: KubeApi,
  ns: string,
  id: string,
  yes: boolean,
  io: Io,
  terminal: Io = io,
): Promise<number> {
  const pods = await jobManagerPods(api, ns, id);
  const { ours, foreign } = await haConfigMaps(api, ns, id);
  if (foreign.length) io.stderr.write(`${foreignSkipped(foreign.map((c) => c.metadata.name))}\n`);
  const names = ours.map((c) => c.metadata.name);
  if (names.length === 0) {
    io.stdout.write(`no HA ConfigMaps of cluster ${id} in namespace ${ns}\n`);
    return 0;
  }
  io.stdout.write(`HA ConfigMaps of cluster ${id} in namespace ${ns}:\n${names.map((n) => `  ${n}`).join('\n')}\n`);
  if (pods.length) {
    io.stderr.write(`${stillRunning(id, pods)}\n`);
    return 1;
  }
  if (!(yes || (await confirmed(terminal, id)))) {
    io.stdout.write(`${DRY_RUN}\n`);
    return 0;
  }
  for (const name of names) {
    await api.deleteConfigMap(ns, name);
    io.stdout.write(`deleted configmap/${name}\n`);
  }
  return 0;
}

/** On a terminal, asks for the cluster id; elsewhere, no. */
async function confirmed(io: Io, id: string): Promise<boolean> {
  if (!io.stdin?.isTTY) return false;
  const rl = createInterface({ input: io.stdin, output: io.stdout as NodeJS.WritableStream });
  const answer = await new Promise<string>((r) => rl.question(`type the cluster id (${id}) to delete them: `, r));
  rl.close();
  return answer.trim() === id;
}
