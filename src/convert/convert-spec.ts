import { readCheckpointing } from './checkpointing';
import { component, ComponentName } from './components';
import { ConfigIntent } from './config-intent';
import { FindingList } from './conversion-report';
import { checkDependencies, NeededPath } from './dependencies';
import { HighAvailabilityConversion, readHighAvailability } from './high-availability';
import { readImage } from './image';
import { readJob } from './job';
import { readLogConfiguration } from './log-configuration';
import { Obj } from './manifest';
import { dropMemoryConflicts } from './memory-conflicts';
import { readClusterId, readNamespace } from './metadata';
import { operatorDefaults } from './operator-defaults';
import { readOperatorOnly, readServiceAccount } from './operator-only';
import { applyPodOptions } from './pod-options';
import { podProps } from './pod-props';
import { UnavailablePath } from './pod-template';
import { readAllPodTemplates } from './pod-template-merge';
import { readFlinkConfiguration } from './read-flink-configuration';
import { pickRestartStrategy } from './restart-strategy-seed';
import { readScale } from './scale';
import { checkUpgradeSettings, operatorCheckpointInterval, readUpgradeMode, reportUpgradeMode } from './upgrade-mode';
import { FlinkVersion, FlinkVersionTraits } from '../flink/flink-version';
import { FlinkClusterProps, FlinkPodProps } from '../props/cluster-props';
import { HaStorage } from '../props/ha-storage';

/** What a spec converts with besides its own fields. */
export interface SpecInput {
  readonly spec: Obj;
  readonly metadata: Obj;
  readonly name?: string;
  readonly flinkVersion: FlinkVersion;
  readonly namespace?: string;
  readonly haStorage?: HaStorage;
}

/** Pods of both components, and what their mounts leave out. */
interface Pods {
  readonly jobManager: FlinkPodProps;
  readonly taskManager: FlinkPodProps;
  readonly pullSecrets: string[];
  readonly unavailable: UnavailablePath[];
}

