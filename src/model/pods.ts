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
  requireUnreserved,
} from '../validation/k8s-syntax';
import { Component, selectorLabels } from './labels';
import { ROLE_LABEL } from '../agent/contract';
import { requireK8s } from '../validation/known-fields';
import { credentialInJvmOptions, isCredentialName } from '../validation/credential-names';
import { requireNumber, sizeMebibytes } from '../validation/values';

/** Why Flink's Kubernetes client settings are not the user's to change. */
const KUBERNETES_CLIENT =
  "Flink's Kubernetes client (fabric8) takes the API server address, token, CA and TLS checks from KUBECONFIG and " +
  "KUBERNETES_* variables: another value could send the pod's service-account token elsewhere, switch off " +
  'certificate checks or move HA to another namespace';

/**
 * Env names the construct sets itself, or that the official image's entrypoint, Flink's
 * scripts or Flink's Kubernetes client read in a way that undoes what the construct set up,
 * each with the reason. Left open on purpose: JVM_ARGS (Flink's scripts put the memory
 * model's flags after it), FLINK_ENV_JAVA_OPTS_JM/_TM (they replace only
 * env.java.opts.jobmanager/taskmanager, which the construct does not set), FLINK_BIN_DIR
 * (the scripts overwrite it), FLINK_OPT_DIR and FLINK_LOG_DIR (logs go to the console),
 * DISABLE_JEMALLOC, JAVA_HOME, HADOOP_CONF_DIR.
 */
const RESERVED_ENV: ReadonlyMap<string, string> = new Map(
  Object.entries({
    POD_IP: 'it carries the pod IP each JobManager advertises',
    JOB_MANAGER_RPC_ADDRESS:
      'the construct sets the address each JobManager advertises (its pod IP with HA); a fixed value would break ' +
      'leader election',
    FLINK_PROPERTIES: 'it would override the generated config; use flinkConfiguration',
    ENABLE_BUILT_IN_PLUGINS: 'filesystem plugins are enabled from the storage URIs',
    TASK_MANAGER_NUMBER_OF_TASK_SLOTS:
      "the image's entrypoint writes it over taskmanager.numberOfTaskSlots, so the slots would differ from the ones " +
      'the parallelism checks count; use taskManager.taskSlots',
    FLINK_HOME:
      "the image's entrypoint runs $FLINK_HOME/bin/*.sh and writes $FLINK_HOME/conf; another value starts another " +
      'installation, or none',
    FLINK_CONF_DIR:
      "Flink's scripts would read the configuration and log settings from that folder instead of the generated ones; " +
      'use flinkConfiguration and logLevel',
    FLINK_LIB_DIR: "Flink's scripts build the classpath from it; another folder leaves Flink's own jars out",
    FLINK_PLUGINS_DIR:
      'Flink loads plugins from it; the construct lays the filesystem plugins your storage URIs need into ' +
      '/opt/flink/plugins',
    FLINK_ENV_JAVA_OPTS:
      "Flink's scripts would then ignore env.java.opts.all of the config file, which carries the module options " +
      'Java 17 needs; use flinkConfiguration["env.java.opts.all"], which is appended to them',
    KUBECONFIG: KUBERNETES_CLIENT,
  }),
);

/** Env name prefixes nobody may set, with the reason. */
const RESERVED_ENV_PREFIXES: ReadonlyArray<[string, string]> = [['KUBERNETES_', KUBERNETES_CLIENT]];

/**
 * The first JVM system property of Flink's Kubernetes client (fabric8) a list of JVM options
 * sets (`-Dkubernetes.master=...`, `-Dkubernetes.trust.certificates=true`, `-Dkubeconfig=...`):
 * fabric8 reads each setting from a system property before the KUBERNETES_* variable of the
 * same name, so these undo what the reserved variables protect.
 */
export function kubernetesClientOption(options: string): string | undefined {
  return /(?:^|\s)["']?-D(kubernetes\.[^=\s"']*|kubeconfig)(?:=|\s|["']|$)/i.exec(options)?.[1];
}

