import { join, posix } from 'path';
import { ConfigMap } from '../kube/kube-api';

/** A pointer in Flink's HA ConfigMaps to a file in the HA storage directory. */
export interface HaPointer {
  readonly configMap: string;
  readonly key: string;
  readonly kind: 'job-graph' | 'application' | 'checkpoint';
  readonly jobId?: string;
  /** The file path found inside the serialized state handle, as Flink wrote it. */
  readonly path?: string;
}

export interface BrokenPointer extends HaPointer {
  readonly localPath: string;
  readonly fix: string;
}

const JOB_GRAPH_KEY = /^(jobGraph|executionPlan)-([0-9a-f]{32})$/;
/** Flink 2.3+: an application's pointer to its `submittedApplication<hex>` file. */
const APPLICATION_KEY = /^application-([0-9a-f]{32})$/;
const CHECKPOINT_KEY = /^checkpointID-\d{19}$/;
// The scheme is bounded: an unbounded one makes the search quadratic on a long run of letters.
const PATH_TOKEN = /(?:file:(?:\/\/)?|[a-z][a-z0-9+.-]{0,31}:\/\/)?\/[A-Za-z0-9._~\-/=%+@:]{3,}/g;

/** A state handle is a few hundred bytes; only this much of a value is searched. */
export const MAX_HANDLE_BYTES = 64 * 1024;
/** Longer than any path a file system takes (PATH_MAX). */
export const MAX_PATH_CHARS = 4096;
/** Pointers listed at most: one job graph per job, one pointer per retained checkpoint. */
export const MAX_POINTERS = 1000;

/**
 * Strings in Java serialization: TC_STRING (0x74), a two-byte length, then the bytes.
 * Reading by length matters: the bytes after a string (TC_ENDBLOCKDATA "x", TC_NULL "p")
 * are printable and would otherwise be read as part of the path.
 */
function javaStrings(bytes: Buffer): string[] {
  const out: string[] = [];
  for (let i = 0; i + 3 <= bytes.length; i++) {
    if (bytes[i] !== 0x74) continue;
    const len = bytes.readUInt16BE(i + 1);
    if (len < 2 || i + 3 + len > bytes.length) continue;
    const s = bytes.toString('latin1', i + 3, i + 3 + len);
    if (/^[\x20-\x7e]+$/.test(s)) out.push(s);
  }
  return out;
}

const HA_FILE = /(submittedJobGraph|submittedExecutionPlan|submittedApplication|completedCheckpoint)[0-9a-f]+$/;
const PATH_LIKE = /^(?:file:(?:\/\/)?\/|[a-z][a-z0-9+.-]*:\/\/[^/\s]+\/|\/)\S+$/;

/**
 * The file path inside a state handle. Values are base64 of Java-serialized handles whose
 * `Path` is serialized through its URI string (`file:/opt/flink/ha/...`). Prefer the string
 * naming one of Flink's HA files; fall back to any path-shaped token.
 */
export function extractPath(base64: string): string | undefined {
  const path = findPath(Buffer.from(base64.slice(0, Math.ceil((MAX_HANDLE_BYTES * 4) / 3)), 'base64'));
  return path !== undefined && path.length <= MAX_PATH_CHARS ? path : undefined;
}

function findPath(bytes: Buffer): string | undefined {
  const strings = javaStrings(bytes).filter((s) => PATH_LIKE.test(s));
  const best = strings.find((s) => HA_FILE.test(s)) ?? strings[0];
  if (best) return best;
  const tokens = bytes.toString('latin1').match(PATH_TOKEN) ?? [];
  return tokens.find((t) => HA_FILE.test(t)) ?? tokens.find((t) => /^(file:|[a-z0-9]+:\/\/)/.test(t));
}

