import { fail } from './errors';
import { KNOWN_FIELDS } from './known-fields.generated';
import { requireDnsSubdomain } from './names';

/**
 * Field names checked against the generated tree of every type a user passes
 * (known-fields.generated.ts). JavaScript and JSON-driven callers get no compiler: a
 * misspelt key would be ignored, and inside a Kubernetes object cdk8s copies only the
 * fields it knows, so `matchLabel` instead of `matchLabels` would leave an empty selector
 * that matches every pod.
 */

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/** `parent.key`, or `parent["key"]` for keys that are not identifiers. */
export function childPath(parent: string, key: string): string {
  if (IDENTIFIER.test(key)) return parent ? `${parent}.${key}` : key;
  return `${parent}[${JSON.stringify(key)}]`;
}

/** A table's own entry: a key such as "constructor" never finds Object.prototype's. */
const own = <T>(table: { readonly [key: string]: T }, key: string): T | undefined =>
  Object.hasOwn(table, key) ? table[key] : undefined;
const fieldsOf = (type: string) => own(KNOWN_FIELDS, type);
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An object literal: cdk8s cannot serialize class instances (a Date) or objects without a prototype. */
const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  isObject(v) && Object.getPrototypeOf(v) === Object.prototype;

/** Kubernetes 1.28's allowed values of the string fields users set most; the API server refuses others. */
export const ENUMS: { readonly [typeDotField: string]: readonly string[] } = {
  'k8s.Toleration.operator': ['Exists', 'Equal'],
  'k8s.Toleration.effect': ['NoSchedule', 'PreferNoSchedule', 'NoExecute'],
  'k8s.LabelSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist'],
  'k8s.NodeSelectorRequirement.operator': ['In', 'NotIn', 'Exists', 'DoesNotExist', 'Gt', 'Lt'],
  'k8s.PersistentVolumeClaimSpec.volumeMode': ['Filesystem', 'Block'],
  'k8s.PersistentVolumeClaimSpec.accessModes': ['ReadWriteOnce', 'ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOncePod'],
};

/** Ranges the API server enforces on numbers users set. */
export const RANGES: { readonly [typeDotField: string]: readonly [number, number] } = {
  'k8s.WeightedPodAffinityTerm.weight': [1, 100],
  'k8s.PreferredSchedulingTerm.weight': [1, 100],
  'k8s.ConfigMapVolumeSource.defaultMode': [0, 0o777],
  'k8s.SecretVolumeSource.defaultMode': [0, 0o777],
  'k8s.ProjectedVolumeSource.defaultMode': [0, 0o777],
  'k8s.DownwardApiVolumeSource.defaultMode': [0, 0o777],
  'k8s.KeyToPath.mode': [0, 0o777],
  'k8s.DownwardApiVolumeFile.mode': [0, 0o777],
  'k8s.ServiceAccountTokenProjection.expirationSeconds': [600, 2 ** 32],
};

/** File paths inside a volume, which the API server requires relative and without ".." segments. */
export const RELATIVE_PATHS: readonly string[] = [
  'k8s.KeyToPath.path',
  'k8s.DownwardApiVolumeFile.path',
  'k8s.ServiceAccountTokenProjection.path',
];

/**
 * References to objects by name that the types leave optional but the API server requires
 * (an empty name refers to nothing), with what they name.
 */
export const NAME_REFS: { readonly [typeDotField: string]: string } = {
  'k8s.ConfigMapKeySelector.name': 'ConfigMap name',
  'k8s.SecretKeySelector.name': 'Secret name',
  'k8s.ConfigMapEnvSource.name': 'ConfigMap name',
  'k8s.SecretEnvSource.name': 'Secret name',
  'k8s.ConfigMapVolumeSource.name': 'ConfigMap name',
  'k8s.SecretVolumeSource.secretName': 'Secret name',
  'k8s.ConfigMapProjection.name': 'ConfigMap name',
  'k8s.SecretProjection.name': 'Secret name',
  'k8s.LocalObjectReference.name': 'Secret name',
  'k8s.PersistentVolumeClaimVolumeSource.claimName': 'PersistentVolumeClaim name',
};

