/** A tiny Prometheus text-format registry: gauges and counters with optional labels. */

type Labels = { readonly [name: string]: string };

interface Family {
  readonly help: string;
  readonly type: 'gauge' | 'counter';
  readonly values: Map<string, { labels: Labels; value: number }>;
}

const key = (labels: Labels) =>
  JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((k) => [k, labels[k]]),
  );
const escape = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export class Metrics {
  private readonly families = new Map<string, Family>();

  public gauge(name: string, help: string): this {
    return this.define(name, help, 'gauge');
  }

  public counter(name: string, help: string): this {
    return this.define(name, help, 'counter');
  }

  public set(name: string, value: number, labels: Labels = {}): void {
    this.family(name).values.set(key(labels), { labels, value });
  }

  public inc(name: string, labels: Labels = {}, by = 1): void {
    const f = this.family(name);
    const k = key(labels);
    f.values.set(k, { labels, value: (f.values.get(k)?.value ?? 0) + by });
  }

  public get(name: string, labels: Labels = {}): number | undefined {
    return this.family(name).values.get(key(labels))?.value;
  }

  /** Prometheus text exposition format 0.0.4. */
  public render(): string {
    const lines: string[] = [];
    for (const [name, f] of this.families) {
      lines.push(`# HELP ${name} ${f.help}`, `# TYPE ${name} ${f.type}`);
      for (const { labels, value } of f.values.values()) {
        const l = Object.keys(labels)
          .sort()
          .map((k) => `${k}="${escape(labels[k])}"`)
          .join(',');
        lines.push(`${name}${l ? `{${l}}` : ''} ${Number.isFinite(value) ? value : 'NaN'}`);
      }
    }
    return lines.join('\n') + '\n';
  }

  private define(name: string, help: string, type: 'gauge' | 'counter'): this {
    if (!this.families.has(name)) this.families.set(name, { help, type, values: new Map() });
    return this;
  }

  private family(name: string): Family {
    const f = this.families.get(name);
    if (!f) throw new Error(`metric ${name} is not defined`);
    return f;
  }
}
