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

/** The agent's metrics, defined once. */
export function agentMetrics(): Metrics {
  return new Metrics()
    .gauge('flink_ha_agent_leader', '1 when this pod is the Flink leader, else 0')
    .gauge('flink_ha_agent_role', '1 for the current role of this pod (leader, standby, unknown)')
    .counter('flink_ha_agent_leader_transitions_total', 'Leader changes observed by this agent')
    .gauge(
      'flink_ha_agent_last_leader_change_timestamp_seconds',
      'When this agent last saw the leader change (unix seconds)',
    )
    .gauge('flink_ha_agent_lease_renew_age_seconds', "Seconds since Flink's leader lock was renewed")
    .gauge(
      'flink_ha_agent_storage_probe_latency_seconds',
      'Duration of the last HA storage write/fsync/read/delete probe',
    )
    .gauge('flink_ha_agent_storage_healthy', '1 when the last HA storage check found nothing wrong')
    .gauge('flink_ha_agent_broken_pointers', 'HA ConfigMap pointers whose files are missing from HA storage')
    .counter('flink_ha_agent_api_errors_total', 'Failed Kubernetes API calls by operation');
}