/** Why a JVM option may not set one of fabric8's system properties. */
export const kubernetesClientInOptions = (property: string) =>
  `sets the system property ${property}, which Flink's Kubernetes client (fabric8) reads before its KUBECONFIG ` +
  "and KUBERNETES_* variables: another value could send the pod's service-account token elsewhere, switch off " +
  'certificate checks or move HA to another namespace; remove it';

/** Why the Flink container's env may not set `name`, or undefined when it may. */
export function reservedEnv(name: string): string | undefined {
  return RESERVED_ENV.get(name) ?? RESERVED_ENV_PREFIXES.find(([p]) => name.startsWith(p))?.[1];
}

const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const SECCOMP_POD = 'seccomp.security.alpha.kubernetes.io/pod';
const SECCOMP_PREFIX = 'container.seccomp.security.alpha.kubernetes.io/';
/** CRI-O annotations that swap the seccomp profile or pass host devices in, around the security context. */
const RUNTIME_OVERRIDES = [/^seccomp-profile\.kubernetes\.cri-o\.io\//, /^io\.kubernetes\.cri-o\.Devices$/];

const appArmorOff = () =>
  'switches AppArmor confinement off (the "restricted" Pod Security Standard the construct\'s pods meet allows ' +
  'only runtime/default or localhost/<profile>); remove it';
const seccompOverride = () =>
  'would replace the RuntimeDefault seccomp profile the construct sets on the pod and every container (and a value ' +
  'that disagrees with that field makes the API server refuse the pods); remove it';
const runtimeOverride = () =>
  "asks the container runtime (CRI-O) to swap the seccomp profile or pass host devices in, around the pod's " +
  'security context; remove it';
const valueOrSource = () =>
  'must set either value or valueFrom with exactly one of secretKeyRef, configMapKeyRef, fieldRef or resourceFieldRef ' +
  '(Kubernetes refuses anything else)';
const duplicateEnv = () => 'names two variables (the later one would silently win); set each variable once';
const inlineEnvCredential = (name: string) =>
  `would write a credential into the Deployment, and so into your Git repository; take it from a Secret: ` +
  `{ name: "${name}", valueFrom: { secretKeyRef: { name: "<secret>", key: "<key>" } } }, or envFrom with a secretRef`;
const credentialInEnvOptions = (property: string) =>
  `sets the credential ${property} inline (-D${property}=...), which would write it into the Deployment, and so into ` +
  'your Git repository; read it from a mounted Secret file instead';
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
    envFrom: resolveEnvFrom(`${prop}.envFrom`, props?.envFrom),
    volumes: resolveVolumes(`${prop}.volumes`, props?.volumes),
    ...resolvePodMetadata(prop, props),
  };
}

/**
 * Rule: env variables the construct sets from other props (the object store's credentials
 * file) may not be set again in a pod group's env, where the user's value would silently win.
 */
export function forbidOwnedEnv(prop: string, pods: PodsModel, owned: ReadonlyMap<string, string>): void {
  pods.env.forEach((e, i) => {
    const owner = owned.get(e.name);
    if (owner) fail(`${prop}.env[${i}].name`, e.name, `is set by the construct from ${owner}; remove it here`);
  });
}

function resolveEnv(prop: string, given: FlinkPodProps['env']): NonNullable<FlinkPodProps['env']> {
  const env = requireList(prop, given ?? [], 'EnvVar objects', '[{ name: "TZ", value: "UTC" }]');
  const names = new Set<string>();
  env.forEach((e, i) => {
    requireObject(`${prop}[${i}]`, e, '{ name: "TZ", value: "UTC" }');
    const name = requireEnvVarName(`${prop}[${i}].name`, e.name);
    if (names.has(name)) fail(`${prop}[${i}].name`, name, duplicateEnv());
    names.add(name);
    const why = reservedEnv(name);
    if (why) fail(`${prop}[${i}].name`, name, `is reserved: ${why}`);
    // The value of a credential is never echoed.
    if (isCredentialName(name) && e.value !== undefined && e.value !== '')
      fail(`${prop}[${i}].value`, '(hidden)', inlineEnvCredential(name));
    const inOptions = typeof e.value === 'string' ? credentialInJvmOptions(e.value) : undefined;
    if (inOptions) fail(`${prop}[${i}].value`, '(hidden)', credentialInEnvOptions(inOptions));
    const client = typeof e.value === 'string' ? kubernetesClientOption(e.value) : undefined;
    if (client) fail(`${prop}[${i}].value`, e.value, kubernetesClientInOptions(client));
  });
  requireK8s(prop, env, 'k8s.EnvVar[]');
  env.forEach((e, i) => {
    const sources = e.valueFrom === undefined ? 0 : Object.values(e.valueFrom).filter((v) => v !== undefined).length;
    if (e.valueFrom !== undefined && (e.value !== undefined || sources !== 1))
      fail(`${prop}[${i}]`, e.name, valueOrSource());
  });
  return [...env];
}

