import { k8s } from '../../imports/k8s';
import { ComponentName } from './components';
import { EntryRead, PodOptions } from './config-intent';
import { parseFlinkList, parseFlinkMap, parseFlinkMapList } from './flink-maps';
import { parseBoolean } from './quantities';

const COMPONENT = { jobmanager: 'jobManager', taskmanager: 'taskManager' } as const;
const BOTH: readonly ComponentName[] = ['jobManager', 'taskManager'];

const unreadable = (r: EntryRead, form: string) =>
  r.findings.error(r.path, `${JSON.stringify(r.value)} is not ${form}; not mapped`);
const appliedToPods = (what: string, to: string) =>
  `the operator applies it to the ${to}: mapped to ${what} (by reference; nothing secret is copied)`;
const envLiteral = (name: string, component: ComponentName) =>
  `the operator sets ${name} in the ${component === 'jobManager' ? 'JobManager' : 'TaskManager'} container: mapped to ${component}.env (its value is written into the Deployment, as it was in the FlinkDeployment)`;
const hostNetwork = () =>
  "true puts the operator's pods on the node's network; the construct runs pods on the pod network (its NetworkPolicies and pinned ports assume it) and has no prop for it; not mapped";
const hostNetworkOff = () => 'false is the default; nothing to map';
const podMetadata = (prop: string, component: ComponentName) =>
  `mapped to ${component}.${prop}, as the operator applies it`;
const pullSecretsMapped = () => 'mapped to image.pullSecrets, as the operator applies them to every pod';
const mergeByName = (byName: boolean) =>
  `is the operator's pod-template merge rule: ${byName ? 'lists that name their items merge by name' : 'lists merge by position'}; the conversion merges spec.podTemplate into the component templates the same way`;

const who = (components: readonly ComponentName[]) =>
  components.length === 2
    ? 'JobManager and TaskManager pods'
    : `${components[0] === 'jobManager' ? 'JobManager' : 'TaskManager'} pods`;

/** `kubernetes.secrets`: each Secret mounted at its path, as Flink's MountSecretsDecorator does. */
function readSecrets(r: EntryRead): void {
  const map = parseFlinkMap(String(r.value));
  if (!map) return unreadable(r, 'a list of secret:path pairs such as "tls-cert:/opt/flink/tls"');
  for (const [secretName, mountPath] of Object.entries(map)) {
    const volume = { volume: { name: `${secretName}-volume`, secret: { secretName } }, mountPath };
    for (const c of BOTH) r.intent.pods[c].volumes.push({ value: volume, path: r.path });
  }
  r.findings.info(r.path, appliedToPods(`secret volumes mounted at ${Object.values(map).join(', ')}`, who(BOTH)));
}

/** `kubernetes.env.secretKeyRef`: variables from Secret keys, as Flink's EnvSecretsDecorator does. */
function readSecretEnv(r: EntryRead): void {
  const maps = parseFlinkMapList(String(r.value));
  if (!maps || maps.some((m) => !m.env || !m.secret || !m.key))
    return unreadable(r, 'a list of env:NAME,secret:SECRET,key:KEY entries separated by ";"');
  for (const m of maps) {
    const env: k8s.EnvVar = { name: m.env, valueFrom: { secretKeyRef: { name: m.secret, key: m.key } } };
    for (const c of BOTH) r.intent.pods[c].env.push({ value: env, path: r.path });
  }
  r.findings.info(r.path, appliedToPods(`env ${maps.map((m) => m.env).join(', ')} from Secret keys`, who(BOTH)));
}

/** `containerized.master.env.X` and `containerized.taskmanager.env.X`. */
function readContainerEnv(r: EntryRead, component: ComponentName, name: string): void {
  r.intent.pods[component].env.push({ value: { name, value: String(r.value) }, path: r.path });
  r.findings.info(r.path, envLiteral(name, component));
}

