import { FlinkVersion, FlinkVersionTraits } from '../flink/flink-version';
import { REMOVED_KEYS, RENAMED_KEYS } from '../flink/key-history.generated';
import { ownerOf } from './config-sections';
import { fail, show } from '../validation/errors';

/**
 * Keys that hold a credential inline. Written into the ConfigMap they would end up in the
 * GitOps repository, so they are refused, with the way to keep the secret in a Secret.
 */
const INLINE_CREDENTIALS: ReadonlyArray<[RegExp, string]> = [
  [
    /^(s3\.(access|secret)[.-]key|fs\.s3a?\.(access|secret)\.key|fs\.s3a\.session\.token)$/,
    'for S3 use highAvailability.storage credentials.envFromSecret with a Secret holding AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or workload identity)',
  ],
  [
    /^(fs\.azure\.account\.key\..+|fs\.azure\.account\.oauth2\.client\.secret(\..+)?)$/,
    'for Azure use workload identity, or credentials.envFromSecret with the variables your configuration references',
  ],
  [
    /^fs\.gs\.auth\.service\.account\.private\.key(\.id)?$/,
    'for GCS use credentials.fileSecret (a key file mounted from a Secret, GOOGLE_APPLICATION_CREDENTIALS) or workload identity',
  ],
  [
    /^fs\.oss\.accessKey(Id|Secret)$/,
    'for OSS use the environment-variable credential provider with env valueFrom.secretKeyRef, or workload identity',
  ],
  [
    /^(security\.ssl\.(.+\.)?(key|keystore|truststore)-password|metrics\.reporter\..+\.password)$/,
    'Flink reads this password only from its configuration file, and the construct cannot fill it from a Secret yet; use an authentication that needs no password in the config',
  ],
];

const KEY_SYNTAX = /^[A-Za-z0-9$][A-Za-z0-9._<>$-]*$/;

/** Follows Flink's renames as far as they apply to `version`. */
export function currentNameOf(key: string, traits: FlinkVersionTraits): string {
  let name = key;
  for (let i = 0; i < 5; i++) {
    const r = RENAMED_KEYS[name];
    if (!r || !traits.atLeast(r.since as FlinkVersion)) break;
    name = r.to;
  }
  return name;
}

/**
 * Checks one escape-hatch entry and returns its value as Flink reads it.
 * Rules, in order: syntax, value type, owned by a prop, removed in this version,
 * renamed in this version.
 */
export function checkExtraKey(
  key: string,
  value: unknown,
  traits: FlinkVersionTraits,
  applicationMode = true,
  restIngress = false,
): string {
  const prop = `flinkConfiguration["${key}"]`;
  if (!KEY_SYNTAX.test(key)) {
    fail(
      'flinkConfiguration',
      key,
      'is not a Flink configuration key (letters, digits, ".", "-" and "_" only, no spaces or colons)',
    );
  }
  if (
    typeof value !== 'string' &&
    typeof value !== 'boolean' &&
    !(typeof value === 'number' && Number.isFinite(value))
  ) {
    fail(prop, value, 'must be a string, a finite number or a boolean');
  }
  const credential = INLINE_CREDENTIALS.find(([re]) => re.test(key));
  if (credential) {
    // The value is a secret: never echo it.
    fail(
      prop,
      '(hidden)',
      `would write a credential into the ConfigMap, and so into your Git repository; ${credential[1]}`,
    );
  }
  const current = currentNameOf(key, traits);
  const owner = ownerOf(key, applicationMode, restIngress) ?? ownerOf(current, applicationMode, restIngress);
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
  const removed = REMOVED_KEYS[key];
  if (removed && traits.atLeast(removed.since as FlinkVersion)) {
    const replacement = removed.to && removed.to !== key ? currentNameOf(removed.to, traits) : undefined;
    // A replacement that was itself removed (a deprecated alias of a removed key) is no advice.
    const replacementGone =
      replacement !== undefined &&
      REMOVED_KEYS[replacement] &&
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
