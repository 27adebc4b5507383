import { restartStrategyConfig } from '../model/config-sections';
import { Duration, Size } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { ConversionFinding, childPath, FindingList, strictConversionError } from './conversion-report';
import { constructRejection } from './construct-rules';
import { CRD_FIELDS, CRD_FLINK_VERSIONS, SERVER_METADATA } from './crd-fields';
import { ConfigIntent, readFlinkConfiguration } from './read-flink-configuration';
import { parseImageReference, tagFlinkVersion } from './image-reference';
import { readLogConfiguration } from './log-configuration';
import { PodTemplateProps, readPodTemplates } from './pod-template';
import { parseCpu, parseMemoryBytes, toMebibytes, parseWholeNumber } from './quantities';
import { describeRestartStrategy, restartStrategyFromJobField } from './restart-strategy';
import { HA_MOUNT_PATH, HaStorage } from '../props/ha-storage';
import {
  FlinkClusterProps,
  FlinkImageProps,
  FlinkJobProps,
  FlinkPodProps,
  HighAvailabilityProps,
  ImagePullPolicy,
} from '../props/cluster-props';
import { CheckpointingProps } from '../props/checkpointing';
import { FlinkVersion, FlinkVersionTraits } from '../flink/flink-version';
import { RestartStrategy } from '../props/restart-strategy';
import { OBJECT_STORE_SCHEMES } from '../flink/storage-uri';
import { FlinkValidationError } from '../validation/errors';

/** How to convert a FlinkDeployment. */
export interface FlinkDeploymentConversionOptions {
  /**
   * Throw a FlinkValidationError naming every `error` finding instead of returning them.
   * Warnings never throw: they describe differences the construct makes by design (its own
   * service accounts, no operator lifecycle), which every real manifest would trip.
   * @default false
   */
  readonly strict?: boolean;
  /** Namespace of the cluster. @default metadata.namespace, else the chart's namespace */
  readonly namespace?: string;
  /** HA storage to use instead of the one derived from `high-availability.storageDir`; enables HA. @default derived */
  readonly haStorage?: HaStorage;
}

/** The props of an equivalent FlinkCluster and what the conversion found on the way. */
export interface FlinkDeploymentConversion {
  readonly props: FlinkClusterProps;
  readonly report: readonly ConversionFinding[];
}

const API_VERSION = 'flink.apache.org/v1beta1';
/** The operator's rule for FlinkDeployment names, which also makes them valid cluster ids. */
const DEPLOYMENT_NAME = /^[a-z]([-a-z\d]{0,43}[a-z\d])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MIB = 1024 * 1024;

type Obj = Record<string, unknown>;
const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Converts a Flink Kubernetes Operator `FlinkDeployment` (YAML text or a parsed object)
 * into FlinkCluster props. Every field is either mapped, or reported with the reason and
 * the fix; nothing is dropped silently. Pure: builds no constructs.
 *
 * Throws a FlinkValidationError when the input is not one FlinkDeployment, when no
 * supported Flink version can be determined, and in strict mode when there are errors.
 */
