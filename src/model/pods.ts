import { Size } from 'cdk8s';
import { PodsModel } from './cluster-model';
import { resolveVolumes } from './pod-volumes';
import { FlinkPodProps } from '../props/cluster-props';
import { fail } from '../validation/errors';
import {
  requireAnnotations,
  requireEnvFrom,
  requireEnvVarName,
  requireLabels,
  requireList,
  requireObject,
  requireTolerations,
} from '../validation/k8s-syntax';
import { requireK8s } from '../validation/known-fields';
import { isCredentialName } from '../validation/credential-names';
import { requireNumber, sizeMebibytes } from '../validation/values';

/** Env names the construct sets itself, with the reason. */
const RESERVED_ENV: ReadonlyMap<string, string> = new Map(
  Object.entries({
    POD_IP: 'it carries the pod IP each JobManager advertises',
    JOB_MANAGER_RPC_ADDRESS:
      'the construct sets the address each JobManager advertises (its pod IP with HA); a fixed value would break ' +
      'leader election',
    FLINK_PROPERTIES: 'it would override the generated config; use flinkConfiguration',
    ENABLE_BUILT_IN_PLUGINS: 'filesystem plugins are enabled from the storage URIs',
  }),
);

const inlineEnvCredential = (name: string) =>
  `would write a credential into the Deployment, and so into your Git repository; take it from a Secret: ` +
  `{ name: "${name}", valueFrom: { secretKeyRef: { name: "<secret>", key: "<key>" } } }, or envFrom with a secretRef`;
const limitUnderRequest = (cpu: number) =>
  `is below the CPU request (resources.cpu: ${cpu}); Kubernetes refuses a limit under the request. ` +
  'Raise cpuLimit or leave it out';
const processOverLimit = (memoryMiB: number) =>
  `exceeds the container memory limit (${memoryMiB}Mi); the kernel would kill the JVM. Lower processSize or raise memory`;
const processTooSmall = (minMiB: number) =>
  `is below what Flink's memory model can derive components from; use at least Size.mebibytes(${minMiB})`;

/** Rules for one pod group: resources that Kubernetes and Flink's memory model accept, env, volumes, placement. */
export function resolvePods(
  prop: string,
  props: FlinkPodProps | undefined,
  replicas: number,
  defaultMiB: number,
  minMiB: number,
): PodsModel {
  const r = requireObject(`${prop}.resources`, props?.resources ?? {}, '{ cpu: 1, memory: Size.mebibytes(2048) }');
  const cpu = requireNumber(`${prop}.resources.cpu`, r.cpu ?? 1, 0.001, 256);
  const cpuLimit =
    r.cpuLimit === undefined ? undefined : requireNumber(`${prop}.resources.cpuLimit`, r.cpuLimit, 0.001, 256);
  if (cpuLimit !== undefined && cpuLimit < cpu) fail(`${prop}.resources.cpuLimit`, cpuLimit, limitUnderRequest(cpu));
  const memoryMiB = sizeMebibytes(`${prop}.resources.memory`, r.memory ?? Size.mebibytes(defaultMiB));
  const processMiB =
    r.processSize === undefined ? memoryMiB : sizeMebibytes(`${prop}.resources.processSize`, r.processSize);
  if (processMiB > memoryMiB)
    fail(`${prop}.resources.processSize`, Size.mebibytes(processMiB), processOverLimit(memoryMiB));
  if (processMiB < minMiB) {
    const which = r.processSize === undefined ? 'memory' : 'processSize';
    fail(`${prop}.resources.${which}`, Size.mebibytes(processMiB), processTooSmall(minMiB));
  }
  return {
    replicas,
    cpu,
    cpuLimit,
    memoryMiB,
    processMiB,
    nodeSelector: requireLabels(`${prop}.nodeSelector`, props?.nodeSelector ?? {}),
    tolerations: requireTolerations(`${prop}.tolerations`, props?.tolerations ?? []),
    affinity: requireK8s(
      `${prop}.affinity`,
      requireObject(`${prop}.affinity`, props?.affinity ?? {}, '{ nodeAffinity: { ... } }'),
      'k8s.Affinity',
    ),
    env: resolveEnv(`${prop}.env`, props?.env),
    envFrom: requireEnvFrom(`${prop}.envFrom`, props?.envFrom ?? []),
    volumes: resolveVolumes(`${prop}.volumes`, props?.volumes),
    podAnnotations: requireAnnotations(`${prop}.podAnnotations`, props?.podAnnotations ?? {}),
    podLabels: requireLabels(`${prop}.podLabels`, props?.podLabels ?? {}),
  };
}

function resolveEnv(prop: string, given: FlinkPodProps['env']): NonNullable<FlinkPodProps['env']> {
  const env = requireList(prop, given ?? [], 'EnvVar objects', '[{ name: "TZ", value: "UTC" }]');
  env.forEach((e, i) => {
    requireObject(`${prop}[${i}]`, e, '{ name: "TZ", value: "UTC" }');
    const name = requireEnvVarName(`${prop}[${i}].name`, e.name);
    const why = RESERVED_ENV.get(name);
    if (why) fail(`${prop}[${i}].name`, name, `is reserved: ${why}`);
    // The value of a credential is never echoed.
    if (isCredentialName(name) && e.value !== undefined && e.value !== '')
      fail(`${prop}[${i}].value`, '(hidden)', inlineEnvCredential(name));
  });
  return requireK8s(prop, [...env], 'k8s.EnvVar[]');
}
