import { Size } from 'cdk8s';
import * as k8s from '../../imports/k8s';
import { requireDnsSubdomain, requireObject } from '../validation/k8s-syntax';
import { parseStorageUri, StorageUri } from '../flink/storage-uri';
import { requireString, sizeMebibytes } from '../validation/values';
import { fail } from '../validation/errors';

/** PersistentVolumeClaim access modes (the wire strings). */
export enum AccessMode {
  READ_WRITE_ONCE = 'ReadWriteOnce',
  READ_WRITE_MANY = 'ReadWriteMany',
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/** Where HA volumes are mounted in Flink containers; `file://` storage dirs point here. */
export const HA_MOUNT_PATH = '/opt/flink/ha';

export interface NewClaimProps {
  /** @default Size.gibibytes(1) */
  readonly size?: Size;
  /** @default the cluster's default StorageClass */
  readonly storageClassName?: string;
  /**
   * Every JobManager candidate (and TaskManagers, when checkpoints are on this volume)
   * mounts the claim, so it must be shareable across nodes.
   * @default AccessMode.READ_WRITE_MANY
   */
  readonly accessMode?: AccessMode;
}

export interface ExistingClaimProps {
  /**
   * The claim's access mode, as provisioned; used to check that every candidate can mount it.
   * @default AccessMode.READ_WRITE_MANY
   */
  readonly accessMode?: AccessMode;
}

/** Credentials for an object store, always by reference to a Secret. */
export interface ObjectStoreCredentials {
  /**
   * Secret whose keys become environment variables of the Flink containers (for S3:
   * `AWS_ACCESS_KEY_ID`, `AWS_SECRET_ACCESS_KEY`; for Azure: the account key variable your
   * configuration references). The Secret is not created here.
   */
  readonly envFromSecret?: string;
  /**
   * Secret holding a credentials file, mounted read-only at `/opt/flink/secrets/<name>`;
   * `fileEnv` names the variable that points at it (GCS: `GOOGLE_APPLICATION_CREDENTIALS`).
   */
  readonly fileSecret?: { readonly name: string; readonly key: string; readonly fileEnv: string };
}

export interface ObjectStoreProps {
  /** @default none (workload identity / node role) */
  readonly credentials?: ObjectStoreCredentials;
}

/** What a storage choice contributes to the cluster, resolved once. */
export interface HaStorageSpec {
  readonly kind: 'new-claim' | 'existing-claim' | 'object-store';
  /** `high-availability.storageDir`. */
  readonly storageDir: StorageUri;
  readonly claimName?: string;
  readonly accessMode?: AccessMode;
  readonly size?: Size;
  readonly storageClassName?: string;
  readonly credentials?: ObjectStoreCredentials;
}

/**
 * Where Flink keeps HA metadata (job graphs, completed-checkpoint pointers, blobs):
 * a new PersistentVolumeClaim, an existing one, or an object store.
 */
export abstract class HaStorage {
  /** A PersistentVolumeClaim created with the cluster, named `<clusterId>-ha`. */
  public static newClaim(props: NewClaimProps = {}): HaStorage {
    return new ClaimStorage(
      'new-claim',
      undefined,
      requireObject('highAvailability.storage', props, 'HaStorage.newClaim({ size: Size.gibibytes(1) })'),
    );
  }

  /** A claim that already exists in the namespace. */
  public static existingClaim(claimName: string, props: ExistingClaimProps = {}): HaStorage {
    return new ClaimStorage(
      'existing-claim',
      requireDnsSubdomain('highAvailability.storage.claimName', claimName, 'PersistentVolumeClaim name'),
      requireObject(
        'highAvailability.storage',
        props,
        'HaStorage.existingClaim("flink-ha", { accessMode: AccessMode.READ_WRITE_MANY })',
      ),
    );
  }

  /**
   * An object-store URI (`s3://bucket/flink-ha`, `gs://...`, `abfss://...`). The matching
   * Flink filesystem plugin is enabled in the image automatically.
   */
  public static objectStore(uri: string, props: ObjectStoreProps = {}): HaStorage {
    return new ObjectStoreStorage(
      uri,
      requireObject(
        'highAvailability.storage',
        props,
        'HaStorage.objectStore("s3://bucket/ha", { credentials: { envFromSecret: "flink-s3" } })',
      ),
    );
  }

