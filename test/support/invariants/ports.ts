import { allContainers, ClusterView, ref } from './model';
import { FLINK_CONTAINER_NAME } from '../../../src/render/flink-pod';

/** Flink config keys naming ports, and which component listens on each. */
const PORT_KEYS: Array<[key: string, component: 'jobmanager' | 'taskmanager' | 'both']> = [
  ['rest.port', 'jobmanager'],
  ['jobmanager.rpc.port', 'jobmanager'],
  ['blob.server.port', 'jobmanager'],
  ['high-availability.jobmanager.port', 'jobmanager'],
  ['taskmanager.rpc.port', 'taskmanager'],
  ['taskmanager.data.port', 'taskmanager'],
  ['metrics.reporter.prom.port', 'both'],
  ['metrics.internal.query-service.port', 'both'],
];

/** Every port Flink is configured to listen on is a containerPort of the Flink container of the pods that listen on it. */
export function flinkPortsAreContainerPorts(v: ClusterView): string[] {
  const out: string[] = [];
  for (const [key, component] of PORT_KEYS) {
    const value = v.flinkConfig[key];
    if (value === undefined) continue;
    if (!/^\d+$/.test(value)) {
      out.push(`${key}: "${value}" is not a single pinned port (ranges cannot be containerPorts)`);
      continue;
    }
    const port = Number(value);
    const groups = v.pods.filter((p) => component === 'both' || p.component === component);
    if (groups.length === 0) out.push(`${key}: no ${component} Deployment`);
    for (const p of groups) {
      const flink = (p.spec.containers ?? []).find((c: any) => c.name === FLINK_CONTAINER_NAME);
      if (!(flink?.ports ?? []).some((cp: any) => cp.containerPort === port))
        out.push(`${ref(p.deployment)}: ${key}=${port} is not a containerPort of ${FLINK_CONTAINER_NAME}`);
    }
  }
  for (const key of [
    'rest.port',
    'jobmanager.rpc.port',
    'blob.server.port',
    'taskmanager.rpc.port',
    'taskmanager.data.port',
    'metrics.internal.query-service.port',
  ]) {
    if (v.flinkConfig[key] === undefined)
      out.push(`${key} is not pinned: Flink would pick a port no containerPort or NetworkPolicy names`);
  }
  return out;
}

/** Container port names are unique within a pod, and named probe ports exist in their container. */
export function containerPortNamesResolve(v: ClusterView): string[] {
  const out: string[] = [];
  for (const p of v.pods) {
    const names = allContainers(p.spec).flatMap((c) => (c.ports ?? []).map((cp: any) => cp.name).filter(Boolean));
    const dup = names.filter((n, i) => names.indexOf(n) !== i);
    if (dup.length) out.push(`${ref(p.deployment)}: duplicate container port names ${dup.join(', ')}`);
    for (const c of allContainers(p.spec)) {
      for (const probe of ['startupProbe', 'livenessProbe', 'readinessProbe']) {
        const port = c[probe]?.tcpSocket?.port ?? c[probe]?.httpGet?.port;
        if (typeof port === 'string' && !(c.ports ?? []).some((cp: any) => cp.name === port)) {
          out.push(
            `${ref(p.deployment)}: ${c.name}.${probe} names port "${port}", which the container does not declare`,
          );
        }
      }
    }
  }
  return out;
}
