import { restartStrategyConfig } from '../model/config-sections';
import { Duration } from 'cdk8s';
import { childPath, FindingList } from './conversion-report';
import { parseDurationMillis, parseWholeNumber } from './quantities';
import { RestartStrategy } from '../props/restart-strategy';
import { FlinkValidationError } from '../validation/errors';

/** One `restart-strategy*` entry of the Flink configuration, under its current key. */
export interface RestartEntry {
  readonly value: unknown;
  readonly path: string;
}

/** Flink's spellings of each restart strategy type (case-insensitive). */
const TYPE_ALIASES: Readonly<Record<string, 'none' | 'fixed-delay' | 'failure-rate' | 'exponential-delay'>> = {
  none: 'none',
  off: 'none',
  disable: 'none',
  'fixed-delay': 'fixed-delay',
  fixeddelay: 'fixed-delay',
  'failure-rate': 'failure-rate',
  failurerate: 'failure-rate',
  'exponential-delay': 'exponential-delay',
  exponentialdelay: 'exponential-delay',
};

/**
 * Builds a RestartStrategy from `restart-strategy.type` and its sub-keys, applying Flink's
 * defaults for sub-keys that are absent. Sub-keys of another strategy are reported, since
 * Flink ignores them.
 */
export function restartStrategyFromConfig(
  entries: ReadonlyMap<string, RestartEntry>,
  findings: FindingList,
): RestartStrategy | undefined {
  const typeEntry = entries.get('restart-strategy.type');
  if (!typeEntry) {
    for (const [key, e] of entries) {
      findings.warning(
        e.path,
        `is ignored by Flink without restart-strategy.type; not mapped (${key.split('.')[1]} needs restart-strategy.type: ${key.split('.')[1]})`,
      );
    }
    return undefined;
  }
  const type = TYPE_ALIASES[String(typeEntry.value).trim().toLowerCase()];
  if (!type) {
    findings.error(
      typeEntry.path,
      `${JSON.stringify(typeEntry.value)} is not a restart strategy Flink knows; use none, fixed-delay, failure-rate or exponential-delay. Not mapped`,
    );
    return undefined;
  }
  for (const [key, e] of entries) {
    if (key !== 'restart-strategy.type' && !key.startsWith(`restart-strategy.${type}.`)) {
      findings.warning(e.path, `is ignored by Flink: restart-strategy.type is ${type}; not mapped`);
    }
  }
  const sub = (name: string) => entries.get(`restart-strategy.${type}.${name}`);
  const duration = (name: string, fallbackMs: number): Duration | undefined => {
    const e = sub(name);
    if (!e) return Duration.millis(fallbackMs);
    const ms = parseDurationMillis(e.value);
    if (ms === undefined)
      findings.error(
        e.path,
        `${JSON.stringify(e.value)} is not a Flink duration such as "10 s" or 10000 (ms); restart strategy not mapped`,
      );
    return ms === undefined ? undefined : Duration.millis(ms);
  };
  const whole = (name: string, fallback: number): number | undefined => {
    const e = sub(name);
    if (!e) return fallback;
    const n = parseWholeNumber(e.value);
    if (n === undefined)
      findings.error(e.path, `${JSON.stringify(e.value)} is not a whole number; restart strategy not mapped`);
    return n;
  };
  const number = (name: string): number | undefined => {
    const e = sub(name);
    if (!e) return undefined;
    const n = Number(e.value);
    if (!Number.isFinite(n))
      findings.error(e.path, `${JSON.stringify(e.value)} is not a number; restart strategy not mapped`);
    return Number.isFinite(n) ? n : undefined;
  };
  return build(
    typeEntry.path,
    () => {
      switch (type) {
        case 'none':
          return RestartStrategy.none();
        case 'fixed-delay': {
          const attempts = whole('attempts', 1);
          const delay = duration('delay', 1000);
          return attempts === undefined || !delay ? undefined : RestartStrategy.fixedDelay({ attempts, delay });
        }
        case 'failure-rate': {
          const max = whole('max-failures-per-interval', 1);
          const interval = duration('failure-rate-interval', 60_000);
          const delay = duration('delay', 1000);
          return max === undefined || !interval || !delay
            ? undefined
            : RestartStrategy.failureRate({ maxFailuresPerInterval: max, interval, delay });
        }
        case 'exponential-delay': {
          const optDuration = (name: string) => (sub(name) ? duration(name, 0) : undefined);
          const attempts = sub('attempts-before-reset-backoff') ? whole('attempts-before-reset-backoff', 0) : undefined;
          return RestartStrategy.exponentialDelay({
            initialBackoff: optDuration('initial-backoff'),
            maxBackoff: optDuration('max-backoff'),
            backoffMultiplier: number('backoff-multiplier'),
            resetBackoffThreshold: optDuration('reset-backoff-threshold'),
            jitterFactor: number('jitter-factor'),
            attemptsBeforeResetBackoff: attempts,
          });
        }
      }
    },
    findings,
  );
}

