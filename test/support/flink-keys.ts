import { readFileSync } from 'fs';
import { join } from 'path';

/** Flink's own key lists, beside the repository (../shared/flink-keys). Test data only. */
export const FLINK_KEYS_DIR = join(__dirname, '..', '..', '..', 'shared', 'flink-keys');

/** The list that stands for a version: there is no 1.18 list, and 1.18's keys are close to 1.19's. */
export function listVersion(version: string): string {
  return version === '1.18' ? '1.19' : version;
}

const cache = new Map<string, Map<string, string>>();

/** key -> status for one Flink version. */
export function flinkKeys(version: string): Map<string, string> {
  const v = listVersion(version);
  let keys = cache.get(v);
  if (!keys) {
    keys = new Map();
    for (const line of readFileSync(join(FLINK_KEYS_DIR, `flink-keys-${v}.txt`), 'utf8').split('\n')) {
      if (!line || line.startsWith('#')) continue;
      const [key, , , status] = line.split('\t');
      keys.set(key, status ?? '');
    }
    cache.set(v, keys);
  }
  return keys;
}

/** Whether `key` is a Flink option of `version`, `<name>` segments matching any segment. */
export function isKnownKey(key: string, version: string): boolean {
  const keys = flinkKeys(version);
  if (keys.has(key)) return true;
  for (const pattern of keys.keys()) {
    if (!pattern.includes('<')) continue;
    const re = new RegExp(
      '^' +
        pattern
          .split(/<[^>]+>/)
          .map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^.]+') +
        '$',
    );
    if (re.test(key)) return true;
  }
  return false;
}
