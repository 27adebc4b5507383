import { Size } from 'cdk8s';
import { ComponentName } from './components';
import { PodOptions, Sourced } from './config-intent';
import { FindingList } from './conversion-report';
import { isMap, Obj } from './manifest';
import { PodTemplateProps } from './pod-template';
import { parseCpu, parseMemoryBytes, toMebibytes } from './quantities';
import { FlinkPodProps, FlinkResourcesProps } from '../props/cluster-props';

const MIB = 1024 * 1024;
const mib = (bytes: number) => (bytes % MIB === 0 ? `${bytes / MIB}Mi` : `${bytes} bytes`);

const badCpu = (v: unknown) => `${JSON.stringify(v)} is not a CPU amount such as 1, 0.5 or "500m"; not mapped`;
const badMemory = (v: unknown) =>
  `${JSON.stringify(v)} is not a memory size such as "1024Mi", "1Gi" or "1024m"; not mapped`;
const noEphemeralStorage = () =>
  'has no equivalent: the operator requests and limits this much ephemeral storage for the Flink container, the construct sets none (the node and namespace defaults apply); not mapped';
const processSizeDisagrees = (process: number, memory: number, base: string) =>
  `(${mib(process)}) disagrees with ${base}.memory (${mib(memory)}); the operator sets the process size from ${base}.memory and so does the conversion`;
const notWholeMib = (m: number) => `is not a whole number of MiB; rounded down to ${m}Mi`;
const memoryLimitFactor = (factor: number) =>
  `(${factor}): the operator's pods may use ${factor} times their memory request; the construct sets the memory limit equal to the request; not mapped`;
const requestsDifferFromLimits = (base: string) =>
  `${base}: the memory request and limit differ; the construct sets both to one size (the limit is used); converted with the limit`;
const resourcesField = (base: string) =>
  `${base} (a Kubernetes ResourceRequirements, in the operator's main branch, not in a release up to 1.14) mapped: requests.cpu to resources.cpu, limits.cpu to resources.cpuLimit, memory to resources.memory`;

/** The component's resources as the operator's pods get them. */
interface ResourceRead {
  readonly name: ComponentName;
  readonly base: string;
  readonly findings: FindingList;
}

/** Resources and pod additions of one component. */
export function podProps(
  name: ComponentName,
  c: Obj,
  processBytes: Sourced<number> | undefined,
  options: PodOptions,
  pods: PodTemplateProps,
  skipVolume: string | undefined,
  findings: FindingList,
): FlinkPodProps {
  const resources = readResources({ name, base: `spec.${name}.resource`, findings }, c, processBytes, options);
  const volumes = pods.volumes.filter((v) => v.volume.name !== skipVolume).map(({ path: _path, ...v }) => v);
  return {
    resources,
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

/**
 * CPU and memory as the operator's pods get them: the request from `resource.cpu` (else
 * `kubernetes.<component>.cpu.amount`, else Flink's 1.0), the limit the request times the
 * CPU limit factor (Flink's default 1.0); memory from `resource.memory`, else the process size.
 */
function readResources(
  r: ResourceRead,
  c: Obj,
  processBytes: Sourced<number> | undefined,
  options: PodOptions,
): FlinkResourcesProps {
  const res = isMap(c.resource) ? c.resource : {};
  const fromField = readResourcesField(r, c.resources);
  let cpu: number | undefined = fromField.cpu ?? options.cpu?.value;
  if (res.cpu !== undefined) {
    cpu = parseCpu(res.cpu) ?? cpu;
    if (parseCpu(res.cpu) === undefined) r.findings.error(`${r.base}.cpu`, badCpu(res.cpu));
  }
  const request = cpu ?? 1;
  const cpuLimit = fromField.cpuLimit ?? request * (options.cpuLimitFactor?.value ?? 1);
  if (res.ephemeralStorage !== undefined) r.findings.error(`${r.base}.ephemeralStorage`, noEphemeralStorage());
  if (options.memoryLimitFactor && options.memoryLimitFactor.value !== 1)
    r.findings.warning(options.memoryLimitFactor.path, memoryLimitFactor(options.memoryLimitFactor.value));
  const memory = readMemory(r, res, fromField.memoryBytes, processBytes);
  return { ...(cpu !== undefined ? { cpu } : {}), cpuLimit, ...(memory ? { memory } : {}) };
}

function readMemory(
  r: ResourceRead,
  res: Obj,
  fromField: number | undefined,
  processBytes: Sourced<number> | undefined,
): Size | undefined {
  let memBytes: number | undefined = fromField;
  if (res.memory !== undefined) {
    memBytes = parseMemoryBytes(res.memory) ?? memBytes;
    if (parseMemoryBytes(res.memory) === undefined) r.findings.error(`${r.base}.memory`, badMemory(res.memory));
  }
  if (memBytes !== undefined && processBytes && processBytes.value !== memBytes)
    r.findings.warning(processBytes.path, processSizeDisagrees(processBytes.value, memBytes, r.base));
  const bytes = memBytes ?? processBytes?.value;
  if (bytes === undefined) return undefined;
  const m = toMebibytes(bytes);
  if (!m.exact)
    r.findings.warning(memBytes !== undefined ? `${r.base}.memory` : processBytes!.path, notWholeMib(m.mib));
  return m.mib > 0 ? Size.mebibytes(m.mib) : undefined;
}

/** `spec.<component>.resources`: requests and limits as Kubernetes writes them. */
function readResourcesField(r: ResourceRead, raw: unknown): { cpu?: number; cpuLimit?: number; memoryBytes?: number } {
  const base = `spec.${r.name}.resources`;
  if (raw === undefined) return {};
  if (!isMap(raw)) {
    r.findings.error(base, `${JSON.stringify(raw)} is not a ResourceRequirements object; not mapped`);
    return {};
  }
  const requests = isMap(raw.requests) ? raw.requests : {};
  const limits = isMap(raw.limits) ? raw.limits : {};
  const cpu = requests.cpu === undefined ? undefined : parseCpu(requests.cpu);
  const cpuLimit = limits.cpu === undefined ? undefined : parseCpu(limits.cpu);
  const memRequest = requests.memory === undefined ? undefined : parseMemoryBytes(requests.memory);
  const memLimit = limits.memory === undefined ? undefined : parseMemoryBytes(limits.memory);
  r.findings.info(base, resourcesField(base));
  if (memRequest !== undefined && memLimit !== undefined && memRequest !== memLimit)
    r.findings.warning(base, requestsDifferFromLimits(base));
  for (const [kind, list] of [
    ['requests', requests],
    ['limits', limits],
  ] as const) {
    for (const key of Object.keys(list).filter((k) => k !== 'cpu' && k !== 'memory'))
      r.findings.error(
        `${base}.${kind}["${key}"]`,
        `the construct has no prop for a ${key} ${kind.slice(0, -1)}; not mapped`,
      );
  }
  return { cpu, cpuLimit, memoryBytes: memLimit ?? memRequest };
}
