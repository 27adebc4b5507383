/**
 * Scenario `ha-cli` (full-set releases), on the application cluster of `failover`/`graceful`:
 * `cdk8s-flink ha status` and `ha clean` (bin/cdk8s-flink, flags as its --help documents them)
 * against the real API server. Controls: a second cluster's HA ConfigMaps in the same namespace,
 * the same cluster id's HA ConfigMaps in another namespace, an unrelated ConfigMap that carries the
 * cluster's `app` label, and the manifests' own ConfigMaps. While JobManagers run, `clean` must
 * refuse; after the Deployments are deleted (their pods stop, as the garbage collector and the
 * kubelet do), `status` lists and `clean --yes` deletes exactly the HA ConfigMaps Flink created.
 */
import * as path from 'path';
import { Ctx, ensureNamespace, kubectlEnv, stopAllPods } from '../cluster-ops';
import { waitCheckpoints } from '../failover';
import { Findings, REPO, say, sh } from '../harness';
import { ns } from '../kube';
import { appClusters, startAppCluster } from './app-failover';

const OTHER = 'other-flink-cluster';

export async function haCliScenario(ctx: Ctx, release: string, minor: string, findings: Findings): Promise<string> {
  const c = appClusters.get(release) ?? (await startAppCluster(ctx, release, minor, findings));
  const { d } = c;
  await waitCheckpoints(c.leader, c.jobId, 1);
  const kubeconfig = ctx.cpEnv.KUBECONFIG;
  const cli = (...args: string[]) => {
    const env = { ...process.env };
    delete env.KUBECONFIG; // only the --kubeconfig flag points at the e2e API server
    const r = sh('node', [path.join(REPO, 'bin', 'cdk8s-flink'), 'ha', ...args], env, REPO);
    return { ...r, cmd: `cdk8s-flink ha ${args.join(' ')}` };
  };
  // The flags this scenario uses, as the CLI documents them today.
  const help = cli('--help');
  for (const f of ['status', 'clean', '--cluster-id', '--namespace', '--kubeconfig', '--yes', '--output json']) {
    if (!help.out.includes(f))
      throw new Error(`cdk8s-flink ha --help no longer documents "${f}":\n${help.out}${help.err}`);
  }
  const common = ['--cluster-id', d.clusterId, '--namespace', d.namespace, '--kubeconfig', kubeconfig];
  const names = async (namespace: string) =>
    (await ctx.kube.get(ns(namespace, 'configmaps'))).items.map((x: any) => x.metadata.name).sort() as string[];
  const statusJson = () => {
    const r = cli('status', ...common, '--output', 'json');
    if (r.code !== 0) throw new Error(`${r.cmd}: exit ${r.code}: ${r.err}`);
    return JSON.parse(r.out);
  };

  // Flink's HA ConfigMaps: those that appeared after the cluster's pods started.
  const haWhileRunning = (await names(d.namespace)).filter((n) => !d.configMapsBefore.includes(n));
  if (!haWhileRunning.length) throw new Error(`no ConfigMap created by the running cluster in ${d.namespace}`);

  // Controls.
  const controlNs = `${d.namespace}-control`;
  await ensureNamespace(ctx, controlNs);
  for (const n of haWhileRunning) {
    const cm = await ctx.kube.get(ns(d.namespace, 'configmaps', n));
    const copy = (name: string, namespace: string, relabel: (v: string) => string) => ({
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        name,
        namespace,
        labels: Object.fromEntries(Object.entries<string>(cm.metadata.labels ?? {}).map(([k, v]) => [k, relabel(v)])),
        annotations: cm.metadata.annotations,
      },
      data: cm.data,
    });
    const other = n.replace(d.clusterId, OTHER);
    await ctx.kube.request(
      'POST',
      ns(d.namespace, 'configmaps'),
      copy(other, d.namespace, (v) => v.replace(d.clusterId, OTHER)),
    );
    await ctx.kube.request(
      'POST',
      ns(controlNs, 'configmaps'),
      copy(n, controlNs, (v) => v),
    );
  }
  await ctx.kube.request('POST', ns(d.namespace, 'configmaps'), {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name: 'unrelated-app-settings', labels: { app: d.clusterId } },
    data: { 'settings.properties': 'x=1\n' },
  });
  const controlsBefore = await names(controlNs);

  // 1. While JobManagers run: status names the leader; clean refuses and deletes nothing.
  const s1 = statusJson();
  if (s1.leader?.pod !== c.leader.name)
    throw new Error(`ha status: leader ${s1.leader?.pod}, expected ${c.leader.name}`);
  if ((s1.candidates ?? []).length !== 2)
    throw new Error(`ha status: ${JSON.stringify(s1.candidates)} candidates, expected the 2 JobManagers`);
  const refused = cli('clean', ...common, '--yes');
  if (refused.code === 0)
    throw new Error(`${refused.cmd} with JobManagers running: exit 0 (expected a refusal):\n${refused.out}`);
  if ((await names(d.namespace)).filter((n) => haWhileRunning.includes(n)).length !== haWhileRunning.length)
    throw new Error('clean deleted HA ConfigMaps while the cluster ran');

  // 2. Delete the cluster's Deployments; their pods stop and go (garbage collector + kubelet).
  const del = sh(
    'kubectl',
    ['delete', 'deployment', '-n', d.namespace, `${d.clusterId}-jobmanager`, `${d.clusterId}-taskmanager`],
    kubectlEnv(ctx),
  );
  if (del.code !== 0) throw new Error(`kubectl delete deployment: ${del.err}`);
  await stopAllPods(ctx, d.namespace);
  appClusters.delete(release);
  const all = await names(d.namespace);
  const ha = all.filter(
    (n) => !d.configMapsBefore.includes(n) && !n.startsWith(OTHER) && n !== 'unrelated-app-settings',
  );
  const keep = all.filter((n) => !ha.includes(n));
  say(
    `${minor} ha-cli: HA ConfigMaps after the Deployments were deleted: ${ha.join(', ')}; must stay: ${keep.join(', ')}; control namespace: ${controlsBefore.join(', ')}`,
  );
  if (!ha.length)
    throw new Error('Flink left no HA ConfigMap behind after its pods stopped (nothing for clean to find)');

  // 3. status lists exactly them, and no JobManager.
  const s2 = statusJson();
  const listed = [...(s2.haConfigMaps ?? [])].sort();
  if (JSON.stringify(listed) !== JSON.stringify(ha))
    throw new Error(`ha status lists ${JSON.stringify(listed)}, expected exactly ${JSON.stringify(ha)}`);
  if ((s2.candidates ?? []).length)
    throw new Error(
      `ha status lists JobManager candidates after the Deployments were deleted: ${JSON.stringify(s2.candidates)}`,
    );
  const jobsKnown = (s2.jobs ?? [])
    .map((j: any) => `${j.jobId} (checkpoints ${j.checkpoints?.join(',') || '-'})`)
    .join('; ');

  // 4. clean without --yes (stdin is not a terminal): a dry run listing exactly them.
  const dry = cli('clean', ...common);
  if (dry.code !== 0) throw new Error(`${dry.cmd}: exit ${dry.code}: ${dry.err}`);
  const dryListed = ha.filter((n) => dry.out.includes(n));
  const dryExtra = keep.filter((n) => new RegExp(`^\\s+${n}$`, 'm').test(dry.out));
  if (dryListed.length !== ha.length || dryExtra.length)
    throw new Error(`${dry.cmd} listed:\n${dry.out}\nexpected exactly ${ha.join(', ')}`);
  if (JSON.stringify(await names(d.namespace)) !== JSON.stringify(all))
    throw new Error(`${dry.cmd} changed the ConfigMaps`);

  // 5. clean --yes deletes exactly them.
  const yes = cli('clean', ...common, '--yes');
  if (yes.code !== 0) throw new Error(`${yes.cmd}: exit ${yes.code}: ${yes.err}`);
  const left = await names(d.namespace);
  const notDeleted = ha.filter((n) => left.includes(n));
  const wronglyDeleted = keep.filter((n) => !left.includes(n));
  const controlsAfter = await names(controlNs);
  if (notDeleted.length) throw new Error(`${yes.cmd} left ${notDeleted.join(', ')}`);
  if (wronglyDeleted.length)
    throw new Error(`${yes.cmd} deleted ${wronglyDeleted.join(', ')}, which are not the cluster's HA ConfigMaps`);
  if (JSON.stringify(controlsAfter) !== JSON.stringify(controlsBefore))
    throw new Error(
      `${yes.cmd} changed namespace ${controlNs}: ${controlsBefore.join(',')} -> ${controlsAfter.join(',')}`,
    );
  const s3 = statusJson();
  if ((s3.haConfigMaps ?? []).length)
    throw new Error(`ha status after clean still lists ${s3.haConfigMaps.join(', ')}`);
  return (
    `status named leader ${c.leader.name} and 2 candidates; clean refused while JobManagers ran (exit ${refused.code}); after the Deployments were deleted ` +
    `status and clean found exactly ${ha.join(', ')} (jobs: ${jobsKnown}); clean --yes deleted them and kept ${keep.length} ConfigMaps ` +
    `(${keep.join(', ')}) and ${controlsBefore.length} in ${controlNs}`
  );
}