export function flinkDeploymentToProps(
  manifest: object | string,
  options: FlinkDeploymentConversionOptions = {},
): FlinkDeploymentConversion {
  const doc = parseManifest(manifest);
  const findings = new FindingList();
  const root = doc as Obj;
  checkFields(root, CRD_FIELDS.root, '', findings);
  if (root.apiVersion !== API_VERSION) {
    findings.error(
      'apiVersion',
      `${JSON.stringify(root.apiVersion)} is not ${API_VERSION}, the FlinkDeployment version the conversion reads; converted as ${API_VERSION}`,
    );
  }
  const metadata = isMap(root.metadata) ? root.metadata : {};
  const spec = isMap(root.spec) ? root.spec : {};
  if (!isMap(root.spec))
    findings.error('spec', 'is missing; a FlinkDeployment needs at least spec.flinkVersion and spec.image');
  readMetadataExtras(metadata, findings);
  checkFields(spec, CRD_FIELDS.spec, 'spec', findings);

  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const flinkVersion = readFlinkVersion(spec, findings);
  if (!flinkVersion) throw strictConversionError(name ?? '(unnamed)', findings.findings);
  const traits = FlinkVersionTraits.of(flinkVersion);

  const image = readImage(spec, flinkVersion, findings);
  readServiceAccount(spec.serviceAccount, findings);
  const config = readFlinkConfiguration(spec.flinkConfiguration, traits, findings);
  const clusterId = readClusterId(name, config, findings);
  const namespace = readNamespace(metadata.namespace, options.namespace, findings);

  const jmSpec = component(spec, 'jobManager', findings);
  const tmSpec = component(spec, 'taskManager', findings);
  const pods = readAllPodTemplates(spec, jmSpec, tmSpec, flinkVersion, findings);
  const pullSecrets = [...new Set([...pods.jobManager.pullSecrets, ...pods.taskManager.pullSecrets])];

  const ha = readHighAvailability(config, options.haStorage, pods.jobManager, findings);
  let job = readJob(spec.job, config, findings);
  const restartStrategy = pickRestartStrategy(config, spec.job, findings);
  const checkpointing = readCheckpointing(config, ha.rebase, ha.props.enabled !== false, findings);
  const taskSlots = config.taskSlots?.value;

  const jobManager = podProps(
    'jobManager',
    jmSpec,
    config.jobManagerProcessBytes,
    pods.jobManager,
    ha.claimVolume,
    findings,
  );
  const tmReplicas = readReplicas(tmSpec, 'taskManager', findings);
  const jmReplicas = readReplicas(jmSpec, 'jobManager', findings);
  if (jmReplicas === undefined && ha.props.enabled !== false) {
    findings.info(
      'spec.jobManager.replicas',
      'is absent: the operator would run 1 JobManager; the construct runs 2 leader candidates with HA (one leader, one standby), so a failed leader is replaced without waiting for a new pod',
    );
  }
  let taskManagerReplicas = tmReplicas;
  if (job && tmReplicas !== undefined) {
    // The operator runs the job at replicas x slots when replicas are set ("takes precedence
    // over parallelism" in its CRD reference), whatever job.parallelism says.
    const effective = tmReplicas * (taskSlots ?? 1);
    if (job.parallelism !== effective) {
      const path =
        spec.job && isMap(spec.job) && spec.job.parallelism !== undefined
          ? 'spec.job.parallelism'
          : (config.parallelism?.path ?? 'spec.job.parallelism');
      findings.warning(
        path,
        `${job.parallelism === undefined ? 'is absent, and' : `(${job.parallelism}) is ignored:`} the operator runs the job at taskManager.replicas x taskmanager.numberOfTaskSlots = ${effective} when replicas are set; converted as parallelism ${effective}`,
      );
      job = { ...job, parallelism: effective };
    }
  }
  if (tmReplicas === undefined) {
    const slots = taskSlots ?? 1;
    taskManagerReplicas = job ? Math.max(1, Math.ceil((job.parallelism ?? 1) / slots)) : 1;
    findings.info(
      'spec.taskManager.replicas',
      job
        ? `is absent: the operator's native mode starts TaskManagers on demand; the construct runs a fixed number, ${taskManagerReplicas} (job parallelism ${job.parallelism ?? 1} / ${slots} slot${slots === 1 ? '' : 's'} each)`
        : "is absent: the operator's native mode starts TaskManagers on demand; the construct runs a fixed number, 1; set spec.taskManager.replicas",
    );
  }
  const taskManager = podProps(
    'taskManager',
    tmSpec,
    config.taskManagerProcessBytes,
    pods.taskManager,
    undefined,
    findings,
  );

  // A session cluster keeps its default parallelism as a plain key (application mode maps it to job.parallelism).
  const flinkConfiguration: Record<string, string> = { ...config.passThrough };
  if (!job && config.parallelism) flinkConfiguration['parallelism.default'] = String(config.parallelism.value);
  const logLevel = readLogConfiguration(spec.logConfiguration, findings);
  readOperatorOnly(spec, clusterId, namespace, findings);

  const props: FlinkClusterProps = {
    flinkVersion,
    ...(image || pullSecrets.length ? { image: { ...image, ...(pullSecrets.length ? { pullSecrets } : {}) } } : {}),
    clusterId,
    ...(namespace ? { namespace } : {}),
    jobManager: { ...jobManager, ...(jmReplicas !== undefined ? { replicas: jmReplicas } : {}) },
    taskManager: { ...taskManager, replicas: taskManagerReplicas, ...(taskSlots !== undefined ? { taskSlots } : {}) },
    highAvailability: ha.props,
    ...(job ? { job } : {}),
    ...(restartStrategy ? { restartStrategy } : {}),
    ...(checkpointing ? { checkpointing } : {}),
    ...(Object.keys(flinkConfiguration).length ? { flinkConfiguration } : {}),
    ...(logLevel ? { logLevel } : {}),
  };

  const rejection = constructRejection(props);
  if (rejection) findings.error('spec', `converts to FlinkCluster props the construct rejects: ${rejection.message}`);
  if (options.strict && findings.hasErrors) throw strictConversionError(clusterId, findings.findings);
  return { props, report: findings.findings };
}