/** The spec of a FlinkDeployment whose Flink version is known, as FlinkCluster props. */
export function convertSpec(input: SpecInput, findings: FindingList): FlinkClusterProps {
  const { spec, flinkVersion } = input;
  const image = readImage(spec, flinkVersion, findings);
  readServiceAccount(spec.serviceAccount, findings);
  const config = readFlinkConfiguration(spec.flinkConfiguration, FlinkVersionTraits.of(flinkVersion), findings);
  const clusterId = readClusterId(input.name, config, findings);
  const namespace = readNamespace(input.metadata.namespace, input.namespace, findings);
  const components = {
    jobManager: component(spec, 'jobManager', findings),
    taskManager: component(spec, 'taskManager', findings),
  };
  const templates = readAllPodTemplates(spec, components, flinkVersion, config.mergeArraysByName ?? false, findings);
  const ha = readHighAvailability(config, input.haStorage, templates.jobManager, findings);
  const haOn = ha.props.enabled !== false;
  const mode = readUpgradeMode(spec.job, findings);
  const parsedJob = readJob(spec.job, config, findings);
  if (parsedJob) checkUpgradeSettings(spec.job, mode, config, findings);
  const restartStrategy = pickRestartStrategy(config, spec.job, findings);
  const interval = parsedJob ? operatorCheckpointInterval(mode, config, findings) : config.checkpointInterval;
  const applicationMode = parsedJob !== undefined;
  const checkpointing = readCheckpointing({ config, interval, rebase: ha.rebase, haOn, applicationMode }, findings);
  if (parsedJob) reportUpgradeMode(spec.job, mode, { haOn, checkpointing: checkpointing !== undefined }, findings);
  const pods = readPods(components, templates, config, ha, flinkVersion, findings);
  const scale = readScale(
    spec,
    components,
    { config, job: parsedJob, haOn, standalone: spec.mode === 'standalone' },
    findings,
  );
  const flinkConfiguration = assembleConfiguration(
    config,
    pods,
    input.name ?? clusterId,
    scale.job !== undefined,
    haOn,
    findings,
  );
  if (pods.unavailable.length)
    checkDependencies(
      neededPaths(spec, scale.job?.initialSavepointPath, config, flinkConfiguration),
      pods.unavailable,
      findings,
    );
  const logLevel = readLogConfiguration(spec.logConfiguration, findings);
  readOperatorOnly(spec, clusterId, namespace, findings);
  const taskSlots = config.taskSlots?.value;
  return {
    flinkVersion,
    ...(image || pods.pullSecrets.length
      ? { image: { ...image, ...(pods.pullSecrets.length ? { pullSecrets: pods.pullSecrets } : {}) } }
      : {}),
    clusterId,
    ...(namespace ? { namespace } : {}),
    jobManager: {
      ...pods.jobManager,
      ...(scale.jobManagerReplicas !== undefined ? { replicas: scale.jobManagerReplicas } : {}),
    },
    taskManager: {
      ...pods.taskManager,
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

/** Each component's pod props: its merged template with the Kubernetes options applied, and its resources. */
function readPods(
  components: Record<ComponentName, Obj>,
  templates: ReturnType<typeof readAllPodTemplates>,
  config: ConfigIntent,
  ha: HighAvailabilityConversion,
  flinkVersion: FlinkVersion,
  findings: FindingList,
): Pods {
  const pod = (name: ComponentName) => {
    const applied = applyPodOptions(name, templates[name], config.pods[name], flinkVersion, findings);
    const process = name === 'jobManager' ? config.jobManagerProcessBytes : config.taskManagerProcessBytes;
    const skip = name === 'jobManager' ? ha.claimVolume : undefined;
    return podProps(name, components[name], process, config.pods[name], applied, skip, findings);
  };
  const pullSecrets = [
    ...new Set([...templates.jobManager.pullSecrets, ...templates.taskManager.pullSecrets, ...config.pullSecrets]),
  ];
  const unavailable = [...templates.jobManager.unavailablePaths, ...templates.taskManager.unavailablePaths];
  return { jobManager: pod('jobManager'), taskManager: pod('taskManager'), pullSecrets, unavailable };
}

/** The pass-through keys, less memory options Flink would refuse, plus the operator's defaults. */
function assembleConfiguration(
  config: ConfigIntent,
  pods: Pods,
  name: string,
  applicationMode: boolean,
  haOn: boolean,
  findings: FindingList,
): Record<string, string> {
  // The operator's defaults first, so the keys read in the manifest's order follow them.
  const flinkConfiguration = operatorDefaults({ config, name, applicationMode, haOn }, findings);
  for (const key in config.passThrough) flinkConfiguration[key] = config.passThrough[key];
  dropMemoryConflicts(flinkConfiguration, config.passThroughPaths, pods, findings);
  // A session cluster keeps its default parallelism as a plain key (application mode maps it to job.parallelism).
  if (!applicationMode && config.parallelism)
    flinkConfiguration['parallelism.default'] = String(config.parallelism.value);
  return flinkConfiguration;
}

/** Files the cluster needs at run time: the jar, the savepoint to start from, and paths in the configuration. */
function neededPaths(
  spec: Obj,
  savepoint: string | undefined,
  config: ConfigIntent,
  flinkConfiguration: Record<string, string>,
): NeededPath[] {
  const job = spec.job as Obj | undefined;
  const needed: NeededPath[] = [];
  if (job && typeof job.jarURI === 'string')
    needed.push({ value: job.jarURI, path: 'spec.job.jarURI', what: 'the job jar' });
  if (savepoint)
    needed.push({
      value: savepoint,
      path: config.savepointPath?.path ?? 'spec.job.initialSavepointPath',
      what: 'the savepoint',
    });
  for (const [key, value] of Object.entries(flinkConfiguration)) {
    const path = config.passThroughPaths[key];
    if (path) needed.push({ value, path, what: `the file ${key} names,` });
  }
  return needed;
}
