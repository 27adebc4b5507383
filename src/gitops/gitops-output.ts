import { randomBytes } from 'crypto';
import {
  Dirent,
  lstatSync,
  mkdirSync,
  readdirSync,
  realpathSync,
  renameSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from 'fs';
import { dirname, join, relative, resolve, sep } from 'path';
import { App, Yaml } from 'cdk8s';
import { SYNC_WAVE_ANNOTATION } from '../render/sync-waves';

/** How synthesized objects are laid out on disk. */
export enum OutputLayout {
  /** One file per chart: `<chart>.yaml`. */
  FILE_PER_CHART = 'file-per-chart',
  /** One file per object: `<namespace>/<kind>-<name>.yaml`, stable across synths. */
  FILE_PER_RESOURCE = 'file-per-resource',
}

/** Where and how `GitOpsOutput.synth` writes an app's objects. */
export interface GitOpsOutputOptions {
  /** Folder to write into (created if missing). */
  readonly outdir: string;
  /** @default OutputLayout.FILE_PER_RESOURCE */
  readonly layout?: OutputLayout;
  /** Write a `kustomization.yaml` listing every file. @default true */
  readonly kustomization?: boolean;
  /**
   * Delete the `.yaml` (and `.yml`) files already in outdir and in its namespace folders that
   * this synth did not write, so objects removed from the code disappear from the repository
   * too. Deeper and hidden folders are left alone, and symbolic links are never followed: a
   * linked folder is left alone, a linked `.yaml` file loses only its link.
   * @default true
   */
  readonly clean?: boolean;
}

/** One path segment built from an object's kind, namespace or name, or a chart id. */
const SAFE_SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._:@+-]{0,252}$/;
const KIND = /^[A-Za-z][A-Za-z0-9]{0,62}$/;

type Manifest = { kind?: unknown; metadata?: { name?: unknown; namespace?: unknown } };

const unsafeName = (what: string, value: unknown) =>
  new Error(
    `${what} ${JSON.stringify(value) ?? String(value)} cannot be written to a file: a file name must be 1 to 253 ` +
      'letters, digits and "._:@+-", starting with a letter or digit (no "/", "..", NUL or line breaks)',
  );

function segment(what: string, value: unknown, pattern = SAFE_SEGMENT): string {
  if (typeof value !== 'string' || !pattern.test(value)) throw unsafeName(what, value);
  return value;
}

/** `<namespace>/<kind>-<name>.yaml` for one object, refusing any part that is not a plain file name. */
function resourcePath(o: Manifest): string {
  const kind = segment('the kind', o.kind, KIND);
  const name = segment(`${kind}`, o.metadata?.name);
  const namespace =
    o.metadata?.namespace === undefined
      ? '_cluster'
      : segment(`the namespace of ${kind} "${name}"`, o.metadata.namespace);
  return `${namespace}/${kind.toLowerCase()}-${name}.yaml`;
}

/** Every file to write, path relative to outdir -> objects, checked before the disk is touched. */
function plan(app: App, layout: OutputLayout): Map<string, unknown[]> {
  const files = new Map<string, unknown[]>();
  const seen = new Map<string, string>();
  const add = (path: string, objects: unknown[], what: string) => {
    // Case-insensitive file systems (macOS, Windows) would merge two paths differing in case.
    const key = path.toLowerCase();
    if (seen.has(key)) throw new Error(`two objects would be written to ${path}: ${what} and ${seen.get(key)}`);
    seen.set(key, what);
    files.set(path, objects);
  };
  for (const chart of app.charts) {
    const objects: Manifest[] = chart.toJson();
    if (layout === OutputLayout.FILE_PER_CHART) {
      add(`${segment('the chart id', chart.node.id)}.yaml`, objects, `chart ${chart.node.id}`);
      continue;
    }
    for (const o of objects) {
      const path = resourcePath(o);
      add(
        path,
        [o],
        `${String(o.kind)} "${String(o.metadata?.name)}" in ${String(o.metadata?.namespace ?? 'the cluster')}`,
      );
    }
  }
  return files;
}

