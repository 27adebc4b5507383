import { FlinkVersion, FlinkVersionTraits } from '../flink/flink-version';
import { REMOVED_KEYS, RENAMED_KEYS } from '../flink/key-history.generated';
import { ownerOf } from './config-sections';
import { fail, show } from '../validation/errors';
import { credentialInFlinkMap, credentialInJvmOptions, isCredentialName } from '../validation/credential-names';

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

/** A credential named inside a value: `-Dname=...` JVM options, or a key of Flink's `k:v,k:v` job parameters. */
function credentialInValue(key: string, value: string): string | undefined {
  if (/^env\.java\.(default-)?opts(\.|$)/.test(key)) return credentialInJvmOptions(value);
  if (key === 'pipeline.global-job-parameters') return credentialInFlinkMap(value);
  return undefined;
}

const KEY_SYNTAX = /^[A-Za-z0-9$][A-Za-z0-9._<>$-]*$/;

/** Follows Flink's renames as far as they apply to `version`. */
export function currentNameOf(key: string, traits: FlinkVersionTraits): string {
  let name = key;
  for (let i = 0; i < 5; i++) {
    // Own entries only: "constructor" or "toString" are Flink keys like any other here.
    const r = Object.hasOwn(RENAMED_KEYS, name) ? RENAMED_KEYS[name] : undefined;
    if (!r || !traits.atLeast(r.since as FlinkVersion)) break;
    name = r.to;
  }
  return name;
}

/**
 * Checks one escape-hatch entry and returns its value as Flink reads it.
 * Rules, in order: syntax, a credential (whose value is never shown), value type, owned by a
 * prop, removed in this version, renamed in this version.
 */
export function checkExtraKey(key: string, value: unknown, traits: FlinkVersionTraits, applicationMode = true): string {
  const prop = `flinkConfiguration["${key}"]`;
  if (!KEY_SYNTAX.test(key)) {
    fail(
      'flinkConfiguration',
      key,
      'is not a Flink configuration key (letters, digits, ".", "-" and "_" only, no spaces or colons)',
    );
  }
  // The value of a credential is never echoed, not even when it has the wrong type.
  if (isCredentialName(key)) fail(prop, '(hidden)', inlineCredential(key));
  const inside = typeof value === 'string' ? credentialInValue(key, value) : undefined;
  if (inside) fail(prop, '(hidden)', credentialInside(inside));
  if (
    typeof value !== 'string' &&
    typeof value !== 'boolean' &&
    !(typeof value === 'number' && Number.isFinite(value))
  ) {
    fail(prop, value, 'must be a string, a finite number or a boolean');
  }
  const current = currentNameOf(key, traits);
  const owner = ownerOf(key, applicationMode) ?? ownerOf(current, applicationMode);
  if (owner) {
    // "nothing: why" entries have no prop to point at: the construct decides on its own.
    fail(
      prop,
      value,
      owner.startsWith('nothing: ')
        ? `is set by the construct (${owner.slice('nothing: '.length)}); remove it`
        : `is set by the construct; use ${owner} instead`,
    );
  }
  const removed = Object.hasOwn(REMOVED_KEYS, key) ? REMOVED_KEYS[key] : undefined;
  if (removed && traits.atLeast(removed.since as FlinkVersion)) {
    const replacement = removed.to && removed.to !== key ? currentNameOf(removed.to, traits) : undefined;
    // A replacement that was itself removed (a deprecated alias of a removed key) is no advice.
    const replacementGone =
      replacement !== undefined &&
      Object.hasOwn(REMOVED_KEYS, replacement) &&
      traits.atLeast(REMOVED_KEYS[replacement].since as FlinkVersion);
    const instead =
      replacement && !replacementGone ? `; did you mean "${replacement}"?` : '; it has no replacement, remove it';
    fail(prop, value, `was removed in Flink ${removed.since} (declared flinkVersion is ${traits.version})${instead}`);
  }
  if (current !== key) {
    const since = RENAMED_KEYS[key].since;
    fail(
      prop,
      value,
      `is deprecated for Flink ${traits.version} (renamed by ${since === '1.19' ? '1.19 or earlier' : since}); did you mean "${current}"?`,
    );
  }
  return String(value);
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
