import { Chart, Testing } from 'cdk8s';
import { FlinkCluster, FlinkClusterProps } from '../../src';

/** A synthesized Kubernetes object, loosely typed for assertions. */
export type K8sObject = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [key: string]: any;
};

/** Synthesizes one FlinkCluster in a chart with namespace "flink" and returns its objects. */
export function synthCluster(
  props: FlinkClusterProps,
  opts: { id?: string; namespace?: string | null } = {},
): { cluster: FlinkCluster; objects: K8sObject[] } {
  const app = Testing.app();
  const chart = new Chart(app, 'test', opts.namespace === null ? {} : { namespace: opts.namespace ?? 'flink' });
  const cluster = new FlinkCluster(chart, opts.id ?? 'Flink', props);
  return { cluster, objects: Testing.synth(chart) as K8sObject[] };
}

export function find(objects: K8sObject[], kind: string, name: string): K8sObject {
  const o = objects.find((x) => x.kind === kind && x.metadata.name === name);
  if (!o) throw new Error(`no ${kind} ${name} among ${objects.map((x) => `${x.kind}/${x.metadata.name}`).join(', ')}`);
  return o;
}

export function ofKind(objects: K8sObject[], kind: string): K8sObject[] {
  return objects.filter((x) => x.kind === kind);
}

/**
 * Objects as snapshots show them: the agent bundle's content and content hash are
 * replaced by placeholders, so snapshots follow the construct, not the agent's code
 * (dist/ and the agent's own tests cover the bundle).
 */
export function forSnapshot(objects: K8sObject[]): K8sObject[] {
  const text = JSON.stringify(objects).replace(/-ha-agent-[0-9a-f]{10}\b/g, '-ha-agent-<bundle-hash>');
  return (JSON.parse(text) as K8sObject[]).map((o) =>
    o.kind === 'ConfigMap' && o.data?.['ha-agent.js'] ? { ...o, data: { 'ha-agent.js': '<bundled HA agent>' } } : o,
  );
}
