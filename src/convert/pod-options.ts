import { ComponentName } from './components';
import { PodOptions } from './config-intent';
import { FindingList } from './conversion-report';
import { podPropRejection } from './construct-rules';
import { PodTemplateProps } from './pod-template';
import { FlinkVersion } from '../flink/flink-version';

const replacesTemplateEnv = (name: string) =>
  `sets ${name}, which the pod template sets too; Flink adds its own last, so this value is the one that applies`;

/**
 * The pod template's props with the Flink configuration's Kubernetes options applied on
 * top, as Flink's decorators apply them after the template: env of the same name replaced,
 * labels, annotations and node selectors merged key by key, tolerations and volumes added.
 * Each env var and volume is checked by the construct; a rejected one is reported.
 */
export function applyPodOptions(
  component: ComponentName,
  template: PodTemplateProps,
  options: PodOptions,
  flinkVersion: FlinkVersion,
  findings: FindingList,
): PodTemplateProps {
  const env = new Map(template.env.map((e) => [e.name, e]));
  // The whole list at once, and entry by entry only when it is rejected, to name the culprits.
  const allAccepted = !podPropRejection(flinkVersion, { env: options.env.map((e) => e.value) });
  for (const { value, path } of options.env) {
    const rejection = allAccepted ? undefined : podPropRejection(flinkVersion, { env: [value] });
    if (rejection) {
      findings.error(path, `not mapped to ${component}.env: ${rejection.reason}`);
      continue;
    }
    if (env.has(value.name)) {
      findings.info(path, replacesTemplateEnv(value.name));
      env.delete(value.name);
    }
    env.set(value.name, value);
  }
  const volumes = [...template.volumes];
  for (const { value, path } of options.volumes) {
    const rejection = podPropRejection(flinkVersion, {
      volumes: [...volumes, value].map(({ volume, mountPath }) => ({ volume, mountPath })),
    });
    if (rejection) findings.error(path, `not mapped to ${component}.volumes: ${rejection.reason}`);
    else volumes.push({ ...value, path });
  }
  return {
    ...template,
    env: [...env.values()],
    volumes,
    podLabels: { ...template.podLabels, ...options.labels },
    podAnnotations: { ...template.podAnnotations, ...options.annotations },
    nodeSelector: { ...template.nodeSelector, ...options.nodeSelector },
    tolerations: [...template.tolerations, ...options.tolerations],
  };
}
