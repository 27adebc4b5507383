import { ComponentName } from './components';
import { FindingList } from './conversion-report';
import { Obj } from './manifest';
import { PodTemplateProps, readPodTemplates } from './pod-template';
import { FlinkVersion } from '../flink/flink-version';

/** Pod templates per component: the common one is read once, so its findings appear once. */
export function readAllPodTemplates(
  spec: Obj,
  jm: Obj,
  tm: Obj,
  flinkVersion: FlinkVersion,
  findings: FindingList,
): { jobManager: PodTemplateProps; taskManager: PodTemplateProps } {
  const both = 'spec.jobManager.resource and spec.taskManager.resource';
  const common = readPodTemplates(
    [{ template: spec.podTemplate, path: 'spec.podTemplate' }],
    both,
    flinkVersion,
    findings,
  );
  const own = (c: Obj, name: ComponentName) =>
    readPodTemplates(
      [{ template: c.podTemplate, path: `spec.${name}.podTemplate` }],
      `spec.${name}.resource`,
      flinkVersion,
      findings,
    );
  return {
    jobManager: mergePods(common, own(jm, 'jobManager')),
    taskManager: mergePods(common, own(tm, 'taskManager')),
  };
}

/** The operator's merge: component values win, lists are joined (by name for env and volumes). */
function mergePods(a: PodTemplateProps, b: PodTemplateProps): PodTemplateProps {
  const byName = <T>(xs: T[], name: (x: T) => string) => [...new Map(xs.map((x) => [name(x), x])).values()];
  return {
    nodeSelector: { ...a.nodeSelector, ...b.nodeSelector },
    tolerations: [...a.tolerations, ...b.tolerations],
    // Per kind of affinity: a common nodeAffinity survives a component's podAntiAffinity.
    affinity: a.affinity || b.affinity ? { ...a.affinity, ...b.affinity } : undefined,
    env: byName([...a.env, ...b.env], (e) => e.name),
    envFrom: [...a.envFrom, ...b.envFrom],
    volumes: byName([...a.volumes, ...b.volumes], (v) => v.volume.name),
    podLabels: { ...a.podLabels, ...b.podLabels },
    podAnnotations: { ...a.podAnnotations, ...b.podAnnotations },
    pullSecrets: [...a.pullSecrets, ...b.pullSecrets],
    claimMounts: [...a.claimMounts, ...b.claimMounts],
  };
}
