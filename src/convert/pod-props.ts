import { Size } from 'cdk8s';
import { ComponentName } from './components';
import { FindingList } from './conversion-report';
import { isMap, Obj } from './manifest';
import { PodTemplateProps } from './pod-template';
import { parseCpu, parseMemoryBytes, toMebibytes } from './quantities';
import { Sourced } from './read-flink-configuration';
import { FlinkPodProps, FlinkResourcesProps } from '../props/cluster-props';

const MIB = 1024 * 1024;
const mib = (bytes: number) => (bytes % MIB === 0 ? `${bytes / MIB}Mi` : `${bytes} bytes`);

const badCpu = (v: unknown) => `${JSON.stringify(v)} is not a CPU amount such as 1, 0.5 or "500m"; not mapped`;
const badMemory = (v: unknown) =>
  `${JSON.stringify(v)} is not a memory size such as "1024Mi", "1Gi" or "1024m"; not mapped`;
const noEphemeralStorage = () => 'has no equivalent: the construct requests no ephemeral storage; not mapped';
const processSizeDisagrees = (process: number, memory: number, base: string) =>
  `(${mib(process)}) disagrees with ${base}.memory (${mib(memory)}); the operator sets the process size from ${base}.memory and so does the conversion`;
const notWholeMib = (m: number) => `is not a whole number of MiB; rounded down to ${m}Mi`;

/** Resources and pod additions of one component. */
export function podProps(
  name: ComponentName,
  c: Obj,
  processBytes: Sourced<number> | undefined,
  pods: PodTemplateProps,
  skipVolume: string | undefined,
  findings: FindingList,
): FlinkPodProps {
  const resources = readResources(name, c, processBytes, findings);
  const volumes = pods.volumes.filter((v) => v.volume.name !== skipVolume).map(({ path: _path, ...v }) => v);
  return {
    ...(Object.keys(resources).length ? { resources } : {}),
    ...(Object.keys(pods.nodeSelector).length ? { nodeSelector: pods.nodeSelector } : {}),
    ...(pods.tolerations.length ? { tolerations: pods.tolerations } : {}),
    ...(pods.affinity ? { affinity: pods.affinity } : {}),
    ...(pods.env.length ? { env: pods.env } : {}),
    ...(pods.envFrom.length ? { envFrom: pods.envFrom } : {}),
    ...(volumes.length ? { volumes } : {}),
    ...(Object.keys(pods.podAnnotations).length ? { podAnnotations: pods.podAnnotations } : {}),
    ...(Object.keys(pods.podLabels).length ? { podLabels: pods.podLabels } : {}),
  };
}

/** `spec.<component>.resource` (cpu, memory) and the process size from the Flink configuration. */
function readResources(
  name: ComponentName,
  c: Obj,
  processBytes: Sourced<number> | undefined,
  findings: FindingList,
): FlinkResourcesProps {
  const r = isMap(c.resource) ? c.resource : {};
  const base = `spec.${name}.resource`;
  let cpu: number | undefined;
  if (r.cpu !== undefined) {
    cpu = parseCpu(r.cpu);
    if (cpu === undefined) findings.error(`${base}.cpu`, badCpu(r.cpu));
  }
  let memBytes: number | undefined;
  if (r.memory !== undefined) {
    memBytes = parseMemoryBytes(r.memory);
    if (memBytes === undefined) findings.error(`${base}.memory`, badMemory(r.memory));
  }
  if (r.ephemeralStorage !== undefined) findings.error(`${base}.ephemeralStorage`, noEphemeralStorage());
  if (memBytes !== undefined && processBytes && processBytes.value !== memBytes)
    findings.warning(processBytes.path, processSizeDisagrees(processBytes.value, memBytes, base));
  const bytes = memBytes ?? processBytes?.value;
  let memory: Size | undefined;
  if (bytes !== undefined) {
    const m = toMebibytes(bytes);
    if (!m.exact) findings.warning(memBytes !== undefined ? `${base}.memory` : processBytes!.path, notWholeMib(m.mib));
    if (m.mib > 0) memory = Size.mebibytes(m.mib);
  }
  return { ...(cpu !== undefined ? { cpu } : {}), ...(memory ? { memory } : {}) };
}
