import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { HaRole, ROLE_LABEL } from '../agent/contract';
import { ClusterModel } from '../model/cluster-model';
import { Component, metadata } from '../model/labels';

const API_VERSION = 'admissionregistration.k8s.io/v1';
const NAMESPACE_LABEL = 'kubernetes.io/metadata.name';

/** A CEL string literal (single-quoted; our values are DNS names and label keys, so only quotes need care). */
const cel = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

/**
 * A metadata field the update leaves as it was (both absent, or equal): annotations, owner
 * references and finalizers. Otherwise a pod could be detached from its ReplicaSet (and so
 * outlive the cluster), be held by a finalizer, or steer its controller through annotations.
 */
const unchanged = (field: string) =>
  `has(object.metadata.${field}) == has(oldObject.metadata.${field}) && ` +
  `(!has(object.metadata.${field}) || object.metadata.${field} == oldObject.metadata.${field})`;

/** `labels[key] == value`, false (not an evaluation error) when the key is missing. */
const has = (labels: string, key: string, value: string) =>
  `(${cel(key)} in ${labels} && ${labels}[${cel(key)}] == ${cel(value)})`;

/**
 * What RBAC cannot say, for the JobManager ServiceAccount (whose token Flink's own process,
 * and so user code, holds): ConfigMaps it creates, updates or deletes are this cluster's HA
 * ConfigMaps only; the only pod change it may make is the HA role label of this cluster's
 * JobManager pods (annotations, owner references and finalizers stay as they were); the only
 * Lease it may touch is the agent's.
 */
export function jobManagerPolicyRules(m: ClusterModel): Array<{ expression: string; message: string }> {
  const id = m.clusterId;
  const labels = 'object.metadata.labels';
  const old = 'oldObject.metadata.labels';
  const role = cel(ROLE_LABEL);
  const roles = Object.values(HaRole).map(cel).join(', ');
  return [
    {
      expression:
        `request.resource.resource != 'configmaps' || variables.name == ${cel(m.names.clusterConfigMap)} || ` +
        `variables.name.matches(${cel(`^${id}-[0-9a-f]{32}-config-map$`)})`,
      message: `the JobManagers of ${id} may only write their own HA ConfigMaps (${id}-cluster-config-map, ${id}-<job id>-config-map)`,
    },
    {
      expression: `request.resource.resource != 'leases' || variables.name == ${cel(m.names.leaderLease)}`,
      message: `the JobManagers of ${id} may only write the Lease ${m.names.leaderLease}`,
    },
    {
      expression:
        `request.resource.resource != 'pods' || (request.operation == 'UPDATE' && object.spec == oldObject.spec && ` +
        `${['annotations', 'ownerReferences', 'finalizers'].map(unchanged).join(' && ')} && ` +
        `has(oldObject.metadata.labels) && has(object.metadata.labels) && ` +
        `${has(old, 'app.kubernetes.io/instance', id)} && ${has(old, 'app.kubernetes.io/component', Component.JOBMANAGER)} && ` +
        `${labels}.all(k, k == ${role} || (k in ${old} && ${old}[k] == ${labels}[k])) && ` +
        `${old}.all(k, k == ${role} || k in ${labels}) && ` +
        `(!(${role} in ${labels}) || ${labels}[${role}] in [${roles}]))`,
      message: `the JobManagers of ${id} may only change the ${ROLE_LABEL} label of their own pods`,
    },
  ];
}

/**
 * A ValidatingAdmissionPolicy and its binding that narrow the JobManager ServiceAccount to its
 * own cluster's objects: RBAC cannot restrict `create` by name, nor pod patches to one label.
 * Cluster-scoped objects (applying them needs cluster rights); Kubernetes 1.30+.
 * @see https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/
 */
export class JobManagerAdmissionPolicy extends Construct {
  /** The policy's (and binding's) name, unique per namespace and cluster id. */
  public readonly name: string;

  constructor(scope: Construct, id: string, m: ClusterModel) {
    super(scope, id);
    this.name = `${m.namespace}.${m.clusterId}.flink-jobmanager`;
    const meta = metadata(m.meta, this.name, Component.RBAC);
    const namespaceSelector = { matchLabels: { [NAMESPACE_LABEL]: m.namespace } };
    const serviceAccount = `system:serviceaccount:${m.namespace}:${m.names.jobManager}`;
    const policy = new ApiObject(this, 'Policy', {
      apiVersion: API_VERSION,
      kind: 'ValidatingAdmissionPolicy',
      metadata: meta,
      spec: {
        failurePolicy: 'Fail',
        matchConstraints: {
          namespaceSelector,
          resourceRules: [rule('', ['configmaps', 'pods']), rule('coordination.k8s.io', ['leases'])],
        },
        matchConditions: [
          { name: 'jobmanager-service-account', expression: `request.userInfo.username == ${cel(serviceAccount)}` },
        ],
        variables: [
          {
            name: 'name',
            expression: "request.operation == 'DELETE' ? oldObject.metadata.name : object.metadata.name",
          },
        ],
        validations: jobManagerPolicyRules(m).map((v) => ({ ...v, reason: 'Forbidden' })),
      },
    });
    const binding = new ApiObject(this, 'Binding', {
      apiVersion: API_VERSION,
      kind: 'ValidatingAdmissionPolicyBinding',
      metadata: meta,
      spec: { policyName: this.name, validationActions: ['Deny'], matchResources: { namespaceSelector } },
    });
    // Cluster-scoped: no namespace, whatever the chart's.
    for (const o of [policy, binding]) o.addJsonPatch(JsonPatch.remove('/metadata/namespace'));
  }
}

function rule(apiGroup: string, resources: string[]) {
  return { apiGroups: [apiGroup], apiVersions: ['v1'], operations: ['CREATE', 'UPDATE', 'DELETE'], resources };
}
