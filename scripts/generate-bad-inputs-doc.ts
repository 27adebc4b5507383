// Regenerates docs/bad-inputs.md from the bad-input catalog:
//   ./node_modules/.bin/ts-node --transpile-only scripts/generate-bad-inputs-doc.ts
import { writeFileSync } from 'fs';
import { join } from 'path';
import { BAD_INPUTS_DOC, renderBadInputsDoc } from '../test/trust/bad-inputs-doc';

writeFileSync(join(__dirname, '..', BAD_INPUTS_DOC), renderBadInputsDoc());
console.log(`wrote ${BAD_INPUTS_DOC}`);
