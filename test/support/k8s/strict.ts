import * as tree from '../../trust/schema/k8s-field-tree.generated.json';
import {
  checkDnsLabel,
  checkDnsSubdomain,
  checkEnvName,
  checkLabelKey,
  checkLabelValue,
  checkPortName,
  checkPortNumber,
  checkPortRef,
  checkQuantity,
} from './syntax';

/** A field's type in the generated tree: a named type, a leaf ('scalar', 'any'), or a list/map. */
type FieldRef = string | { array: FieldRef } | { map: FieldRef };

const TYPES = tree.types as unknown as Record<string, Record<string, FieldRef>>;
const ROOTS = tree.roots as Record<string, string>;

/** Kinds whose schemas we know (`apiVersion/kind`), from the generated tree. */
export const STRICT_KINDS: readonly string[] = Object.keys(ROOTS);

const map = (v: unknown): Record<string, unknown> =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
const labelMap = (v: unknown, what: string) =>
  Object.entries(map(v)).flatMap(([k, x]) => [...checkLabelKey(k, what), ...checkLabelValue(x, `${what}["${k}"]`)]);
const quantities = (v: unknown, what: string) =>
  Object.entries(map(v)).flatMap(([k, x]) => checkQuantity(x, `${what}.${k}`));

/**
 * Syntax rules per schema type, beyond what the OpenAPI schema says. Each returns
 * problems for one object of that type at `at`.
 */
const TYPE_RULES: Record<string, (o: Record<string, any>, at: string) => string[]> = {
  IObjectMeta: (o, at) => [
    ...(o.namespace === undefined ? [] : checkDnsLabel(o.namespace, `${at}.namespace`)),
    ...labelMap(o.labels, `${at}.labels`),
    ...Object.keys(map(o.annotations)).flatMap((k) => checkLabelKey(k, `${at}.annotations`)),
  ],
  ILabelSelector: (o, at) => labelMap(o.matchLabels, `${at}.matchLabels`),
  IContainerPort: (o, at) => [
    ...checkPortNumber(o.containerPort, `${at}.containerPort`),
    ...(o.hostPort === undefined ? [] : checkPortNumber(o.hostPort, `${at}.hostPort`)),
    ...(o.name === undefined ? [] : checkPortName(o.name, `${at}.name`)),
  ],
  IServicePort: (o, at) => [
    ...checkPortNumber(o.port, `${at}.port`),
    ...(o.targetPort === undefined ? [] : checkPortRef(o.targetPort, `${at}.targetPort`)),
    ...(o.nodePort === undefined ? [] : checkPortNumber(o.nodePort, `${at}.nodePort`)),
    ...(o.name === undefined ? [] : checkDnsLabel(o.name, `${at}.name`)),
  ],
  INetworkPolicyPort: (o, at) => [
    ...(o.port === undefined ? [] : checkPortRef(o.port, `${at}.port`)),
    ...(o.endPort === undefined ? [] : checkPortNumber(o.endPort, `${at}.endPort`)),
  ],
  ITCPSocketAction: (o, at) => checkPortRef(o.port, `${at}.port`),
  IHTTPGetAction: (o, at) => checkPortRef(o.port, `${at}.port`),
  IServiceBackendPort: (o, at) => [
    ...(o.number === undefined ? [] : checkPortNumber(o.number, `${at}.number`)),
    ...(o.name === undefined ? [] : checkPortName(o.name, `${at}.name`)),
  ],
  IResourceRequirements: (o, at) => [
    ...quantities(o.limits, `${at}.limits`),
    ...quantities(o.requests, `${at}.requests`),
  ],
  IVolumeResourceRequirements: (o, at) => [
    ...quantities(o.limits, `${at}.limits`),
    ...quantities(o.requests, `${at}.requests`),
  ],
  IVolume: (o, at) => checkDnsLabel(o.name, `${at}.name`),
  IEnvVar: (o, at) => checkEnvName(o.name, `${at}.name`),
  IPersistentVolumeClaimVolumeSource: (o, at) => checkDnsSubdomain(o.claimName, `${at}.claimName`),
  IConfigMapVolumeSource: (o, at) => checkDnsSubdomain(o.name, `${at}.name`),
  ISecretVolumeSource: (o, at) => checkDnsSubdomain(o.secretName, `${at}.secretName`),
  // Names that can only ever refer to objects with DNS-subdomain names.
  ISecretEnvSource: (o, at) => checkDnsSubdomain(o.name, `${at}.name`),
  IConfigMapEnvSource: (o, at) => checkDnsSubdomain(o.name, `${at}.name`),
  ISecretKeySelector: (o, at) => checkDnsSubdomain(o.name, `${at}.name`),
  IConfigMapKeySelector: (o, at) => checkDnsSubdomain(o.name, `${at}.name`),
  ILocalObjectReference: (o, at) => checkDnsSubdomain(o.name, `${at}.name`),
  IIngressTLS: (o, at) => (o.secretName === undefined ? [] : checkDnsSubdomain(o.secretName, `${at}.secretName`)),
  IIngressSpec: (o, at) =>
    o.ingressClassName === undefined ? [] : checkDnsSubdomain(o.ingressClassName, `${at}.ingressClassName`),
  IPersistentVolumeClaimSpec: (o, at) =>
    o.storageClassName === undefined || o.storageClassName === ''
      ? []
      : checkDnsSubdomain(o.storageClassName, `${at}.storageClassName`),
  // The API server validates nodeSelector like labels.
  IPodSpec: (o, at) => labelMap(o.nodeSelector, `${at}.nodeSelector`),
  // ValidateNetworkPolicyPeer: "must specify a peer".
  INetworkPolicyPeer: (o, at) =>
    o.podSelector === undefined && o.namespaceSelector === undefined && o.ipBlock === undefined
      ? [`${at}: a NetworkPolicy peer must specify podSelector, namespaceSelector or ipBlock`]
      : [],
  // validateTolerations: an empty key matches all taints only with operator Exists.
  IToleration: (o, at) =>
    !o.key && o.operator !== 'Exists' ? [`${at}: a toleration with an empty key needs operator "Exists"`] : [],
  // ValidateVolumeMounts: mount paths are unique within a container.
  IContainer: (o, at) => {
    const paths = (Array.isArray(o.volumeMounts) ? o.volumeMounts : []).map((m: any) => m?.mountPath);
    return [
      ...checkDnsLabel(o.name, `${at}.name`),
      ...paths
        .filter((x: unknown, i: number) => paths.indexOf(x) !== i)
        .map((x: unknown) => `${at}: mountPath ${JSON.stringify(x)} is used twice`),
    ];
  },
};