/** `kubernetes.<component>.labels|annotations|node-selector|tolerations`. */
function readPodMetadata(r: EntryRead, component: ComponentName, option: string): void {
  const pod: PodOptions = r.intent.pods[component];
  if (option === 'tolerations') {
    const maps = parseFlinkMapList(String(r.value));
    if (!maps) return unreadable(r, 'a list of key:K,operator:O,value:V,effect:E entries separated by ";"');
    for (const m of maps) pod.tolerations.push(toleration(m));
    return r.findings.info(r.path, podMetadata('tolerations', component));
  }
  const map = parseFlinkMap(String(r.value));
  if (!map) return unreadable(r, 'a list of key:value pairs such as "team:data,tier:batch"');
  const prop = option === 'labels' ? 'podLabels' : option === 'annotations' ? 'podAnnotations' : 'nodeSelector';
  Object.assign(option === 'labels' ? pod.labels : option === 'annotations' ? pod.annotations : pod.nodeSelector, map);
  r.findings.info(r.path, podMetadata(prop, component));
}

function toleration(m: Record<string, string>): k8s.Toleration {
  const seconds = m.tolerationSeconds === undefined ? undefined : Number(m.tolerationSeconds);
  return {
    ...(m.key !== undefined ? { key: m.key } : {}),
    ...(m.operator !== undefined ? { operator: m.operator } : {}),
    ...(m.value !== undefined ? { value: m.value } : {}),
    ...(m.effect !== undefined ? { effect: m.effect } : {}),
    ...(seconds !== undefined && Number.isInteger(seconds) ? { tolerationSeconds: seconds } : {}),
  };
}

/** `kubernetes.<component>.cpu(.amount)`, `.cpu.limit-factor`, `.memory.limit-factor`: read into the resources. */
function readResourceOption(r: EntryRead, component: ComponentName, option: string): void {
  const n = Number(r.value);
  if (!Number.isFinite(n) || n <= 0) return unreadable(r, 'a positive number');
  const pod = r.intent.pods[component];
  const sourced = { value: n, path: r.path };
  if (option === 'cpu.limit-factor') pod.cpuLimitFactor = sourced;
  else if (option === 'memory.limit-factor') pod.memoryLimitFactor = sourced;
  else pod.cpu = sourced;
}

function readHostNetwork(r: EntryRead): void {
  const on = parseBoolean(r.value);
  if (on === undefined) return unreadable(r, 'true or false');
  if (on) r.findings.error(r.path, hostNetwork());
  else r.findings.info(r.path, hostNetworkOff());
}

function readPullSecrets(r: EntryRead): void {
  const names = parseFlinkList(String(r.value));
  if (!names) return unreadable(r, 'a list of Secret names separated by ";"');
  for (const name of names) r.intent.pullSecrets.push(name);
  r.findings.info(r.path, pullSecretsMapped());
}

function readMergeByName(r: EntryRead): void {
  const byName = parseBoolean(r.value);
  if (byName === undefined) return unreadable(r, 'true or false');
  r.intent.mergeArraysByName = byName;
  r.findings.info(r.path, mergeByName(byName));
}

/**
 * Reads a Kubernetes option the operator applies to its pods (Flink's native decorators,
 * which its standalone mode reuses) into pod options. Returns false for any other key.
 */
export function readNativeOption(r: EntryRead): boolean {
  const { key } = r;
  let m: RegExpExecArray | null;
  if (key === 'kubernetes.secrets') readSecrets(r);
  else if (key === 'kubernetes.env.secretKeyRef') readSecretEnv(r);
  else if (key === 'kubernetes.hostnetwork.enabled') readHostNetwork(r);
  else if (key === 'kubernetes.container.image.pull-secrets') readPullSecrets(r);
  else if (key === 'kubernetes.operator.pod-template.merge-arrays-by-name') readMergeByName(r);
  else if ((m = /^containerized\.(master|taskmanager)\.env\.(.+)$/.exec(key)))
    readContainerEnv(r, m[1] === 'master' ? 'jobManager' : 'taskManager', m[2]);
  else if ((m = /^kubernetes\.(jobmanager|taskmanager)\.(labels|annotations|node-selector|tolerations)$/.exec(key)))
    readPodMetadata(r, COMPONENT[m[1] as keyof typeof COMPONENT], m[2]);
  else if (
    (m = /^kubernetes\.(jobmanager|taskmanager)\.(cpu|cpu\.amount|cpu\.limit-factor|memory\.limit-factor)$/.exec(key))
  )
    readResourceOption(r, COMPONENT[m[1] as keyof typeof COMPONENT], m[2]);
  else return false;
  return true;
}
