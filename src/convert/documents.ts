import { isMap as isYamlMap, isPair, isScalar, isSeq, LineCounter, Node, parseAllDocuments } from 'yaml';

const isMap = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** One YAML document of a manifest file. */
export interface ManifestDocument {
  /** 1-based position in the file. */
  readonly index: number;
  readonly kind?: string;
  readonly apiVersion?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly value: unknown;
}

/** Why a manifest file is not YAML the conversion can read (kubectl would refuse it too). */
export class ManifestSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ManifestSyntaxError';
  }
}

/** Aliases kubectl's YAML reader would expand before giving up; beyond that a file is an alias bomb. */
const MAX_ALIASES = 10_000;

const duplicateKey = (key: string, line: number) =>
  `has the key ${JSON.stringify(key)} twice in one mapping (line ${line}); kubectl refuses such a file`;
const aliasBomb = () =>
  `expands more than ${MAX_ALIASES} YAML aliases, which looks like an alias bomb (a "billion laughs" file); refused`;

/**
 * The documents of a manifest file, parsed as kubectl reads YAML: merge keys (`<<`) merged,
 * duplicate keys refused, empty documents skipped. Throws a ManifestSyntaxError with the
 * first problem and its line. Linear in the size of the file.
 */
export function readDocuments(text: string): ManifestDocument[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, { merge: true, uniqueKeys: false, lineCounter });
  const list = Array.isArray(docs) ? docs : [];
  const out: ManifestDocument[] = [];
  for (const doc of list) {
    const error = doc.errors[0];
    if (error) throw new ManifestSyntaxError(`is not valid YAML: ${error.message.split('\n')[0]}`);
    if (doc.contents) checkUniqueKeys(doc.contents, lineCounter);
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: MAX_ALIASES });
    } catch (e) {
      if (e instanceof ReferenceError) throw new ManifestSyntaxError(aliasBomb());
      throw e;
    }
    if (value === null || value === undefined) continue;
    out.push(describe(out.length + 1, value));
  }
  return out;
}

function describe(index: number, value: unknown): ManifestDocument {
  if (!isMap(value)) return { index, value };
  const metadata = isMap(value.metadata) ? value.metadata : {};
  const str = (v: unknown) => (typeof v === 'string' ? v : undefined);
  return {
    index,
    value,
    kind: str(value.kind),
    apiVersion: str(value.apiVersion),
    name: str(metadata.name),
    namespace: str(metadata.namespace),
  };
}

/** Refuses a mapping that has one key twice, as kubectl's YAML reader does; iterative, one pass. */
function checkUniqueKeys(root: unknown, lines: LineCounter): void {
  const stack: unknown[] = [root];
  while (stack.length) {
    const node = stack.pop();
    if (isYamlMap(node)) {
      const seen = new Set<string>();
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const key = isScalar(pair.key) ? String(pair.key.value) : undefined;
        if (key !== undefined && key !== '<<') {
          if (seen.has(key)) throw new ManifestSyntaxError(duplicateKey(key, lineOf(pair.key as Node, lines)));
          seen.add(key);
        }
        stack.push(pair.value);
      }
    } else if (isSeq(node)) for (const item of node.items) stack.push(item);
  }
}

const lineOf = (node: Node, lines: LineCounter) => (node.range ? lines.linePos(node.range[0]).line : 0);

/** `Kind name` (or `Kind` / `document N`) for messages. */
export function documentLabel(doc: ManifestDocument): string {
  const kind = doc.kind ?? (isMap(doc.value) ? 'object without a kind' : `document ${doc.index}`);
  return doc.name ? `${kind} ${doc.name}` : kind;
}
