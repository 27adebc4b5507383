import { ClusterView, PodGroup, ref } from './model';
import { labelSelectorSelects } from './selectors';

/** Whether one ingress rule peer admits a source pod in the policy's namespace. */
function peerAdmits(peer: any, source: PodGroup, policyNamespace: string): boolean {
  if (peer.ipBlock) return false; // pod IPs are not known at synth time; do not count on it
  const sameNamespace = source.namespace === policyNamespace;
  if (peer.namespaceSelector === undefined && !sameNamespace) return false;
  // A namespaceSelector with labels cannot be evaluated without the namespace's labels;
  // only the empty selector (all namespaces) or the metadata.name label counts.
  if (peer.namespaceSelector !== undefined) {
    const nsLabels = { 'kubernetes.io/metadata.name': source.namespace };
    if (!labelSelectorSelects(peer.namespaceSelector, nsLabels)) return false;
  }
  return peer.podSelector === undefined || labelSelectorSelects(peer.podSelector, source.labels);
}

/** Whether a rule's ports admit `port` on the target (numbers, or names of the target's containerPorts). */
function portAdmits(ports: any[] | undefined, port: number, target: PodGroup): boolean {
  if (!ports || ports.length === 0) return true;
  const named = [...(target.spec.containers ?? []), ...(target.spec.initContainers ?? [])]
    .flatMap((c: any) => c.ports ?? [])
    .filter((cp: any) => cp.containerPort === port)
    .map((cp: any) => cp.name);
  return ports.some(
    (p) =>
      (p.protocol ?? 'TCP') === 'TCP' &&
      (p.port === undefined ||
        (typeof p.port === 'number'
          ? p.port === port || (p.endPort !== undefined && p.port <= port && port <= p.endPort)
          : named.includes(p.port))),
  );
}

/** Whether the NetworkPolicies of the objects let `source` reach `target` on TCP `port` (Kubernetes' union semantics). */
export function ingressAllowed(v: ClusterView, source: PodGroup, target: PodGroup, port: number): boolean {
  const policies = v.objects.filter(
    (o) =>
      o.kind === 'NetworkPolicy' &&
      o.metadata.namespace === target.namespace &&
      labelSelectorSelects(o.spec?.podSelector, target.labels) &&
      (o.spec?.policyTypes ?? ['Ingress']).includes('Ingress'),
  );
  if (policies.length === 0) return true;
  return policies.some((pol) =>
    (pol.spec.ingress ?? []).some(
      (rule: any) =>
        (rule.from === undefined ||
          rule.from.length === 0 ||
          rule.from.some((peer: any) => peerAdmits(peer, source, pol.metadata.namespace ?? ''))) &&
        portAdmits(rule.ports, port, target),
    ),
  );
}

/**
 * The cluster's own traffic passes its NetworkPolicies: TaskManagers reach the
 * JobManagers' RPC and blob ports, JobManagers reach TaskManager RPC, TaskManagers reach
 * each other's data port, and JobManagers reach each other's RPC port (standbys).
 */
export function networkPoliciesAdmitClusterTraffic(v: ClusterView): string[] {
  const out: string[] = [];
  const jm = v.pods.filter((p) => p.component === 'jobmanager');
  const tm = v.pods.filter((p) => p.component === 'taskmanager');
  const port = (key: string) => Number(v.flinkConfig[key]);
  const flows: Array<[string, PodGroup[], PodGroup[], string]> = [
    ['TaskManager -> JobManager', tm, jm, 'jobmanager.rpc.port'],
    ['TaskManager -> JobManager', tm, jm, 'blob.server.port'],
    ['JobManager -> TaskManager', jm, tm, 'taskmanager.rpc.port'],
    ['TaskManager -> TaskManager', tm, tm, 'taskmanager.data.port'],
    ['JobManager -> JobManager', jm, jm, 'jobmanager.rpc.port'],
    // The leader's REST server fetches the web UI's metrics from every metric query service.
    ['JobManager -> TaskManager', jm, tm, 'metrics.internal.query-service.port'],
    ['JobManager -> JobManager', jm, jm, 'metrics.internal.query-service.port'],
  ];
  if (v.flinkConfig['high-availability.jobmanager.port'])
    flows.push(['TaskManager -> JobManager', tm, jm, 'high-availability.jobmanager.port']);
  for (const [what, sources, targets, key] of flows) {
    for (const s of sources) {
      for (const t of targets) {
        if (!ingressAllowed(v, s, t, port(key)))
          out.push(`${what}: ${ref(s.deployment)} cannot reach ${ref(t.deployment)} on ${key}=${port(key)}`);
      }
    }
  }
  return out;
}
