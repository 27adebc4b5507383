import { childPath, FindingList } from './conversion-report';
import { CRD_FIELDS, SERVER_METADATA } from './crd-fields';
import { Obj } from './manifest';
import { ConfigIntent } from './config-intent';
import { FlinkValidationError } from '../validation/errors';

/** The operator's rule for FlinkDeployment names, which also makes them valid cluster ids. */
const DEPLOYMENT_NAME = /^[a-z]([-a-z\d]{0,43}[a-z\d])?$/;
const NAMESPACE = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;

/** Whether `name` is a valid namespace name (a DNS label). */
export const isNamespaceName = (name: string) => NAMESPACE.test(name);

const labelsNotCarried = () =>
  'of the FlinkDeployment are not carried over: the construct labels its objects itself (add chart labels for your own)';
const clusterIdNotName = (name: string, id: string) =>
  `${JSON.stringify(name)} is not the clusterId: kubernetes.cluster-id (${JSON.stringify(id)}) is used, though the operator would use the name`;
const invalidClusterId = (id: string, fixed: string) =>
  `${JSON.stringify(id)} is not a valid cluster id (at most 45 lowercase letters, digits and "-", starting with a letter); converted as ${JSON.stringify(fixed)}`;
const namespaceOverridden = (given: unknown, option: string) =>
  `${JSON.stringify(given)} is overridden by the namespace option (${JSON.stringify(option)})`;
const badNamespaceOption = () => 'is not a namespace name (at most 63 lowercase letters, digits and "-")';
const namespaceAbsent = () =>
  'is absent: the cluster goes to the chart\'s namespace (the convert command uses "default", like kubectl)';

/** Reports metadata fields that are not carried over. */
export function readMetadataExtras(metadata: Obj, findings: FindingList): void {
  for (const key of Object.keys(metadata)) {
    const path = childPath('metadata', key);
    if (key === 'labels' || key === 'annotations') findings.info(path, labelsNotCarried());
    else if (!CRD_FIELDS.metadata.includes(key as never))
      findings.error(path, 'is not an ObjectMeta field; not mapped');
    // Server-written fields (uid, resourceVersion, ...) are expected in exported manifests.
    else if (!SERVER_METADATA.has(key) && key !== 'name' && key !== 'namespace') findings.info(path, 'not mapped');
  }
}

/** The cluster id: kubernetes.cluster-id when set (an error in itself), else metadata.name. */
export function readClusterId(name: string | undefined, config: ConfigIntent, findings: FindingList): string {
  if (config.clusterId) {
    if (name !== undefined && name !== config.clusterId.value)
      findings.info('metadata.name', clusterIdNotName(name, config.clusterId.value));
    return sanitizeClusterId(config.clusterId.value, config.clusterId.path, findings);
  }
  if (name === undefined) {
    findings.error('metadata.name', 'is missing; clusterId set to "flink-cluster"');
    return 'flink-cluster';
  }
  return sanitizeClusterId(name, 'metadata.name', findings);
}

/** A valid cluster id from `id`, reporting any change. */
function sanitizeClusterId(id: string, path: string, findings: FindingList): string {
  if (DEPLOYMENT_NAME.test(id)) return id;
  const fixed =
    id
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '-')
      .replace(/^[^a-z]+/, '')
      .slice(0, 45)
      .replace(/-+$/, '') || 'flink-cluster';
  findings.error(path, invalidClusterId(id, fixed));
  return fixed;
}

/** The namespace: the option, else metadata.namespace when it is a valid name. */
export function readNamespace(
  fromManifest: unknown,
  fromOptions: string | undefined,
  findings: FindingList,
): string | undefined {
  if (fromOptions !== undefined) {
    if (!NAMESPACE.test(fromOptions))
      throw new FlinkValidationError('namespace option', JSON.stringify(fromOptions), badNamespaceOption());
    if (fromManifest !== undefined && fromManifest !== fromOptions)
      findings.info('metadata.namespace', namespaceOverridden(fromManifest, fromOptions));
    return fromOptions;
  }
  if (fromManifest === undefined) {
    findings.info('metadata.namespace', namespaceAbsent());
    return undefined;
  }
  if (typeof fromManifest !== 'string' || !NAMESPACE.test(fromManifest)) {
    findings.error('metadata.namespace', `${JSON.stringify(fromManifest)} is not a namespace name; not mapped`);
    return undefined;
  }
  return fromManifest;
}
