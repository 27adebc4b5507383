import { HA_MOUNT_PATH } from '../props/ha-storage';
import { ExtraVolume } from '../props/cluster-props';
import { fail } from '../validation/errors';
import { requireDnsLabel, requireList, requireObject } from '../validation/k8s-syntax';
import { requireString } from '../validation/values';
import { requireK8s } from '../validation/known-fields';

/** Volume names the construct uses itself. */
export const RESERVED_VOLUMES = [
  'flink-config-src',
  'flink-config',
  'flink-log',
  'tmp',
  'usrlib',
  'plugins',
  'ha-storage',
  'fs-credentials',
  'ha-agent',
];

/** Paths the construct mounts in the Flink container. */
export const RESERVED_PATHS = [
  '/opt/flink/conf',
  '/opt/flink/log',
  '/tmp',
  '/opt/flink/usrlib',
  '/opt/flink/plugins',
  HA_MOUNT_PATH,
  '/opt/flink/secrets',
];

/** Volume types the "restricted" Pod Security Standard admits. */
const RESTRICTED_VOLUME_TYPES = [
  'configMap',
  'secret',
  'emptyDir',
  'persistentVolumeClaim',
  'projected',
  'downwardApi',
  'csi',
  'ephemeral',
];

const EXAMPLE = '{ volume: { name: "data", emptyDir: {} }, mountPath: "/opt/flink/extra/data" }';
const reservedName = () => `is used by the construct; pick another name (reserved: ${RESERVED_VOLUMES.join(', ')})`;
const reservedPath = (name: string) =>
  `overlaps a path the construct mounts (${RESERVED_PATHS.join(', ')}); mount elsewhere, e.g. /opt/flink/extra/${name}`;
const notRestricted = (bad: string[]) =>
  `must have exactly one source of ${RESTRICTED_VOLUME_TYPES.join(', ')} (the "restricted" Pod Security Standard ` +
  `refuses others${bad.length ? `, e.g. ${bad.join(', ')}` : ''})`;

/**
 * Rules for the user's extra volumes: valid, unique names that are not the construct's;
 * absolute, unique mount paths that do not overlap the construct's; one source of a type
 * the "restricted" Pod Security Standard admits.
 */
export function resolveVolumes(prop: string, given: ExtraVolume[] | undefined): ExtraVolume[] {
  const volumes = requireList(prop, given ?? [], '{ volume, mountPath }', `[${EXAMPLE}]`);
  const names = new Set<string>();
  const paths = new Set<string>();
  volumes.forEach((v, i) => {
    const at = `${prop}[${i}]`;
    requireObject(at, v, EXAMPLE);
    requireObject(`${at}.volume`, v.volume, '{ name: "data", emptyDir: {} }');
    const name = requireDnsLabel(`${at}.volume.name`, v.volume.name, 'volume name');
    if (RESERVED_VOLUMES.includes(name)) fail(`${at}.volume.name`, name, reservedName());
    if (names.has(name)) fail(`${at}.volume.name`, name, 'names two volumes; give each volume its own name');
    names.add(name);
    const path = requireString(`${at}.mountPath`, v.mountPath).replace(/\/+$/, '');
    if (!path.startsWith('/'))
      fail(`${at}.mountPath`, v.mountPath, `must be an absolute path, e.g. /opt/flink/extra/${name}`);
    if (RESERVED_PATHS.some((r) => path === r || path.startsWith(r + '/') || r.startsWith(path + '/')))
      fail(`${at}.mountPath`, v.mountPath, reservedPath(name));
    if (paths.has(path))
      fail(`${at}.mountPath`, v.mountPath, 'is the mount path of another volume; mount each volume at its own path');
    paths.add(path);
    // A source set to undefined is no source: cdk8s would drop it, leaving a volume with none.
    const types = Object.keys(v.volume).filter(
      (k) => k !== 'name' && (v.volume as unknown as Record<string, unknown>)[k] !== undefined,
    );
    const bad = types.filter((t) => !RESTRICTED_VOLUME_TYPES.includes(t));
    if (types.length !== 1 || bad.length) fail(`${at}.volume`, name, notRestricted(bad));
    requireK8s(`${at}.volume`, v.volume, 'k8s.Volume');
  });
  return [...volumes];
}
