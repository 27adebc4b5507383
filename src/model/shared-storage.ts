import { CheckpointingModel, HaClaimModel, HaStorageModel } from './cluster-model';
import { parseStorageUri } from './storage-uri';
import { StorageUri } from '../flink/storage-uri';
import { AccessMode, HA_MOUNT_PATH } from '../props/ha-storage';
import { fail } from '../validation/errors';

/** Every storage URI Flink uses, and the HA claim with the pods that mount it. */
export interface SharedStorage {
  readonly storageUris: StorageUri[];
  readonly haClaim?: HaClaimModel;
}

const outsideSharedStorage = () =>
  `is a file:// path outside shared storage; use a path under file://${HA_MOUNT_PATH} with HA storage on a claim, ` +
  'or an object store (s3://, gs://, abfss://)';
const dotSegments = () =>
  'must not contain "." or ".." path segments; write the directory as a plain path under the mount';
const notShareable = (jm: number, tm: number) =>
  `cannot be shared by ${jm + tm} pods (${jm} JobManager candidate${jm === 1 ? '' : 's'}` +
  `${tm ? ` and ${tm} TaskManagers, which write checkpoints to it` : ''}) that may run on different nodes; ` +
  'use AccessMode.READ_WRITE_MANY (e.g. an NFS or CephFS StorageClass) or HaStorage.objectStore()';

/**
 * Rules: a `file://` checkpoint or savepoint directory must lie on the HA claim (the only
 * volume every pod shares), and then TaskManagers mount it too; a claim mounted by more
 * than one pod must be ReadWriteMany.
 */
export function resolveSharedStorage(
  storage: HaStorageModel | undefined,
  checkpointing: CheckpointingModel | undefined,
  replicas: { readonly jobManagers: number; readonly taskManagers: number },
): SharedStorage {
  const claim = storage && storage.kind !== 'object-store' ? storage : undefined;
  const storageUris: StorageUri[] = storage ? [storage.storageDir] : [];
  let taskManagersMount = false;
  if (checkpointing) {
    for (const [prop, uri] of [
      ['checkpointing.directory', checkpointing.directory],
      ['checkpointing.savepointDirectory', checkpointing.savepointDirectory],
    ]) {
      const parsed = parseStorageUri(prop, uri);
      storageUris.push(parsed);
      if (parsed.scheme !== 'file') continue;
      // "/opt/flink/ha/../../tmp" starts with the mount path but is not under it.
      if (parsed.path!.split('/').some((seg) => seg === '..' || seg === '.')) fail(prop, uri, dotSegments());
      const onClaim = parsed.path === HA_MOUNT_PATH || parsed.path!.startsWith(HA_MOUNT_PATH + '/');
      if (!claim || !onClaim) fail(prop, uri, outsideSharedStorage());
      taskManagersMount = replicas.taskManagers > 0;
    }
  }
  if (!claim) return { storageUris };
  const tmSharers = taskManagersMount ? replicas.taskManagers : 0;
  const singleMount = claim.accessMode !== AccessMode.READ_WRITE_MANY;
  if (singleMount && replicas.jobManagers + tmSharers > 1)
    fail('highAvailability.storage.accessMode', claim.accessMode, notShareable(replicas.jobManagers, tmSharers));
  return {
    storageUris,
    haClaim: {
      claimName: claim.claimName,
      accessMode: claim.accessMode,
      mountPath: HA_MOUNT_PATH,
      taskManagersMount,
      singleMount,
    },
  };
}
