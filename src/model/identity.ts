import { ObjectNames, objectNames, MetadataContext } from './labels';
import { FlinkVersionTraits } from '../flink/flink-version';
import { fail } from '../validation/errors';
import { isClusterId, isNamespace } from '../validation/k8s-syntax';

/** Who the cluster is: its id, namespace, object names and metadata context. */
export interface Identity {
  readonly clusterId: string;
  readonly namespace: string;
  readonly haClusterId: string;
  readonly names: ObjectNames;
  readonly meta: MetadataContext;
}

/** Derives a cluster id from a construct id: lowercase, dashes for anything else. */
export function clusterIdFromConstructId(id: string): string {
  return id
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+/, '')
    .replace(/-+$/, '');
}

const badClusterId = () =>
  'must be at most 45 characters of lowercase letters, digits and "-", starting with a letter and ending with a ' +
  'letter or digit (Flink\'s rule for kubernetes.cluster-id); e.g. "orders-flink"';
const missingNamespace = () =>
  'is required: set the namespace prop or create the chart with { namespace: "..." } ' +
  "(Flink's kubernetes.namespace must name the pods' namespace)";
const badNamespace = () => 'must be a DNS label: at most 63 lowercase letters, digits and "-"';

/** Rules: the cluster id follows Flink's syntax; the namespace is given and a DNS label. */
export function resolveIdentity(
  props: { readonly clusterId?: string; readonly namespace?: string },
  constructId: string,
  chartNamespace: string | undefined,
  traits: FlinkVersionTraits,
): Identity {
  const clusterId = props.clusterId ?? clusterIdFromConstructId(constructId);
  const idProp = props.clusterId === undefined ? `clusterId (derived from construct id "${constructId}")` : 'clusterId';
  if (!isClusterId(clusterId)) fail(idProp, clusterId, badClusterId());
  const namespace = props.namespace ?? chartNamespace;
  if (namespace === undefined) fail('namespace', undefined, missingNamespace());
  if (!isNamespace(namespace)) fail('namespace', namespace, badNamespace());
  return {
    clusterId,
    namespace,
    // "." appears in neither a namespace nor a cluster id, so the pair is unambiguous.
    haClusterId: `${namespace}.${clusterId}`,
    names: objectNames(clusterId),
    meta: { clusterId, namespace, flinkVersion: traits.version },
  };
}
