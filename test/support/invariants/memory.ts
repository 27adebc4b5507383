import { FLINK_CONTAINER_NAME } from '../../../src/render/flink-pod';
import { flinkMemoryBytes, quantityBytes } from '../k8s/syntax';
import { ClusterView, ref } from './model';

/**
 * Flink's `*.memory.process.size` fits in the Flink container's memory limit (else the
 * kernel OOM-kills the JVM), and every container has a memory limit no lower than its request.
 */
export function memoryFitsLimits(v: ClusterView): string[] {
  const out: string[] = [];
  for (const p of v.pods) {
    const key = `${p.component}.memory.process.size`;
    const flink = (p.spec.containers ?? []).find((c: any) => c.name === FLINK_CONTAINER_NAME);
    const limit = flink?.resources?.limits?.memory;
    if (limit === undefined) {
      out.push(`${ref(p.deployment)}: ${FLINK_CONTAINER_NAME} has no memory limit`);
      continue;
    }
    const size = v.flinkConfig[key];
    if (size === undefined) out.push(`${ref(p.deployment)}: ${key} is not set`);
    else if (flinkMemoryBytes(size) > quantityBytes(limit))
      out.push(`${ref(p.deployment)}: ${key}=${size} exceeds the container limit ${limit}`);
    for (const c of [...(p.spec.initContainers ?? []), ...(p.spec.containers ?? [])]) {
      const req = c.resources?.requests?.memory;
      const lim = c.resources?.limits?.memory;
      if (lim === undefined) out.push(`${ref(p.deployment)}: ${c.name} has no memory limit`);
      else if (req !== undefined && quantityBytes(req) > quantityBytes(lim))
        out.push(`${ref(p.deployment)}: ${c.name} requests ${req} above its limit ${lim}`);
    }
  }
  return out;
}
