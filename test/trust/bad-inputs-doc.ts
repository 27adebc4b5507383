import { BAD_INPUTS } from './bad-input-catalog.rows';

/** Path of the generated page, relative to the repository root. */
export const BAD_INPUTS_DOC = 'docs/bad-inputs.md';

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/** The troubleshooting table of every catalogued bad input and its exact message. */
export function renderBadInputsDoc(): string {
  return [
    '# Bad inputs and their errors',
    '',
    '<!-- Generated from test/trust/bad-input-catalog.rows.ts by',
    '     `./node_modules/.bin/ts-node --transpile-only scripts/generate-bad-inputs-doc.ts`; do not edit. -->',
    '',
    'Every error is a `FlinkValidationError` thrown while the chart is built, before anything',
    'reaches a cluster. Its message reads `<prop>: <value> - <reason and fix>`.',
    '',
    '| problem | what was written | error |',
    '|---|---|---|',
    ...BAD_INPUTS.map(
      (r) =>
        `| ${cell(r.title)} | \`${cell(r.input)}\` | ${cell(r.message.length > 400 ? r.message.slice(0, 400) + '…' : r.message)} |`,
    ),
    '',
  ].join('\n');
}