/** One document, parsed; anything else is not convertible at all. */
function parseManifest(manifest: object | string): Obj {
  let doc: unknown = manifest;
  if (typeof manifest === 'string') {
    const docs = parseAllDocuments(manifest);
    if (!Array.isArray(docs)) fail('is empty; expected one FlinkDeployment');
    const bad = docs.find((d) => d.errors.length);
    if (bad) fail(`is not valid YAML: ${bad.errors[0].message.split('\n')[0]}`);
    const values = docs.map((d) => d.toJS()).filter((v) => v !== null && v !== undefined);
    if (values.length !== 1) fail(`has ${values.length} YAML documents; pass one FlinkDeployment at a time`);
    doc = values[0];
  }
  if (!isMap(doc)) fail('is not a Kubernetes object; expected a FlinkDeployment');
  if (doc.kind !== 'FlinkDeployment') {
    fail(
      `is a ${JSON.stringify(doc.kind)}, not a FlinkDeployment; only FlinkDeployments (apiVersion ${API_VERSION}) can be converted`,
    );
  }
  return doc;
}

function fail(reason: string): never {
  throw new FlinkValidationError('manifest', 'FlinkDeployment', reason);
}

/** Reports fields that are not part of the CRD. */
function checkFields(obj: Obj, known: readonly string[], path: string, findings: FindingList): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const hint = key === 'className' ? '; did you mean entryClass?' : '';
    findings.error(
      path ? childPath(path, key) : key,
      `is not part of the FlinkDeployment CRD (the API server rejects or drops it)${hint}`,
    );
  }
}

function readMetadataExtras(metadata: Obj, findings: FindingList): void {
  for (const key of Object.keys(metadata)) {
    const path = childPath('metadata', key);
    if (key === 'labels' || key === 'annotations')
      findings.info(
        path,
        'of the FlinkDeployment are not carried over: the construct labels its objects itself (add chart labels for your own)',
      );
    else if (!CRD_FIELDS.metadata.includes(key as never))
      findings.error(path, 'is not an ObjectMeta field; not mapped');
    // Server-written fields (uid, resourceVersion, ...) are expected in exported manifests.
    else if (!SERVER_METADATA.has(key) && key !== 'name' && key !== 'namespace') findings.info(path, 'not mapped');
  }
}

function readFlinkVersion(spec: Obj, findings: FindingList): FlinkVersion | undefined {
  const supported = Object.keys(CRD_FLINK_VERSIONS).join(', ');
  const raw = spec.flinkVersion;
  if (raw !== undefined) {
    const version = Object.prototype.hasOwnProperty.call(CRD_FLINK_VERSIONS, String(raw))
      ? CRD_FLINK_VERSIONS[String(raw)]
      : undefined;
    if (!version)
      findings.error(
        'spec.flinkVersion',
        `${JSON.stringify(raw)} is not supported by the construct; use one of ${supported} (with a matching image)`,
      );
    return version as FlinkVersion | undefined;
  }
  const image =
    typeof spec.image === 'string'
      ? parseImageReference(spec.image)
      : isMap(spec.image)
        ? { tag: spec.image.tag === undefined ? undefined : String(spec.image.tag) }
        : {};
  const fromTag = tagFlinkVersion(image.tag);
  if (fromTag && Object.values(CRD_FLINK_VERSIONS).includes(fromTag)) {
    const crd = Object.keys(CRD_FLINK_VERSIONS).find((k) => CRD_FLINK_VERSIONS[k] === fromTag);
    findings.error(
      'spec.flinkVersion',
      `is missing (the operator rejects the FlinkDeployment: "Flink Version must be defined."); inferred ${fromTag} from the image tag ${image.tag}; add flinkVersion: ${crd}`,
    );
    return fromTag as FlinkVersion;
  }
  findings.error(
    'spec.flinkVersion',
    `is missing and the image tag names no supported version; set one of ${supported}`,
  );
  return undefined;
}