/** Rule: an envFrom prefix may not make every variable of its source a reserved one (`KUBERNETES_`). */
function resolveEnvFrom(prop: string, given: FlinkPodProps['envFrom']): NonNullable<FlinkPodProps['envFrom']> {
  const envFrom = requireEnvFrom(prop, given ?? []);
  envFrom.forEach((s, i) => {
    const why = s.prefix === undefined ? undefined : reservedEnv(s.prefix);
    if (why) fail(`${prop}[${i}].prefix`, s.prefix, `makes every variable of the source reserved: ${why}`);
  });
  return envFrom;
}

/** The construct's own label and annotation prefix (the HA agent's role label, the config checksum). */
const OWN_PREFIX = ROLE_LABEL.slice(0, ROLE_LABEL.indexOf('/') + 1);
const OWN_KEYS = `${OWN_PREFIX} is the construct's own prefix (the HA agent's role label, the config checksum)`;
/** Labels the cluster's Services, budgets and NetworkPolicies select its pods by. */
const SELECTOR_KEYS = Object.keys(selectorLabels('x', Component.JOBMANAGER));

/** Rules: pod labels and annotations the construct does not write itself, and that keep the pod confined. */
function resolvePodMetadata(prop: string, props: FlinkPodProps | undefined) {
  const podLabels = requireLabels(`${prop}.podLabels`, props?.podLabels ?? {});
  requireUnreserved(`${prop}.podLabels`, podLabels, {
    keys: SELECTOR_KEYS,
    prefixes: [OWN_PREFIX],
    why:
      `the construct sets ${SELECTOR_KEYS.join(', ')} on every pod (its Services, budgets and NetworkPolicies select ` +
      `pods by them) and would replace your value; ${OWN_KEYS}`,
  });
  const podAnnotations = requireAnnotations(`${prop}.podAnnotations`, props?.podAnnotations ?? {});
  requireUnreserved(`${prop}.podAnnotations`, podAnnotations, { keys: [], prefixes: [OWN_PREFIX], why: OWN_KEYS });
  return { podLabels, podAnnotations: requireConfinement(`${prop}.podAnnotations`, podAnnotations) };
}

/**
 * Rule: no pod annotation switches confinement off. The construct's pods meet the
 * "restricted" Pod Security Standard through their security context; AppArmor (beta
 * annotations), seccomp (alpha annotations) and CRI-O's runtime annotations can undo it.
 */
function requireConfinement(prop: string, annotations: { [key: string]: string }): { [key: string]: string } {
  for (const [key, value] of Object.entries(annotations)) {
    const at = `${prop}[${JSON.stringify(key)}]`;
    if (key.startsWith(APPARMOR_PREFIX) && value !== 'runtime/default' && !/^localhost\/[^\s/]+/.test(value))
      fail(at, value, appArmorOff());
    if (
      (key === SECCOMP_POD || key.startsWith(SECCOMP_PREFIX)) &&
      !['runtime/default', 'docker/default'].includes(value)
    )
      fail(at, value, seccompOverride());
    if (RUNTIME_OVERRIDES.some((re) => re.test(key))) fail(at, value, runtimeOverride());
  }
  return annotations;
}
