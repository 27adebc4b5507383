/**
 * Scans every process log of a run. A line fails the run when it shows an RBAC denial, a Flink
 * warning about a configuration key (unknown, deprecated, ignored), or an HA agent error or
 * warning - except the lines of a known product bug (known-product-bugs.ts `logLine`), which are
 * counted and named instead.
 */
import * as fs from 'fs';
import * as path from 'path';
import { KNOWN_PRODUCT_BUGS } from './known-product-bugs';

const RULES: Array<{ name: string; re: RegExp; only?: RegExp }> = [
  { name: 'RBAC Forbidden', re: /\bForbidden\b|is forbidden|"code":403|HTTP 403/ },
  {
    name: 'Flink config key warning',
    re: /(WARN|WARNING).*(deprecated|[Uu]nknown|ignor(ed|ing)|not (a )?valid|unrecognized).*(key|option|config|parameter)|(WARN|WARNING).*(key|option|config|parameter).*(deprecated|[Uu]nknown|ignored)|deprecation/i,
  },
  // Warnings too: an agent warning is an API call that failed or was skipped (F6 was one, F8 is one);
  // a known product bug's warning is tolerated only through known-product-bugs.ts.
  { name: 'agent error', re: /"level":"(error|warn)"/, only: /ha-agent\.log$/ },
  {
    name: 'Java exception at start',
    re: /InaccessibleObjectException|UnsupportedClassVersionError|ClassNotFoundException/,
  },
];

/** Lines of known product bugs met by the last scan, per bug id. */
export const toleratedLines = new Map<string, { n: number; first: string }>();

export function scanLogs(dir: string): string[] {
  const out: string[] = [];
  toleratedLines.clear();
  if (!fs.existsSync(dir)) return out;
  for (const pod of fs.readdirSync(dir)) {
    for (const f of fs.readdirSync(path.join(dir, pod))) {
      const file = path.join(dir, pod, f);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const known = KNOWN_PRODUCT_BUGS.find((b) => b.logLine?.test(line));
        if (known) {
          const t = toleratedLines.get(known.id) ?? {
            n: 0,
            first: `${pod}/${f}:${i + 1}: ${line.trim().slice(0, 300)}`,
          };
          t.n++;
          toleratedLines.set(known.id, t);
          return;
        }
        for (const r of RULES) {
          if (r.only && !r.only.test(file)) continue;
          if (r.re.test(line)) out.push(`${r.name}: ${pod}/${f}:${i + 1}: ${line.trim().slice(0, 400)}`);
        }
      });
    }
  }
  return out;
}

/** One line per kind of problem (times, pod names, namespaces, addresses, numbers masked): count and first occurrence. */
export function groupProblems(problems: string[]): string[] {
  const groups = new Map<string, { n: number; first: string }>();
  for (const p of problems) {
    const key = p
      .replace(/^([^:]+): \S+: /, '$1: ')
      .replace(/\d{4}-\d\d-\d\d[T ][\d:.,]+Z?/g, '<time>')
      .replace(/my-flink-cluster-[\w]+-[0-9a-f]{10}-[0-9a-f]{5}/g, '<pod>')
      .replace(/\b(e2e-[\w-]+|flink)(?=[:\\"/ ])/g, '<ns>')
      .replace(/127\.0\.0\.\d+/g, '<ip>')
      .replace(/\d+/g, 'N');
    const g = groups.get(key) ?? { n: 0, first: p };
    g.n++;
    groups.set(key, g);
  }
  return [...groups.values()].map((g) => `${g.n}x ${g.first}`);
}
