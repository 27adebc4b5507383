import { FlinkVersionTraits } from '../flink/flink-version';
import { checkValue, classifyKey, KeyClassification, lookupOption } from '../flink/catalog/option-catalog';
import { ownerOf } from './config-sections';
import { fail, show } from '../validation/errors';
import { credentialInFlinkMap, credentialInJvmOptions, isCredentialName } from '../validation/credential-names';
import { kubernetesClientInOptions, kubernetesClientOption } from './pods';

/**
 * How to keep each family's credential in a Secret instead. A key holds a credential when
 * `isCredentialName` says so (a pattern, not a list); written into the ConfigMap it would
 * end up in the GitOps repository, so it is refused, and its value is never echoed.
 */
const CREDENTIAL_ADVICE: ReadonlyArray<[RegExp, string]> = [
  [
    /^(s3|fs\.s3a?)\./,
    'for S3 use highAvailability.storage credentials.envFromSecret with a Secret holding AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or workload identity)',
  ],
  [
    /^fs\.azure\./,
    'for Azure use workload identity, or credentials.envFromSecret with the variables your configuration references',
  ],
  [
    /^fs\.gs\./,
    'for GCS use credentials.fileSecret (a key file mounted from a Secret, GOOGLE_APPLICATION_CREDENTIALS) or workload identity',
  ],
  [
    /^fs\.oss\./,
    'for OSS use the environment-variable credential provider with env valueFrom.secretKeyRef, or workload identity',
  ],
];
const NO_SECRET_SOURCE =
  'Flink reads this value only from its configuration file, and the construct cannot fill it from a Secret yet; use an authentication that needs no secret in the config';
const inlineCredential = (key: string) =>
  `would write a credential into the ConfigMap, and so into your Git repository; ${CREDENTIAL_ADVICE.find(([re]) => re.test(key))?.[1] ?? NO_SECRET_SOURCE}`;

const credentialInside = (name: string) =>
  `sets the credential ${name} inline, which would write it into the ConfigMap, and so into your Git repository; ` +
  'keep it out of the configuration (a key file or keystore mounted from a Secret, or workload identity)';

/** Keys whose value is a list of JVM options. */
const JVM_OPTIONS = /^env\.java\.(default-)?opts(\.|$)/;

/** A credential named inside a value: `-Dname=...` JVM options, or a key of Flink's `k:v,k:v` job parameters. */
function credentialInValue(key: string, value: string): string | undefined {
  if (JVM_OPTIONS.test(key)) return credentialInJvmOptions(value);
  if (key === 'pipeline.global-job-parameters') return credentialInFlinkMap(value);
  return undefined;
}

const KEY_SYNTAX = /^[A-Za-z0-9$][A-Za-z0-9._<>$-]*$/;

/** The key Flink reads `key` as in this version: itself, or the option it is a deprecated key of. */
export function currentNameOf(key: string, traits: FlinkVersionTraits): string {
  const c = classifyKey(traits.version, key, { suggest: false });
  return c.kind === 'deprecated-key' && c.replacement ? c.replacement : key;
}

/** An escape-hatch entry as Flink reads it, and a warning to show at synth, if any. */
export interface CheckedKey {
  readonly value: string;
  readonly warning?: string;
}

const badKeySyntax = () =>
  'is not a Flink configuration key (letters, digits, ".", "-" and "_" only, no spaces or colons)';
const ownedBy = (owner: string) =>
  // "nothing: why" entries have no prop to point at: the construct decides on its own.
  owner.startsWith('nothing: ')
    ? `is set by the construct (${owner.slice('nothing: '.length)}); remove it`
    : `is set by the construct; use ${owner} instead`;
const didYouMean = (keys: readonly string[] | undefined) =>
  keys?.length ? `; did you mean ${keys.map((k) => JSON.stringify(k)).join(' or ')}?` : '';

/** How {@link checkExtraKey} reads a key. */
export interface ExtraKeyOptions {
  /** Application mode (some keys are owned only there). @default true */
  readonly applicationMode?: boolean;
  /** Whether the REST API has an Ingress (then the construct owns web submission). @default false */
  readonly restIngress?: boolean;
  /**
   * Whether an unknown key gets "did you mean" suggestions (a search of the whole catalog,
   * milliseconds per key): the converter stops suggesting after many unknown keys.
   * @default true
   */
  readonly suggest?: boolean;
}

/**
 * Checks one escape-hatch entry against the construct's rules and Flink's own option catalog
 * for the declared version (generated from Flink's jars, src/flink/catalog/).
 * Rules, in order: syntax, a credential (whose value is never shown), value type, owned by a prop, then what the
 * catalog says: removed, not yet available, unknown (with the nearest real keys), internal,
 * a value of the wrong type; a deprecated key or a connector option is accepted with a warning.
 */
