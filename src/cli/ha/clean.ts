/** `cdk8s-flink ha clean`: removes Flink's HA ConfigMaps left behind by a deleted cluster. */
import { createInterface } from 'readline';
import { haConfigMaps, jobManagerPods } from './cluster';
import { ConfigMap, isConflict, KubeApi, Pod } from '../../agent/kube/kube-api';
import { Io } from '../io';

const stillRunning = (id: string, pods: readonly Pod[]) =>
  `refusing to delete: ${pods.length} JobManager pod(s) of ${id} still run ` +
  `(${pods.map((p) => p.metadata.name).join(', ')}); delete or scale the cluster to 0 first`;

const changedSinceListed = (name: string) =>
  `kept configmap/${name}: it changed since it was listed (is a cluster with this id running again?)`;

const DRY_RUN =
  'dry run: nothing deleted. Re-run with --yes to delete them ' +
  '(a new cluster with this id would otherwise recover these jobs).';

const foreignSkipped = (names: readonly string[]) =>
  `not touched (Flink's HA labels, but not a name Flink gives this cluster's HA ConfigMaps): ${names.join(', ')}`;

/**
 * Deletes exactly this cluster's HA ConfigMaps (named as Flink names them and labeled as
 * Flink labels them, each only as it was listed), and only when none of its JobManager pods
 * exists - checked again after the confirmation.
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
  const { ours, foreign } = await haConfigMaps(api, ns, id);
  if (foreign.length) io.stderr.write(`${foreignSkipped(foreign.map((c) => c.metadata.name))}\n`);
  if (ours.length === 0) {
    io.stdout.write(`no HA ConfigMaps of cluster ${id} in namespace ${ns}\n`);
    return 0;
  }
  const names = ours.map((c) => `  ${c.metadata.name}`).join('\n');
  io.stdout.write(`HA ConfigMaps of cluster ${id} in namespace ${ns}:\n${names}\n`);
  if (await refusedWhileRunning(api, ns, id, io)) return 1;
  if (!(yes || (await confirmed(terminal, id)))) {
    io.stdout.write(`${DRY_RUN}\n`);
    return 0;
  }
  // A prompt can stay open for minutes: look again right before deleting.
  if (!yes && (await refusedWhileRunning(api, ns, id, io))) return 1;
  return deleteListed(api, ns, ours, io);
}

async function refusedWhileRunning(api: KubeApi, ns: string, id: string, io: Io): Promise<boolean> {
  const pods = await jobManagerPods(api, ns, id);
  if (pods.length) io.stderr.write(`${stillRunning(id, pods)}\n`);
  return pods.length > 0;
}

/** Deletes each ConfigMap as it was listed; one that changed since (a new cluster's?) stays. */
async function deleteListed(api: KubeApi, ns: string, listed: readonly ConfigMap[], io: Io): Promise<number> {
  let kept = 0;
  for (const cm of listed) {
    const { name, uid, resourceVersion } = cm.metadata;
    try {
      await api.deleteConfigMap(ns, name, { uid, resourceVersion });
      io.stdout.write(`deleted configmap/${name}\n`);
    } catch (e) {
      if (!isConflict(e)) throw e;
      io.stderr.write(`${changedSinceListed(name)}\n`);
      kept++;
    }
  }
  return kept ? 1 : 0;
}

/** On a terminal, asks for the cluster id; elsewhere, no. */
async function confirmed(io: Io, id: string): Promise<boolean> {
  if (!io.stdin?.isTTY) return false;
  const rl = createInterface({ input: io.stdin, output: io.stdout as NodeJS.WritableStream });
  const answer = await new Promise<string>((r) => rl.question(`type the cluster id (${id}) to delete them: `, r));
  rl.close();
  return answer.trim() === id;
}