/** `root/rel`, after checking it lies inside root and that no folder on the way is a symbolic link. */
function inside(root: string, rel: string): string {
  const full = resolve(root, rel);
  if (!full.startsWith(root + sep)) throw new Error(`${rel} would be written outside ${root}`);
  let dir = root;
  for (const part of relative(root, full).split(sep).slice(0, -1)) {
    dir = join(dir, part);
    let isLink = false;
    try {
      isLink = lstatSync(dir).isSymbolicLink();
    } catch {
      mkdirSync(dir);
    }
    if (isLink) throw new Error(`${dir} is a symbolic link; synthGitOps writes only into real folders under ${root}`);
  }
  return full;
}

/** Writes a file by renaming a fresh temporary file over it: readers see the old or the new bytes, never a part. */
function writeAtomically(full: string, data: string): void {
  const tmp = join(full, '..', `.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // "wx": never through something already at the temporary path.
    writeFileSync(tmp, data, { flag: 'wx' });
    renameSync(tmp, full);
  } catch (e) {
    rmSync(tmp, { force: true });
    throw e;
  }
}

/**
 * Files under root that synthGitOps could have written: `.yaml` or `.yml` files (or links) one
 * or two levels down, in folders whose names it could have made. Linked folders, hidden
 * folders and deeper files are never touched.
 */
function staleCandidates(root: string): string[] {
  const entries = (dir: string): Dirent[] => {
    try {
      return readdirSync(dir, { withFileTypes: true });
    } catch {
      return [];
    }
  };
  const yaml = (e: Dirent) => /\.ya?ml$/.test(e.name) && (e.isFile() || e.isSymbolicLink());
  const folders = entries(root).filter((e) => e.isDirectory() && (e.name === '_cluster' || SAFE_SEGMENT.test(e.name)));
  return [
    ...entries(root)
      .filter(yaml)
      .map((e) => e.name),
    ...folders.flatMap((f) =>
      entries(join(root, f.name))
        .filter(yaml)
        .map((e) => `${f.name}/${e.name}`),
    ),
  ];
}

/** An app's objects as files for a GitOps repository, named by namespace, kind and name. */
export class GitOpsOutput {
  /** The annotation that carries each object's Argo CD sync wave (with `gitOps.argoCdSyncWaves`). */
  public static readonly SYNC_WAVE_ANNOTATION = SYNC_WAVE_ANNOTATION;

  /**
   * Synthesizes an app for a GitOps repository: validates it like `app.synth()`, then writes
   * files with names derived from each object's namespace, kind and name (never from
   * construct paths or hashes), plus an optional kustomization.yaml. Every path stays inside
   * outdir: names that are not plain file names are refused before anything is written,
   * symbolic links are never followed, each file is replaced atomically, and stale files are
   * removed only after the new ones are in place. Returns the written paths relative to
   * outdir, sorted.
   */
  public static synth(app: App, options: GitOpsOutputOptions): string[] {
    const errors = app.node.findAll().flatMap((c) => c.node.validate().map((m) => `${c.node.path}: ${m}`));
    if (errors.length) throw new Error(`validation failed:\n${errors.join('\n')}`);
    const files = plan(app, options.layout ?? OutputLayout.FILE_PER_RESOURCE);
    const written = [...files.keys()].sort();
    const contents = new Map(written.map((path) => [path, Yaml.stringify(...files.get(path)!)]));
    if (options.kustomization ?? true) {
      // A chart written as kustomization.yaml (FILE_PER_CHART, chart id "kustomization") would be overwritten.
      if (contents.has('kustomization.yaml'))
        throw new Error(
          'a chart written to kustomization.yaml would be replaced by the kustomization itself; rename the chart, or pass kustomization: false',
        );
      const kustomization = {
        apiVersion: 'kustomize.config.k8s.io/v1beta1',
        kind: 'Kustomization',
        resources: written,
      };
      contents.set('kustomization.yaml', Yaml.stringify(kustomization));
    }
    mkdirSync(options.outdir, { recursive: true });
    const root = realpathSync(options.outdir);
    if (dirname(root) === root)
      throw new Error(`outdir ${options.outdir} is the file system root; write into a folder of its own`);
    for (const [path, data] of contents) writeAtomically(inside(root, path), data);
    if (options.clean ?? true) {
      for (const stale of staleCandidates(root).filter((p) => !contents.has(p))) unlinkSync(inside(root, stale));
    }
    return [...contents.keys()].sort();
  }

  private constructor() {}
}

/** {@link GitOpsOutput.synth} as a function, for TypeScript. */
export function synthGitOps(app: App, options: GitOpsOutputOptions): string[] {
  return GitOpsOutput.synth(app, options);
}
