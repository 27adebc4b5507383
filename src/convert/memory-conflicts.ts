import { ComponentName } from './components';
import { FindingList } from './conversion-report';
import { memoryOptionsConflict } from '../model/memory-options';
import { FlinkPodProps } from '../props/cluster-props';

/** The construct's process sizes when `resources.memory` is not given (see src/model/resolve-cluster.ts). */
const DEFAULT_MIB: Readonly<Record<ComponentName, number>> = { jobManager: 1600, taskManager: 1728 };

const refused = (reason: string, given: boolean, component: ComponentName) =>
  `${reason}${given ? '' : ` (spec.${component}.resource.memory is absent, so the construct's default applies; set it to the size the operator's pods had)`}; not mapped`;

/**
 * Drops the fine-grained memory options Flink would refuse beside a component's process size
 * (the construct's rule, src/model/memory-options.ts), each reported at its key.
 */
export function dropMemoryConflicts(
  config: Record<string, string>,
  paths: { readonly [key: string]: string },
  pods: { readonly jobManager: FlinkPodProps; readonly taskManager: FlinkPodProps },
  findings: FindingList,
): void {
  for (const component of ['jobManager', 'taskManager'] as const) {
    const memory = pods[component].resources?.memory;
    const mib = memory ? memory.toMebibytes() : DEFAULT_MIB[component];
    const prefix = component === 'jobManager' ? 'jobmanager' : 'taskmanager';
    for (let conflict = memoryOptionsConflict(config, prefix, mib); conflict;) {
      findings.error(
        paths[conflict.key] ?? `spec.flinkConfiguration["${conflict.key}"]`,
        refused(conflict.reason, !!memory, component),
      );
      delete config[conflict.key];
      conflict = memoryOptionsConflict(config, prefix, mib);
    }
  }
}
