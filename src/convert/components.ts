import { FindingList } from './conversion-report';
import { CRD_FIELDS } from './crd-fields';
import { checkFields, isMap, Obj } from './manifest';
import { parseWholeNumber } from './quantities';

/** Which component of a FlinkDeployment. */
export type ComponentName = 'jobManager' | 'taskManager';

/** `spec.jobManager` or `spec.taskManager`, checked against the CRD; `{}` when absent or malformed. */
export function component(spec: Obj, name: ComponentName, findings: FindingList): Obj {
  const raw = spec[name];
  if (raw === undefined) return {};
  if (!isMap(raw)) {
    findings.error(`spec.${name}`, 'must be an object; not mapped');
    return {};
  }
  checkFields(raw, CRD_FIELDS.component, `spec.${name}`, findings);
  if (isMap(raw.resource)) checkFields(raw.resource, CRD_FIELDS.resource, `spec.${name}.resource`, findings);
  return raw;
}

/** A component's replicas, when given as a whole number >= 1. */
export function readReplicas(c: Obj, name: ComponentName, findings: FindingList): number | undefined {
  if (c.replicas === undefined) return undefined;
  const n = parseWholeNumber(c.replicas);
  if (n === undefined || n < 1) {
    findings.error(`spec.${name}.replicas`, `${JSON.stringify(c.replicas)} is not a whole number >= 1; not mapped`);
    return undefined;
  }
  return n;
}
