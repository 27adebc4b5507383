import { ConfigIntent } from './config-intent';
import { FindingList } from './conversion-report';

/** What the operator's defaults depend on. */
export interface DefaultsInput {
  readonly config: ConfigIntent;
  /** The name the operator uses for the cluster (metadata.name). */
  readonly name: string;
  readonly applicationMode: boolean;
  readonly haOn: boolean;
}

const carried = (entries: string[]) =>
  `the operator's defaults, carried over: ${entries.join(', ')}; CPU limits equal to the CPU requests (Flink's limit factor 1.0 on the operator's pods)`;

/**
 * Flink options the operator sets on every cluster unless the FlinkDeployment sets them
 * (FlinkConfigBuilder.applyFlinkConfiguration): UI cancel off; for applications the job named
 * after the resource and, with HA, a failed submission kept as a failed job.
 */
export function operatorDefaults(input: DefaultsInput, findings: FindingList): Record<string, string> {
  const defaults: Record<string, string> = { 'web.cancel.enable': 'false' };
  if (input.applicationMode) {
    defaults['pipeline.name'] = input.name;
    if (input.haOn) defaults['execution.submit-failed-job-on-application-error'] = 'true';
  }
  const applied = Object.fromEntries(Object.entries(defaults).filter(([k]) => !input.config.userKeys.has(k)));
  findings.info('spec.flinkConfiguration', carried(Object.entries(applied).map(([k, v]) => `${k}: ${v}`)));
  return applied;
}