/**
 * The seed article's `spec.job.restartStrategy` ({type, failureRate, delayInterval,
 * failureWindow}, times in ms). Not part of the CRD, but its intent is clear enough to map.
 */
export function restartStrategyFromJobField(
  raw: unknown,
  path: string,
  findings: FindingList,
): RestartStrategy | undefined {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return undefined;
  const r = raw as Record<string, unknown>;
  const type =
    TYPE_ALIASES[
      String(r.type ?? '')
        .trim()
        .toLowerCase()
        .replace(/_/g, '-')
    ];
  const ms = (name: string, fallback: number): number | undefined => {
    if (r[name] === undefined) return fallback;
    const v = parseDurationMillis(r[name]);
    if (v === undefined)
      findings.error(
        childPath(path, name),
        `${JSON.stringify(r[name])} is not a duration in milliseconds; restart strategy not mapped`,
      );
    return v;
  };
  const count = (names: string[], fallback: number): number | undefined => {
    const name = names.find((n) => r[n] !== undefined);
    if (!name) return fallback;
    const v = parseWholeNumber(r[name]);
    if (v === undefined)
      findings.error(
        childPath(path, name),
        `${JSON.stringify(r[name])} is not a whole number; restart strategy not mapped`,
      );
    return v;
  };
  return build(
    path,
    () => {
      switch (type) {
        case 'none':
          return RestartStrategy.none();
        case 'fixed-delay': {
          const attempts = count(['attempts', 'restartAttempts', 'maxAttempts'], 1);
          const delay = ms(r.delayInterval !== undefined ? 'delayInterval' : 'delay', 1000);
          return attempts === undefined || delay === undefined
            ? undefined
            : RestartStrategy.fixedDelay({ attempts, delay: Duration.millis(delay) });
        }
        case 'failure-rate': {
          const max = count(['failureRate', 'maxFailuresPerInterval'], 1);
          const delay = ms('delayInterval', 1000);
          const interval = ms('failureWindow', 60_000);
          return max === undefined || delay === undefined || interval === undefined
            ? undefined
            : RestartStrategy.failureRate({
                maxFailuresPerInterval: max,
                interval: Duration.millis(interval),
                delay: Duration.millis(delay),
              });
        }
        default:
          findings.error(
            childPath(path, 'type'),
            `${JSON.stringify(r.type)} is not a restart strategy type the conversion can read (NONE, FIXED_DELAY, FAILURE_RATE); not mapped`,
          );
          return undefined;
      }
    },
    findings,
  );
}

/** Runs a RestartStrategy factory, turning its validation error into a finding. */
function build(
  path: string,
  make: () => RestartStrategy | undefined,
  findings: FindingList,
): RestartStrategy | undefined {
  try {
    return make();
  } catch (e) {
    if (!(e instanceof FlinkValidationError)) throw e;
    findings.error(path, `restart strategy not mapped: ${e.message}`);
    return undefined;
  }
}

/** A RestartStrategy in words, for findings: `failure-rate (3 failures per 5 min, 1 min delay)`. */
export function describeRestartStrategy(s: RestartStrategy): string {
  const c = restartStrategyConfig(s._spec);
  switch (s.type) {
    case 'fixed-delay':
      return `fixed-delay (${c['restart-strategy.fixed-delay.attempts']} attempts, ${c['restart-strategy.fixed-delay.delay']} delay)`;
    case 'failure-rate':
      return `failure-rate (${c['restart-strategy.failure-rate.max-failures-per-interval']} failures per ${c['restart-strategy.failure-rate.failure-rate-interval']}, ${c['restart-strategy.failure-rate.delay']} delay)`;
    default:
      return s.type;
  }
}
