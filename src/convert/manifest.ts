import { childPath, FindingList } from './conversion-report';
import { documentLabel, ManifestSyntaxError, readDocuments } from './documents';
import { FlinkValidationError } from '../validation/errors';

/** A parsed YAML/JSON object. */
export type Obj = Record<string, unknown>;

/** A plain object (not an array, not null). */
export const isMap = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The apiVersion the conversion reads. */
export const API_VERSION = 'flink.apache.org/v1beta1';

const notOneDocument = (labels: string[]) =>
  `has ${labels.length} YAML documents (${labels.join(', ')}); pass one FlinkDeployment at a time, or convert the file with the convert command, which reports every document`;
const notAFlinkDeployment = (kind: unknown) =>
  `is a ${JSON.stringify(kind)}, not a FlinkDeployment; only FlinkDeployments (apiVersion ${API_VERSION}) can be converted`;
const notInCrd = (hint: string) => `is not part of the FlinkDeployment CRD (the API server rejects or drops it)${hint}`;

/** Throws the error for input that is not one FlinkDeployment at all. */
export function failManifest(reason: string): never {
  throw new FlinkValidationError('manifest', 'FlinkDeployment', reason);
}

/** The documents of YAML text, a syntax problem becoming the error for input that is not one FlinkDeployment. */
function documentsOf(text: string) {
  try {
    return readDocuments(text);
  } catch (e) {
    if (e instanceof ManifestSyntaxError) failManifest(e.message);
    throw e;
  }
}

/** One document, parsed; anything else is not convertible at all. */
export function parseManifest(manifest: object | string): Obj {
  let doc: unknown = manifest;
  if (typeof manifest === 'string') {
    const docs = documentsOf(manifest);
    if (docs.length === 0) failManifest('is empty; expected one FlinkDeployment');
    if (docs.length !== 1) failManifest(notOneDocument(docs.map(documentLabel)));
    doc = docs[0].value;
  }
  if (!isMap(doc)) failManifest('is not a Kubernetes object; expected a FlinkDeployment');
  if (doc.kind !== 'FlinkDeployment') failManifest(notAFlinkDeployment(doc.kind));
  return doc;
}

/** Reports fields that are not part of the CRD. */
export function checkFields(obj: Obj, known: readonly string[], path: string, findings: FindingList): void {
  for (const key of Object.keys(obj)) {
    if (known.includes(key)) continue;
    const hint = key === 'className' ? '; did you mean entryClass?' : '';
    findings.error(path ? childPath(path, key) : key, notInCrd(hint));
  }
}
