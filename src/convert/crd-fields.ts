/**
 * The fields of the Flink Kubernetes Operator's `flink.apache.org/v1beta1` FlinkDeployment,
 * per object, so that anything else is reported as not part of the CRD (the API server
 * rejects or prunes such fields, so they never reached the operator).
 * @see https://nightlies.apache.org/flink/flink-kubernetes-operator-docs-stable/docs/custom-resource/reference/
 */
export const CRD_FIELDS = {
  root: ['apiVersion', 'kind', 'metadata', 'spec', 'status'],
  metadata: [
    'name',
    'namespace',
    'labels',
    'annotations',
    // Written by the API server; harmless in an exported manifest.
    'uid',
    'resourceVersion',
    'generation',
    'creationTimestamp',
    'managedFields',
    'finalizers',
    'ownerReferences',
    'selfLink',
    'generateName',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
  ],
  spec: [
    'job',
    'restartNonce',
    'flinkConfiguration',
    'image',
    'imagePullPolicy',
    'serviceAccount',
    'flinkVersion',
    'ingress',
    'podTemplate',
    'jobManager',
    'taskManager',
    'logConfiguration',
    'mode',
  ],
  job: [
    'jarURI',
    'parallelism',
    'entryClass',
    'args',
    'state',
    'savepointTriggerNonce',
    'initialSavepointPath',
    'checkpointTriggerNonce',
    'upgradeMode',
    'allowNonRestoredState',
    'savepointRedeployNonce',
    'autoscalerResetNonce',
    'initialStateReference',
  ],
  component: ['resource', 'replicas', 'podTemplate', 'resources'],
  resource: ['cpu', 'memory', 'ephemeralStorage'],
  ingress: ['template', 'className', 'annotations', 'labels', 'tls'],
} as const;

/**
 * The operator release that added each field newer than 1.10, the oldest release the
 * conversion reads; fields without an entry are in every release from 1.10 to main.
 */
export const FIELD_SINCE: Readonly<Record<string, string>> = {
  'spec.job.autoscalerResetNonce': '1.11',
  'spec.job.initialStateReference': 'the FlinkStateSnapshot releases (1.10 reference docs)',
  'spec.jobManager.resources': 'main (unreleased)',
  'spec.taskManager.resources': 'main (unreleased)',
};

/** Metadata fields the API server writes; not reported. */
export const SERVER_METADATA = new Set<string>(CRD_FIELDS.metadata.slice(4));

/** `spec.flinkVersion` values of the CRD that the construct supports, with the FlinkVersion wire string. */
export const CRD_FLINK_VERSIONS: Readonly<Record<string, string>> = {
  v1_18: '1.18',
  v1_19: '1.19',
  v1_20: '1.20',
  v2_0: '2.0',
  v2_1: '2.1',
  v2_2: '2.2',
};
