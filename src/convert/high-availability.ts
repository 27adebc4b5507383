import { FindingList } from './conversion-report';
import { PodTemplateProps } from './pod-template';
import { ConfigIntent, Sourced } from './config-intent';
import { OBJECT_STORE_SCHEMES } from '../flink/storage-uri';
import { HighAvailabilityProps } from '../props/cluster-props';
import { HA_MOUNT_PATH, HaStorage } from '../props/ha-storage';

/** Where a `file://` directory of the manifest lives in the converted pods. */
export interface Rebase {
  readonly from: string;
  readonly to: string;
}

/** HA props, with where `file://` paths move and which pod-template volume became the HA claim. */
export interface HighAvailabilityConversion {
  readonly props: HighAvailabilityProps;
  readonly rebase?: Rebase;
  readonly claimVolume?: string;
}

type Timings = Pick<HighAvailabilityProps, 'leaseDuration' | 'renewDeadline' | 'retryPeriod'>;

const fromOption = (dirPath: string | undefined, enabled: boolean) =>
  `HA storage comes from the haStorage option${dirPath ? `; ${dirPath} is not used` : ''}${enabled ? '' : '; HA is enabled by it'}`;
const dirWithoutHa = () => 'has no effect without high-availability.type: kubernetes; not mapped';
const haOff = () =>
  'HA is not enabled: converted without HA (one JobManager, no HA agent); set high-availability.type: kubernetes or pass the haStorage option to get leader election and job recovery';
const noStorageDir = () =>
  `HA is enabled without high-availability.storageDir, so Flink would refuse to start; converted with HaStorage.newClaim() (a ReadWriteMany claim mounted at ${HA_MOUNT_PATH})`;
const onExistingClaim = (claim: string, mountPath: string, path: string, rest: string) =>
  `mapped to HaStorage.existingClaim("${claim}"): the construct mounts the claim at ${HA_MOUNT_PATH} instead of ${mountPath}, so the storage dir becomes file://${HA_MOUNT_PATH}${rest ? ` (was ${path}; HA data then sits at the claim's root, not under ${rest.slice(1)})` : ''}`;
const onNewClaim = (path: string) =>
  `mapped to HaStorage.newClaim(): the construct creates a ReadWriteMany claim (1Gi, default StorageClass) shared by all JobManager candidates and mounts it at ${HA_MOUNT_PATH}, so the storage dir becomes file://${HA_MOUNT_PATH}${path === HA_MOUNT_PATH ? '' : ` (was ${path})`}`;
const onObjectStore = (uri: string, scheme: string) =>
  `mapped to HaStorage.objectStore("${uri}"); the ${scheme} filesystem plugin is enabled in the image. Credentials: pods use workload identity unless you pass HaStorage.objectStore(uri, { credentials }) as the haStorage option`;
const unusableStorage = (value: string) =>
  `${JSON.stringify(value)} is not storage the construct can use for HA (file:// on a claim, or ${OBJECT_STORE_SCHEMES.map((s) => s + '://').join(', ')}); converted with HaStorage.newClaim() - pass the haStorage option to choose`;

/** HA from `high-availability.*`, or from the haStorage option. */
export function readHighAvailability(
  config: ConfigIntent,
  override: HaStorage | undefined,
  jmPods: PodTemplateProps,
  findings: FindingList,
): HighAvailabilityConversion {
  const timings: Timings = {
    ...(config.leaseDuration ? { leaseDuration: config.leaseDuration } : {}),
    ...(config.renewDeadline ? { renewDeadline: config.renewDeadline } : {}),
    ...(config.retryPeriod ? { retryPeriod: config.retryPeriod } : {}),
  };
  const enabled = config.haEnabled?.value ?? false;
  if (override) {
    findings.info('spec.flinkConfiguration', fromOption(config.haStorageDir?.path, enabled));
    return { props: { storage: override, ...timings } };
  }
  if (!enabled) {
    if (config.haStorageDir) findings.warning(config.haStorageDir.path, dirWithoutHa());
    findings.info(config.haEnabled?.path ?? 'spec.flinkConfiguration', haOff());
    return { props: { enabled: false } };
  }
  if (!config.haStorageDir) {
    findings.error(config.haEnabled!.path, noStorageDir());
    return { props: { storage: HaStorage.newClaim(), ...timings } };
  }
  return haStorageFromDir(config.haStorageDir, jmPods, timings, findings);
}

/** HA storage for `high-availability.storageDir`: a claim for `file://`, an object store, or a new claim. */
function haStorageFromDir(
  dir: Sourced<string>,
  jmPods: PodTemplateProps,
  timings: Timings,
  findings: FindingList,
): HighAvailabilityConversion {
  const uri = dir.value.startsWith('/') ? `file://${dir.value}` : dir.value;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(uri)?.[1];
  if (scheme === 'file') {
    const path = uri.slice('file://'.length).replace(/\/+$/, '') || '/';
    const claim = jmPods.claimMounts.find(
      (m) => path === m.mountPath.replace(/\/+$/, '') || path.startsWith(m.mountPath.replace(/\/+$/, '') + '/'),
    );
    if (claim) {
      const rest = path.slice(claim.mountPath.replace(/\/+$/, '').length);
      findings.info(dir.path, onExistingClaim(claim.claimName, claim.mountPath, path, rest));
      return {
        props: { storage: HaStorage.existingClaim(claim.claimName), ...timings },
        rebase: { from: claim.mountPath.replace(/\/+$/, ''), to: HA_MOUNT_PATH },
        claimVolume: claim.volumeName,
      };
    }
    findings.info(dir.path, onNewClaim(path));
    return { props: { storage: HaStorage.newClaim(), ...timings }, rebase: { from: path, to: HA_MOUNT_PATH } };
  }
  if (scheme && OBJECT_STORE_SCHEMES.includes(scheme)) {
    findings.info(dir.path, onObjectStore(uri, scheme));
    return { props: { storage: HaStorage.objectStore(uri), ...timings } };
  }
  findings.error(dir.path, unusableStorage(dir.value));
  return { props: { storage: HaStorage.newClaim(), ...timings } };
}
