import { constants } from 'fs';
import { open, readFile, stat, statfs, unlink } from 'fs/promises';
import { dirname, join } from 'path';

/** The filesystem calls the storage check makes; faked in tests. */
export interface StorageFs {
  stat(path: string): Promise<{ isDirectory(): boolean; dev: number; uid: number; gid: number; mode: number }>;
  statfs(path: string): Promise<{ bavail: number; bsize: number; blocks: number }>;
  /** Writes, fsyncs and closes. */
  writeDurably(path: string, data: Buffer): Promise<void>;
  readFile(path: string): Promise<Buffer>;
  unlink(path: string): Promise<void>;
}

export const nodeFs: StorageFs = {
  stat: (p) => stat(p),
  statfs: (p) => statfs(p),
  async writeDurably(p, data) {
    const h = await open(p, constants.O_CREAT | constants.O_WRONLY | constants.O_TRUNC, 0o640);
    try {
      await h.writeFile(data);
      await h.sync();
    } finally {
      await h.close();
    }
  },
  readFile: (p) => readFile(p),
  unlink: (p) => unlink(p),
};

export interface StorageFinding {
  readonly code:
    | 'missing'
    | 'not-directory'
    | 'not-a-mount'
    | 'not-writable'
    | 'read-back-mismatch'
    | 'low-space'
    | 'permissions'
    | 'hung';
  readonly message: string;
  readonly fix: string;
}

export interface StorageReport {
  readonly healthy: boolean;
  readonly findings: readonly StorageFinding[];
  /** Probe write + fsync + read + delete, when it ran. */
  readonly probeLatencyMs?: number;
  readonly freeBytes?: number;
  readonly totalBytes?: number;
}

export interface StorageCheckParams {
  readonly path: string;
  /** uid/gid Flink runs as (9999 in the official image). */
  readonly uid: number;
  readonly gid: number;
  /** Below this much free space the storage counts as unhealthy. */
  readonly minFreeBytes: number;
  /** Name of the probe file (unique per pod, so candidates don't race). */
  readonly probeName: string;
  readonly now: () => number;
}

type Stat = Awaited<ReturnType<StorageFs['stat']>>;

const errorCode = (e: unknown) => (e as NodeJS.ErrnoException).code ?? (e as Error).message;

/** Each finding the check can make, with what to do about it. */
export const Findings = {
  missing: (path: string, e: unknown): StorageFinding => ({
    code: 'missing',
    message: `${path} does not exist (${errorCode(e)})`,
    fix: 'check that the HA claim is bound and mounted: kubectl describe pod, kubectl get pvc',
  }),
  notDirectory: (path: string): StorageFinding => ({
    code: 'not-directory',
    message: `${path} is not a directory`,
    fix: 'mount the HA claim at this path',
  }),
  notAMount: (path: string): StorageFinding => ({
    code: 'not-a-mount',
    message:
      `${path} is on the same device as its parent: ` +
      'no volume is mounted there, so HA files would not survive the pod',
    fix: 'mount the HA claim at this path',
  }),
  permissions: (path: string, st: Stat, uid: number, gid: number): StorageFinding => ({
    code: 'permissions',
    message:
      `${path} is owned by ${st.uid}:${st.gid} with mode ${(st.mode & 0o777).toString(8)}: ` +
      `uid ${uid} / gid ${gid} cannot write it`,
    fix:
      `make the volume writable for gid ${gid} (fsGroup is set; some NFS provisioners ignore it: ` +
      'export the share with that group, or chown/chmod it once)',
  }),
  lowSpace: (path: string, freeBytes: number): StorageFinding => ({
    code: 'low-space',
    message: `only ${Math.round(freeBytes / 1048576)} MiB free on ${path}`,
    fix: 'grow the claim, or remove old checkpoints and savepoints',
  }),
  uninspectable: (path: string, e: unknown): StorageFinding => ({
    code: 'not-writable',
    message: `cannot inspect ${path}: ${(e as Error).message}`,
    fix: 'check the volume',
  }),
  readBackMismatch: (file: string): StorageFinding => ({
    code: 'read-back-mismatch',
    message: `read back different bytes from ${file}`,
    fix: 'the volume does not return what was written: check the storage backend',
  }),
  probeFailed: (file: string, e: unknown): StorageFinding => {
    const code = (e as NodeJS.ErrnoException).code;
    return {
      code: 'not-writable',
      message: `cannot write ${file}: ${errorCode(e)}${code === 'EROFS' ? ' (read-only filesystem)' : ''}`,
      fix:
        code === 'EROFS'
          ? 'the claim is mounted read-only; mount it read-write'
          : code === 'ENOSPC'
            ? 'the volume is full; grow the claim'
            : 'make the volume writable for the Flink user',
    };
  },
};

/**
 * Is the HA volume there, a real mount, writable by Flink, durable and not full? The
 * probe writes, fsyncs, reads back and deletes a small file under `.ha-agent/`, never
 * touching Flink's files.
 */
export async function checkStorage(fs: StorageFs, params: StorageCheckParams): Promise<StorageReport> {
  const { path } = params;
  let st: Stat;
  try {
    st = await fs.stat(path);
  } catch (e) {
    return { healthy: false, findings: [Findings.missing(path, e)] };
  }
  if (!st.isDirectory()) return { healthy: false, findings: [Findings.notDirectory(path)] };
  const findings: StorageFinding[] = [];
  try {
    const parent = await fs.stat(dirname(path));
    if (parent.dev === st.dev) findings.push(Findings.notAMount(path));
  } catch {
    /* the parent is not ours to judge */
  }
  const writable =
    (st.uid === params.uid && (st.mode & 0o200) !== 0) ||
    (st.gid === params.gid && (st.mode & 0o020) !== 0) ||
    (st.mode & 0o002) !== 0;
  if (!writable) findings.push(Findings.permissions(path, st, params.uid, params.gid));
  try {
    const space = await fs.statfs(path);
    const freeBytes = space.bavail * space.bsize;
    const totalBytes = space.blocks * space.bsize;
    if (freeBytes < params.minFreeBytes) findings.push(Findings.lowSpace(path, freeBytes));
    const probe = await probeWrite(fs, params);
    if (probe.finding) findings.push(probe.finding);
    return { healthy: findings.length === 0, findings, probeLatencyMs: probe.latencyMs, freeBytes, totalBytes };
  } catch (e) {
    findings.push(Findings.uninspectable(path, e));
    return { healthy: false, findings };
  }
}

async function probeWrite(
  fs: StorageFs,
  params: StorageCheckParams,
): Promise<{ latencyMs?: number; finding?: StorageFinding }> {
  const file = join(params.path, `.ha-agent-${params.probeName}`);
  const payload = Buffer.from(`cdk8s-flink ha-agent probe ${params.now()}\n`);
  const start = params.now();
  try {
    await fs.writeDurably(file, payload);
    const back = await fs.readFile(file);
    await fs.unlink(file);
    const latencyMs = params.now() - start;
    return back.equals(payload) ? { latencyMs } : { latencyMs, finding: Findings.readBackMismatch(file) };
  } catch (e) {
    return { finding: Findings.probeFailed(file, e) };
  }
}
