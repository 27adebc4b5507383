import { FlinkClusterProps } from '../props/cluster-props';
import { resolveCluster } from '../model/resolve-cluster';
import { FlinkVersion } from '../flink/flink-version';
import { FlinkValidationError } from '../validation/errors';

/**
 * Runs the construct's own validation over `props` without building anything and returns
 * the error it would throw, if any. The converter asks the construct instead of copying
 * its rules, so the two cannot drift apart.
 */
export function constructRejection(props: FlinkClusterProps, namespace = 'default'): FlinkValidationError | undefined {
  try {
    resolveCluster(props, props.clusterId ?? 'flink', props.namespace ?? namespace);
    return undefined;
  } catch (e) {
    if (e instanceof FlinkValidationError) return e;
    throw e;
  }
}

/**
 * The construct's verdict on one piece of pod props (an env var, a volume), checked on an
 * otherwise minimal cluster so that only that piece can fail.
 */
export function podPropRejection(
  flinkVersion: FlinkVersion,
  pod: NonNullable<FlinkClusterProps['jobManager']>,
): FlinkValidationError | undefined {
  return constructRejection({
    flinkVersion,
    clusterId: 'probe',
    namespace: 'probe',
    highAvailability: { enabled: false },
    jobManager: { replicas: 1, ...pod },
  });
}
