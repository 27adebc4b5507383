// Renders the Grafana dashboard's panel layout as an SVG for the docs:
//   npx ts-node --transpile-only scripts/render-dashboard-layout.ts [--check]
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { flinkDashboard } from '../src/render/observability/grafana-dashboard';

const COL = 40;
const ROW = 30;
const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The layout of the example cluster's dashboard: one box per panel at its grid position. */
export function dashboardLayoutSvg(): string {
  const d = flinkDashboard('my-flink-cluster', 'flink');
  const height = Math.max(...d.panels.map((p) => p.gridPos.y + p.gridPos.h)) * ROW + 40;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${24 * COL + 20}" height="${height}" font-family="sans-serif" font-size="13">`,
    `<rect width="100%" height="100%" fill="#111217"/>`,
    `<text x="10" y="22" fill="#ccccdc" font-size="15">${esc(d.title)}</text>`,
  ];
  for (const p of d.panels) {
    const { x, y, w, h } = p.gridPos;
    const [px, py] = [10 + x * COL, 32 + y * ROW];
    parts.push(
      `<rect x="${px + 2}" y="${py + 2}" width="${w * COL - 4}" height="${h * ROW - 4}" rx="3" fill="#181b1f" stroke="#2c3235"/>`,
      `<text x="${px + 10}" y="${py + 20}" fill="#ccccdc">${esc(p.title)}</text>`,
      `<text x="${px + 10}" y="${py + 38}" fill="#8e8e9e" font-size="11">${p.type}</text>`,
    );
    // One metric per line, cut to the box width (about 6.5 px per character at 11 px).
    const width = Math.floor((w * COL - 24) / 6.5);
    p.targets.forEach((t, i) => {
      const metric = t.expr.split('{')[0].replace(/^.*\(/, '');
      const text = metric.length > width ? metric.slice(0, width - 1) + '…' : metric;
      parts.push(`<text x="${px + 10}" y="${py + 56 + i * 16}" fill="#6e7079" font-size="11">${esc(text)}</text>`);
    });
  }
  parts.push('</svg>', '');
  return parts.join('\n');
}

if (require.main === module) {
  const file = join(__dirname, '..', 'docs', 'grafana-dashboard-layout.svg');
  const svg = dashboardLayoutSvg();
  if (process.argv.includes('--check')) {
    if (readFileSync(file, 'utf8') !== svg) {
      console.error(
        'docs/grafana-dashboard-layout.svg is out of date: run npx ts-node --transpile-only scripts/render-dashboard-layout.ts',
      );
      process.exit(1);
    }
  } else {
    writeFileSync(file, svg);
  }
}
