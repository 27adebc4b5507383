/**
 * Prints the message each bad-input row throws today, as a quoted string to paste into a
 * new row of test/trust/bad-input-catalog.rows.ts (the catalog test then pins it exactly).
 * Read each message before pasting it: an unclear message is a bug to report, not to pin.
 *   ./node_modules/.bin/ts-node --transpile-only scripts/fill-bad-input-messages.ts
 */
import { BAD_INPUTS } from '../test/trust/bad-input-catalog.rows';

for (const row of BAD_INPUTS) {
  let message = '<did not throw>';
  try {
    row.run();
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  const status = message === row.message ? 'ok' : 'CHANGED';
  console.log(`${status}  ${row.title}\n    '${message.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`);
}
