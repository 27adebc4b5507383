import { ClusterModel } from './cluster-model';
import { flinkDurationOf } from '../flink/durations';
import { FlinkPorts } from '../flink/ports';
import { RestartStrategySpec, RestartStrategyType } from '../props/restart-strategy';

/** The model the Flink configuration is built from: everything but the user's own keys. */
export type ConfigInput = Omit<ClusterModel, 'extraConfig' | 'flinkConfig'>;

/** Flink configuration entries. */
type Entries = { [key: string]: string };

/** Keys a section owns, and the prop a user sets instead ("nothing: why" when the construct decides alone). */
export interface OwnedKeys {
  readonly keys: RegExp;
  readonly owner: string;
  /** Owned only in application mode: a session cluster leaves these to the user. */
  readonly applicationModeOnly?: boolean;
  /** Owned only with a REST Ingress: without one, these are the user's. */
  readonly restIngressOnly?: boolean;
}

/**
 * One part of the Flink configuration: the keys it owns and how it renders them. The
 * owned keys are the contract: a section writes only keys it owns (a test checks every
 * scenario), users may not set them, and the converter maps them to props.
 */
export interface ConfigSection {
  readonly name: string;
  readonly owns: readonly OwnedKeys[];
  /** Keys the section writes that a user may extend: the user's value is appended to the section's. */
  readonly appendable?: readonly string[];
  render(m: ConfigInput): Entries;
}

const PORTS_OWNER = "nothing: it pins Flink's ports so containerPorts, Services and NetworkPolicies agree";

const cluster: ConfigSection = {
  name: 'cluster',
  owns: [
    { keys: /^kubernetes\.cluster-id$/, owner: 'clusterId' },
    { keys: /^kubernetes\.namespace$/, owner: "namespace (or the chart's namespace)" },
    {
      keys: /^(jobmanager\.rpc\.port|blob\.server\.port|taskmanager\.(rpc|data)\.port|rest\.(bind-)?port|metrics\.internal\.query-service\.port)$/,
      owner: PORTS_OWNER,
    },
    { keys: /^jobmanager\.rpc\.address$/, owner: 'nothing: each JobManager advertises its own pod IP' },
    {
      keys: /^rest\.address$/,
      owner:
        'nothing: each JobManager publishes its pod IP as its REST address, which the HA agent and the leader Service follow',
    },
    {
      keys: /^(jobmanager\.bind-host|taskmanager\.bind-host|rest\.bind-address)$/,
      owner: 'nothing: Flink listens on all pod interfaces and NetworkPolicies restrict access',
    },
    {
      keys: /^kubernetes\.(config\.file|context)$/,
      owner:
        "nothing: Flink's Kubernetes HA client and the HA agent both use the pod's service account in the pod's " +
        'namespace; a kubeconfig would point Flink elsewhere, where the agent and the Roles do not follow',
    },
    { keys: /^jobmanager\.memory\.process\.size$/, owner: 'jobManager.resources.memory' },
    { keys: /^taskmanager\.memory\.process\.size$/, owner: 'taskManager.resources.memory' },
    { keys: /^taskmanager\.numberOfTaskSlots$/, owner: 'taskManager.taskSlots' },
  ],
  render: (m): Entries => ({
    'kubernetes.cluster-id': m.clusterId,
    'kubernetes.namespace': m.namespace,
    'jobmanager.rpc.port': String(FlinkPorts.RPC),
    'blob.server.port': String(FlinkPorts.BLOB),
    'taskmanager.rpc.port': String(FlinkPorts.TASKMANAGER_RPC),
    'taskmanager.data.port': String(FlinkPorts.TASKMANAGER_DATA),
    'rest.port': String(FlinkPorts.REST),
    'metrics.internal.query-service.port': String(FlinkPorts.METRIC_QUERY),
    // Listen on every interface of the pod, as the official image's own config does
    // (ours replaces it); NetworkPolicies decide who may connect.
    'jobmanager.bind-host': '0.0.0.0',
    'taskmanager.bind-host': '0.0.0.0',
    'rest.bind-address': '0.0.0.0',
    'jobmanager.memory.process.size': `${m.jobManager.processMiB}m`,
    'taskmanager.memory.process.size': `${m.taskManager.processMiB}m`,
    'taskmanager.numberOfTaskSlots': String(m.taskManager.taskSlots),
  }),
};