function readImage(spec: Obj, flinkVersion: FlinkVersion, findings: FindingList): FlinkImageProps | undefined {
  const raw = spec.image;
  let image: { repository?: string; tag?: string; digest?: string; pullPolicy?: ImagePullPolicy } | undefined;
  let policy: unknown = spec.imagePullPolicy;
  if (typeof raw === 'string') {
    const ref = parseImageReference(raw.trim());
    image = { repository: ref.repository, tag: ref.tag, digest: ref.digest };
  } else if (isMap(raw)) {
    // The seed article's form: not the CRD's, but unambiguous.
    const repository = String(raw.repository ?? '');
    const tag = raw.tag === undefined ? undefined : String(raw.tag);
    const fix = `image: ${repository}${tag ? `:${tag}` : ''}${raw.pullPolicy ? ` and imagePullPolicy: ${raw.pullPolicy}` : ''}`;
    findings.error(
      'spec.image',
      `an object {repository, tag, pullPolicy} is not part of the FlinkDeployment CRD, where image is a string "repository:tag[@digest]" (the API server rejects the object); converted as ${fix}`,
    );
    for (const key of Object.keys(raw).filter((k) => !['repository', 'tag', 'pullPolicy'].includes(k)))
      findings.error(childPath('spec.image', key), 'is not an image field; not mapped');
    image = { repository, tag };
    if (policy === undefined) policy = raw.pullPolicy;
  } else if (raw !== undefined) {
    findings.error(
      'spec.image',
      `${JSON.stringify(raw)} is not an image reference; not mapped (the construct uses flink:${flinkVersion})`,
    );
  }
  if (image && image.tag === undefined && image.digest === undefined) {
    findings.warning(
      'spec.image',
      `has no tag, so it pulls "latest", which moves between Flink versions; converted with tag "latest" - pin a ${flinkVersion}.x tag`,
    );
    image.tag = 'latest';
  }
  if (policy !== undefined) {
    if ((Object.values(ImagePullPolicy) as unknown[]).includes(policy))
      (image ??= {}).pullPolicy = policy as ImagePullPolicy;
    else
      findings.error(
        'spec.imagePullPolicy',
        `${JSON.stringify(policy)} is not Always, IfNotPresent or Never; not mapped`,
      );
  }
  if (!image) return undefined;
  return Object.fromEntries(Object.entries(image).filter(([, v]) => v !== undefined && v !== '')) as FlinkImageProps;
}

function readServiceAccount(raw: unknown, findings: FindingList): void {
  if (raw === undefined) return;
  const why =
    'not used: the construct creates least-privilege service accounts for JobManagers (HA ConfigMaps) and TaskManagers (read-only); bind extra roles to those if your job needs the API';
  if (typeof raw === 'string') findings.warning('spec.serviceAccount', why);
  else
    findings.error(
      'spec.serviceAccount',
      `must be a string (the service account name) in the FlinkDeployment CRD, not ${JSON.stringify(raw)}; ${why}`,
    );
}

function readClusterId(name: string | undefined, config: ConfigIntent, findings: FindingList): string {
  if (config.clusterId) {
    if (name !== undefined && name !== config.clusterId.value) {
      findings.info(
        'metadata.name',
        `${JSON.stringify(name)} is not the clusterId: kubernetes.cluster-id (${JSON.stringify(config.clusterId.value)}) is used, though the operator would use the name`,
      );
    }
    return sanitizeClusterId(config.clusterId.value, config.clusterId.path, findings);
  }
  if (name === undefined) {
    findings.error('metadata.name', 'is missing; clusterId set to "flink-cluster"');
    return 'flink-cluster';
  }
  return sanitizeClusterId(name, 'metadata.name', findings);
}

/** A valid cluster id from `id`, reporting any change. */
function sanitizeClusterId(id: string, path: string, findings: FindingList): string {
  if (DEPLOYMENT_NAME.test(id)) return id;
  const fixed =
    id
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^[^a-z]+/, '')
      .slice(0, 45)
      .replace(/-+$/, '') || 'flink-cluster';
  findings.error(
    path,
    `${JSON.stringify(id)} is not a valid cluster id (at most 45 lowercase letters, digits and "-", starting with a letter); converted as ${JSON.stringify(fixed)}`,
  );
  return fixed;
}

function readNamespace(
  fromManifest: unknown,
  fromOptions: string | undefined,
  findings: FindingList,
): string | undefined {
  if (fromOptions !== undefined) {
    if (fromManifest !== undefined && fromManifest !== fromOptions)
      findings.info(
        'metadata.namespace',
        `${JSON.stringify(fromManifest)} is overridden by the namespace option (${JSON.stringify(fromOptions)})`,
      );
    return fromOptions;
  }
  if (fromManifest === undefined) {
    findings.info(
      'metadata.namespace',
      'is absent: the cluster goes to the chart\'s namespace (the convert command uses "default", like kubectl)',
    );
    return undefined;
  }
  if (typeof fromManifest !== 'string' || !NAMESPACE.test(fromManifest)) {
    findings.error('metadata.namespace', `${JSON.stringify(fromManifest)} is not a namespace name; not mapped`);
    return undefined;
  }
  return fromManifest;
}

function component(spec: Obj, name: 'jobManager' | 'taskManager', findings: FindingList): Obj {
  const raw = spec[name];
  if (raw === undefined) return {};
  if (!isMap(raw)) {
    findings.error(`spec.${name}`, 'must be an object; not mapped');
    return {};
  }
  checkFields(raw, CRD_FIELDS.component, `spec.${name}`, findings);
  if (isMap(raw.resource)) checkFields(raw.resource, CRD_FIELDS.resource, `spec.${name}.resource`, findings);
  return raw;
}

