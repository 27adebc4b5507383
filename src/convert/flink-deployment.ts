import { readCheckpointing } from './checkpointing';
import { component } from './components';
import { constructRejection } from './construct-rules';
import { ConversionFinding, FindingList, strictConversionError } from './conversion-report';
import { CRD_FIELDS } from './crd-fields';
import { readHighAvailability } from './high-availability';
import { readImage } from './image';
import { readJob } from './job';
import { readLogConfiguration } from './log-configuration';
import { API_VERSION, checkFields, isMap, Obj, parseManifest } from './manifest';
import { readClusterId, readMetadataExtras, readNamespace } from './metadata';
import { readOperatorOnly, readServiceAccount } from './operator-only';
import { podProps } from './pod-props';
import { readAllPodTemplates } from './pod-template-merge';
import { readFlinkConfiguration } from './read-flink-configuration';
import { pickRestartStrategy } from './restart-strategy-seed';
import { readScale } from './scale';
import { readFlinkVersion } from './version';
import { FlinkVersion, FlinkVersionTraits } from '../flink/flink-version';
import { FlinkClusterProps } from '../props/cluster-props';
import { HaStorage } from '../props/ha-storage';

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

const wrongApiVersion = (v: unknown) =>
  `${JSON.stringify(v)} is not ${API_VERSION}, the FlinkDeployment version the conversion reads; converted as ${API_VERSION}`;
const noSpec = () => 'is missing; a FlinkDeployment needs at least spec.flinkVersion and spec.image';
const rejected = (message: string) => `converts to FlinkCluster props the construct rejects: ${message}`;

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
  const root = parseManifest(manifest);
  const findings = new FindingList();
  checkFields(root, CRD_FIELDS.root, '', findings);
  if (root.apiVersion !== API_VERSION) findings.error('apiVersion', wrongApiVersion(root.apiVersion));
  const metadata = isMap(root.metadata) ? root.metadata : {};
  const spec = isMap(root.spec) ? root.spec : {};
  if (!isMap(root.spec)) findings.error('spec', noSpec());
  readMetadataExtras(metadata, findings);
  checkFields(spec, CRD_FIELDS.spec, 'spec', findings);

  const name = typeof metadata.name === 'string' ? metadata.name : undefined;
  const flinkVersion = readFlinkVersion(spec, findings);
  if (!flinkVersion) throw strictConversionError(name ?? '(unnamed)', findings.findings);
  const props = convertSpec(spec, metadata, name, flinkVersion, options, findings);

  const rejection = constructRejection(props);
  if (rejection) findings.error('spec', rejected(rejection.message));
  if (options.strict && findings.hasErrors) throw strictConversionError(props.clusterId!, findings.findings);
  return { props, report: findings.findings };
}

/** The spec of a FlinkDeployment whose Flink version is known, as FlinkCluster props. */
function convertSpec(
  spec: Obj,
  metadata: Obj,
  name: string | undefined,
  flinkVersion: FlinkVersion,
  options: FlinkDeploymentConversionOptions,
  findings: FindingList,
): FlinkClusterProps {
  const image = readImage(spec, flinkVersion, findings);
  readServiceAccount(spec.serviceAccount, findings);
  const config = readFlinkConfiguration(spec.flinkConfiguration, FlinkVersionTraits.of(flinkVersion), findings);
  const clusterId = readClusterId(name, config, findings);
  const namespace = readNamespace(metadata.namespace, options.namespace, findings);

  const components = {
    jobManager: component(spec, 'jobManager', findings),
    taskManager: component(spec, 'taskManager', findings),
  };
  const pods = readAllPodTemplates(spec, components.jobManager, components.taskManager, flinkVersion, findings);
  const pullSecrets = [...new Set([...pods.jobManager.pullSecrets, ...pods.taskManager.pullSecrets])];

  const ha = readHighAvailability(config, options.haStorage, pods.jobManager, findings);
  const haOn = ha.props.enabled !== false;
  const parsedJob = readJob(spec.job, config, findings);
  const restartStrategy = pickRestartStrategy(config, spec.job, findings);
  const checkpointing = readCheckpointing(config, ha.rebase, haOn, findings);
  const jm = components.jobManager;
  const jobManager = podProps(
    'jobManager',
    jm,
    config.jobManagerProcessBytes,
    pods.jobManager,
    ha.claimVolume,
    findings,
  );
  const scale = readScale(spec, components, config, parsedJob, haOn, findings);
  const tm = components.taskManager;
  const taskManager = podProps(
    'taskManager',
    tm,
    config.taskManagerProcessBytes,
    pods.taskManager,
    undefined,
    findings,
  );

  // A session cluster keeps its default parallelism as a plain key (application mode maps it to job.parallelism).
  const flinkConfiguration: Record<string, string> = { ...config.passThrough };
  if (!scale.job && config.parallelism) flinkConfiguration['parallelism.default'] = String(config.parallelism.value);
  const logLevel = readLogConfiguration(spec.logConfiguration, findings);
  readOperatorOnly(spec, clusterId, namespace, findings);
  const taskSlots = config.taskSlots?.value;
  return {
    flinkVersion,
    ...(image || pullSecrets.length ? { image: { ...image, ...(pullSecrets.length ? { pullSecrets } : {}) } } : {}),
    clusterId,
    ...(namespace ? { namespace } : {}),
    jobManager: {
      ...jobManager,
      ...(scale.jobManagerReplicas !== undefined ? { replicas: scale.jobManagerReplicas } : {}),
    },
    taskManager: {
      ...taskManager,
      replicas: scale.taskManagerReplicas,
      ...(taskSlots !== undefined ? { taskSlots } : {}),
    },
    highAvailability: ha.props,
    ...(scale.job ? { job: scale.job } : {}),
    ...(restartStrategy ? { restartStrategy } : {}),
    ...(checkpointing ? { checkpointing } : {}),
    ...(Object.keys(flinkConfiguration).length ? { flinkConfiguration } : {}),
    ...(logLevel ? { logLevel } : {}),
  };
}
