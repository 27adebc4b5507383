import { Duration, Size } from 'cdk8s';
import { HaStorageModel, HighAvailabilityModel } from './cluster-model';
import { parseStorageUri } from './storage-uri';
import { reservedEnv } from './pods';
import { AccessMode, HA_MOUNT_PATH, HaStorage, ObjectStoreCredentials } from '../props/ha-storage';
import { HighAvailabilityProps } from '../props/cluster-props';
import { fail } from '../validation/errors';
import { requireDnsSubdomain, requireKnownFields, requireObject } from '../validation/k8s-syntax';
import { durationMillis, requireBoolean, requireEnum, requireString, sizeMebibytes } from '../validation/values';

const P = 'highAvailability.storage';
/**
 * The longest lease accepted. A leader whose pod or node dies without releasing its lease
 * keeps it until it expires, so every such failover lasts up to one lease: Flink's default is
 * 15 s, and past a few minutes standby JobManagers no longer shorten an outage (a longer value
 * is usually a unit slip, minutes for seconds). renewDeadline and retryPeriod are bounded by it
 * through the rules below.
 */
const MAX_LEASE = Duration.minutes(5);
const leaseTooLong = () =>
  `is longer than ${MAX_LEASE.toHumanString()}: when the leader's pod or node dies without releasing the lease, the ` +
  'standbys wait for it to expire, so Flink would stay without a leader (jobs stopped, REST down) that long at every ' +
  "such failover. Flink accepts it, but HA then buys little; use seconds (Flink's default is Duration.seconds(15))";
const tooShortRetry = () => 'must be at least 1 second; shorter periods load the API server for no gain';
const deadlineOverLease = (lease: Duration) =>
  `must not exceed leaseDuration (${lease.toHumanString()}), or a leader could keep acting after its lease expired`;
const retryOverDeadline = (deadline: Duration) =>
  `must be shorter than renewDeadline / 1.2 (${deadline.toHumanString()} / 1.2), or a leader may lose its lease ` +
  'before its second renewal attempt';
const storageRequired = () =>
  'is required with HA: use HaStorage.newClaim(), HaStorage.existingClaim("name") or ' +
  'HaStorage.objectStore("s3://bucket/path")';
const notAStorage = () =>
  'must be created with HaStorage.newClaim(), HaStorage.existingClaim() or HaStorage.objectStore()';
const storageWithoutHa = () => 'has no effect while highAvailability.enabled is false; remove it or enable HA';
const fileObjectStore = () =>
  'is a file:// path; use HaStorage.newClaim() or HaStorage.existingClaim() so every candidate mounts the same volume';

/**
 * Rules: lease timing as client-go's elector demands it (Flink's own defaults are
 * 15 s / 15 s / 5 s, so the lease may equal the deadline, and the deadline must leave room
 * for a jittered retry); storage exactly when HA is on.
 */
export function resolveHighAvailability(
  props: HighAvailabilityProps | undefined,
  clusterId: string,
): HighAvailabilityModel {
  const ha = props ?? {};
  const enabled = requireBoolean('highAvailability.enabled', ha.enabled ?? true);
  const leaseDuration = ha.leaseDuration ?? Duration.seconds(15);
  const renewDeadline = ha.renewDeadline ?? Duration.seconds(15);
  const retryPeriod = ha.retryPeriod ?? Duration.seconds(5);
  const leaseDurationMs = durationMillis('highAvailability.leaseDuration', leaseDuration);
  const renewDeadlineMs = durationMillis('highAvailability.renewDeadline', renewDeadline);
  const retryPeriodMs = durationMillis('highAvailability.retryPeriod', retryPeriod);
  if (leaseDurationMs > MAX_LEASE.toMilliseconds())
    fail('highAvailability.leaseDuration', leaseDuration, leaseTooLong());
  if (retryPeriodMs < 1000) fail('highAvailability.retryPeriod', retryPeriod, tooShortRetry());
  if (renewDeadlineMs > leaseDurationMs)
    fail('highAvailability.renewDeadline', renewDeadline, deadlineOverLease(leaseDuration));
  if (renewDeadlineMs <= retryPeriodMs * 1.2)
    fail('highAvailability.retryPeriod', retryPeriod, retryOverDeadline(renewDeadline));

  let storage: HaStorageModel | undefined;
  if (enabled) {
    if (ha.storage === undefined) fail(P, undefined, storageRequired());
    if (!(ha.storage instanceof HaStorage)) fail(P, ha.storage, notAStorage());
    storage = resolveStorage(ha.storage, clusterId);
  } else if (ha.storage !== undefined) {
    fail(P, ha.storage, storageWithoutHa());
  }
  return { enabled, storage, leaseDurationMs, renewDeadlineMs, retryPeriodMs };
}