function readReplicas(c: Obj, name: string, findings: FindingList): number | undefined {
  if (c.replicas === undefined) return undefined;
  const n = parseWholeNumber(c.replicas);
  if (n === undefined || n < 1) {
    findings.error(`spec.${name}.replicas`, `${JSON.stringify(c.replicas)} is not a whole number >= 1; not mapped`);
    return undefined;
  }
  return n;
}

/** Pod templates per component: the common one is read once, so its findings appear once. */
function readAllPodTemplates(
  spec: Obj,
  jm: Obj,
  tm: Obj,
  flinkVersion: FlinkVersion,
  findings: FindingList,
): { jobManager: PodTemplateProps; taskManager: PodTemplateProps } {
  const both = 'spec.jobManager.resource and spec.taskManager.resource';
  const common = readPodTemplates(
    [{ template: spec.podTemplate, path: 'spec.podTemplate' }],
    both,
    flinkVersion,
    findings,
  );
  const own = (c: Obj, name: string) =>
    readPodTemplates(
      [{ template: c.podTemplate, path: `spec.${name}.podTemplate` }],
      `spec.${name}.resource`,
      flinkVersion,
      findings,
    );
  return {
    jobManager: mergePods(common, own(jm, 'jobManager')),
    taskManager: mergePods(common, own(tm, 'taskManager')),
  };
}

/** The operator's merge: component values win, lists are joined (by name for env and volumes). */
function mergePods(a: PodTemplateProps, b: PodTemplateProps): PodTemplateProps {
  const byName = <T>(xs: T[], name: (x: T) => string) => [...new Map(xs.map((x) => [name(x), x])).values()];
  return {
    nodeSelector: { ...a.nodeSelector, ...b.nodeSelector },
    tolerations: [...a.tolerations, ...b.tolerations],
    // Per kind of affinity: a common nodeAffinity survives a component's podAntiAffinity.
    affinity: a.affinity || b.affinity ? { ...a.affinity, ...b.affinity } : undefined,
    env: byName([...a.env, ...b.env], (e) => e.name),
    envFrom: [...a.envFrom, ...b.envFrom],
    volumes: byName([...a.volumes, ...b.volumes], (v) => v.volume.name),
    podLabels: { ...a.podLabels, ...b.podLabels },
    podAnnotations: { ...a.podAnnotations, ...b.podAnnotations },
    pullSecrets: [...a.pullSecrets, ...b.pullSecrets],
    claimMounts: [...a.claimMounts, ...b.claimMounts],
  };
}

