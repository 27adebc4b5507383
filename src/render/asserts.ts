import { IConstruct } from 'constructs';
import { fail } from '../validation/errors';

/*
 * Render-time asserts: the only rules that run while objects are built, because they
 * are about the objects themselves, not about props. Every other rule lives in
 * src/model/ or src/props/ (see docs/architecture.md).
 */

const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;

const configMapTooLarge = () =>
  "exceeds Kubernetes' 1 MiB ConfigMap limit; move large values out of flinkConfiguration, or use haAgent.image " +
  'instead of the bundled agent';

/** Kubernetes stores at most 1 MiB per ConfigMap. */
export function assertConfigMapSize(name: string, data: { readonly [key: string]: string }): void {
  const bytes = Object.entries(data).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes > CONFIGMAP_LIMIT_BYTES) fail(`ConfigMap ${name}`, `${bytes} bytes`, configMapTooLarge());
}

/** Clusters per app, by `namespace/clusterId`. */
const clustersByApp = new WeakMap<IConstruct, Map<string, string>>();

const clusterIdTaken = (other: string, namespace: string) =>
  `is already used by ${other} in namespace "${namespace}"; the two clusters would share Flink's HA ConfigMaps ` +
  'and storage. Give each a distinct clusterId';

/** Two clusters with one namespace and cluster id in one app would share Flink's HA state. */
export function assertClusterIdUnique(cluster: IConstruct, namespace: string, clusterId: string): void {
  const root = cluster.node.root;
  const claimed = clustersByApp.get(root) ?? new Map<string, string>();
  clustersByApp.set(root, claimed);
  const key = `${namespace}/${clusterId}`;
  const other = claimed.get(key);
  if (other) fail('clusterId', clusterId, clusterIdTaken(other, namespace));
  claimed.set(key, cluster.node.path);
}
