import { readFileSync } from 'fs';
import { join } from 'path';
import { CRD_FIELDS } from '../../src/convert/crd-fields';

const DOC = readFileSync(join(__dirname, '..', '..', 'docs', 'conversion.md'), 'utf8');

/** Every field the doc's tables name, expanded from forms such as `spec.job.a`, `.b`. */
function documentedFields(): Set<string> {
  const fields = new Set<string>();
  for (const row of DOC.split('\n').filter((l) => l.startsWith('| `'))) {
    const cell = row.split('|')[1];
    let base = '';
    for (const [, name] of cell.matchAll(/`([^`]+)`/g)) {
      if (name.startsWith('.')) fields.add(`${base}${name}`);
      else {
        fields.add(name);
        base = name.slice(0, name.lastIndexOf('.'));
      }
    }
  }
  return fields;
}

test('docs/conversion.md says what happens to every field of the FlinkDeployment CRD', () => {
  const documented = documentedFields();
  const crd = [
    ...CRD_FIELDS.spec.map((f) => `spec.${f}`),
    ...CRD_FIELDS.job.map((f) => `spec.job.${f}`),
    ...CRD_FIELDS.ingress.map((f) => `spec.ingress.${f}`),
    ...['jobManager', 'taskManager'].flatMap((c) => CRD_FIELDS.component.map((f) => `spec.${c}.${f}`)),
    ...['jobManager', 'taskManager'].flatMap((c) => CRD_FIELDS.resource.map((f) => `spec.${c}.resource.${f}`)),
  ];
  expect(crd.filter((f) => !documented.has(f))).toEqual([]);
});
