/**
 * The name rules the agent and its CLI check before a name goes into a URL, a label
 * selector or a comparison: one place for each. (The construct checks the same rules for
 * what it emits.)
 */

/** A namespace: a DNS-1123 label. */
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_NAMESPACE_CHARS = 63;

/** An object name (pod, Lease): a DNS-1123 subdomain. */
const OBJECT_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MAX_OBJECT_NAME_CHARS = 253;

/** Flink's rule for `kubernetes.cluster-id`. */
const CLUSTER_ID = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
export const MAX_CLUSTER_ID_CHARS = 45;

export const isNamespace = (value: string) => value.length <= MAX_NAMESPACE_CHARS && NAMESPACE.test(value);
export const isObjectName = (value: string) => value.length <= MAX_OBJECT_NAME_CHARS && OBJECT_NAME.test(value);
export const isClusterId = (value: string) => value.length <= MAX_CLUSTER_ID_CHARS && CLUSTER_ID.test(value);

/** What each rule asks for, to follow a name that breaks it. */
export const NameRules = {
  namespace:
    'must be a Kubernetes namespace: at most 63 lowercase letters, digits and "-", starting and ending alphanumeric',
  objectName:
    'must be a Kubernetes object name: at most 253 lowercase letters, digits, "-" and ".", alphanumeric at both ends',
  clusterId:
    `must be a Flink cluster id: at most ${MAX_CLUSTER_ID_CHARS} lowercase letters, digits and "-", ` +
    'starting with a letter and ending with a letter or digit',
};

/** Throws unless `clusterId` follows Flink's rule: it goes into label selectors and names. */
export function assertClusterId(clusterId: string): void {
  if (!isClusterId(clusterId)) throw new Error(`cluster id ${JSON.stringify(clusterId)} ${NameRules.clusterId}`);
}
