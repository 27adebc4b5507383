/**
 * Synthesizes every cdk8s Chart class exported by examples/*.ts (and the example app's chart
 * from examples/main.ts) into one directory, one file per chart: <outdir>/<file>-<Class>.k8s.yaml.
 * Generic on purpose: whatever examples/ holds and exports is what gets applied.
 *
 *   ts-node --transpile-only e2e/src/synth-examples.ts <outdir>
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart } from 'cdk8s';

const repo = path.resolve(__dirname, '..', '..');

export interface SynthesizedChart {
  readonly source: string;
  readonly className: string;
  readonly file: string;
}

function chartClasses(modulePath: string): Array<[string, new (scope: App, id: string) => Chart]> {
  const mod = require(modulePath);
  return Object.entries(mod).filter(
    ([, v]) =>
      typeof v === 'function' &&
      Object.prototype.isPrototypeOf.call(Chart.prototype, (v as { prototype?: object }).prototype ?? {}),
  ) as Array<[string, new (scope: App, id: string) => Chart]>;
}

export function synthExamples(outdir: string): SynthesizedChart[] {
  fs.mkdirSync(outdir, { recursive: true });
  const sources = fs
    .readdirSync(path.join(repo, 'examples'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts'))
    .map((f) => path.join(repo, 'examples', f));
  const out: SynthesizedChart[] = [];
  for (const source of sources) {
    const classes = chartClasses(source);
    if (classes.length === 0) throw new Error(`${path.relative(repo, source)} exports no cdk8s Chart class`);
    for (const [className, Ctor] of classes) {
      const base = `${path.basename(source, '.ts')}-${className}`;
      // Each chart in its own App and folder: App.synth() clears its outdir.
      const dir = path.join(outdir, base);
      const app = new App({ outdir: dir, outputFileExtension: '.k8s.yaml' });
      new Ctor(app, base);
      app.synth();
      for (const f of fs.readdirSync(dir))
        out.push({ source: path.relative(repo, source), className, file: path.join(dir, f) });
    }
  }
  return out;
}

if (require.main === module) {
  const outdir = process.argv[2];
  if (!outdir) throw new Error('usage: synth-examples.ts <outdir>');
  for (const c of synthExamples(outdir)) console.log(`${c.source} ${c.className} -> ${c.file}`);
}