const highAvailability: ConfigSection = {
  name: 'highAvailability',
  owns: [
    { keys: /^high-availability(\.type)?$/, owner: 'highAvailability.enabled' },
    { keys: /^high-availability\.(storageDir|storage-dir)$/, owner: 'highAvailability.storage' },
    { keys: /^high-availability\.cluster-id$/, owner: 'clusterId' },
    { keys: /^high-availability\.jobmanager\.port$/, owner: PORTS_OWNER },
    {
      keys: /^high-availability\.kubernetes\.leader-election\.lease-duration$/,
      owner: 'highAvailability.leaseDuration',
    },
    {
      keys: /^high-availability\.kubernetes\.leader-election\.renew-deadline$/,
      owner: 'highAvailability.renewDeadline',
    },
    { keys: /^high-availability\.kubernetes\.leader-election\.retry-period$/, owner: 'highAvailability.retryPeriod' },
  ],
  render: (m): Entries => {
    const ha = m.highAvailability;
    if (!ha.storage) return {};
    return {
      'high-availability.type': 'kubernetes',
      'high-availability.storageDir': ha.storage.storageDir.uri,
      // Without it every standalone cluster on the same storage shares "/default".
      'high-availability.cluster-id': m.haClusterId,
      'high-availability.jobmanager.port': String(FlinkPorts.RPC),
      'high-availability.kubernetes.leader-election.lease-duration': flinkDurationOf(ha.leaseDurationMs),
      'high-availability.kubernetes.leader-election.renew-deadline': flinkDurationOf(ha.renewDeadlineMs),
      'high-availability.kubernetes.leader-election.retry-period': flinkDurationOf(ha.retryPeriodMs),
    };
  },
};

const metrics: ConfigSection = {
  name: 'metrics',
  owns: [{ keys: /^metrics\.reporter\.prom\..*$/, owner: 'metrics' }],
  render: (m): Entries =>
    m.metrics.prometheus
      ? {
          // The reporter jar ships in the image's plugins/ directory, which the init container preserves.
          'metrics.reporter.prom.factory.class': 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory',
          'metrics.reporter.prom.port': String(FlinkPorts.METRICS),
        }
      : {},
};

const job: ConfigSection = {
  name: 'job',
  owns: [
    { keys: /^parallelism\.default$/, owner: 'job.parallelism', applicationModeOnly: true },
    { keys: /^execution\.shutdown-on-application-finish$/, owner: 'job.shutdownOnFinish', applicationModeOnly: true },
    { keys: /^(execution\.savepoint\.path|execution\.state-recovery\.path)$/, owner: 'job.initialSavepointPath' },
    {
      keys: /^(execution\.savepoint\.ignore-unclaimed-state|execution\.state-recovery\.ignore-unclaimed-state)$/,
      owner: 'job.allowNonRestoredState',
    },
    { keys: /^\$internal\.pipeline\.job-id$/, owner: 'job.jobId' },
  ],
  render: (m): Entries =>
    m.job
      ? {
          'parallelism.default': String(m.job.parallelism),
          // A Deployment restarts an exited JobManager, which would run a finished job again.
          'execution.shutdown-on-application-finish': String(m.job.shutdownOnFinish),
        }
      : {},
};

const restartStrategy: ConfigSection = {
  name: 'restartStrategy',
  owns: [{ keys: /^restart-strategy(\..*)?$/, owner: 'restartStrategy' }],
  render: (m): Entries => (m.restartStrategy ? restartStrategyConfig(m.restartStrategy) : {}),
};

