import { checkpointingConfig } from '../props/checkpointing';
import { checkPrefixCollisions } from './key-rules';
import { FlinkPorts } from '../flink/ports';
import { FlinkVersion } from '../flink/flink-version';
import { flinkDuration } from '../validation/values';
import type { ResolvedCluster } from './resolve-cluster';
import { fail } from '../validation/errors';

/**
 * The complete Flink configuration of a cluster, as key/value strings. Pure: the same
 * resolved props always give the same entries.
 */
export function buildFlinkConfig(c: ResolvedCluster): Record<string, string> {
  const config: Record<string, string> = {
    'kubernetes.cluster-id': c.clusterId,
    'kubernetes.namespace': c.namespace,
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
    'jobmanager.memory.process.size': `${c.jobManager.processMiB}m`,
    'taskmanager.memory.process.size': `${c.taskManager.processMiB}m`,
    'taskmanager.numberOfTaskSlots': String(c.taskManager.taskSlots),
  };
  const ha = c.highAvailability;
  if (ha.enabled && ha.storage) {
    Object.assign(config, {
      'high-availability.type': 'kubernetes',
      'high-availability.storageDir': ha.storage.storageDir.uri,
      // Without it every standalone cluster on the same storage shares "/default".
      'high-availability.cluster-id': c.clusterId,
      'high-availability.jobmanager.port': String(FlinkPorts.RPC),
      'high-availability.kubernetes.leader-election.lease-duration': flinkDuration(
        'highAvailability.leaseDuration',
        ha.leaseDuration,
      ),
      'high-availability.kubernetes.leader-election.renew-deadline': flinkDuration(
        'highAvailability.renewDeadline',
        ha.renewDeadline,
      ),
      'high-availability.kubernetes.leader-election.retry-period': flinkDuration(
        'highAvailability.retryPeriod',
        ha.retryPeriod,
      ),
    });
  }
  if (c.metrics.prometheus) {
    // The reporter jar ships in the image's plugins/ directory, which the init container preserves.
    config['metrics.reporter.prom.factory.class'] = 'org.apache.flink.metrics.prometheus.PrometheusReporterFactory';
    config['metrics.reporter.prom.port'] = String(FlinkPorts.METRICS);
  }
  if (c.job) {
    config['parallelism.default'] = String(c.job.parallelism);
    // A Deployment restarts an exited JobManager, which would run a finished job again.
    config['execution.shutdown-on-application-finish'] = String(c.job.shutdownOnFinish);
  }
  if (c.restartStrategy) Object.assign(config, c.restartStrategy.toConfig());
  if (c.checkpointing) Object.assign(config, checkpointingConfig(c.checkpointing, c.traits));

  for (const [key, value] of Object.entries(c.extraConfig)) {
    if (key in config) fail(`flinkConfiguration["${key}"]`, value, 'is set by the construct; use the matching prop');
    config[key] = value;
  }
  checkPrefixCollisions(config, new Set(Object.keys(c.extraConfig)), c.traits.atLeast(FlinkVersion.V2_0));
  return config;
}
