import { k8s } from '../../imports/k8s';

type EnvFromSource = k8s.EnvFromSource;
type Toleration = k8s.Toleration;
import { requireBoolean } from './values';
import { fail } from './errors';
import { requireK8s, requireSerializableKey } from './known-fields';
import { DNS_LABEL, DNS_SUBDOMAIN, requireDnsSubdomain } from './names';
import { parseCidr, strictlyInside } from './cidr';

export { requireKnownFields } from './known-fields';
export { requireDnsLabel, requireDnsSubdomain } from './names';

/**
 * Kubernetes' own syntax rules for names, labels, annotations and env vars, checked at
 * synth time: the API server would refuse these objects at apply time, long after the
 * GitOps commit.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */

const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const LABEL_VALUE = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;
/** Kubernetes 1.28's rule (IsEnvVarName); later versions relax it behind a feature gate. */
const ENV_VAR_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
/** Flink's rule for `kubernetes.cluster-id` (it becomes the prefix of Kubernetes names). */
const CLUSTER_ID = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const CLUSTER_ID_MAX = 45;
/** Total size limit of all annotations of one object. */
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** True for a valid Flink `kubernetes.cluster-id`: at most 45 characters, `[a-z]([-a-z0-9]*[a-z0-9])?`. */
export function isClusterId(value: unknown): value is string {
  return typeof value === 'string' && value.length <= CLUSTER_ID_MAX && CLUSTER_ID.test(value);
}

/** True for a namespace name (a DNS-1123 label). */
export function isNamespace(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 63 && DNS_LABEL.test(value);
}

/** Throws unless `value` is a plain object (not null, not an array). */
export function requireObject<T>(prop: string, value: T, example: string): T {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    fail(prop, value, `must be an object, e.g. ${example}`);
  return value;
}

/** Throws unless `value` is an array. */
export function requireList<T>(prop: string, value: T[], what: string, example: string): T[] {
  if (!Array.isArray(value)) fail(prop, value, `must be a list of ${what}, e.g. ${example}`);
  return value;
}

/** Label and annotation keys: an optional DNS-subdomain prefix and a name of at most 63 characters. */
function isQualifiedName(key: string): boolean {
  const slash = key.indexOf('/');
  const prefix = slash < 0 ? undefined : key.slice(0, slash);
  const name = slash < 0 ? key : key.slice(slash + 1);
  if (prefix !== undefined && (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))) return false;
  return name.length <= 63 && QUALIFIED_NAME.test(name);
}

/** Throws unless `labels` is an object of valid label keys to valid label values. */
export function requireLabels(prop: string, labels: unknown): { [key: string]: string } {
  if (typeof labels !== 'object' || labels === null || Array.isArray(labels))
    fail(prop, labels, 'must be an object of label keys to values, e.g. { team: "data" }');
  for (const [k, v] of Object.entries(labels as object)) {
    if (!isQualifiedName(k))
      fail(`${prop}[${JSON.stringify(k)}]`, k, 'is not a valid label key (e.g. "release" or "example.com/team")');
    requireSerializableKey(`${prop}[${JSON.stringify(k)}]`, k);
    if (typeof v !== 'string' || v.length > 63 || !LABEL_VALUE.test(v)) {
      fail(
        `${prop}[${JSON.stringify(k)}]`,
        v,
        'is not a valid label value (a string of at most 63 letters, digits, "-", "_" and ".")',
      );
    }
  }
  return { ...(labels as { [key: string]: string }) };
}