/** Resources and pod additions of one component. */
function podProps(
  name: 'jobManager' | 'taskManager',
  c: Obj,
  processBytes: { value: number; path: string } | undefined,
  pods: PodTemplateProps,
  skipVolume: string | undefined,
  findings: FindingList,
): FlinkPodProps {
  const r = isMap(c.resource) ? c.resource : {};
  const base = `spec.${name}.resource`;
  let cpu: number | undefined;
  if (r.cpu !== undefined) {
    cpu = parseCpu(r.cpu);
    if (cpu === undefined)
      findings.error(
        `${base}.cpu`,
        `${JSON.stringify(r.cpu)} is not a CPU amount such as 1, 0.5 or "500m"; not mapped`,
      );
  }
  let memBytes: number | undefined;
  if (r.memory !== undefined) {
    memBytes = parseMemoryBytes(r.memory);
    if (memBytes === undefined)
      findings.error(
        `${base}.memory`,
        `${JSON.stringify(r.memory)} is not a memory size such as "1024Mi", "1Gi" or "1024m"; not mapped`,
      );
  }
  if (r.ephemeralStorage !== undefined)
    findings.error(
      `${base}.ephemeralStorage`,
      'has no equivalent: the construct requests no ephemeral storage; not mapped',
    );
  if (memBytes !== undefined && processBytes && processBytes.value !== memBytes) {
    findings.warning(
      processBytes.path,
      `(${mib(processBytes.value)}) disagrees with ${base}.memory (${mib(memBytes)}); the operator sets the process size from ${base}.memory and so does the conversion`,
    );
  }
  const bytes = memBytes ?? processBytes?.value;
  let memory: Size | undefined;
  if (bytes !== undefined) {
    const m = toMebibytes(bytes);
    if (!m.exact)
      findings.warning(
        memBytes !== undefined ? `${base}.memory` : processBytes!.path,
        `is not a whole number of MiB; rounded down to ${m.mib}Mi`,
      );
    if (m.mib > 0) memory = Size.mebibytes(m.mib);
  }
  const resources = { ...(cpu !== undefined ? { cpu } : {}), ...(memory ? { memory } : {}) };
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

const mib = (bytes: number) => (bytes % MIB === 0 ? `${bytes / MIB}Mi` : `${bytes} bytes`);

/** Where a `file://` directory of the manifest lives in the converted pods. */
interface Rebase {
  readonly from: string;
  readonly to: string;
}

function readHighAvailability(
  config: ConfigIntent,
  override: HaStorage | undefined,
  jmPods: PodTemplateProps,
  findings: FindingList,
): { props: HighAvailabilityProps; rebase?: Rebase; claimVolume?: string } {
  const timings = {
    ...(config.leaseDuration ? { leaseDuration: config.leaseDuration } : {}),
    ...(config.renewDeadline ? { renewDeadline: config.renewDeadline } : {}),
    ...(config.retryPeriod ? { retryPeriod: config.retryPeriod } : {}),
  };
  const enabled = config.haEnabled?.value ?? false;
  if (override) {
    findings.info(
      'spec.flinkConfiguration',
      `HA storage comes from the haStorage option${config.haStorageDir ? `; ${config.haStorageDir.path} is not used` : ''}${enabled ? '' : '; HA is enabled by it'}`,
    );
    return { props: { storage: override, ...timings } };
  }
  if (!enabled) {
    if (config.haStorageDir)
      findings.warning(
        config.haStorageDir.path,
        'has no effect without high-availability.type: kubernetes; not mapped',
      );
    findings.info(
      config.haEnabled?.path ?? 'spec.flinkConfiguration',
      'HA is not enabled: converted without HA (one JobManager, no HA agent); set high-availability.type: kubernetes or pass the haStorage option to get leader election and job recovery',
    );
    return { props: { enabled: false } };
  }
  const dir = config.haStorageDir;
  if (!dir) {
    findings.error(
      config.haEnabled!.path,
      `HA is enabled without high-availability.storageDir, so Flink would refuse to start; converted with HaStorage.newClaim() (a ReadWriteMany claim mounted at ${HA_MOUNT_PATH})`,
    );
    return { props: { storage: HaStorage.newClaim(), ...timings } };
  }
  const uri = dir.value.startsWith('/') ? `file://${dir.value}` : dir.value;
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//.exec(uri)?.[1];
  if (scheme === 'file') {
    const path = uri.slice('file://'.length).replace(/\/+$/, '') || '/';
    const claim = jmPods.claimMounts.find(
      (m) => path === m.mountPath.replace(/\/+$/, '') || path.startsWith(m.mountPath.replace(/\/+$/, '') + '/'),
    );
    if (claim) {
      const rest = path.slice(claim.mountPath.replace(/\/+$/, '').length);
      findings.info(
        dir.path,
        `mapped to HaStorage.existingClaim("${claim.claimName}"): the construct mounts the claim at ${HA_MOUNT_PATH} instead of ${claim.mountPath}, so the storage dir becomes file://${HA_MOUNT_PATH}${rest ? ` (was ${path}; HA data then sits at the claim's root, not under ${rest.slice(1)})` : ''}`,
      );
      return {
        props: { storage: HaStorage.existingClaim(claim.claimName), ...timings },
        rebase: { from: claim.mountPath.replace(/\/+$/, ''), to: HA_MOUNT_PATH },
        claimVolume: claim.volumeName,
      };
    }
    findings.info(
      dir.path,
      `mapped to HaStorage.newClaim(): the construct creates a ReadWriteMany claim (1Gi, default StorageClass) shared by all JobManager candidates and mounts it at ${HA_MOUNT_PATH}, so the storage dir becomes file://${HA_MOUNT_PATH}${path === HA_MOUNT_PATH ? '' : ` (was ${path})`}`,
    );
    return { props: { storage: HaStorage.newClaim(), ...timings }, rebase: { from: path, to: HA_MOUNT_PATH } };
  }
  if (scheme && OBJECT_STORE_SCHEMES.includes(scheme)) {
    findings.info(
      dir.path,
      `mapped to HaStorage.objectStore("${uri}"); the ${scheme} filesystem plugin is enabled in the image. Credentials: pods use workload identity unless you pass HaStorage.objectStore(uri, { credentials }) as the haStorage option`,
    );
    return { props: { storage: HaStorage.objectStore(uri), ...timings } };
  }
  findings.error(
    dir.path,
    `${JSON.stringify(dir.value)} is not storage the construct can use for HA (file:// on a claim, or ${OBJECT_STORE_SCHEMES.map((s) => s + '://').join(', ')}); converted with HaStorage.newClaim() - pass the haStorage option to choose`,
  );
  return { props: { storage: HaStorage.newClaim(), ...timings } };
}

function readJob(raw: unknown, config: ConfigIntent, findings: FindingList): FlinkJobProps | undefined {
  if (raw === undefined || raw === null) {
    if (config.savepointPath)
      findings.error(config.savepointPath.path, 'is not mapped: a session cluster has no job to restore');
    return undefined;
  }
  if (!isMap(raw)) {
    findings.error('spec.job', 'must be an object; not mapped');
    return undefined;
  }
  checkFields(raw, CRD_FIELDS.job, 'spec.job', findings);
  const str = (key: string): string | undefined => {
    const v = raw[key];
    if (v === undefined) return undefined;
    if (typeof v === 'string') return v;
    findings.error(childPath('spec.job', key), `${JSON.stringify(v)} is not a string; not mapped`);
    return undefined;
  };
  const jarUri = str('jarURI');
  if (!jarUri)
    findings.error(
      'spec.job.jarURI',
      "is missing: the operator then expects the job on the image's classpath, but the construct needs the jar (e.g. local:///opt/flink/usrlib/my-job.jar); without it the conversion is a session cluster with no job",
    );
  let entryClass = str('entryClass');
  if (raw.className !== undefined) {
    if (entryClass === undefined && typeof raw.className === 'string') {
      entryClass = raw.className;
      findings.info('spec.job.className', 'mapped to job.entryClass');
    } else findings.warning('spec.job.className', 'not mapped: spec.job.entryClass is set');
  }
  let parallelism: number | undefined;
  if (raw.parallelism !== undefined) {
    parallelism = parseWholeNumber(raw.parallelism);
    if (parallelism === undefined || parallelism < 1) {
      findings.error(
        'spec.job.parallelism',
        `${JSON.stringify(raw.parallelism)} is not a whole number >= 1; not mapped`,
      );
      parallelism = undefined;
    }
  }
  if (config.parallelism) {
    if (parallelism === undefined) parallelism = config.parallelism.value;
    else if (parallelism !== config.parallelism.value)
      findings.warning(
        config.parallelism.path,
        `(${config.parallelism.value}) is overridden by spec.job.parallelism (${parallelism}), as the operator does`,
      );
  }
  let args: string[] | undefined;
  if (raw.args !== undefined) {
    if (Array.isArray(raw.args) && raw.args.every((a) => typeof a === 'string')) args = raw.args as string[];
    else findings.error('spec.job.args', 'must be a list of strings; not mapped');
  }
  let initialSavepointPath = str('initialSavepointPath');
  if (config.savepointPath) {
    if (initialSavepointPath === undefined) initialSavepointPath = config.savepointPath.value;
    else findings.warning(config.savepointPath.path, 'is overridden by spec.job.initialSavepointPath');
  }
  let allowNonRestoredState: boolean | undefined;
  if (raw.allowNonRestoredState !== undefined) {
    if (typeof raw.allowNonRestoredState === 'boolean') allowNonRestoredState = raw.allowNonRestoredState;
    else findings.error('spec.job.allowNonRestoredState', 'must be true or false; not mapped');
  }
  allowNonRestoredState ??= config.allowNonRestoredState?.value;

  if (raw.upgradeMode !== undefined) {
    findings.warning(
      'spec.job.upgradeMode',
      `(${raw.upgradeMode}) is operator-only: the construct takes no savepoint before an upgrade; with HA, a restarted cluster resumes from the latest checkpoint (like last-state), and a new jar starts from initialSavepointPath`,
    );
  }
  if (raw.state !== undefined) {
    if (raw.state === 'suspended')
      findings.error(
        'spec.job.state',
        '"suspended" has no equivalent: the converted cluster runs the job; scale the Deployments to zero to stop it',
      );
    else findings.info('spec.job.state', `(${raw.state}) is operator-only: the converted cluster runs the job`);
  }
  for (const nonce of [
    'savepointTriggerNonce',
    'checkpointTriggerNonce',
    'savepointRedeployNonce',
    'autoscalerResetNonce',
  ]) {
    if (raw[nonce] !== undefined)
      findings.warning(
        childPath('spec.job', nonce),
        "is operator-only (it triggers an operator action); not mapped. Use Flink's REST API or CLI for savepoints",
      );
  }
  if (!jarUri) return undefined;
  return {
    jarUri,
    ...(entryClass !== undefined ? { entryClass } : {}),
    ...(args ? { args } : {}),
    ...(parallelism !== undefined ? { parallelism } : {}),
    ...(initialSavepointPath !== undefined ? { initialSavepointPath } : {}),
    ...(allowNonRestoredState !== undefined ? { allowNonRestoredState } : {}),
  };
}

/** flinkConfiguration's restart strategy, else the seed's `spec.job.restartStrategy`. */
function pickRestartStrategy(config: ConfigIntent, job: unknown, findings: FindingList): RestartStrategy | undefined {
  const seed = isMap(job) ? job.restartStrategy : undefined;
  if (seed === undefined) return config.restartStrategy?.value;
  const path = 'spec.job.restartStrategy';
  if (config.restartStrategy) {
    findings.warning(path, `is ignored: restart-strategy.type in spec.flinkConfiguration is used`);
    return config.restartStrategy.value;
  }
  const strategy = restartStrategyFromJobField(seed, path, findings);
  if (strategy) {
    const keys = restartStrategyConfig(strategy._spec);
    const fix = Object.entries(keys)
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    findings.info(
      path,
      `converted to restartStrategy ${describeRestartStrategy(strategy)}; in a FlinkDeployment, write spec.flinkConfiguration ${fix}`,
    );
  }
  return strategy;
}

function readCheckpointing(
  config: ConfigIntent,
  rebase: Rebase | undefined,
  haOn: boolean,
  findings: FindingList,
): CheckpointingProps | undefined {
  const dir = (d: { value: string; path: string } | undefined): string | undefined => {
    if (!d) return undefined;
    const uri = d.value.startsWith('/') ? `file://${d.value}` : d.value;
    if (!uri.startsWith('file://')) return uri;
    const path = uri.slice('file://'.length).replace(/\/+$/, '');
    if (rebase && (path === rebase.from || path.startsWith(rebase.from + '/'))) {
      const moved = `file://${rebase.to}${path.slice(rebase.from.length)}`;
      if (moved !== uri) findings.info(d.path, `becomes ${moved}: the HA volume is mounted at ${rebase.to}`);
      return moved;
    }
    findings.warning(
      d.path,
      `is a file:// path outside the shared HA volume, which every TaskManager would need to write; not mapped - the construct keeps checkpoints under the HA storage${haOn ? '' : ' (with HA on)'}, or set an object store (s3://, gs://, abfss://)`,
    );
    return undefined;
  };
  const directory = dir(config.checkpointDir);
  const savepointDirectory = dir(config.savepointDir);
  if (!config.checkpointInterval) {
    for (const d of [config.checkpointDir, config.savepointDir]) {
      if (d && (d === config.checkpointDir ? directory : savepointDirectory))
        findings.warning(
          d.path,
          'is not mapped: the construct sets checkpoint and savepoint directories only with checkpointing on (execution.checkpointing.interval)',
        );
    }
    return undefined;
  }
  return {
    interval: Duration.millis(config.checkpointInterval.value),
    ...(config.checkpointMode ? { mode: config.checkpointMode } : {}),
    ...(directory ? { directory } : {}),
    ...(savepointDirectory ? { savepointDirectory } : {}),
    ...(config.checkpointsRetained !== undefined ? { retained: config.checkpointsRetained } : {}),
    ...(config.incrementalCheckpoints !== undefined ? { incremental: config.incrementalCheckpoints } : {}),
  };
}

/** Spec fields that only steer the operator. */
function readOperatorOnly(spec: Obj, clusterId: string, namespace: string | undefined, findings: FindingList): void {
  if (spec.restartNonce !== undefined)
    findings.warning(
      'spec.restartNonce',
      'is operator-only (changing it restarts the cluster); not mapped. A config change rolls the pods by itself (config checksum annotation)',
    );
  if (spec.mode !== undefined) {
    if (spec.mode === 'native')
      findings.warning(
        'spec.mode',
        'native is operator-only: the construct declares a standalone cluster (fixed JobManager and TaskManager Deployments), so Flink does not create pods itself and needs no pod-creation rights',
      );
    else if (spec.mode !== 'standalone')
      findings.error('spec.mode', `${JSON.stringify(spec.mode)} is not native or standalone; not mapped`);
  }
  if (spec.ingress !== undefined) {
    const ingress = isMap(spec.ingress) ? spec.ingress : {};
    checkFields(ingress, CRD_FIELDS.ingress, 'spec.ingress', findings);
    const template =
      typeof ingress.template === 'string'
        ? ingress.template.replace(/\{\{name\}\}/g, clusterId).replace(/\{\{namespace\}\}/g, namespace ?? 'default')
        : undefined;
    const host = template && /^[a-z0-9.-]+$/.test(template) ? template : undefined;
    findings.error(
      'spec.ingress',
      `is not mapped: set restIngress: { host: ${host ? JSON.stringify(host) : '"<host>" (the construct serves the UI at "/", not under a path)'}${typeof ingress.className === 'string' ? `, ingressClassName: "${ingress.className}"` : ''} } and admit your ingress controller in network.restAllowedFrom (the REST port is closed to other pods by default)`,
    );
  }
}
