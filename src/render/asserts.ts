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

/** Line breaks that go-yaml and libyaml see where the `yaml` package sees none. */
const YAML_11_LINE_BREAKS = /[\u0085\u2028\u2029]/;

/**
 * Tier 2: no string anywhere in the finished objects (escape-hatch patches included) holds a
 * line break that YAML 1.1 tools would split the manifest at. Returns one message per string.
 */
export function lineSeparatorProblems(objectName: string, value: unknown, path = ''): string[] {
  if (typeof value === 'string') {
    return YAML_11_LINE_BREAKS.test(value)
      ? [
          `${objectName}: ${path || '(value)'} holds U+0085, U+2028 or U+2029, which kubectl, kustomize and Argo CD read as a line break; remove it`,
        ]
      : [];
  }
  if (Array.isArray(value)) return value.flatMap((v, i) => lineSeparatorProblems(objectName, v, `${path}[${i}]`));
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [
      ...lineSeparatorProblems(objectName, k, `${path}.${k} (key)`).slice(0, 1),
      ...lineSeparatorProblems(objectName, v, path ? `${path}.${k}` : k),
    ]);
  }
  return [];
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
