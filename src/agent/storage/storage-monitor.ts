import { BrokenPointer, findBrokenPointers, findPointers, HaPointer, jobIdsOf } from './pointer-check';
import { checkStorage, StorageFinding, StorageFs, StorageReport } from './storage-check';
import { clusterConfigMapName } from '../contract';
import { jobConfigMapName } from '../election/ha-config-maps';
import { ConfigMap, isNotFound, KubeApi } from '../kube/kube-api';
import { ApiLink } from '../runtime/api-link';
import { Clock } from '../runtime/clock';

/** Jobs whose HA ConfigMaps are read at most (a session cluster runs a few). */
export const MAX_JOBS = 100;

/** How long the filesystem part of a storage check may take before the volume counts as hung. */
export const STORAGE_TIMEOUT_MS = 10_000;

/** What the monitor found, as /status shows it. */
export interface StorageView {
  readonly storage?: StorageReport;
  readonly pointers: readonly HaPointer[];
  readonly broken: readonly BrokenPointer[];
}

export interface StorageMonitorParams {
  readonly api: KubeApi;
  /** Flink's lock ConfigMap as last seen, if seen. */
  readonly lock: () => ConfigMap | undefined;
  readonly clock: Clock;
  readonly link: ApiLink;
  readonly namespace: string;
  readonly clusterId: string;
  readonly podName: string;
  /** `high-availability.storageDir` as Flink has it. */
  readonly storageDir: string;
  /** Where the HA volume is mounted here; unset for object stores (no filesystem checks). */
  readonly storagePath?: string;
  readonly flinkUid: number;
  readonly flinkGid: number;
  readonly minFreeBytes: number;
  readonly fs?: StorageFs;
  readonly exists?: (path: string) => Promise<boolean>;
  /** @default STORAGE_TIMEOUT_MS (real time: a hung volume does not follow an injected clock) */
  readonly storageTimeoutMs?: number;
  /** Each storage report, healthy or not. */
  readonly onReport?: (report: StorageReport) => Promise<void>;
  /** The pointers whose files are missing, after each check (empty when none). */
  readonly onBrokenPointers?: (broken: readonly BrokenPointer[]) => Promise<void>;
}

const hungFinding = (storagePath: string, seconds: number): StorageFinding => ({
  code: 'hung',
  message:
    `${storagePath} did not answer a storage check within ${seconds} s: ` +
    'the volume hangs (an NFS server not answering?), and Flink blocks on it too',
  fix:
    "check the storage server and the node's mount (kubectl describe pod, the node's kernel log); " +
    'the check resumes when the volume answers',
});

/**
 * Checks the HA storage: the volume (mounted, writable, durable, not full, not hung) and
 * Flink's pointers into it (every job graph and checkpoint pointer names a file that exists).
 */
export class StorageMonitor {
  private storage?: StorageReport;
  private pointers: HaPointer[] = [];
  private broken: BrokenPointer[] = [];
  /** The filesystem part of a storage check that has not finished (a hung volume). */
  private fsCheck?: Promise<unknown>;

  constructor(private readonly params: StorageMonitorParams) {}

  public get view(): StorageView {
    return { storage: this.storage, pointers: this.pointers, broken: this.broken };
  }

  /** Reads Flink's pointers, then checks the volume and the pointers' files on it. */
  public async check(): Promise<void> {
    await this.params.link.call('get-ha-configmaps', async () => {
      this.pointers = await this.readPointers(this.params.lock());
    });
    const storagePath = this.params.storagePath;
    if (!storagePath || !this.params.fs) return;
    // A hung volume (an NFS server that stopped answering) never returns from stat(): the
    // check must not wait for it, and must not pile up more stuck calls behind it.
    if (this.fsCheck) return this.onHung(storagePath);
    const work = this.checkFilesystem(storagePath, this.params.fs);
    this.fsCheck = work.finally(() => {
      this.fsCheck = undefined;
    });
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    const outcome = await Promise.race([work, timedOut]).finally(() => clearTimeout(timer));
    if (outcome === 'timeout') await this.onHung(storagePath);
  }

  private get timeoutMs(): number {
    return this.params.storageTimeoutMs ?? STORAGE_TIMEOUT_MS;
  }

  /**
   * The pointers in this cluster's HA ConfigMaps, each read by its name (never a list of
   * whatever carries Flink's labels): the lock (`lock`, or a fresh read) and the ConfigMap of
   * each job whose graph the lock holds.
   */
  private async readPointers(lock: ConfigMap | undefined): Promise<HaPointer[]> {
    const { api, link, namespace, clusterId } = this.params;
    const read = async (name: string) => {
      try {
        return await api.getConfigMap(namespace, name);
      } catch (e) {
        if (isNotFound(e)) return undefined;
        throw e;
      }
    };
    const current = lock ?? (await read(clusterConfigMapName(clusterId)));
    const configMaps = current ? [current] : [];
    for (const jobId of jobIdsOf(current).slice(0, MAX_JOBS)) {
      const jobConfigMap = await read(jobConfigMapName(clusterId, jobId));
      if (jobConfigMap) configMaps.push(jobConfigMap);
    }
    link.contact();
    return findPointers(configMaps);
  }

  private async checkFilesystem(storagePath: string, fs: StorageFs): Promise<void> {
    const { clock } = this.params;
    const report = await checkStorage(fs, {
      path: storagePath,
      uid: this.params.flinkUid,
      gid: this.params.flinkGid,
      minFreeBytes: this.params.minFreeBytes,
      probeName: this.params.podName,
      now: () => clock.now(),
    });
    await this.onReport(report);
    this.broken = await this.findBroken(storagePath);
    await this.params.onBrokenPointers?.(this.broken);
  }

  /**
   * Pointers whose files are missing. Flink removes a subsumed checkpoint's file before its
   * key: a pointer is only broken if it is still there, unchanged, after the file was found missing.
   */
  private async findBroken(storagePath: string): Promise<BrokenPointer[]> {
    const exists = this.params.exists ?? (async () => true);
    let broken = await findBrokenPointers(this.pointers, this.params.storageDir, storagePath, exists);
    if (broken.length) {
      await this.params.link.call('get-ha-configmaps', async () => {
        const now = await this.readPointers(undefined);
        broken = broken.filter((b) =>
          now.some((seen) => seen.configMap === b.configMap && seen.key === b.key && seen.path === b.path),
        );
      });
    }
    return broken;
  }

  private async onReport(report: StorageReport): Promise<void> {
    this.storage = report;
    await this.params.onReport?.(report);
  }

  private onHung(storagePath: string): Promise<void> {
    return this.onReport({ healthy: false, findings: [hungFinding(storagePath, this.timeoutMs / 1000)] });
  }
}
