import { FindingList } from './conversion-report';
import { UnavailablePath } from './pod-template';

/** A path the cluster needs at run time, and where the manifest names it. */
export interface NeededPath {
  readonly value: string;
  readonly path: string;
  readonly what: string;
}

const onDroppedPath = (what: string, file: string, mountPath: string, why: string) =>
  `${what} ${file} lies under ${mountPath}, whose content the conversion does not carry over (${why}), so Flink would not find it; move it into the image or onto a mapped volume`;

/** The file path of a `local://`, `file://` or absolute-path value; undefined for anything else. */
export function filePathOf(value: string): string | undefined {
  const m = /^(?:local|file):\/\/(\/.*)$/.exec(value.trim());
  if (m) return m[1];
  return value.trim().startsWith('/') ? value.trim() : undefined;
}

const under = (file: string, mountPath: string) => {
  const root = mountPath.replace(/\/+$/, '');
  return file === root || file.startsWith(root + '/');
};

/**
 * Reports each needed file that lies on a mount the conversion drops, or on a volume an
 * init container fills: the manifest worked with the operator, the converted job could
 * never start.
 */
export function checkDependencies(
  needed: readonly NeededPath[],
  unavailable: readonly UnavailablePath[],
  findings: FindingList,
): void {
  if (!unavailable.length) return;
  for (const n of needed) {
    const file = filePathOf(n.value);
    if (file === undefined) continue;
    const gone = unavailable.find((u) => under(file, u.mountPath));
    if (gone) findings.error(n.path, onDroppedPath(n.what, file, gone.mountPath, gone.why));
  }
}
