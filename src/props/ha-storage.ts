import { Size } from 'cdk8s';
import { requireDnsSubdomain, requireObject } from '../validation/k8s-syntax';

/** PersistentVolumeClaim access modes (the wire strings). */
export enum AccessMode {
  /** Read-write by the pods of one node at a time. */
  READ_WRITE_ONCE = 'ReadWriteOnce',
  /** Read-write by pods on many nodes (NFS, CephFS, cloud file stores): what standby JobManagers need. */
  READ_WRITE_MANY = 'ReadWriteMany',
  /** Read-write by a single pod. */
  READ_WRITE_ONCE_POD = 'ReadWriteOncePod',
}

/** Where HA volumes are mounted in Flink containers; `file://` storage dirs point here. */
export const HA_MOUNT_PATH = '/opt/flink/ha';

/** A PersistentVolumeClaim the cluster creates for HA storage. */
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

/** A PersistentVolumeClaim that already exists, used for HA storage. */
export interface ExistingClaimProps {
  /**
   * The claim's access mode, as provisioned; used to check that every candidate can mount it.
   * @default AccessMode.READ_WRITE_MANY
   */
  readonly accessMode?: AccessMode;
}

/** A Secret key holding a credentials file, and the variable that points the store's client at it. */
export interface ObjectStoreFileSecret {
  /** The Secret's name; mounted read-only at `/opt/flink/secrets/<name>`. */
  readonly name: string;
  /** The key of the Secret that holds the file. */
  readonly key: string;
  /** The environment variable set to the file's path (GCS: `GOOGLE_APPLICATION_CREDENTIALS`). */
  readonly fileEnv: string;
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
  readonly fileSecret?: ObjectStoreFileSecret;
}

/** HA storage in an object store. */
export interface ObjectStoreProps {
  /** @default none (workload identity / node role) */
  readonly credentials?: ObjectStoreCredentials;
}

/** The user's storage choice, as given; the model resolves and checks it. @internal */
export type HaStorageChoice =
  | { readonly kind: 'new-claim'; readonly props: NewClaimProps }
  | { readonly kind: 'existing-claim'; readonly claimName: string; readonly props: ExistingClaimProps }
  | { readonly kind: 'object-store'; readonly uri: string; readonly props: ObjectStoreProps };

/**
 * Where Flink keeps HA metadata (job graphs, completed-checkpoint pointers, blobs):
 * a new PersistentVolumeClaim, an existing one, or an object store.
 */
export class HaStorage {
  /** Where HA volumes are mounted in Flink containers; `file://` storage dirs point here. */
  public static readonly MOUNT_PATH = HA_MOUNT_PATH;

  /** A PersistentVolumeClaim created with the cluster, named `<clusterId>-ha`. */
  public static newClaim(props: NewClaimProps = {}): HaStorage {
    requireObject('highAvailability.storage', props, 'HaStorage.newClaim({ size: Size.gibibytes(1) })');
    return new HaStorage({ kind: 'new-claim', props });
  }

  /** A claim that already exists in the namespace. */
  public static existingClaim(claimName: string, props: ExistingClaimProps = {}): HaStorage {
    requireDnsSubdomain('highAvailability.storage.claimName', claimName, 'PersistentVolumeClaim name');
    const example = 'HaStorage.existingClaim("flink-ha", { accessMode: AccessMode.READ_WRITE_MANY })';
    requireObject('highAvailability.storage', props, example);
    return new HaStorage({ kind: 'existing-claim', claimName, props });
  }

  /**
   * An object-store URI (`s3://bucket/flink-ha`, `gs://...`, `abfss://...`). The matching
   * Flink filesystem plugin is enabled in the image automatically.
   */
  public static objectStore(uri: string, props: ObjectStoreProps = {}): HaStorage {
    const example = 'HaStorage.objectStore("s3://bucket/ha", { credentials: { envFromSecret: "flink-s3" } })';
    requireObject('highAvailability.storage', props, example);
    return new HaStorage({ kind: 'object-store', uri, props });
  }

  /** The choice as given; the model resolves it. @internal */
  public readonly _choice: HaStorageChoice;

  private constructor(choice: HaStorageChoice) {
    this._choice = choice;
  }

  /** The factory call, for error messages. */
  public toString(): string {
    const c = this._choice;
    if (c.kind === 'new-claim') return 'HaStorage.newClaim(...)';
    if (c.kind === 'existing-claim') return `HaStorage.existingClaim(${JSON.stringify(c.claimName)})`;
    return `HaStorage.objectStore(${JSON.stringify(c.uri)})`;
  }
}
