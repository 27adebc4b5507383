/**
 * Scans every process log of a run. A line fails the run when it shows an RBAC denial, a Flink
 * warning about a configuration key (unknown, deprecated, ignored), or an HA agent error/warning.
 */
import * as fs from 'fs';
import * as path from 'path';

const RULES: Array<{ name: string; re: RegExp; only?: RegExp }> = [
  { name: 'RBAC Forbidden', re: /\bForbidden\b|is forbidden|"code":403|HTTP 403/ },
  { name: 'Flink config key warning', re: /(WARN|WARNING).*(deprecated|[Uu]nknown|ignor(ed|ing)|not (a )?valid|unrecognized).*(key|option|config|parameter)|(WARN|WARNING).*(key|option|config|parameter).*(deprecated|[Uu]nknown|ignored)|deprecation/i },
  { name: 'agent error', re: /"level":"(error|warn)"/, only: /ha-agent\.log$/ },
  { name: 'Java exception at start', re: /InaccessibleObjectException|UnsupportedClassVersionError|ClassNotFoundException/ },
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
