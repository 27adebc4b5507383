import { Duration } from 'cdk8s';
import { FindingList } from './conversion-report';
import { parseDurationMillis, parseWholeNumber } from './quantities';
import { restartStrategyConfig } from '../model/config-sections';
import { FlinkVersion, FlinkVersionTraits } from '../flink/flink-version';
import { RestartStrategy } from '../props/restart-strategy';
import { FlinkValidationError } from '../validation/errors';

/** One `restart-strategy*` entry of the Flink configuration, under its current key. */
export interface RestartEntry {
  readonly value: unknown;
  readonly path: string;
}

/** The restart strategy types Flink knows. */
export type RestartType = 'none' | 'fixed-delay' | 'failure-rate' | 'exponential-delay';

/** Flink's spellings of each restart strategy type (case-insensitive). */
export const TYPE_ALIASES: Readonly<Record<string, RestartType>> = {
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

/** The restart strategy type a value names, if any. */
export function restartType(value: unknown): RestartType | undefined {
  const name = String(value).trim().toLowerCase();
  return Object.prototype.hasOwnProperty.call(TYPE_ALIASES, name) ? TYPE_ALIASES[name] : undefined;
}

const subKeyWithoutType = (sub: string) =>
  `is ignored by Flink without restart-strategy.type; not mapped (${sub} needs restart-strategy.type: ${sub})`;
const unknownType = (value: unknown) =>
  `${JSON.stringify(value)} is not a restart strategy Flink knows; use none, fixed-delay, failure-rate or exponential-delay. Not mapped`;
const badDuration = (value: unknown) =>
  `${JSON.stringify(value)} is not a Flink duration such as "10 s" or 10000 (ms); restart strategy not mapped`;

/** Reads the sub-keys of one restart strategy type, reporting unreadable values. */
class SubKeys {
  constructor(
    private readonly entries: ReadonlyMap<string, RestartEntry>,
    private readonly type: RestartType,
    private readonly findings: FindingList,
  ) {}

  /** Reports one sub-key as a warning. */
  public report(name: string, message: string): void {
    const e = this.entries.get(this.key(name));
    if (e) this.findings.warning(e.path, message);
  }

  public has(name: string): boolean {
    return this.entries.has(this.key(name));
  }

  public duration(name: string, fallbackMs: number): Duration | undefined {
    const e = this.entries.get(this.key(name));
    if (!e) return Duration.millis(fallbackMs);
    const ms = parseDurationMillis(e.value);
    if (ms === undefined) this.findings.error(e.path, badDuration(e.value));
    return ms === undefined ? undefined : Duration.millis(ms);
  }

  public whole(name: string, fallback: number): number | undefined {
    const e = this.entries.get(this.key(name));
    if (!e) return fallback;
    const n = parseWholeNumber(e.value);
    if (n === undefined)
      this.findings.error(e.path, `${JSON.stringify(e.value)} is not a whole number; restart strategy not mapped`);
    return n;
  }

  public number(name: string): number | undefined {
    const e = this.entries.get(this.key(name));
    if (!e) return undefined;
    const n = Number(e.value);
    if (!Number.isFinite(n))
      this.findings.error(e.path, `${JSON.stringify(e.value)} is not a number; restart strategy not mapped`);
    return Number.isFinite(n) ? n : undefined;
  }

  private key(name: string): string {
    return `restart-strategy.${this.type}.${name}`;
  }
}

/**
 * Builds a RestartStrategy from `restart-strategy.type` and its sub-keys, applying Flink's
 * defaults for sub-keys that are absent. Sub-keys of another strategy are reported, since
 * Flink ignores them.
 */
export function restartStrategyFromConfig(
  entries: ReadonlyMap<string, RestartEntry>,
  findings: FindingList,
  traits: FlinkVersionTraits,
): RestartStrategy | undefined {
  const typeEntry = entries.get('restart-strategy.type');
  if (!typeEntry) {
    for (const [key, e] of entries) findings.warning(e.path, subKeyWithoutType(key.split('.')[1]));
    return undefined;
  }
  const type = restartType(typeEntry.value);
  if (!type) {
    findings.error(typeEntry.path, unknownType(typeEntry.value));
    return undefined;
  }
  for (const [key, e] of entries) {
    if (key !== 'restart-strategy.type' && !key.startsWith(`restart-strategy.${type}.`))
      findings.warning(e.path, `is ignored by Flink: restart-strategy.type is ${type}; not mapped`);
  }
  const sub = new SubKeys(entries, type, findings);
  return buildRestartStrategy(typeEntry.path, () => strategyOfType(type, sub, traits), findings);
}

function strategyOfType(type: RestartType, sub: SubKeys, traits: FlinkVersionTraits): RestartStrategy | undefined {
  switch (type) {
    case 'none':
      return RestartStrategy.none();
    case 'fixed-delay': {
      const attempts = sub.whole('attempts', 1);
      const delay = sub.duration('delay', 1000);
      return attempts === undefined || !delay ? undefined : RestartStrategy.fixedDelay({ attempts, delay });
    }
    case 'failure-rate': {
      const max = sub.whole('max-failures-per-interval', 1);
      const interval = sub.duration('failure-rate-interval', 60_000);
      const delay = sub.duration('delay', 1000);
      return max === undefined || !interval || !delay
        ? undefined
        : RestartStrategy.failureRate({ maxFailuresPerInterval: max, interval, delay });
    }
    case 'exponential-delay':
      return exponentialDelay(sub, traits);
  }
}

/** Flink 1.18's exponential-delay defaults, which 1.19 changed (FLIP-364): the construct's own are 1.19's. */
const FLINK_1_18_EXPONENTIAL = { maxBackoff: Duration.minutes(5), backoffMultiplier: 2 };

const notBefore119 = () => 'is not an option of Flink 1.18 (it came with 1.19), so Flink ignores it; not mapped';

function exponentialDelay(sub: SubKeys, traits: FlinkVersionTraits): RestartStrategy {
  const optDuration = (name: string) => (sub.has(name) ? sub.duration(name, 0) : undefined);
  const before119 = !traits.atLeast(FlinkVersion.V1_19);
  let attempts: number | undefined;
  if (sub.has('attempts-before-reset-backoff')) {
    if (before119) sub.report('attempts-before-reset-backoff', notBefore119());
    else attempts = sub.whole('attempts-before-reset-backoff', 0);
  }
  const defaults: Partial<typeof FLINK_1_18_EXPONENTIAL> = before119 ? FLINK_1_18_EXPONENTIAL : {};
  return RestartStrategy.exponentialDelay({
    initialBackoff: optDuration('initial-backoff'),
    maxBackoff: optDuration('max-backoff') ?? defaults.maxBackoff,
    backoffMultiplier: sub.number('backoff-multiplier') ?? defaults.backoffMultiplier,
    resetBackoffThreshold: optDuration('reset-backoff-threshold'),
    jitterFactor: sub.number('jitter-factor'),
    attemptsBeforeResetBackoff: attempts,
  });
}

/** Runs a RestartStrategy factory, turning its validation error into a finding. */
export function buildRestartStrategy(
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
