import {
  credentialInFlinkMap,
  credentialInJvmOptions,
  isCredentialName,
  nameWords,
} from '../../src/validation/credential-names';
import { CATALOG_VERSIONS, catalogIndex } from '../../src/flink/catalog/catalog-index';

test('names split into words at dots, dashes, underscores and camelCase humps', () => {
  expect(nameWords('fs.oss.accessKeySecret')).toEqual(['fs', 'oss', 'access', 'key', 'secret']);
  expect(nameWords('AWS_SECRET_ACCESS_KEY')).toEqual(['aws', 'secret', 'access', 'key']);
});

test.each([
  // Per-bucket and per-account variants a list misses.
  'fs.s3a.bucket.orders.secret.key',
  'fs.s3a.bucket.orders.access.key',
  'fs.s3a.bucket.orders.session.token',
  'fs.s3a.session.token',
  'fs.s3a.encryption.key',
  'fs.s3a.bucket.orders.encryption.key',
  'fs.s3a.server-side-encryption.key',
  'fs.azure.account.key.acct.dfs.core.windows.net',
  'fs.azure.account.oauth2.client.secret.acct.dfs.core.windows.net',
  'fs.azure.sas.container.acct.blob.core.windows.net',
  'fs.azure.sas.fixed.token',
  'fs.gs.encryption.key',
  'fs.gs.auth.client.secret',
  'fs.gs.auth.refresh.token',
  'fs.gs.auth.service.account.private.key.id',
  'fs.oss.accessKeyId',
  'fs.oss.accessKeySecret',
  'fs.oss.securityToken',
  // Filesystem plugin keys (Flink's own S3 spellings).
  's3.access-key',
  's3.access.key',
  's3.secret-key',
  's3.secret.key',
  // Reporters and connectors.
  'metrics.reporter.dghttp.apikey',
  'metrics.reporter.otel.api-key',
  'metrics.reporter.promgateway.basic-auth.user-info',
  'metrics.reporter.promgateway.bearer-auth.token',
  'metrics.reporter.influxdb.password',
  'properties.sasl.jaas.config',
  'pulsar.client.authParams',
  'high-availability.zookeeper.client.authorization',
  'security.ssl.rest.keystore-password',
  'anything.passphrase',
  // Environment variables.
  'AWS_SECRET_ACCESS_KEY',
  'AWS_ACCESS_KEY_ID',
  'AWS_SESSION_TOKEN',
  'AZURE_CLIENT_SECRET',
  'KAFKA_PASSWORD',
])('a credential: %s', (name) => expect(isCredentialName(name)).toBe(true));

test.each([
  'security.ssl.enabled',
  'security.ssl.internal.keystore',
  'security.ssl.rest.keystore-type',
  'security.ssl.rest.authentication-enabled',
  's3.entropy.key',
  'fs.s3a.server-side-encryption-algorithm',
  'fs.s3a.encryption.algorithm',
  'fs.s3a.aws.credentials.provider',
  'fs.gs.encryption.key.hash',
  'fs.azure.account.oauth2.client.id',
  'fs.azure.account.keyprovider.acct',
  'fs.azure.sas.token.provider.type',
  'kubernetes.secrets',
  'kubernetes.env.secretKeyRef',
  'kubernetes.container.image.pull-secrets',
  'security.kerberos.fetch.delegation-token',
  'security.delegation.tokens.enabled',
  'security.kerberos.login.keytab',
  'metrics.reporter.influxdb.username',
  'state.backend.rocksdb.bloom-filter.bits-per-key',
  'GOOGLE_APPLICATION_CREDENTIALS',
  'PASSWORD_FILE',
  'HADOOP_TOKEN_FILE_LOCATION',
  'TZ',
])('not a credential: %s', (name) => expect(isCredentialName(name)).toBe(false));

/**
 * Every key of Flink's option catalog (1.18 to 2.3, with deprecated keys) the pattern refuses:
 * each one holds a secret. Filesystem (s3.*, fs.*) and reporter keys are open-ended families,
 * not catalog options; the list of credentials above covers them.
 */
const REFUSED_FLINK_KEYS = [
  'high-availability.zookeeper.client.authorization',
  'security.ssl.internal.key-password',
  'security.ssl.internal.keystore-password',
  'security.ssl.internal.truststore-password',
  'security.ssl.key-password',
  'security.ssl.keystore-password',
  'security.ssl.rest.key-password',
  'security.ssl.rest.keystore-password',
  'security.ssl.rest.truststore-password',
  'security.ssl.truststore-password',
];

test('of all real Flink keys, only credentials are refused', () => {
  const all = new Set(
    CATALOG_VERSIONS.flatMap((v) => {
      const index = catalogIndex(v);
      return [...index.options.keys(), ...index.alternatives.keys()];
    }),
  );
  expect([...all].filter(isCredentialName).sort()).toEqual(REFUSED_FLINK_KEYS);
});

test.each([
  ['-Xmx1g -Djavax.net.ssl.keyStorePassword=changeit', 'javax.net.ssl.keyStorePassword'],
  ['"-Dfs.s3a.secret.key=abc"', 'fs.s3a.secret.key'],
  ['--add-opens=java.base/java.util=ALL-UNNAMED -Dapi.token=x', 'api.token'],
  ['-Dfoo=bar -XX:+UseG1GC -Dlog4j.configurationFile=x', undefined],
])('JVM options %s set the credential %s', (options, name) => expect(credentialInJvmOptions(options)).toBe(name));

test.each([
  ['db.password:x,user:y', 'db.password'],
  ["'api-key':x", 'api-key'],
  ['topic:orders,group:flink', undefined],
])('job parameters %s name the credential %s', (value, name) => expect(credentialInFlinkMap(value)).toBe(name));