const checkpointing: ConfigSection = {
  name: 'checkpointing',
  owns: [
    {
      keys: /^execution\.checkpointing\.externalized-checkpoint-retention$/,
      owner: 'checkpointing.retainOnCancellation',
    },
    {
      keys: /^execution\.checkpointing\.(interval|mode|dir|savepoint-dir|num-retained|incremental)$/,
      owner: 'checkpointing',
    },
    { keys: /^state\.(checkpoints\.(dir|num-retained)|savepoints\.dir|backend\.incremental)$/, owner: 'checkpointing' },
  ],
  render: (m): Entries => {
    const c = m.checkpointing;
    if (!c) return {};
    const keys = m.traits.checkpointKeys;
    return {
      'execution.checkpointing.interval': flinkDurationOf(c.intervalMs),
      'execution.checkpointing.mode': c.mode,
      [keys.dir]: c.directory,
      [keys.savepointDir]: c.savepointDirectory,
      [keys.retained]: String(c.retained),
      [keys.incremental]: String(c.incremental),
      'execution.checkpointing.externalized-checkpoint-retention': c.retainOnCancellation
        ? 'RETAIN_ON_CANCELLATION'
        : 'DELETE_ON_CANCELLATION',
    };
  },
};

const web: ConfigSection = {
  name: 'web',
  owns: [{ keys: /^web\.submit\.enable$/, owner: 'restIngress.jobSubmission', restIngressOnly: true }],
  // Only behind an Ingress: without one, submission needs access to the pods anyway.
  render: (m): Entries => (m.restIngress ? { 'web.submit.enable': String(m.restIngress.jobSubmission) } : {}),
};

const jvm: ConfigSection = {
  name: 'jvm',
  owns: [],
  // The user's own options (a profiler agent, GC flags) come after the module options Flink needs.
  appendable: ['env.java.opts.all'],
  render: (m): Entries => ({ 'env.java.opts.all': m.traits.javaModuleOptions }),
};

/** Every section, in the order the configuration is built. */
export const CONFIG_SECTIONS: readonly ConfigSection[] = [
  cluster,
  jvm,
  web,
  highAvailability,
  metrics,
  job,
  restartStrategy,
  checkpointing,
];

/** The prop that owns `key`, if the construct writes it (in application mode, with an Ingress, unless told otherwise). */
export function ownerOf(key: string, applicationMode = true, restIngress = true): string | undefined {
  for (const section of CONFIG_SECTIONS) {
    for (const o of section.owns) {
      const applies = (!o.applicationModeOnly || applicationMode) && (!o.restIngressOnly || restIngress);
      if (o.keys.test(key) && applies) return o.owner;
    }
  }
  return undefined;
}

/** Flink's `restart-strategy.*` entries of a strategy. */
export function restartStrategyConfig(s: RestartStrategySpec): Entries {
  const p = 'restart-strategy';
  switch (s.type) {
    case RestartStrategyType.NONE:
      return { [`${p}.type`]: s.type };
    case RestartStrategyType.FIXED_DELAY:
      return {
        [`${p}.type`]: s.type,
        [`${p}.fixed-delay.attempts`]: String(s.attempts),
        [`${p}.fixed-delay.delay`]: flinkDurationOf(s.delayMs),
      };
    case RestartStrategyType.FAILURE_RATE:
      return {
        [`${p}.type`]: s.type,
        [`${p}.failure-rate.max-failures-per-interval`]: String(s.maxFailuresPerInterval),
        [`${p}.failure-rate.failure-rate-interval`]: flinkDurationOf(s.intervalMs),
        [`${p}.failure-rate.delay`]: flinkDurationOf(s.delayMs),
      };
    case RestartStrategyType.EXPONENTIAL_DELAY:
      return {
        [`${p}.type`]: s.type,
        [`${p}.exponential-delay.initial-backoff`]: flinkDurationOf(s.initialBackoffMs),
        [`${p}.exponential-delay.max-backoff`]: flinkDurationOf(s.maxBackoffMs),
        [`${p}.exponential-delay.backoff-multiplier`]: String(s.backoffMultiplier),
        [`${p}.exponential-delay.reset-backoff-threshold`]: flinkDurationOf(s.resetBackoffThresholdMs),
        [`${p}.exponential-delay.jitter-factor`]: String(s.jitterFactor),
        ...(s.attemptsBeforeResetBackoff === undefined
          ? {}
          : { [`${p}.exponential-delay.attempts-before-reset-backoff`]: String(s.attemptsBeforeResetBackoff) }),
      };
    default:
      return unknownStrategy(s);
  }
}

function unknownStrategy(s: never): never {
  throw new Error(`unknown restart strategy ${JSON.stringify(s)}`);
}
