import { childPath, FindingList } from './conversion-report';

const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'OFF'];

/** Lines of the console log configuration the construct writes itself, so dropping them loses nothing. */
const BOILERPLATE = /^(monitorInterval|rootLogger\.appenderRef\.|appender\.console\.|rootLogger\.level)/;

const notALogFile = () =>
  'is not a log configuration file the operator accepts (log4j-console.properties, logback-console.xml); not mapped';
const otherLoggers = (loggers: string[]) =>
  `other settings (${loggers.slice(0, 5).join(', ')}${loggers.length > 5 ? ', ...' : ''}) are not carried over: the construct writes its own log4j-console.properties with a root level only`;

/**
 * Reads `spec.logConfiguration`. The construct writes its own `log4j-console.properties`
 * with one knob, the root level: that is mapped; other loggers are reported.
 */
export function readLogConfiguration(raw: unknown, findings: FindingList): string | undefined {
  const base = 'spec.logConfiguration';
  if (raw === undefined || raw === null) return undefined;
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    findings.error(base, 'must be a map of file names to contents; not mapped');
    return undefined;
  }
  let level: string | undefined;
  for (const [file, content] of Object.entries(raw as Record<string, unknown>)) {
    const path = childPath(base, file);
    if (file === 'logback-console.xml') {
      findings.error(path, 'Logback is not supported: the construct configures log4j2; not mapped');
      continue;
    }
    if (file !== 'log4j-console.properties') {
      findings.error(path, notALogFile());
      continue;
    }
    const lines = String(content)
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter((l) => l && !l.startsWith('#') && !l.startsWith('!'));
    const root = lines.map((l) => /^rootLogger\.level\s*[=:]\s*(\S+)$/.exec(l)).find((m) => m);
    const value = root?.[1].toUpperCase();
    if (value && LOG_LEVELS.includes(value)) {
      level = value;
      findings.info(path, `rootLogger.level ${value} mapped to logLevel`);
    } else {
      findings.error(path, `has no simple rootLogger.level (one of ${LOG_LEVELS.join(', ')}); logLevel not mapped`);
    }
    const loggers = [
      ...new Set(
        lines
          .filter((l) => !BOILERPLATE.test(l))
          .map((l) => l.split(/[=:]/)[0].trim().split('.').slice(0, 2).join('.')),
      ),
    ];
    if (loggers.length) {
      findings.warning(path, otherLoggers(loggers));
    }
  }
  return level;
}
