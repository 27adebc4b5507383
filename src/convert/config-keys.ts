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

/**
 * Options of Flink's native Kubernetes mode: the JobManager reads them to create
 * TaskManager pods and Services itself. A standalone cluster (what the construct builds)
 * ignores them; each names the prop that does the job instead.
 */
export const NATIVE_MODE_KEYS: ReadonlyArray<[RegExp, string]> = [
  [/^kubernetes\.container\.image(\.ref)?$/, 'spec.image (image.repository/tag)'],
  [/^kubernetes\.container\.image\.pull-policy$/, 'spec.imagePullPolicy (image.pullPolicy)'],
  [/^kubernetes\.container\.image\.pull-secrets$/, 'image.pullSecrets'],
  [/^kubernetes\.jobmanager\.replicas$/, 'spec.jobManager.replicas (jobManager.replicas)'],
  [
    /^kubernetes\.(jobmanager\.|taskmanager\.)?service-account$/,
    'nothing: the construct creates least-privilege service accounts',
  ],
  [
    /^kubernetes\.jobmanager\.cpu(\.amount|\.limit-factor)?$/,
    'spec.jobManager.resource.cpu (jobManager.resources.cpu / cpuLimit)',
  ],
  [
    /^kubernetes\.taskmanager\.cpu(\.amount|\.limit-factor)?$/,
    'spec.taskManager.resource.cpu (taskManager.resources.cpu / cpuLimit)',
  ],
  [/^kubernetes\.(jobmanager|taskmanager)\.memory\.limit-factor$/, 'the resources props (memory request = limit)'],
  [/^kubernetes\.rest-service\.(exposed\.type|annotations|exposed\.node-port-address-type)$/, 'restIngress'],
  [
    /^kubernetes\.pod-template-file(\.default|\.jobmanager|\.taskmanager)?$/,
    'spec.podTemplate (nodeSelector, tolerations, affinity, env, podLabels, podAnnotations)',
  ],
  [
    /^kubernetes\.(jobmanager|taskmanager)\.(node-selector|tolerations|labels|annotations|owner\.reference|entrypoint\.args)$/,
    'the jobManager/taskManager pod props',
  ],
  [
    /^kubernetes\.(entry\.path|flink\.conf\.dir|flink\.log\.dir|hadoop\.conf\.config-map\.name|kerberos\.krb5-conf\.path)$/,
    'nothing: the construct lays out the image itself',
  ],
];

/** The native-mode replacement for `key`, if it is a native-mode option. */
export function nativeModeReplacement(key: string): string | undefined {
  return NATIVE_MODE_KEYS.find(([re]) => re.test(key))?.[1];
}
