import { FlinkValidationError } from '../validation/errors';

/**
 * How much a finding matters.
 * - `error`: the manifest is wrong (the operator, the API server or Flink would reject or
 *   silently ignore it), or it asks for something the conversion could not carry over.
 * - `warning`: converted, but the cluster behaves differently from the operator's, by the
 *   construct's design (its own service accounts, no savepoint-based upgrades, ...).
 * - `info`: how a field was mapped, where that is not obvious.
 */
export type FindingSeverity = 'error' | 'warning' | 'info';

/** One remark about one field of the converted manifest. */
export interface ConversionFinding {
  /** Path in the manifest, e.g. `spec.flinkConfiguration["flink.master.num-task-managers"]`. */
  readonly path: string;
  /** How much it matters. */
  readonly severity: FindingSeverity;
  /** What happened to the field, and the fix. */
  readonly message: string;
}

/** Collects findings in the order the manifest is read. */
export class FindingList {
  private readonly items: ConversionFinding[] = [];

  public error(path: string, message: string): void {
    this.add('error', path, message);
  }
  public warning(path: string, message: string): void {
    this.add('warning', path, message);
  }
  public info(path: string, message: string): void {
    this.add('info', path, message);
  }

  public add(severity: FindingSeverity, path: string, message: string): void {
    this.items.push({ path, severity, message });
  }

  public get findings(): readonly ConversionFinding[] {
    return this.items;
  }

  public get hasErrors(): boolean {
    return this.items.some((f) => f.severity === 'error');
  }
}

/** Path of a child field: `a.b` for plain names, `a["x.y"]` for keys with dots or odd characters. */
export function childPath(parent: string, key: string | number): string {
  if (typeof key === 'number') return `${parent}[${key}]`;
  return /^[A-Za-z_$][\w$]*$/.test(key) ? `${parent}.${key}` : `${parent}[${JSON.stringify(key)}]`;
}

/** Counts per severity, e.g. `2 errors, 1 warning, 0 infos`. */
export function countFindings(findings: readonly ConversionFinding[]): string {
  const n = (s: FindingSeverity) => findings.filter((f) => f.severity === s).length;
  const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? '' : 's'}`;
  return [plural(n('error'), 'error'), plural(n('warning'), 'warning'), plural(n('info'), 'info')].join(', ');
}

/**
 * The findings as a plain-text table (severity, path, message), one finding per line,
 * for terminals and CI logs.
 */
export function formatFindings(findings: readonly ConversionFinding[]): string {
  if (findings.length === 0) return 'no findings\n';
  const rows: Array<[string, string, string]> = [
    ['SEVERITY', 'PATH', 'MESSAGE'],
    ...findings.map((f): [string, string, string] => [f.severity, f.path, f.message]),
  ];
  const w0 = rows.reduce((w, r) => Math.max(w, r[0].length), 0);
  const w1 = rows.reduce((w, r) => Math.max(w, r[1].length), 0);
  return rows.map(([s, p, m]) => `${s.padEnd(w0)}  ${p.padEnd(w1)}  ${m}`.trimEnd()).join('\n') + '\n';
}

/**
 * The error strict conversion throws: one FlinkValidationError naming every error
 * finding, so a user fixes them all in one pass.
 */
export function strictConversionError(name: string, findings: readonly ConversionFinding[]): FlinkValidationError {
  const errors = findings.filter((f) => f.severity === 'error');
  const list = errors.map((f, i) => `(${i + 1}) ${f.path}: ${f.message}`).join('; ');
  return new FlinkValidationError(
    'FlinkDeployment',
    JSON.stringify(name),
    `cannot be converted: ${errors.length} error${errors.length === 1 ? '' : 's'}: ${list}`,
  );
}
