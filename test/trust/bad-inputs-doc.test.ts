import { readFileSync } from 'fs';
import { join } from 'path';
import { BAD_INPUTS_DOC, renderBadInputsDoc } from './bad-inputs-doc';

test(`${BAD_INPUTS_DOC} is up to date with the catalog (regenerate: ts-node scripts/generate-bad-inputs-doc.ts)`, () => {
  const onDisk = readFileSync(join(__dirname, '..', '..', BAD_INPUTS_DOC), 'utf8');
  expect(onDisk).toBe(renderBadInputsDoc());
});
