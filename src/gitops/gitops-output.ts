import { mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'fs';
import { dirname, join } from 'path';
import { App, Yaml } from 'cdk8s';

/** How synthesized objects are laid out on disk. */
export enum OutputLayout {
  /** One file per chart: `<chart>.yaml`. */
  FILE_PER_CHART = 'file-per-chart',
  /** One file per object: `<namespace>/<kind>-<name>.yaml`, stable across synths. */
  FILE_PER_RESOURCE = 'file-per-resource',
}

/** Where and how `synthGitOps` writes an app's objects. */
export interface GitOpsOutputOptions {
  /** Folder to write into (created if missing). */
  readonly outdir: string;
  /** @default OutputLayout.FILE_PER_RESOURCE */
  readonly layout?: OutputLayout;
  /** Write a `kustomization.yaml` listing every file. @default true */
  readonly kustomization?: boolean;
  /**
   * Delete the `.yaml` files already under outdir first, so objects removed from the code
   * disappear from the repository too.
   * @default true
   */
  readonly clean?: boolean;
}

function yamlFiles(dir: string): string[] {
  let out: string[] = [];
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const e of entries) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out = out.concat(yamlFiles(p));
    else if (/\.ya?ml$/.test(e)) out.push(p);
  }
  return out;
}

/**
 * Synthesizes an app for a GitOps repository: validates it like `app.synth()`, then writes
 * files with names derived from each object's namespace, kind and name (never from
 * construct paths or hashes), plus an optional kustomization.yaml. Returns the written
 * paths relative to outdir, sorted.
 */
export function synthGitOps(app: App, options: GitOpsOutputOptions): string[] {
  const errors = app.node.findAll().flatMap((c) => c.node.validate().map((m) => `${c.node.path}: ${m}`));
  if (errors.length) throw new Error(`validation failed:\n${errors.join('\n')}`);
  const layout = options.layout ?? OutputLayout.FILE_PER_RESOURCE;
  const files = new Map<string, unknown[]>();
  for (const chart of app.charts) {
    const objects: Array<{ kind?: string; metadata?: { name?: string; namespace?: string } }> = chart.toJson();
    if (layout === OutputLayout.FILE_PER_CHART) {
      files.set(`${chart.node.id}.yaml`, objects);
      continue;
    }
    for (const o of objects) {
      const path = `${o.metadata?.namespace ?? '_cluster'}/${String(o.kind).toLowerCase()}-${o.metadata?.name}.yaml`;
      if (files.has(path))
        throw new Error(
          `two objects would be written to ${path}: ${o.kind} "${o.metadata?.name}" appears twice in namespace ${o.metadata?.namespace}`,
        );
      files.set(path, [o]);
    }
  }
  if (options.clean ?? true) for (const f of yamlFiles(options.outdir)) rmSync(f);
  const written = [...files.keys()].sort();
  for (const path of written) {
    const full = join(options.outdir, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, Yaml.stringify(...files.get(path)!));
  }
  if (options.kustomization ?? true) {
    const kustomization = { apiVersion: 'kustomize.config.k8s.io/v1beta1', kind: 'Kustomization', resources: written };
    writeFileSync(join(options.outdir, 'kustomization.yaml'), Yaml.stringify(kustomization));
    written.push('kustomization.yaml');
  }
  return written.sort();
}