  /** @internal */
  public abstract _resolve(clusterId: string): HaStorageSpec;

  /** The factory call, for error messages. */
  public abstract toString(): string;
}

class ClaimStorage extends HaStorage {
  constructor(
    private readonly kind: 'new-claim' | 'existing-claim',
    private readonly claimName: string | undefined,
    private readonly props: NewClaimProps,
  ) {
    super();
  }

  public _resolve(clusterId: string): HaStorageSpec {
    const p = 'highAvailability.storage';
    const accessMode = this.props.accessMode ?? AccessMode.READ_WRITE_MANY;
    if (!Object.values(AccessMode).includes(accessMode)) {
      fail(
        `${p}.accessMode`,
        accessMode,
        `must be one of ${Object.keys(AccessMode)
          .map((k) => 'AccessMode.' + k)
          .join(', ')}`,
      );
    }
    const size = this.props.size ?? Size.gibibytes(1);
    sizeMebibytes(`${p}.size`, size);
    if (this.props.storageClassName !== undefined)
      requireDnsSubdomain(`${p}.storageClassName`, this.props.storageClassName, 'StorageClass name');
    return {
      kind: this.kind,
      storageDir: parseStorageUri(p, `file://${HA_MOUNT_PATH}`),
      claimName: this.claimName ?? `${clusterId}-ha`,
      accessMode,
      size: this.kind === 'new-claim' ? size : undefined,
      storageClassName: this.props.storageClassName,
    };
  }

  public toString(): string {
    return this.kind === 'new-claim'
      ? 'HaStorage.newClaim(...)'
      : `HaStorage.existingClaim(${JSON.stringify(this.claimName)})`;
  }
}

class ObjectStoreStorage extends HaStorage {
  constructor(
    private readonly uri: string,
    private readonly props: ObjectStoreProps,
  ) {
    super();
  }

  public _resolve(): HaStorageSpec {
    const p = 'highAvailability.storage';
    const storageDir = parseStorageUri(p, this.uri);
    if (storageDir.scheme === 'file') {
      fail(
        p,
        this.uri,
        'is a file:// path; use HaStorage.newClaim() or HaStorage.existingClaim() so every candidate mounts the same volume',
      );
    }
    const c = this.props.credentials;
    if (c !== undefined) requireObject(`${p}.credentials`, c, '{ envFromSecret: "flink-s3" }');
    if (c?.envFromSecret !== undefined)
      requireDnsSubdomain(`${p}.credentials.envFromSecret`, c.envFromSecret, 'Secret name');
    if (c?.fileSecret !== undefined) {
      requireObject(
        `${p}.credentials.fileSecret`,
        c.fileSecret,
        '{ name: "gcs-key", key: "key.json", fileEnv: "GOOGLE_APPLICATION_CREDENTIALS" }',
      );
      requireDnsSubdomain(`${p}.credentials.fileSecret.name`, c.fileSecret.name, 'Secret name');
      if (!/^[-._a-zA-Z0-9]+$/.test(requireString(`${p}.credentials.fileSecret.key`, c.fileSecret.key))) {
        fail(
          `${p}.credentials.fileSecret.key`,
          c.fileSecret.key,
          'is not a valid Secret key (letters, digits, "-", "_" and ".")',
        );
      }
      if (typeof c.fileSecret.fileEnv !== 'string' || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(c.fileSecret.fileEnv)) {
        fail(
          `${p}.credentials.fileSecret.fileEnv`,
          c.fileSecret.fileEnv,
          'must be an environment variable name such as GOOGLE_APPLICATION_CREDENTIALS',
        );
      }
    }
    return { kind: 'object-store', storageDir, credentials: c };
  }

  public toString(): string {
    return `HaStorage.objectStore(${JSON.stringify(this.uri)})`;
  }
}

/** Volume and mount for the HA claim, shared by JobManagers and (when needed) TaskManagers. */
export function haVolume(spec: HaStorageSpec): { volume: k8s.Volume; mount: k8s.VolumeMount } | undefined {
  if (!spec.claimName) return undefined;
  return {
    volume: { name: 'ha-storage', persistentVolumeClaim: { claimName: spec.claimName } },
    mount: { name: 'ha-storage', mountPath: HA_MOUNT_PATH },
  };
}
