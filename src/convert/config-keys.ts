/**
 * What the converter knows about `spec.flinkConfiguration` keys beyond Flink's own rules
 * (which the construct's escape hatch applies). Flink's full key lists are not shipped, so
 * unknown keys are passed through; these tables catch the keys that are known to mislead.
 */

/** Keys that look like Flink options but are not, with why and what to use. */
export const NOT_FLINK_OPTIONS: Readonly<Record<string, string>> = {
  'flink.master.num-task-managers':
    'the number of TaskManagers is spec.taskManager.replicas (taskManager.replicas in FlinkClusterProps)',
  'taskmanager.replicas':
    'the number of TaskManagers is spec.taskManager.replicas (taskManager.replicas in FlinkClusterProps)',
  'jobmanager.replicas':
    'the number of JobManagers is spec.jobManager.replicas (jobManager.replicas in FlinkClusterProps)',
};

/** Prefixes of settings the Flink Kubernetes Operator reads for itself; Flink never sees them. */
export const OPERATOR_KEY_PREFIXES: readonly string[] = ['kubernetes.operator.', 'job.autoscaler.'];

/**
 * Keys the operator refuses in flinkConfiguration ("Forbidden Flink config key"): it
 * derives them from metadata.name and metadata.namespace.
 */
export const OPERATOR_FORBIDDEN_KEYS: readonly string[] = [
  'kubernetes.namespace',
  'kubernetes.cluster-id',
  'high-availability.cluster-id',
];

/** How much it matters that a native-mode option is not carried over. */
export interface NativeOnly {
  readonly severity: 'warning' | 'error';
  readonly instead: string;
}

/**
 * Options Flink's native Kubernetes mode (and the operator's pod factories) read to build
 * Services, pods and clients the construct declares itself; the options the operator applies
 * to its pods (secrets, env, labels, resources, ...) are mapped instead (native-options.ts).
 * Client options the Kubernetes HA services also read (kubernetes.client.*,
 * kubernetes.transactional-operation.*) pass through; kubernetes.context and
 * kubernetes.config.file are the construct's (the pod's service account, as the HA agent's).
 */
const NATIVE_ONLY: ReadonlyArray<[RegExp, NativeOnly]> = [
  [/^kubernetes\.container\.image(\.ref)?$/, { severity: 'warning', instead: 'spec.image (image.repository/tag)' }],
  [
    /^kubernetes\.container\.image\.pull-policy$/,
    { severity: 'warning', instead: 'spec.imagePullPolicy (image.pullPolicy)' },
  ],
  [
    /^kubernetes\.jobmanager\.replicas$/,
    { severity: 'warning', instead: 'spec.jobManager.replicas (jobManager.replicas)' },
  ],
  [
    /^kubernetes\.(jobmanager\.|taskmanager\.)?service-account$/,
    { severity: 'warning', instead: 'nothing: the construct creates least-privilege service accounts' },
  ],
  [
    /^kubernetes\.rest-service\.(exposed\.type|annotations|labels|exposed\.node-port-address-type)$/,
    { severity: 'warning', instead: 'restIngress' },
  ],
  [
    /^kubernetes\.internal-service\.(annotations|labels)$/,
    { severity: 'warning', instead: 'nothing: the construct names and labels its Services' },
  ],
  [
    /^kubernetes\.pod-template-file(\.default|\.jobmanager|\.taskmanager)?$/,
    {
      severity: 'warning',
      instead: 'spec.podTemplate (nodeSelector, tolerations, affinity, env, podLabels, podAnnotations)',
    },
  ],
  [
    /^kubernetes\.jobmanager\.owner\.reference$/,
    { severity: 'warning', instead: 'nothing: the construct sets no owner references' },
  ],
  [
    /^kubernetes\.(jobmanager|taskmanager)\.entrypoint\.args$/,
    { severity: 'error', instead: 'nothing: the construct starts Flink with its own arguments, so these are lost' },
  ],
  [
    /^kubernetes\.(entry\.path|flink\.conf\.dir|flink\.log\.dir|decorator\.(hadoop-conf|kerberos)-mount\.enabled)$/,
    { severity: 'warning', instead: 'nothing: the construct lays out the image itself' },
  ],
  [
    /^kubernetes\.(hadoop\.conf\.config-map\.name|kerberos\.krb5-conf\.path)$/,
    {
      severity: 'error',
      instead:
        'a volume with the ConfigMap or file (volumes) and the variable that points Flink at it (env); the operator mounted it, the construct does not',
    },
  ],
  [
    /^kubernetes\.node-name-label$/,
    { severity: 'warning', instead: 'nothing: the construct runs a fixed set of TaskManagers' },
  ],
  [
    /^kubernetes\.(artifacts\.local-upload-(enabled|target|overwrite)|user\.artifacts\.(base\.dir|emptyDir\.enable))$/,
    { severity: 'warning', instead: 'job.jarUri (a jar in the image)' },
  ],
];

/** What replaces `key` when it is a native-mode option the construct has no use for. */
export function nativeOnly(key: string): NativeOnly | undefined {
  return NATIVE_ONLY.find(([re]) => re.test(key))?.[1];
}

/** Keys Flink removed whose meaning two newer keys share. */
export const SPLIT_KEYS: ReadonlyMap<string, readonly string[]> = new Map([
  ['security.ssl.enabled', ['security.ssl.internal.enabled', 'security.ssl.rest.enabled']],
]);
