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
  const env = [...template.env];
  for (const { value, path } of options.env) {
    const rejection = podPropRejection(flinkVersion, { env: [value] });
    if (rejection) {
      findings.error(path, `not mapped to ${component}.env: ${rejection.reason}`);
      continue;
    }
    const i = env.findIndex((e) => e.name === value.name);
    if (i >= 0) {
      findings.info(path, replacesTemplateEnv(value.name));
      env.splice(i, 1);
    }
    env.push(value);
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
    env,
    volumes,
    podLabels: { ...template.podLabels, ...options.labels },
    podAnnotations: { ...template.podAnnotations, ...options.annotations },
    nodeSelector: { ...template.nodeSelector, ...options.nodeSelector },
    tolerations: [...template.tolerations, ...options.tolerations],
  };
}