export function checkExtraKey(
  key: string,
  value: unknown,
  traits: FlinkVersionTraits,
  options: ExtraKeyOptions = {},
): CheckedKey {
  const { applicationMode = true, restIngress = false, suggest = true } = options;
  const prop = `flinkConfiguration["${key}"]`;
  if (!KEY_SYNTAX.test(key)) fail('flinkConfiguration', key, badKeySyntax());
  // The value of a credential is never echoed, not even when it has the wrong type.
  if (isCredentialName(key)) fail(prop, '(hidden)', inlineCredential(key));
  const inside = typeof value === 'string' ? credentialInValue(key, value) : undefined;
  if (inside) fail(prop, '(hidden)', credentialInside(inside));
  const client = typeof value === 'string' && JVM_OPTIONS.test(key) ? kubernetesClientOption(value) : undefined;
  if (client) fail(prop, value, kubernetesClientInOptions(client));
  if (typeof value !== 'string' && typeof value !== 'boolean' && !(typeof value === 'number' && Number.isFinite(value)))
    fail(prop, value, 'must be a string, a finite number or a boolean');
  const c = classifyKey(traits.version, key, { suggest });
  const current = c.kind === 'deprecated-key' && c.replacement ? c.replacement : key;
  const owner = ownerOf(key, applicationMode, restIngress) ?? ownerOf(current, applicationMode, restIngress);
  if (owner) fail(prop, value, ownedBy(owner));
  return { value: String(value), warning: catalogVerdict(prop, key, value, traits, c) };
}

/** Fails for what the declared Flink version refuses or ignores; returns a warning for what it merely discourages. */
function catalogVerdict(
  prop: string,
  key: string,
  value: unknown,
  traits: FlinkVersionTraits,
  c: KeyClassification,
): string | undefined {
  const v = traits.version;
  switch (c.kind) {
    case 'removed':
      return fail(
        prop,
        value,
        `was removed in Flink ${c.since} (declared flinkVersion is ${v})${c.replacement ? `; did you mean "${c.replacement}"?` : '; it has no replacement, remove it'}`,
      );
    case 'not-yet-available':
      return fail(
        prop,
        value,
        `is not an option of Flink ${v} (it exists from ${c.since} on); remove it or raise flinkVersion`,
      );
    case 'unknown':
      return fail(
        prop,
        value,
        `is not an option of Flink ${v}${didYouMean(c.suggestions) || "; check the spelling against Flink's configuration reference"}`,
      );
    case 'internal':
      return fail(prop, value, 'is an internal option Flink sets itself; remove it');
    case 'connector-option':
      return `${prop} is a connector or table option; in the cluster configuration it has no effect`;
  }
  const option = c.option ?? lookupOption(v, key)?.option;
  const problem = option ? checkValue(option, String(value)) : null;
  if (problem) fail(prop, value, `is not a valid value: ${problem}`);
  if (c.kind === 'deprecated-key' || c.kind === 'deprecated-option') {
    const instead = c.replacement ? `; use "${c.replacement}"` : '';
    return `${prop} is deprecated in Flink ${v}${instead}`;
  }
  return undefined;
}

/**
 * Flink 2.x parses config.yaml as nested YAML, where `a: x` and `a.b: y` cannot both
 * exist: any such pair is refused. Older versions read flat keys, where the pair is fine
 * unless the user wrote both (usually a legacy key beside its replacement: ambiguous); a
 * user's key beside one of the construct's (e.g. 1.18's `state.backend` beside
 * `state.backend.incremental`) is left alone there.
 */
export function checkPrefixCollisions(
  config: { readonly [key: string]: string },
  userKeys: ReadonlySet<string>,
  nestedYaml: boolean,
): void {
  const sorted = Object.keys(config).sort();
  const set = new Set(sorted);
  for (const key of sorted) {
    const parts = key.split('.');
    for (let i = 1; i < parts.length; i++) {
      const prefix = parts.slice(0, i).join('.');
      if (!set.has(prefix)) continue;
      const why = nestedYaml
        ? 'one key may not be a prefix of another (Flink 2.x rejects the file)'
        : 'one key is a prefix of the other, usually a legacy key beside its replacement, which is ambiguous';
      // Blame a key the user wrote; the construct's own keys never collide with each other.
      if (userKeys.has(prefix) && userKeys.has(key)) {
        fail(
          `flinkConfiguration["${prefix}"]`,
          config[prefix],
          `conflicts with "${key}": ${why}; keep only one of them`,
        );
      }
      if (!nestedYaml) continue;
      const [mine, theirs] = userKeys.has(key) ? [key, prefix] : [prefix, key];
      fail(
        `flinkConfiguration["${mine}"]`,
        config[mine],
        `conflicts with ${show(theirs)}, which the construct sets: ${why}; remove it`,
      );
    }
  }
}
