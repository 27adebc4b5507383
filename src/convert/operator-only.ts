import { FindingList } from './conversion-report';
import { CRD_FIELDS } from './crd-fields';
import { checkFields, isMap, Obj } from './manifest';

const ownServiceAccounts = () =>
  'not used: the construct creates least-privilege service accounts for JobManagers (HA ConfigMaps) and TaskManagers (read-only); bind extra roles to those if your job needs the API';
const serviceAccountNotString = (raw: unknown) =>
  `must be a string (the service account name) in the FlinkDeployment CRD, not ${JSON.stringify(raw)}; ${ownServiceAccounts()}`;
const restartNonce = () =>
  'is operator-only (changing it restarts the cluster); not mapped. A config change rolls the pods by itself (config checksum annotation)';
const nativeMode = () =>
  'native is operator-only: the construct declares a standalone cluster (fixed JobManager and TaskManager Deployments), so Flink does not create pods itself and needs no pod-creation rights';
const ingressFix = (host: string | undefined, className: unknown) =>
  `is not mapped: set restIngress: { host: ${host ? JSON.stringify(host) : '"<host>" (the construct serves the UI at "/", not under a path)'}${typeof className === 'string' ? `, ingressClassName: "${className}"` : ''} } and admit your ingress controller in network.restAllowedFrom (the REST port is closed to other pods by default)`;

const noServiceAccount = () =>
  'is missing: the operator rejects a FlinkDeployment without it ("spec.serviceAccount must be defined"); the construct creates its own service accounts, so the conversion needs none';

/** `spec.serviceAccount`: the construct brings its own. */
export function readServiceAccount(raw: unknown, findings: FindingList): void {
  if (raw === undefined) return findings.error('spec.serviceAccount', noServiceAccount());
  if (typeof raw === 'string') findings.warning('spec.serviceAccount', ownServiceAccounts());
  else findings.error('spec.serviceAccount', serviceAccountNotString(raw));
}

/** Spec fields that only steer the operator. */
export function readOperatorOnly(
  spec: Obj,
  clusterId: string,
  namespace: string | undefined,
  findings: FindingList,
): void {
  if (spec.restartNonce !== undefined) findings.warning('spec.restartNonce', restartNonce());
  if (spec.mode !== undefined) {
    if (spec.mode === 'native') findings.warning('spec.mode', nativeMode());
    else if (spec.mode !== 'standalone')
      findings.error('spec.mode', `${JSON.stringify(spec.mode)} is not native or standalone; not mapped`);
  }
  if (spec.ingress !== undefined) readIngress(spec.ingress, clusterId, namespace, findings);
}

/** `spec.ingress`: reported with the restIngress props that replace it. */
function readIngress(raw: unknown, clusterId: string, namespace: string | undefined, findings: FindingList): void {
  const ingress = isMap(raw) ? raw : {};
  checkFields(ingress, CRD_FIELDS.ingress, 'spec.ingress', findings);
  const template =
    typeof ingress.template === 'string'
      ? ingress.template.replace(/\{\{name\}\}/g, clusterId).replace(/\{\{namespace\}\}/g, namespace ?? 'default')
      : undefined;
  const host = template && /^[a-z0-9.-]+$/.test(template) ? template : undefined;
  findings.error('spec.ingress', ingressFix(host, ingress.className));
}