/** Throws unless `annotations` is an object of valid keys to string values, within the size limit. */
export function requireAnnotations(prop: string, annotations: unknown): { [key: string]: string } {
  if (typeof annotations !== 'object' || annotations === null || Array.isArray(annotations)) {
    fail(
      prop,
      annotations,
      'must be an object of annotation keys to values, e.g. { "example.com/owner": "data-team" }',
    );
  }
  let bytes = 0;
  for (const [k, v] of Object.entries(annotations as object)) {
    if (!isQualifiedName(k))
      fail(`${prop}[${JSON.stringify(k)}]`, k, 'is not a valid annotation key (e.g. "example.com/owner")');
    requireSerializableKey(`${prop}[${JSON.stringify(k)}]`, k);
    if (typeof v !== 'string')
      fail(`${prop}[${JSON.stringify(k)}]`, v, 'must be a string; quote numbers and booleans, e.g. "1"');
    bytes += Buffer.byteLength(k) + Buffer.byteLength(v);
  }
  if (bytes > ANNOTATIONS_MAX_BYTES)
    fail(
      prop,
      `${bytes} bytes`,
      "exceeds the 256 KiB Kubernetes allows for an object's annotations; keep large data in a ConfigMap",
    );
  return { ...(annotations as { [key: string]: string }) };
}

const reservedKey = (why: string) => `is reserved: ${why}; use another key`;

/**
 * Throws on a key of `map` that the construct writes itself: one of `keys`, or under one of
 * `prefixes` (e.g. "example.com/"). `why` says what the construct uses the key for.
 */
export function requireUnreserved(
  prop: string,
  map: { readonly [key: string]: string },
  reserved: { readonly keys: readonly string[]; readonly prefixes: readonly string[]; readonly why: string },
): void {
  for (const key of Object.keys(map)) {
    if (reserved.keys.includes(key) || reserved.prefixes.some((p) => key.startsWith(p)))
      fail(`${prop}[${JSON.stringify(key)}]`, key, reservedKey(reserved.why));
  }
}

/** Throws unless `name` is an environment variable name Kubernetes 1.28 accepts. */
export function requireEnvVarName(prop: string, name: unknown): string {
  if (typeof name !== 'string' || !ENV_VAR_NAME.test(name)) {
    fail(
      prop,
      name,
      'is not a valid environment variable name: letters, digits, "_", "-" and ".", not starting with a digit',
    );
  }
  return name;
}

const PEER_FIELDS = ['podSelector', 'namespaceSelector', 'ipBlock'] as const;
const PEER_EXAMPLE = '{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }';
const emptyPeer = () =>
  `must set podSelector, namespaceSelector or ipBlock (an empty peer is refused by Kubernetes), e.g. ${PEER_EXAMPLE}`;

/**
 * Throws unless `peers` is a list of NetworkPolicy peers, each naming at least one of
 * podSelector, namespaceSelector or ipBlock: an empty peer `{}` is invalid, and a
 * misspelt field would be dropped from the YAML, silently widening or narrowing the rule.
 */
export function requirePeers<T>(prop: string, peers: T[]): T[] {
  requireList(prop, peers, 'NetworkPolicy peers', `[${PEER_EXAMPLE}]`);
  peers.forEach((peer, i) => {
    const at = `${prop}[${i}]`;
    const fields = requireObject(at, peer as Record<string, unknown>, PEER_EXAMPLE);
    for (const k of PEER_FIELDS) {
      if (Object.hasOwn(fields, k))
        requireObject(
          `${at}.${k}`,
          fields[k],
          k === 'ipBlock' ? '{ cidr: "10.0.0.0/8" }' : '{ matchLabels: { app: "x" } }',
        );
    }
    requireK8s(at, peer, 'k8s.NetworkPolicyPeer');
    if (!PEER_FIELDS.some((k) => fields[k] !== undefined)) fail(at, peer, emptyPeer());
    if (fields.ipBlock !== undefined) requireIpBlock(`${at}.ipBlock`, fields.ipBlock as { cidr?: unknown });
  });
  return [...peers];
}

const notInsideCidr = (cidr: string) =>
  `must be a CIDR strictly inside cidr ${cidr} (Kubernetes refuses other except entries), e.g. a longer prefix of it`;

