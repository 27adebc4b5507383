import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { checkStorage, nodeFs, StorageFs } from '../../../src/agent/storage/storage-check';

const uid = process.getuid?.() ?? 0;
const gid = process.getgid?.() ?? 0;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'ha-storage-'));
});
afterEach(() => {
  chmodSync(dir, 0o755);
  rmSync(dir, { recursive: true, force: true });
});

const params = (path: string, extra: object = {}) => ({
  path,
  uid,
  gid,
  minFreeBytes: 0,
  probeName: 'jm-0',
  now: () => Date.now(),
  ...extra,
});

/** A real directory, but with stat/statfs answers of our choosing. */
function fsWith(over: Partial<StorageFs>): StorageFs {
  return { ...nodeFs, ...over };
}
const mountedStat = (path: string) => async (p: string) => {
  const s = statSync(p);
  // Pretend `path` is a mount: a device of its own.
  return p === path ? Object.assign(s, { dev: s.dev + 1 }) : s;
};

describe('checkStorage', () => {
  test('a writable mounted directory is healthy and the probe leaves no file behind', async () => {
    const r = await checkStorage(fsWith({ stat: mountedStat(dir) }), params(dir));
    expect(r.findings).toEqual([]);
    expect(r.healthy).toBe(true);
    expect(r.probeLatencyMs).toBeGreaterThanOrEqual(0);
    expect(r.freeBytes).toBeGreaterThan(0);
    expect(readdirSync(dir)).toEqual([]);
  });

  test.each<[string, (d: string) => { fs: StorageFs; path: string; extra?: object }, string, RegExp]>([
    ['missing mount', (d) => ({ fs: nodeFs, path: join(d, 'nope') }), 'missing', /does not exist \(ENOENT\)/],
    [
      'a file, not a directory',
      (d) => {
        writeFileSync(join(d, 'f'), 'x');
        return { fs: nodeFs, path: join(d, 'f') };
      },
      'not-directory',
      /is not a directory/,
    ],
    [
      'no volume mounted (same device as parent)',
      (d) => ({ fs: nodeFs, path: d }),
      'not-a-mount',
      /same device as its parent/,
    ],
    [
      'read-only filesystem',
      (d) => ({
        fs: fsWith({
          stat: mountedStat(d),
          writeDurably: async () => {
            throw Object.assign(new Error('EROFS'), { code: 'EROFS' });
          },
        }),
        path: d,
      }),
      'not-writable',
      /\(read-only filesystem\)/,
    ],
    [
      'full disk',
      (d) => ({
        fs: fsWith({ stat: mountedStat(d), statfs: async () => ({ bavail: 10, bsize: 4096, blocks: 1000 }) }),
        path: d,
        extra: { minFreeBytes: 100 * 1048576 },
      }),
      'low-space',
      /only 0 MiB free/,
    ],
    [
      'owned by someone else without group or other write',
      (d) => ({
        fs: fsWith({
          stat: async (p) =>
            Object.assign(await mountedStat(d)(p), p === d ? { uid: uid + 1, gid: gid + 1, mode: 0o40755 } : {}),
        }),
        path: d,
      }),
      'permissions',
      /cannot write it/,
    ],
    [
      'read back different bytes',
      (d) => ({ fs: fsWith({ stat: mountedStat(d), readFile: async () => Buffer.from('garbage') }), path: d }),
      'read-back-mismatch',
      /read back different bytes/,
    ],
  ])('%s', async (_name, setup, code, message) => {
    const { fs, path, extra } = setup(dir);
    const r = await checkStorage(fs, params(path, extra));
    expect(r.healthy).toBe(false);
    const f = r.findings.find((x) => x.code === code);
    expect(f?.message).toMatch(message);
    expect(f?.fix.length).toBeGreaterThan(10);
  });

  test('group-writable for the Flink gid is enough (fsGroup)', async () => {
    mkdirSync(join(dir, 'ha'));
    const r = await checkStorage(
      fsWith({
        stat: async (p) =>
          Object.assign(
            await mountedStat(join(dir, 'ha'))(p),
            p === join(dir, 'ha') ? { uid: uid + 1, gid, mode: 0o42775 } : {},
          ),
      }),
      params(join(dir, 'ha')),
    );
    expect(r.findings.filter((f) => f.code === 'permissions')).toEqual([]);
  });
});