function walk(value: unknown, ref: FieldRef, at: string, out: string[]): void {
  if (value === undefined || value === null || ref === 'any') return;
  if (ref === 'scalar') {
    if (typeof value === 'object')
      out.push(`${at}: expected a scalar, got ${Array.isArray(value) ? 'a list' : 'an object'}`);
    return;
  }
  if (typeof ref === 'object' && 'array' in ref) {
    if (Array.isArray(value)) value.forEach((v, i) => walk(v, ref.array, `${at}[${i}]`, out));
    return;
  }
  if (typeof ref === 'object' && 'map' in ref) {
    for (const [k, v] of Object.entries(map(value))) walk(v, ref.map, `${at}["${k}"]`, out);
    return;
  }
  const fields = TYPES[ref];
  if (!fields || typeof value !== 'object' || Array.isArray(value)) return;
  for (const [k, v] of Object.entries(value)) {
    if (!(k in fields)) out.push(`${at}.${k}: unknown field (not in ${ref.replace(/^I/, '')})`);
    else walk(v, fields[k], `${at}.${k}`, out);
  }
  const rule = TYPE_RULES[ref];
  if (rule) out.push(...rule(value as Record<string, any>, at));
}

/** Kinds whose names must be DNS-1123 labels rather than subdomains. */
const LABEL_NAMED_KINDS = new Set(['Service']);

/**
 * Problems the OpenAPI schema does not catch: unknown fields at any depth (the API
 * server drops them silently, or rejects them with kubectl's strict field validation),
 * and the syntax of names, labels, ports and quantities. Objects of kinds not in the
 * field tree are returned as unchecked.
 */
export function strictProblems(o: { apiVersion?: string; kind?: string; metadata?: { name?: string } }): {
  problems: string[];
  checked: boolean;
} {
  const key = `${o.apiVersion}/${o.kind}`;
  const root = ROOTS[key];
  if (!root) return { problems: [], checked: false };
  const out: string[] = [];
  walk(o, root, `${o.kind}/${o.metadata?.name}`, out);
  const name = o.metadata?.name;
  out.push(
    ...(LABEL_NAMED_KINDS.has(o.kind!)
      ? checkDnsLabel(name, `${o.kind} name`)
      : checkDnsSubdomain(name, `${o.kind} name`)),
  );
  return { problems: out, checked: true };
}

/** Schema types that have syntax rules (each must exist in the field tree, or its rule never runs). */
export const RULE_TYPES: readonly string[] = Object.keys(TYPE_RULES);

/** Which kubernetes-models release the field tree was generated from. */
export const FIELD_TREE_SOURCE: string = tree.generatedFrom;

/** Whether the field tree knows a schema type. */
export const knowsType = (name: string): boolean => name in TYPES;