/** Throws unless an ipBlock has a valid CIDR and its except entries are strictly inside it. */
function requireIpBlock(prop: string, block: { cidr?: unknown; except?: unknown }): void {
  const outer = parseCidr(block.cidr);
  if (!outer) fail(`${prop}.cidr`, block.cidr, 'must be a CIDR such as "10.0.0.0/8"');
  const except = Array.isArray(block.except) ? (block.except as unknown[]) : [];
  except.forEach((e, i) => {
    const inner = parseCidr(e);
    if (!inner || !strictlyInside(inner, outer)) fail(`${prop}.except[${i}]`, e, notInsideCidr(String(block.cidr)));
  });
}

/** Throws unless `sources` are EnvFromSources naming one Secret or ConfigMap each, by a valid name. */
export function requireEnvFrom(prop: string, sources: EnvFromSource[]): EnvFromSource[] {
  const example = '{ secretRef: { name: "job-secrets" } }';
  requireList(prop, sources, 'EnvFromSource objects', `[${example}]`);
  sources.forEach((s, i) => {
    requireObject(`${prop}[${i}]`, s, example);
    requireK8s(`${prop}[${i}]`, s, 'k8s.EnvFromSource');
    const refs = (['secretRef', 'configMapRef'] as const).filter((k) => s[k] !== undefined);
    if (refs.length !== 1)
      fail(`${prop}[${i}]`, s, `must set exactly one of secretRef or configMapRef, e.g. ${example}`);
    const ref = requireObject(`${prop}[${i}].${refs[0]}`, s[refs[0]]!, '{ name: "job-secrets" }');
    requireDnsSubdomain(
      `${prop}[${i}].${refs[0]}.name`,
      ref.name,
      refs[0] === 'secretRef' ? 'Secret name' : 'ConfigMap name',
    );
    if (ref.optional !== undefined) requireBoolean(`${prop}[${i}].${refs[0]}.optional`, ref.optional);
    if (s.prefix !== undefined) requireEnvVarName(`${prop}[${i}].prefix`, s.prefix);
  });
  return [...sources];
}

const emptyKeyNeedsExists = () =>
  'must be "Exists" when key is empty (a toleration without a key tolerates every taint); set key or operator: "Exists"';
const existsTakesNoValue = () => 'must be empty with operator "Exists" (it matches any value); remove it';
const secondsNeedNoExecute = () =>
  'applies only to effect "NoExecute" (how long the pod stays on a node that gets such a taint); set that effect or remove it';

/**
 * Throws unless `tolerations` is a list of well-formed Toleration objects, with the API
 * server's rules across fields: no key means operator "Exists", "Exists" takes no value,
 * tolerationSeconds goes with effect "NoExecute".
 */
export function requireTolerations(prop: string, tolerations: Toleration[]): Toleration[] {
  const example = '{ key: "dedicated", operator: "Equal", value: "flink", effect: "NoSchedule" }';
  requireList(prop, tolerations, 'Toleration objects', `[${example}]`);
  tolerations.forEach((t, i) => requireObject(`${prop}[${i}]`, t, example));
  requireK8s(prop, tolerations, 'k8s.Toleration[]');
  tolerations.forEach((t, i) => {
    const at = `${prop}[${i}]`;
    if (t.key !== undefined && t.key !== '' && !isQualifiedName(t.key))
      fail(`${at}.key`, t.key, 'is not a valid taint key (e.g. "dedicated" or "example.com/pool")');
    if (!t.key && t.operator !== 'Exists') fail(`${at}.operator`, t.operator, emptyKeyNeedsExists());
    if (t.operator === 'Exists' && t.value) fail(`${at}.value`, t.value, existsTakesNoValue());
    if (t.tolerationSeconds !== undefined && t.effect !== 'NoExecute')
      fail(`${at}.tolerationSeconds`, t.tolerationSeconds, secondsNeedNoExecute());
  });
  return [...tolerations];
}
