import { HA_MOUNT_PATH } from '../props/ha-storage';
import { ExtraVolume } from '../props/cluster-props';
import { fail } from '../validation/errors';
import { requireDnsLabel, requireList, requireObject } from '../validation/k8s-syntax';
import { requireBoolean, requireString } from '../validation/values';
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

/** Where Kubernetes mounts the pod's service-account token (/var/run is /run in most images). */
const TOKEN_PATHS = ['/var/run/secrets/kubernetes.io', '/run/secrets/kubernetes.io'];

/** Directories of the image's Flink distribution: a volume over one hides it, and Flink cannot start. */
const DISTRIBUTION_PATHS = ['/opt/flink/bin', '/opt/flink/lib', '/opt/flink/opt'];

const EXAMPLE = '{ volume: { name: "data", emptyDir: {} }, mountPath: "/opt/flink/extra/data" }';
const reservedName = () => `is used by the construct; pick another name (reserved: ${RESERVED_VOLUMES.join(', ')})`;
const reservedPath = (name: string) =>
  `overlaps a path the construct mounts (${RESERVED_PATHS.join(', ')}); mount elsewhere, e.g. /opt/flink/extra/${name}`;
const distributionPath = (name: string) =>
  `would hide the image's Flink distribution (${DISTRIBUTION_PATHS.join(', ')}) and Flink could not start; mount ` +
  `below it (Flink loads jars from sub-folders of /opt/flink/lib too, e.g. /opt/flink/lib/${name}) or elsewhere`;
const tokenPath = (name: string) =>
  "would hide or replace the service-account token Kubernetes mounts at /var/run/secrets/kubernetes.io (Flink's " +
  `Kubernetes HA client authenticates with it); mount elsewhere, e.g. /opt/flink/extra/${name}`;
const backsteps = (name: string) =>
  `must not contain ".." segments (they hide which folder the volume really covers); write the path without them, ` +
  `e.g. /opt/flink/extra/${name}`;
const notRestricted = (bad: string[]) =>
  `must have exactly one source of ${RESTRICTED_VOLUME_TYPES.join(', ')} (the "restricted" Pod Security Standard ` +
  `refuses others${bad.length ? `, e.g. ${bad.join(', ')}` : ''})`;

/** Whether one path is the other or lies inside it. */
const overlaps = (a: string, b: string) =>
  a === b || a.startsWith(b === '/' ? b : `${b}/`) || b.startsWith(a === '/' ? a : `${a}/`);

/**
 * The mount path as the kernel resolves it: absolute, one "/" between segments, no "."
 * segments, no trailing "/" (so `//opt/flink/conf` and `/opt/flink/./conf/` are
 * `/opt/flink/conf`); ".." segments are refused outright.
 */
function mountPathOf(at: string, given: unknown, name: string): string {
  const raw = requireString(at, given);
  if (!raw.startsWith('/')) fail(at, raw, `must be an absolute path, e.g. /opt/flink/extra/${name}`);
  const segments = raw.split('/').filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) fail(at, raw, backsteps(name));
  const path = `/${segments.join('/')}`;
  if (RESERVED_PATHS.some((r) => overlaps(path, r))) fail(at, raw, reservedPath(name));
  if (TOKEN_PATHS.some((t) => t === path || t.startsWith(`${path}/`) || path.startsWith(`${t}/`)))
    fail(at, raw, tokenPath(name));
  if (DISTRIBUTION_PATHS.some((d) => d === path || d.startsWith(`${path}/`))) fail(at, raw, distributionPath(name));
  return path;
}

/**
 * Rules for the user's extra volumes: valid, unique names that are not the construct's;
 * absolute, unique mount paths (compared normalized) that do not overlap the construct's or
 * hide Flink's distribution; one source of a type the "restricted" Pod Security Standard admits.
 */
export function resolveVolumes(prop: string, given: ExtraVolume[] | undefined): ExtraVolume[] {
  const volumes = requireList(prop, given ?? [], '{ volume, mountPath }', `[${EXAMPLE}]`);
  const names = new Set<string>();
  const paths = new Set<string>();
  return volumes.map((v, i) => {
    const at = `${prop}[${i}]`;
    requireObject(at, v, EXAMPLE);
    requireObject(`${at}.volume`, v.volume, '{ name: "data", emptyDir: {} }');
    const name = requireDnsLabel(`${at}.volume.name`, v.volume.name, 'volume name');
    if (RESERVED_VOLUMES.includes(name)) fail(`${at}.volume.name`, name, reservedName());
    if (names.has(name)) fail(`${at}.volume.name`, name, 'names two volumes; give each volume its own name');
    names.add(name);
    const mountPath = mountPathOf(`${at}.mountPath`, v.mountPath, name);
    if (paths.has(mountPath))
      fail(`${at}.mountPath`, v.mountPath, 'is the mount path of another volume; mount each volume at its own path');
    paths.add(mountPath);
    // A source set to undefined is no source: cdk8s would drop it, leaving a volume with none.
    const source = v.volume as unknown as Record<string, unknown>;
    const types = Object.keys(source).filter((k) => k !== 'name' && source[k] !== undefined);
    const bad = types.filter((t) => !RESTRICTED_VOLUME_TYPES.includes(t));
    if (types.length !== 1 || bad.length) fail(`${at}.volume`, name, notRestricted(bad));
    requireK8s(`${at}.volume`, v.volume, 'k8s.Volume');
    const readOnly = requireBoolean(`${at}.readOnly`, v.readOnly ?? false);
    return { volume: v.volume, mountPath, ...(readOnly ? { readOnly } : {}) };
  });
}
