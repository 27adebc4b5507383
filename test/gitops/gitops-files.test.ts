import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiObject, App, Chart, Testing } from 'cdk8s';
import { FlinkCluster, OutputLayout, synthGitOps } from '../../src';
import { exampleProps } from '../support/scenarios';

/** Files under a folder, relative, symlinks listed but not followed. */
function tree(dir: string, prefix = ''): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? tree(join(dir, e.name), `${prefix}${e.name}/`) : [`${prefix}${e.name}`],
  );
}

describe('synthGitOps stays inside outdir', () => {
  let root: string;
  let outdir: string;
  let outside: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'gitops-files-'));
    outdir = join(root, 'repo');
    outside = join(root, 'outside');
    mkdirSync(outdir);
    mkdirSync(outside);
    writeFileSync(join(outside, 'precious.yaml'), 'precious');
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  const app = (extra?: (chart: Chart) => void) => {
    const a = Testing.app();
    const chart = new Chart(a, 'flink', { namespace: 'flink' });
    new FlinkCluster(chart, 'Cluster', exampleProps());
    extra?.(chart);
    return a;
  };

  test('cleanup does not follow a symlinked folder out of outdir', () => {
    symlinkSync(outside, join(outdir, 'linked'), 'dir');
    synthGitOps(app(), { outdir });
    expect(readFileSync(join(outside, 'precious.yaml'), 'utf8')).toBe('precious');
  });

  test('a symlinked file at a path it writes is replaced, its target left alone', () => {
    mkdirSync(join(outdir, 'flink'));
    symlinkSync(join(outside, 'precious.yaml'), join(outdir, 'flink', 'configmap-my-flink-cluster-flink-config.yaml'));
    synthGitOps(app(), { outdir, clean: false });
    expect(readFileSync(join(outside, 'precious.yaml'), 'utf8')).toBe('precious');
    const written = join(outdir, 'flink', 'configmap-my-flink-cluster-flink-config.yaml');
    expect(lstatSync(written).isSymbolicLink()).toBe(false);
    expect(readFileSync(written, 'utf8')).toMatch(/^apiVersion: v1\nkind: ConfigMap\n/);
  });

  test('a namespace folder that is a symlink out of outdir is refused', () => {
    symlinkSync(outside, join(outdir, 'flink'), 'dir');
    expect(() => synthGitOps(app(), { outdir })).toThrow(/symbolic link/);
    expect(tree(outside)).toEqual(['precious.yaml']);
  });

  test.each([
    ['a name climbing out', { name: '../../outside/precious', namespace: 'flink' }],
    ['an absolute name', { name: '/tmp/evil', namespace: 'flink' }],
    ['a namespace climbing out', { name: 'x', namespace: '../..' }],
    ['a NUL in the name', { name: 'a\u0000b', namespace: 'flink' }],
    ['an empty name', { name: '', namespace: 'flink' }],
    ['a line break in the name', { name: 'a\nb', namespace: 'flink' }],
  ])('an escape-hatch object with %s is refused before anything is written or deleted', (_what, metadata) => {
    writeFileSync(join(outdir, 'stale.yaml'), 'stale');
    const build = () =>
      app((chart) => new ApiObject(chart, 'Crafted', { apiVersion: 'v1', kind: 'ConfigMap', metadata } as any));
    expect(() => synthGitOps(build(), { outdir })).toThrow(/cannot be written to a file/);
    expect(tree(outdir)).toEqual(['stale.yaml']);
    expect(tree(outside)).toEqual(['precious.yaml']);
  });

  test('a kind that is not a plain word is refused', () => {
    const build = () =>
      app((chart) => new ApiObject(chart, 'Crafted', { apiVersion: 'v1', kind: '../Evil', metadata: { name: 'x' } }));
    expect(() => synthGitOps(build(), { outdir })).toThrow(/cannot be written to a file/);
  });

  test('a chart id that is not a safe file name is refused (file per chart)', () => {
    const a = new App();
    new Chart(a, '..', { namespace: 'flink' });
    expect(() => synthGitOps(a, { outdir, layout: OutputLayout.FILE_PER_CHART })).toThrow(
      /cannot be written to a file/,
    );
  });

  test('cleanup leaves files it could never have written: deeper, hidden or not YAML', () => {
    for (const dir of ['.github/workflows', 'flink/deeper', 'docs']) mkdirSync(join(outdir, dir), { recursive: true });
    for (const f of ['.github/workflows/ci.yml', 'flink/deeper/keep.yaml', 'docs/notes.md', 'flink/stale.yaml'])
      writeFileSync(join(outdir, f), 'x');
    synthGitOps(app(), { outdir });
    expect(
      tree(outdir)
        .filter((f) => !/^(flink|_cluster)\//.test(f) || f.startsWith('flink/deeper'))
        .sort(),
    ).toEqual(['.github/workflows/ci.yml', 'docs/notes.md', 'flink/deeper/keep.yaml', 'kustomization.yaml']);
    expect(existsSync(join(outdir, 'flink/stale.yaml'))).toBe(false);
  });

  test('writes leave no temporary files, and stale files go only after the new ones are in place', () => {
    mkdirSync(join(outdir, 'flink'));
    writeFileSync(join(outdir, 'flink', 'deployment-removed.yaml'), 'stale');
    writeFileSync(join(outdir, 'README.md'), 'kept');
    const files = synthGitOps(app(), { outdir });
    expect(tree(outdir).sort()).toEqual(['README.md', ...files].sort());
    expect(existsSync(join(outdir, 'flink', 'deployment-removed.yaml'))).toBe(false);
  });
});
