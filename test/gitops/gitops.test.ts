import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Chart, Testing } from 'cdk8s';
import { FlinkCluster, OutputLayout, SYNC_WAVE_ANNOTATION, synthGitOps } from '../../src';
import { exampleProps } from '../support/scenarios';
import { ofKind, synthCluster } from '../support/synth';

describe('Argo CD sync waves', () => {
  test('RBAC and config first, then workloads with their claim, then monitoring', () => {
    const { objects } = synthCluster({
      ...exampleProps(),
      gitOps: { argoCdSyncWaves: true },
      metrics: {
        podMonitor: {},
        allowedFrom: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }],
      },
    });
    const wave = (kind: string) => [
      ...new Set(ofKind(objects, kind).map((o) => o.metadata.annotations?.[SYNC_WAVE_ANNOTATION])),
    ];
    for (const kind of ['ServiceAccount', 'Role', 'RoleBinding', 'ConfigMap'])
      expect([kind, wave(kind)]).toEqual([kind, ['-1']]);
    for (const kind of ['Deployment', 'PersistentVolumeClaim', 'Service', 'PodDisruptionBudget', 'NetworkPolicy'])
      expect([kind, wave(kind)]).toEqual([kind, ['0']]);
    expect(wave('PodMonitor')).toEqual(['1']);
  });
  test('off by default', () => {
    expect(JSON.stringify(synthCluster(exampleProps()).objects)).not.toContain(SYNC_WAVE_ANNOTATION);
  });
});

describe('synthGitOps', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'gitops-'));
    dirs.push(d);
    return d;
  };
  afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
  const build = () => {
    const app = Testing.app();
    new FlinkCluster(new Chart(app, 'flink', { namespace: 'flink' }), 'Cluster', exampleProps());
    return app;
  };

  test('one file per resource with names from namespace, kind and name, plus kustomization.yaml', () => {
    const outdir = tempDir();
    const files = synthGitOps(build(), { outdir });
    expect(files).toContain('flink/deployment-my-flink-cluster-jobmanager.yaml');
    expect(files).toContain('flink/role-my-flink-cluster-jobmanager.yaml');
    expect(files).toContain('kustomization.yaml');
    expect(files.filter((f) => f.startsWith('flink/'))).toHaveLength(17);
    const k = readFileSync(join(outdir, 'kustomization.yaml'), 'utf8');
    expect(k).toContain('kind: Kustomization');
    expect(k).toContain('  - flink/service-my-flink-cluster-rest.yaml');
    expect(readFileSync(join(outdir, 'flink/deployment-my-flink-cluster-jobmanager.yaml'), 'utf8')).toMatch(
      /^apiVersion: apps\/v1\nkind: Deployment\n/,
    );
  });

  test('same app, same bytes; stale files are removed', () => {
    const a = tempDir();
    const b = tempDir();
    mkdirSync(join(b, 'flink'));
    writeFileSync(join(b, 'flink', 'deployment-removed.yaml'), 'stale');
    const files = synthGitOps(build(), { outdir: a });
    expect(synthGitOps(build(), { outdir: b })).toEqual(files);
    for (const f of files) expect(readFileSync(join(b, f), 'utf8')).toBe(readFileSync(join(a, f), 'utf8'));
    expect(existsSync(join(b, 'flink', 'deployment-removed.yaml'))).toBe(false);
  });

  test('one file per chart, no kustomization', () => {
    const outdir = tempDir();
    expect(synthGitOps(build(), { outdir, layout: OutputLayout.FILE_PER_CHART, kustomization: false })).toEqual([
      'flink.yaml',
    ]);
  });
});
