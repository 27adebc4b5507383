import { resolveCheckpointing } from './checkpointing';
import { ClusterModel } from './cluster-model';
import { resolveExtraConfig, resolveLogLevel } from './extra-config';
import { buildFlinkConfig } from './flink-configuration';
import { resolveFlinkImage } from './flink-image';
import { resolveFlinkVersion } from './flink-version';
import { credentialEnv, resolveHighAvailability } from './high-availability';
import { resolveIdentity } from './identity';
import { resolveJob } from './job';
import { checkMemoryOptions } from './memory-options';
import { resolveNetwork } from './network';
import { resolveAgent, resolveMetrics } from './observability';
import { forbidOwnedEnv, resolvePods } from './pods';
import { resolveSharedStorage } from './shared-storage';
import { MIN_JOBMANAGER_PROCESS_MIB, MIN_TASKMANAGER_PROCESS_MIB } from '../flink/memory-model';
import { FlinkClusterProps } from '../props/cluster-props';
import { RestartStrategy } from '../props/restart-strategy';
import { fail } from '../validation/errors';
import { requireKnownFields, requireObject } from '../validation/k8s-syntax';
import { requireBoolean, requireInt } from '../validation/values';

/** Object-typed props, checked for shape before any section reads them. */
const OBJECT_PROPS = [
  'image',
  'jobManager',
  'taskManager',
  'highAvailability',
  'job',
  'checkpointing',
  'network',
  'haAgent',
  'metrics',
  'restIngress',
  'gitOps',
  'security',
] as const;

const standbysNeedHa = () =>
  'needs HA: standby JobManagers only work with highAvailability enabled; set replicas to 1 or enable highAvailability';
const notARestartStrategy = () =>
  'must be created with RestartStrategy.none(), .fixedDelay(), .failureRate() or .exponentialDelay()';

/**
 * Props -> the cluster model: the first tier of validation (each prop on its own and
 * with its neighbours) and every default, section by section, in the order the sections
 * depend on each other. The second tier (rules over the finished objects) runs at synth.
 */
export function resolveCluster(
  props: FlinkClusterProps,
  constructId: string,
  chartNamespace: string | undefined,
): ClusterModel {
  if (props === null || typeof props !== 'object') fail('props', props, 'must be an object with at least flinkVersion');
  requireKnownFields('', props, 'FlinkClusterProps');
  const traits = resolveFlinkVersion(props.flinkVersion);
  const identity = resolveIdentity(props, constructId, chartNamespace, traits);
  for (const key of OBJECT_PROPS) {
    if (props[key] !== undefined)
      requireObject(key, props[key], `{ ... } as documented for FlinkClusterProps.${key}, or leave it out`);
  }
  const image = resolveFlinkImage(props.image, traits);
  const highAvailability = resolveHighAvailability(props.highAvailability, identity.clusterId);

  const jmReplicas = requireInt(
    'jobManager.replicas',
    props.jobManager?.replicas ?? (highAvailability.enabled ? 2 : 1),
    1,
    10,
  );
  if (jmReplicas > 1 && !highAvailability.enabled) fail('jobManager.replicas', jmReplicas, standbysNeedHa());
  const jobManager = resolvePods('jobManager', props.jobManager, jmReplicas, 1600, MIN_JOBMANAGER_PROCESS_MIB);
  const tmReplicas = requireInt('taskManager.replicas', props.taskManager?.replicas ?? 1, 0, 1000);
  const taskSlots = requireInt('taskManager.taskSlots', props.taskManager?.taskSlots ?? 1, 1, 1024);
  const taskManager = {
    ...resolvePods('taskManager', props.taskManager, tmReplicas, 1728, MIN_TASKMANAGER_PROCESS_MIB),
    taskSlots,
  };
  const ownedEnv = credentialEnv(highAvailability.storage);
  forbidOwnedEnv('jobManager', jobManager, ownedEnv);
  forbidOwnedEnv('taskManager', taskManager, ownedEnv);
  const totalSlots = tmReplicas * taskSlots;
  const job = props.job === undefined ? undefined : resolveJob(props.job, identity, totalSlots);

  if (props.restartStrategy !== undefined && !(props.restartStrategy instanceof RestartStrategy))
    fail('restartStrategy', props.restartStrategy, notARestartStrategy());
  const checkpointing =
    props.checkpointing === undefined
      ? undefined
      : resolveCheckpointing(props.checkpointing, highAvailability.storage?.storageDir.uri);
  const shared = resolveSharedStorage(highAvailability.storage, checkpointing, {
    jobManagers: jmReplicas,
    taskManagers: tmReplicas,
  });
  const { config: extraConfig, warnings } = resolveExtraConfig(
    props.flinkConfiguration,
    traits,
    job !== undefined,
    props.restIngress !== undefined,
    totalSlots,
  );
  checkMemoryOptions(extraConfig, jobManager.processMiB, taskManager.processMiB);
  const logLevel = resolveLogLevel(props.logLevel);
  const { network, restIngress } = resolveNetwork(props.network, props.restIngress, props.job === undefined);

  const model: Omit<ClusterModel, 'flinkConfig'> = {
    traits,
    ...identity,
    image,
    jobManager,
    taskManager,
    highAvailability,
    haClaim: shared.haClaim,
    job,
    restartStrategy: props.restartStrategy?._spec,
    checkpointing,
    storageUris: shared.storageUris,
    extraConfig,
    logLevel,
    network,
    agent: resolveAgent(props.haAgent, highAvailability.enabled),
    metrics: resolveMetrics(props.metrics),
    restIngress,
    warnings,
    argoCdSyncWaves: requireBoolean('gitOps.argoCdSyncWaves', props.gitOps?.argoCdSyncWaves ?? false),
    // Without HA no pod has API rights to confine.
    admissionPolicy:
      requireBoolean('security.admissionPolicy', props.security?.admissionPolicy ?? true) && highAvailability.enabled,
  };
  return { ...model, flinkConfig: buildFlinkConfig(model, extraConfig) };
}
