import { ApiObject } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Argo CD applies lower waves first and waits for them to be healthy. */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';

/**
 * RBAC and config before the workloads that use them; monitoring and Ingress last. The
 * claim goes with the workloads: on a WaitForFirstConsumer StorageClass it binds only once a
 * pod uses it, and Argo CD would wait for it forever in an earlier wave (argo-cd#12840).
 */
export function syncWaveOf(kind: string): number {
  switch (kind) {
    case 'ServiceAccount':
    case 'Role':
    case 'RoleBinding':
    case 'ConfigMap':
    case 'ValidatingAdmissionPolicy':
    case 'ValidatingAdmissionPolicyBinding':
      return -1;
    case 'PodMonitor':
    case 'Ingress':
      return 1;
    default:
      return 0;
  }
}

/** Annotates every ApiObject under `scope` with its sync wave. */
export function addSyncWaves(scope: IConstruct): void {
  for (const c of scope.node.findAll()) {
    if (c instanceof ApiObject) c.metadata.addAnnotation(SYNC_WAVE_ANNOTATION, String(syncWaveOf(c.kind)));
  }
}
