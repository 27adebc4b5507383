import { k8s } from '../../imports/k8s';

/** uid/gid of the `flink` user in the official image. */
export const FLINK_UID = 9999;

/**
 * Pod-level security context that meets the "restricted" Pod Security Standard.
 * fsGroup makes the HA volume writable by the flink user.
 */
export function podSecurityContext(uid = FLINK_UID): k8s.PodSecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    fsGroup: uid,
    fsGroupChangePolicy: 'OnRootMismatch',
    seccompProfile: { type: 'RuntimeDefault' },
  };
}

/** Container-level security context for every container, init containers and sidecars included. */
export function containerSecurityContext(uid = FLINK_UID): k8s.SecurityContext {
  return {
    runAsNonRoot: true,
    runAsUser: uid,
    runAsGroup: uid,
    allowPrivilegeEscalation: false,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  };
}
