import { spawnSync } from 'child_process';
import { join } from 'path';
import { strictProblems } from './strict';

const VALIDATOR = join(__dirname, '..', '..', '..', 'scripts', 'validate-manifests.mjs');

/** One object's problems, or that no schema covers its kind. */
export interface SchemaResult {
  readonly object: string;
  readonly problems: string[];
  /** True when neither the OpenAPI schema nor the field tree knows the kind (e.g. a CRD). */
  readonly unchecked: boolean;
}

/**
 * Validates objects against the Kubernetes OpenAPI schemas (kubernetes-models, in one
 * child Node process for the whole batch, since it is ESM-only) and against the stricter
 * field and syntax rules of ./strict. Returns one result per object, in order.
 */
export function validateObjects(
  objects: ReadonlyArray<{ apiVersion?: string; kind?: string; metadata?: { name?: string } }>,
): SchemaResult[] {
  const run = spawnSync(process.execPath, [VALIDATOR], {
    input: JSON.stringify(objects),
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`validate-manifests.mjs failed (${run.status}): ${run.stderr}`);
  const fromSchema = new Map<number, { errors?: string[]; skipped?: boolean }>();
  for (const r of JSON.parse(run.stdout) as Array<{ index: number; errors?: string[]; skipped?: boolean }>)
    fromSchema.set(r.index, r);
  return objects.map((o, i) => {
    const s = fromSchema.get(i);
    const strict = strictProblems(o);
    return {
      object: `${o.kind}/${o.metadata?.name}`,
      problems: [...(s?.errors ?? []).map((e) => `schema: ${e}`), ...strict.problems],
      unchecked: Boolean(s?.skipped) && !strict.checked,
    };
  });
}

/** Only the problems, as "Kind/name: problem" lines (empty when all objects are valid). */
export function schemaProblems(
  objects: ReadonlyArray<{ apiVersion?: string; kind?: string; metadata?: { name?: string } }>,
): string[] {
  return validateObjects(objects).flatMap((r) => r.problems.map((p) => `${r.object}: ${p}`));
}