/** The closest known name: same letters in another case, or at most two edits (one for short keys). */
export function nearestName(key: string, known: readonly string[]): string | undefined {
  const k = key.toLowerCase();
  const same = known.find((n) => n.toLowerCase() === k);
  if (same) return same;
  let best: string | undefined;
  let bestDistance = key.length >= 5 ? 3 : 2;
  if (key.length > 100) return undefined;
  for (const name of known) {
    // Names whose lengths differ by the distance already found cannot be closer.
    if (Math.abs(name.length - key.length) >= bestDistance) continue;
    const d = editDistance(k, name.toLowerCase());
    if (d < bestDistance) [best, bestDistance] = [name, d];
  }
  if (best) return best;
  // A cut-short name ("flinkConfig" for "flinkConfiguration").
  return key.length >= 5 ? known.find((n) => n.toLowerCase().startsWith(k)) : undefined;
}

/** Edits (insert, delete, replace, swap two neighbours) that turn a into b. */
function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

const unknownField = (type: string, known: readonly string[], suggestion: string | undefined) => {
  const dropped = type.startsWith('k8s.')
    ? `cdk8s would leave it out of the YAML${type === 'k8s.LabelSelector' ? ' (and a selector left empty matches every pod)' : ''}`
    : 'it would be ignored';
  const fix = suggestion ? `did you mean "${suggestion}"?` : `use one of ${known.join(', ')}`;
  return `is not a field of ${type}: ${dropped}; ${fix}`;
};
const constructorKey = () =>
  'cannot be written: cdk8s (2.x) fails to serialize any object with a key named "constructor"; use another key';
const wrongKind = (kind: string, value: unknown) =>
  isObject(value) && !isPlainObject(value) && describeKind(kind) === 'an object'
    ? 'must be a plain object literal: cdk8s cannot serialize a Date, a class instance or an object without a prototype'
    : `must be ${describeKind(kind)}`;
const outOfRange = ([min, max]: readonly [number, number]) => `must be between ${min} and ${max}`;
const requiredField = (type: string) => `is required in ${type}; set it or leave the whole object out`;
const notRelative = () =>
  'must be a relative path inside the volume, without ".." segments, e.g. "config/app.properties"';
const notOneOf = (values: readonly string[]) => `must be one of ${values.map((v) => JSON.stringify(v)).join(', ')}`;

function describeKind(kind: string): string {
  if (kind.endsWith('[]')) return `a list of ${describeKind(kind.slice(0, -2)).replace(/^an? /, '')}s`;
  if (kind.startsWith('{')) return `an object of keys to ${describeKind(kind.slice(1, -1)).replace(/^an? /, '')}s`;
  if (kind === 'class:Quantity') return 'a quantity, e.g. k8s.Quantity.fromString("1Gi")';
  if (kind === 'class:IntOrString') return 'a port or name, e.g. k8s.IntOrString.fromNumber(8080)';
  if (kind === 'class:Date') return 'a Date';
  if (kind === 'boolean') return 'a boolean (true or false)';
  if (kind === 'scalar') return 'a string, number or boolean';
  if (kind === 'number') return 'a whole number';
  if (kind === 'string') return 'a string';
  return 'an object';
}

/** Whether `value` has the kind's shape at its top level (lists and objects are walked further). */
function hasKind(value: unknown, kind: string, strict: boolean): boolean {
  if (kind === 'any') return true;
  if (kind.endsWith('[]')) return Array.isArray(value);
  if (kind.startsWith('{') || fieldsOf(kind)) return strict ? isPlainObject(value) : isObject(value);
  if (kind === 'class:Date') return value instanceof Date && !Number.isNaN(value.getTime());
  if (kind.startsWith('class:')) {
    const v = isObject(value) ? value.value : undefined;
    return typeof v === 'string' || (typeof v === 'number' && Number.isFinite(v));
  }
  // Kubernetes' numbers in these types are all int32 or int64.
  if (kind === 'number')
    return typeof value === 'number' && (strict ? Number.isSafeInteger(value) : Number.isFinite(value));
  if (kind === 'scalar') return ['string', 'boolean'].includes(typeof value) || hasKind(value, 'number', strict);
  return typeof value === kind;
}

