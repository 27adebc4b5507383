/**
 * Names (Flink configuration keys, environment variable names) that hold a credential, by
 * pattern rather than by list: per-bucket and per-account variants (`fs.s3a.bucket.<b>.secret.key`,
 * `fs.azure.account.key.<account>`), reporter API keys and any `*.password`, `*.secret` or `*.token`.
 *
 * A name is split into lower-case words at ".", "-", "_" and camelCase humps
 * (`fs.oss.accessKeySecret` -> fs oss access key secret). It holds a credential when
 * - its last word is one of SECRET_WORDS (`*.password`, `*.secret`, `*.token`, `*.apikey`), except
 *   `delegation-token` (a switch: `security.kerberos.fetch.delegation-token`); or
 * - two neighbouring words are one of SECRET_PAIRS anywhere in it (`secret key`, `access key`,
 *   `account key` ...), unless its last word names an attribute of the secret rather than the
 *   secret itself (NOT_THE_SECRET: `fs.s3a.encryption.algorithm`, `fs.gs.encryption.key.hash`,
 *   `kubernetes.env.secretKeyRef`, `fs.azure.sas.token.provider.type`); or
 * - it is a per-container Azure SAS (`fs.azure.sas.<container>.<account>...`).
 *
 * Left alone on purpose (real, non-secret keys): `security.ssl.enabled`, `security.ssl.*.keystore`
 * and `*.keystore-type` (paths and formats), `security.ssl.rest.authentication-enabled`,
 * `s3.entropy.key` (a marker string in paths), `fs.s3a.server-side-encryption-algorithm`,
 * `fs.azure.account.oauth2.client.id`, `fs.azure.account.keyprovider.*`, `*.username`,
 * `*.credentials.provider`, `kubernetes.secrets` and `*.pull-secrets` (Secret names),
 * `security.delegation.tokens.*`, `security.kerberos.login.keytab` (a path).
 */

const SECRET_WORDS = new Set(['password', 'passwd', 'passphrase', 'secret', 'token', 'apikey', 'authorization']);

const SECRET_PAIRS = new Set([
  'access key',
  'secret key',
  'private key',
  'encryption key',
  'api key',
  'account key',
  'client secret',
  'session token',
  'refresh token',
  'security token',
  'sas token',
  'user info',
  'jaas config',
  'auth params',
  'auth param',
]);

const NOT_THE_SECRET = new Set(['algorithm', 'type', 'provider', 'hash', 'path', 'file', 'location', 'enabled', 'ref']);

/** The lower-case words of a name. */
export function nameWords(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[.\-_\s]+/)
    .filter((w) => w !== '');
}

/** Whether a configuration key or variable name holds a credential (see the rules above). */
export function isCredentialName(name: string): boolean {
  const words = nameWords(name);
  const last = words[words.length - 1] ?? '';
  if (SECRET_WORDS.has(last) && !(last === 'token' && words[words.length - 2] === 'delegation')) return true;
  if (/^fs\.azure\.sas\.(?!token\.)/i.test(name)) return true;
  if (NOT_THE_SECRET.has(last)) return false;
  return words.some((w, i) => i > 0 && SECRET_PAIRS.has(`${words[i - 1]} ${w}`));
}

/**
 * The first credential a list of JVM options sets as a system property (`-Dname=value` with
 * a credential's name, e.g. `-Djavax.net.ssl.keyStorePassword=...`), or undefined.
 */
export function credentialInJvmOptions(options: string): string | undefined {
  for (const m of options.matchAll(/(?:^|\s)["']?-D([^=\s"']+)=/g)) if (isCredentialName(m[1])) return m[1];
  return undefined;
}

/** The first key of a Flink map value (`k1:v1,k2:v2`, e.g. pipeline.global-job-parameters) naming a credential. */
export function credentialInFlinkMap(value: string): string | undefined {
  return value
    .split(',')
    .map((entry) =>
      entry
        .split(':')[0]
        .trim()
        .replace(/^['"]|['"]$/g, ''),
    )
    .find((k) => k !== '' && isCredentialName(k));
}
