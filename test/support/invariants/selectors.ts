import { ROLE_LABEL } from '../../../src';
import type { PodGroup } from './model';

/**
 * Labels that running pods carry with values other than the template's: the HA agent
 * relabels its own pod from "unknown" to "leader" or "standby". A selector on such a
 * label matches a template that has the label at all.
 */
const RUNTIME_LABELS = new Set([ROLE_LABEL]);

/** Whether an equality selector (matchLabels or a Service selector) selects a pod template. */
export function selects(selector: Record<string, string> | undefined, labels: Record<string, string>): boolean {
  return Object.entries(selector ?? {}).every(([k, v]) => labels[k] === v || (RUNTIME_LABELS.has(k) && k in labels));
}

/** A LabelSelector (matchLabels and matchExpressions) against a pod template's labels. */
export function labelSelectorSelects(
  sel:
    | {
        matchLabels?: Record<string, string>;
        matchExpressions?: Array<{ key: string; operator: string; values?: string[] }>;
      }
    | undefined,
  labels: Record<string, string>,
): boolean {
  if (!sel) return true;
  if (!selects(sel.matchLabels, labels)) return false;
  return (sel.matchExpressions ?? []).every((e) => {
    const has = e.key in labels;
    switch (e.operator) {
      case 'In':
        return has && (e.values ?? []).includes(labels[e.key]);
      case 'NotIn':
        return !has || !(e.values ?? []).includes(labels[e.key]);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      default:
        return false;
    }
  });
}

/** Pod groups a selector matches, in the same namespace. */
export function selectedPods(
  pods: PodGroup[],
  namespace: string,
  selector: Record<string, string> | undefined,
): PodGroup[] {
  return pods.filter((p) => p.namespace === namespace && selects(selector, p.labels));
}
