import { readdirSync, readFileSync, statSync } from 'fs';
import { join, relative } from 'path';

const ROOT = join(__dirname, '..', '..');

/**
 * Directories of src/ whose `fail(` calls are FlinkValidationError sites of the
 * construct. src/agent has no such calls, and src/convert has its own local `fail`.
 */
const SCANNED = ['src/validation', 'src/flink', 'src/props', 'src/model', 'src/render', 'src/cluster', 'src/gitops'];

function tsFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    return statSync(p).isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Every `fail(` call site as "src/file.ts:line". */
export function failSites(): string[] {
  return SCANNED.flatMap((d) => tsFiles(join(ROOT, d))).flatMap((file) =>
    readFileSync(file, 'utf8')
      .split('\n')
      .flatMap((line, i) =>
        /(^|[^\w.])fail\(/.test(line) && !/function fail\(/.test(line) ? [`${relative(ROOT, file)}:${i + 1}`] : [],
      ),
  );
}

/** The source line of a site, trimmed (for readable reports). */
export function siteText(site: string): string {
  const [file, line] = site.split(':');
  // A call may span several lines (prettier wraps long ones): read up to its closing ");".
  const lines = readFileSync(join(ROOT, file), 'utf8')
    .split('\n')
    .slice(Number(line) - 1);
  const end = lines.findIndex((l) => /\);\s*$/.test(l));
  return lines
    .slice(0, end + 1)
    .map((l) => l.trim())
    .join(' ')
    .replace(/\( /g, '(')
    .replace(/,\s*\)/g, ')');
}

/** The `fail(` call site an error was thrown from, read from its (source-mapped) stack. */
export function siteOf(error: Error): string | undefined {
  const frames = (error.stack ?? '').split('\n').filter((l) => l.trim().startsWith('at '));
  const i = frames.findIndex((f) => /\bat fail \(/.test(f) || /errors\.ts:\d+:\d+\)?$/.test(f));
  const caller = frames.slice(i + 1).find((f) => !/errors\.ts:\d+/.test(f));
  const m = caller && /\(?([^()\s]+\.ts):(\d+):\d+\)?$/.exec(caller);
  return m ? `${relative(ROOT, m[1])}:${m[2]}` : undefined;
}
