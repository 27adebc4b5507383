import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'fs';
import { join } from 'path';
import { randomBytes } from 'crypto';

/** One manifest file the convert command writes. */
export interface OutputFile {
  readonly name: string;
  readonly content: string;
}

/**
 * The file name (without extension) for a converted cluster: its id, else the namespace and
 * id, else a numbered one, never one already taken. Ids and namespaces are DNS labels, so the
 * name is a valid file name as it stands; what is printed is what is written.
 */
export function outputName(clusterId: string, namespace: string, taken: Set<string>): string {
  const candidates = [clusterId, `${namespace}-${clusterId}`];
  let name = candidates.find((c) => !taken.has(c));
  for (let n = 2; name === undefined; n++)
    if (!taken.has(`${namespace}-${clusterId}-${n}`)) name = `${namespace}-${clusterId}-${n}`;
  taken.add(name);
  return name;
}

/**
 * Writes each file through a temporary file in the same directory, flushed and then renamed
 * over the target, so a reader sees the old file or the complete new one, never a partial or
 * empty one. An empty content is refused. Returns the paths written.
 */
export function writeFilesAtomically(dir: string, files: readonly OutputFile[]): string[] {
  mkdirSync(dir, { recursive: true });
  return files.map(({ name, content }) => {
    if (content.length === 0) throw new Error(`refusing to write an empty ${name}`);
    const target = join(dir, name);
    const temp = join(dir, `.${name}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    try {
      const fd = openSync(temp, 'wx', 0o644);
      try {
        writeSync(fd, content);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, target);
    } catch (e) {
      rmSync(temp, { force: true });
      throw e;
    }
    return target;
  });
}