/** The ids of the jobs whose graph (1.x) or execution plan (2.x) the lock ConfigMap holds, sorted. */
export function jobIdsOf(lock: ConfigMap | undefined): string[] {
  const ids = Object.keys(lock?.data ?? {}).map((key) => JOB_GRAPH_KEY.exec(key)?.[2]);
  return [...new Set(ids.filter((id): id is string => id !== undefined))].sort();
}

/** Every job-graph / execution-plan and checkpoint pointer in Flink's HA ConfigMaps. */
export function findPointers(configMaps: readonly ConfigMap[]): HaPointer[] {
  const out: HaPointer[] = [];
  for (const cm of [...configMaps].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name))) {
    for (const key of Object.keys(cm.data ?? {}).sort()) {
      if (out.length >= MAX_POINTERS) return out;
      const job = JOB_GRAPH_KEY.exec(key);
      if (job)
        out.push({
          configMap: cm.metadata.name,
          key,
          kind: 'job-graph',
          jobId: job[2],
          path: extractPath(cm.data![key]),
        });
      else if (APPLICATION_KEY.test(key))
        out.push({ configMap: cm.metadata.name, key, kind: 'application', path: extractPath(cm.data![key]) });
      else if (CHECKPOINT_KEY.test(key)) {
        const jobId = /-([0-9a-f]{32})-config-map$/.exec(cm.metadata.name)?.[1];
        out.push({ configMap: cm.metadata.name, key, kind: 'checkpoint', jobId, path: extractPath(cm.data![key]) });
      }
    }
  }
  return out;
}

/** The path without its scheme: `file:/a`, `file:///a` and `/a` are all `/a`. */
export function pathPart(uri: string): string | undefined {
  const m = /^file:(?:\/\/)?(\/.*)$/.exec(uri);
  if (m) return posix.normalize(m[1]);
  if (uri.startsWith('/')) return posix.normalize(uri);
  return undefined;
}

/**
 * Maps a pointer's path to where the HA volume is mounted in this container, if the
 * pointer lies under the configured storage dir (file:// storage only).
 */
export function localPathOf(pointerPath: string, storageDir: string, mountPath: string): string | undefined {
  const path = pathPart(pointerPath);
  const root = pathPart(storageDir);
  if (path === undefined || root === undefined) return undefined;
  const rel = posix.relative(root, path);
  if (rel.startsWith('..') || posix.isAbsolute(rel)) return undefined;
  return join(mountPath, rel);
}

/** What to do about a pointer whose file is missing. */
export function brokenPointerFix(ptr: HaPointer): string {
  const remove = `remove key "${ptr.key}" from ConfigMap ${ptr.configMap}`;
  if (ptr.kind === 'application')
    return (
      `restore ${ptr.path} (a submitted application) from a backup; if it is lost, scale the JobManagers to 0, ` +
      `${remove}, then scale up and submit the application again`
    );
  const what = ptr.kind === 'job-graph' ? 'job graph' : 'checkpoint metadata';
  const restore =
    `restore ${ptr.path} (the ${what} of job ${ptr.jobId ?? '?'}) from a backup; ` +
    'if it is lost, scale the JobManagers to 0, ';
  return ptr.kind === 'job-graph'
    ? `${restore}${remove} and delete the job's ConfigMap, then scale up and resubmit the job ` +
        '(from a savepoint if you have one)'
    : `${restore}${remove} (Flink then recovers from an older checkpoint), then scale up`;
}

/** Pointers whose files are missing, with the exact ConfigMap key and what to do. */
export async function findBrokenPointers(
  pointers: readonly HaPointer[],
  storageDir: string,
  mountPath: string,
  exists: (path: string) => Promise<boolean>,
): Promise<BrokenPointer[]> {
  const broken: BrokenPointer[] = [];
  for (const ptr of pointers) {
    if (!ptr.path) continue;
    const local = localPathOf(ptr.path, storageDir, mountPath);
    if (!local || (await exists(local))) continue;
    broken.push({ ...ptr, localPath: local, fix: brokenPointerFix(ptr) });
  }
  return broken;
}
