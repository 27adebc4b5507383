/**
 * Scans every process log of a run. A line fails the run when it shows an RBAC denial, a Flink
 * warning about a configuration key (unknown, deprecated, ignored), or an HA agent error.
 */
import * as fs from 'fs';
import * as path from 'path';

const RULES: Array<{ name: string; re: RegExp; only?: RegExp }> = [
  { name: 'RBAC Forbidden', re: /\bForbidden\b|is forbidden|"code":403|HTTP 403/ },
  {
    name: 'Flink config key warning',
    re: /(WARN|WARNING).*(deprecated|[Uu]nknown|ignor(ed|ing)|not (a )?valid|unrecognized).*(key|option|config|parameter)|(WARN|WARNING).*(key|option|config|parameter).*(deprecated|[Uu]nknown|ignored)|deprecation/i,
  },
  // Errors only: a warning (a write skipped while the previous one hangs under API-server load) is reported in /status, not a fault.
  { name: 'agent error', re: /"level":"error"/, only: /ha-agent\.log$/ },
  {
    name: 'Java exception at start',
    re: /InaccessibleObjectException|UnsupportedClassVersionError|ClassNotFoundException/,
  },
];

export function scanLogs(dir: string): string[] {
  const out: string[] = [];
  if (!fs.existsSync(dir)) return out;
  for (const pod of fs.readdirSync(dir)) {
    for (const f of fs.readdirSync(path.join(dir, pod))) {
      const file = path.join(dir, pod, f);
      const lines = fs.readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
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