/** The props type of each HaStorage factory, for the unknown-field check. */
const FACTORY_PROPS = {
  'new-claim': 'NewClaimProps',
  'existing-claim': 'ExistingClaimProps',
  'object-store': 'ObjectStoreProps',
} as const;

function resolveStorage(storage: HaStorage, clusterId: string): HaStorageModel {
  const choice = storage._choice;
  requireKnownFields(P, choice.props, FACTORY_PROPS[choice.kind]);
  if (choice.kind === 'object-store') return resolveObjectStore(choice.uri, choice.props.credentials);
  const accessMode = requireEnum(
    `${P}.accessMode`,
    choice.props.accessMode ?? AccessMode.READ_WRITE_MANY,
    AccessMode,
    'AccessMode',
  );
  const storageDir = parseStorageUri(P, `file://${HA_MOUNT_PATH}`);
  if (choice.kind === 'existing-claim') {
    return { kind: 'existing-claim', storageDir, claimName: choice.claimName, accessMode };
  }
  const sizeMiB = sizeMebibytes(`${P}.size`, choice.props.size ?? Size.gibibytes(1));
  const storageClassName = choice.props.storageClassName;
  if (storageClassName !== undefined)
    requireDnsSubdomain(`${P}.storageClassName`, storageClassName, 'StorageClass name');
  return { kind: 'new-claim', storageDir, claimName: `${clusterId}-ha`, accessMode, sizeMiB, storageClassName };
}

function resolveObjectStore(uri: string, credentials: ObjectStoreCredentials | undefined): HaStorageModel {
  const storageDir = parseStorageUri(P, uri);
  if (storageDir.scheme === 'file') fail(P, uri, fileObjectStore());
  if (credentials !== undefined) checkCredentials(credentials);
  return { kind: 'object-store', storageDir, credentials };
}

function checkCredentials(c: ObjectStoreCredentials): void {
  const p = `${P}.credentials`;
  requireObject(p, c, '{ envFromSecret: "flink-s3" }');
  if (c.envFromSecret !== undefined) requireDnsSubdomain(`${p}.envFromSecret`, c.envFromSecret, 'Secret name');
  const file = c.fileSecret;
  if (file === undefined) return;
  requireObject(
    `${p}.fileSecret`,
    file,
    '{ name: "gcs-key", key: "key.json", fileEnv: "GOOGLE_APPLICATION_CREDENTIALS" }',
  );
  requireDnsSubdomain(`${p}.fileSecret.name`, file.name, 'Secret name');
  // Kubernetes' rule for Secret keys (IsConfigMapKey); "." and ".." would also climb out of the mount.
  const key = requireString(`${p}.fileSecret.key`, file.key);
  if (!/^[-._a-zA-Z0-9]{1,253}$/.test(key) || key === '.' || key.startsWith('..')) {
    fail(`${p}.fileSecret.key`, file.key, 'is not a valid Secret key (letters, digits, "-", "_" and ".")');
  }
  if (typeof file.fileEnv !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(file.fileEnv)) {
    fail(
      `${p}.fileSecret.fileEnv`,
      file.fileEnv,
      'must be an environment variable name such as GOOGLE_APPLICATION_CREDENTIALS',
    );
  }
  const why = reservedEnv(file.fileEnv);
  if (why) fail(`${p}.fileSecret.fileEnv`, file.fileEnv, `is reserved: ${why}`);
}

/** Env variables the construct sets for the object store's credentials, with the prop that sets each. */
export function credentialEnv(storage: HaStorageModel | undefined): ReadonlyMap<string, string> {
  const fileEnv = storage?.kind === 'object-store' ? storage.credentials?.fileSecret?.fileEnv : undefined;
  return new Map(fileEnv ? [[fileEnv, 'highAvailability.storage credentials.fileSecret.fileEnv']] : []);
}
