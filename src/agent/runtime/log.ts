/** Structured logs: one JSON object per line on stdout. */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: LogLevel, msg: string, fields?: Record<string, unknown>): void;
}

export function jsonLogger(
  write: (line: string) => void = (l) => process.stdout.write(l),
  now: () => number = Date.now,
): Logger {
  return {
    log(level, msg, fields = {}) {
      write(JSON.stringify({ time: new Date(now()).toISOString(), level, msg, ...fields }) + '\n');
    },
  };
}

export const silentLogger: Logger = {
  log() {
    /* tests */
  },
};
