import { memoryFitsLimits } from './memory';
import { ClusterView } from './model';
import { networkPoliciesAdmitClusterTraffic } from './network';
import { podsAreRestricted } from './pod-security';
import { containerPortNamesResolve, flinkPortsAreContainerPorts } from './ports';
import { rbacIsLeastPrivilege } from './rbac';
import { podReferencesResolve } from './references';
import { selectorsMatchTemplates, servicesReachPods } from './services';
import { objectsAreLabelled } from './labels';
import { noSecretsRendered } from './secrets';

export { clusterView } from './model';
export type { ClusterView } from './model';

/** Every cross-object invariant, by name; each returns its violations (none when it holds). */
export const INVARIANTS: Record<string, (v: ClusterView) => string[]> = {
  'Flink ports are containerPorts': flinkPortsAreContainerPorts,
  'named ports resolve': containerPortNamesResolve,
  'Services reach pods': servicesReachPods,
  'selectors match templates': selectorsMatchTemplates,
  'NetworkPolicies admit cluster traffic': networkPoliciesAdmitClusterTraffic,
  'pod references resolve': podReferencesResolve,
  'memory fits limits': memoryFitsLimits,
  'pods meet the restricted PSS': podsAreRestricted,
  'RBAC is least privilege': rbacIsLeastPrivilege,
  'objects are labelled': objectsAreLabelled,
  'no Secrets rendered': noSecretsRendered,
};

/** All violations of all invariants, prefixed with the invariant's name. */
export function invariantViolations(v: ClusterView): string[] {
  return Object.entries(INVARIANTS).flatMap(([name, check]) => check(v).map((m) => `${name}: ${m}`));
}