/**
 * Walks `value` as `kind`. Unknown keys always fail. With `strict`, inside Kubernetes objects
 * (`inK8s`) a value of the wrong kind or a missing required field fails too; otherwise a value
 * of the wrong kind is left to the rule that owns the prop.
 */
function walk(prop: string, value: unknown, kind: string, strict: boolean, inK8s: boolean): void {
  if (!hasKind(value, kind, strict && inK8s)) {
    if (strict && inK8s) fail(prop, value, wrongKind(kind, value));
    return;
  }
  if (kind.endsWith('[]')) {
    const list = value as unknown[];
    for (let i = 0; i < list.length; i++) walk(`${prop}[${i}]`, list[i], kind.slice(0, -2), strict, inK8s);
  } else if (kind.startsWith('{')) {
    for (const [key, v] of Object.entries(value as object)) {
      const at = `${prop}[${JSON.stringify(key)}]`;
      if (inK8s) requireSerializableKey(at, key);
      walk(at, v, kind.slice(1, -1), strict, inK8s);
    }
  } else if (fieldsOf(kind)) {
    walkFields(prop, value as Record<string, unknown>, kind, strict);
  }
}

function walkFields(prop: string, value: Record<string, unknown>, type: string, strict: boolean): void {
  const fields = fieldsOf(type)!;
  const k8s = type.startsWith('k8s.');
  const known = Object.keys(fields);
  for (const [key, v] of Object.entries(value)) {
    if (!Object.hasOwn(fields, key))
      fail(
        prop || 'props',
        key.length > 100 ? `${key.slice(0, 100)}...` : key,
        unknownField(type, known, nearestName(key, known)),
      );
    if (v !== undefined) walk(childPath(prop, key), v, fields[key].replace(/\?$/, ''), strict, k8s);
  }
  if (!strict || !k8s) return;
  for (const key of known) {
    const at = childPath(prop, key);
    const v = value[key];
    if (!fields[key].endsWith('?') && v === undefined) fail(at, undefined, requiredField(type));
    const allowed = own(ENUMS, `${type}.${key}`);
    if (allowed && v !== undefined) {
      (Array.isArray(v) ? v : [v]).forEach((x, i) => {
        if (!allowed.includes(x as string)) fail(Array.isArray(v) ? `${at}[${i}]` : at, x, notOneOf(allowed));
      });
    }
    const range = own(RANGES, `${type}.${key}`);
    if (range && v !== undefined && ((v as number) < range[0] || (v as number) > range[1]))
      fail(at, v, outOfRange(range));
    if (
      RELATIVE_PATHS.includes(`${type}.${key}`) &&
      (typeof v !== 'string' || v.startsWith('/') || v.split('/').includes('..'))
    )
      fail(at, v, notRelative());
    const named = own(NAME_REFS, `${type}.${key}`);
    if (named) requireDnsSubdomain(at, v, named);
  }
}

/**
 * Throws on the one key cdk8s cannot write into an object: its serializer reads
 * `obj.constructor.name` to tell plain objects from class instances, so an own key named
 * `constructor` (a valid label key) makes every synth fail deep inside cdk8s.
 */
export function requireSerializableKey(prop: string, key: string): void {
  if (key === 'constructor') fail(prop, key, constructorKey());
}

/**
 * Throws on a key that no type in `type`'s tree declares, at any depth (props, and the
 * Kubernetes objects inside them). Values of the wrong kind are left to each prop's own rule.
 */
export function requireKnownFields(prop: string, value: unknown, type: string): void {
  walk(prop, value, type, false, type.startsWith('k8s.'));
}

/**
 * Throws unless `value` is a well-formed Kubernetes object of `kind` (e.g. `k8s.Volume` or
 * `k8s.Toleration[]`): only known fields, each of its kind, required fields present.
 */
export function requireK8s<T>(prop: string, value: T, kind: string): T {
  walk(prop, value, kind, true, true);
  return value;
}
