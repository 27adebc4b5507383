import { ComponentName } from './components';
import { ConversionFinding, FindingList } from './conversion-report';
import { isMap, Obj } from './manifest';
import { PodTemplateProps, readPodTemplate } from './pod-template';
import { FlinkVersion } from '../flink/flink-version';

/** The pod template of each component, as the operator hands it to Flink. */
export interface ComponentTemplates {
  readonly jobManager: PodTemplateProps;
  readonly taskManager: PodTemplateProps;
}

const positional = (n: PositionalMerge) =>
  `(${JSON.stringify(n.own)}) is merged with spec.podTemplate.${n.at} (${JSON.stringify(n.common)}) into one item, as the operator merges lists by position: ${JSON.stringify(n.common)} is gone and the fields of both combine; converted the same way (set kubernetes.operator.pod-template.merge-arrays-by-name: true to merge by name)`;
const afterMerge = (byName: boolean, message: string) =>
  `after merging spec.podTemplate into it as the operator does (lists ${byName ? 'by item name' : 'by position'}): ${message}`;

/** Two named list items the operator merges into one because they share a position. */
export interface PositionalMerge {
  /** Path of the item inside the template, e.g. `spec.containers[0].env[0]`. */
  readonly at: string;
  readonly common: string;
  readonly own: string;
}

/**
 * The operator's merge of a component template into the common one (FlinkUtils.mergePodTemplates):
 * objects merge key by key, the component's values win; lists merge item by item, by position
 * (where an item of the common list that is not an object keeps its value), or by `name` when
 * `kubernetes.operator.pod-template.merge-arrays-by-name` is true and every item has one.
 */
export function mergePodTemplates(
  common: unknown,
  own: unknown,
  byName: boolean,
  notes: PositionalMerge[] = [],
): unknown {
  if (own === undefined || own === null) return common;
  if (common === undefined || common === null) return own;
  const to = clone(common);
  mergeInto(to, own, { byName, notes }, '');
  return to;
}

interface Merge {
  readonly byName: boolean;
  readonly notes: PositionalMerge[];
}

function mergeInto(to: unknown, from: unknown, m: Merge, at: string): void {
  if (!isMap(to) || !isMap(from)) return;
  for (const [field, fromChild] of Object.entries(from)) {
    const toChild = to[field];
    const path = childPath(at, field);
    if (Array.isArray(toChild) && Array.isArray(fromChild)) mergeArray(toChild, fromChild, m, path);
    else if (isMap(toChild)) mergeInto(toChild, fromChild, m, path);
    else to[field] = clone(fromChild);
  }
}

function mergeArray(to: unknown[], from: unknown[], m: Merge, at: string): void {
  const named = (xs: unknown[]) => xs.every((x) => isMap(x) && x.name !== undefined);
  if (m.byName && named(to) && named(from)) {
    const grouped = new Map<string, unknown>(to.map((x) => [String((x as Obj).name), x]));
    for (const item of from) {
      const name = String((item as Obj).name);
      const existing = grouped.get(name);
      if (existing === undefined) grouped.set(name, clone(item));
      else mergeInto(existing, item, m, `${at}[${name}]`);
    }
    to.splice(0, to.length, ...grouped.values());
    return;
  }
  from.forEach((item, i) => {
    if (i >= to.length) return void to.push(clone(item));
    const [a, b] = [to[i], item];
    if (isMap(a) && isMap(b) && a.name !== undefined && b.name !== undefined && a.name !== b.name)
      m.notes.push({ at: `${at}[${i}]`, common: String(a.name), own: String(b.name) });
    mergeInto(a, b, m, `${at}[${i}]`);
  });
}

/** A deep copy of JSON data (YAML-parsed templates hold nothing else). */
const clone = <T>(v: T): T => (v === undefined ? v : JSON.parse(JSON.stringify(v)));

const childPath = (at: string, field: string) => (at ? `${at}.${field}` : field);

/**
 * The templates each component runs with. Each written template is read once for its
 * findings (the common one is not reported twice); a component's props come from its merged
 * template, and anything the merge itself breaks is reported at the component's template.
 */
export function readAllPodTemplates(
  spec: Obj,
  components: { readonly jobManager: Obj; readonly taskManager: Obj },
  flinkVersion: FlinkVersion,
  byName: boolean,
  findings: FindingList,
): ComponentTemplates {
  const both = 'spec.jobManager.resource and spec.taskManager.resource';
  const common = readPodTemplate(spec.podTemplate, 'spec.podTemplate', both, flinkVersion, findings);
  const seen = new Set<string>();
  const read = (name: ComponentName): PodTemplateProps => {
    const path = `spec.${name}.podTemplate`;
    const resourcePath = `spec.${name}.resource`;
    const own = components[name].podTemplate;
    const ownProps = readPodTemplate(own, path, resourcePath, flinkVersion, findings);
    if (own === undefined || own === null) return common;
    if (spec.podTemplate === undefined || spec.podTemplate === null) return ownProps;
    for (const f of findings.findings) seen.add(f.message);
    const scratch = new FindingList();
    const notes: PositionalMerge[] = [];
    const mergedTemplate = mergePodTemplates(spec.podTemplate, own, byName, notes);
    for (const n of notes) findings.warning(`${path}.${n.at}`, positional(n));
    const merged = readPodTemplate(mergedTemplate, path, resourcePath, flinkVersion, scratch);
    for (const f of scratch.findings) reportMergeFinding(f, byName, seen, findings);
    return merged;
  };
  return { jobManager: read('jobManager'), taskManager: read('taskManager') };
}

/** A finding of a merged template that neither written template had on its own. */
function reportMergeFinding(f: ConversionFinding, byName: boolean, seen: Set<string>, findings: FindingList): void {
  if (seen.has(f.message)) return;
  seen.add(f.message);
  findings.add(f.severity, f.path, afterMerge(byName, f.message));
}
