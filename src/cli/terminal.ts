/**
 * Text from the cluster on a terminal: anything that is not plain printable text (escape
 * sequences, carriage returns, C1 controls, bidirectional overrides, line separators) is
 * shown as a `\uXXXX` escape instead of acting on the terminal. Newlines, which the
 * command itself writes, stay.
 */
import { Io } from './io';

// C0 controls except \n, DEL and C1 controls, line/paragraph separators, bidi marks and overrides.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const UNSAFE = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u206f\ufeff]/g;

export function terminalSafe(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** An Io whose output is made terminal-safe; input and its TTY status pass through. */
export function terminalSafeIo(io: Io): Io {
  return {
    stdout: { write: (s: string) => io.stdout.write(terminalSafe(s)) },
    stderr: { write: (s: string) => io.stderr.write(terminalSafe(s)) },
    stdin: io.stdin,
  };
}
