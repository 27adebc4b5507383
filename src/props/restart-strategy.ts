import { Duration } from 'cdk8s';
import { durationMillis, flinkDuration, requireInt, requireNumber } from '../validation/values';
import { requireObject } from '../validation/k8s-syntax';
import { fail } from '../validation/errors';

/** Flink's `restart-strategy.type` values. */
export enum RestartStrategyType {
  NONE = 'none',
  FIXED_DELAY = 'fixed-delay',
  FAILURE_RATE = 'failure-rate',
  EXPONENTIAL_DELAY = 'exponential-delay',
}

/** @see https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/state/task_failure_recovery/ */
export interface FixedDelayRestartProps {
  /** Restart attempts before the job fails. */
  readonly attempts: number;
  /** Delay between two attempts. */
  readonly delay: Duration;
}

export interface FailureRateRestartProps {
  /** Failures tolerated within `interval` before the job fails. */
  readonly maxFailuresPerInterval: number;
  /** Window in which failures are counted. */
  readonly interval: Duration;
  /** Delay between two attempts. */
  readonly delay: Duration;
}

export interface ExponentialDelayRestartProps {
  /** @default Duration.seconds(1) */
  readonly initialBackoff?: Duration;
  /** @default Duration.minutes(1) */
  readonly maxBackoff?: Duration;
  /** @default 1.5 */
  readonly backoffMultiplier?: number;
  /** Backoff resets after running this long without failure. @default Duration.hours(1) */
  readonly resetBackoffThreshold?: Duration;
  /** @default 0.1 */
  readonly jitterFactor?: number;
  /** Attempts before the backoff is reset or the job fails. @default Flink's default (unbounded) */
  readonly attemptsBeforeResetBackoff?: number;
}

/**
 * How Flink restarts a failing job. Validated when created, rendered to Flink's
 * `restart-strategy.*` keys.
 */
export class RestartStrategy {
  /** Never restart: a failure fails the job. */
  public static none(): RestartStrategy {
    return new RestartStrategy(RestartStrategyType.NONE, {});
  }

  public static fixedDelay(props: FixedDelayRestartProps): RestartStrategy {
    const p = 'restartStrategy.fixedDelay';
    requireObject(p, props, '{ attempts: 3, delay: Duration.seconds(10) }');
    return new RestartStrategy(RestartStrategyType.FIXED_DELAY, {
      'restart-strategy.fixed-delay.attempts': String(requireInt(`${p}.attempts`, props.attempts, 1)),
      'restart-strategy.fixed-delay.delay': flinkDuration(`${p}.delay`, props.delay),
    });
  }

  public static failureRate(props: FailureRateRestartProps): RestartStrategy {
    const p = 'restartStrategy.failureRate';
    requireObject(
      p,
      props,
      '{ maxFailuresPerInterval: 3, interval: Duration.minutes(5), delay: Duration.seconds(10) }',
    );
    const interval = durationMillis(`${p}.interval`, props.interval);
    if (interval === 0) fail(`${p}.interval`, props.interval, 'must be longer than zero');
    const delay = durationMillis(`${p}.delay`, props.delay);
    if (delay >= interval) {
      fail(
        `${p}.delay`,
        props.delay,
        `must be shorter than interval (${flinkDuration(`${p}.interval`, props.interval)}), or no second failure can ever fall inside the window`,
      );
    }
    return new RestartStrategy(RestartStrategyType.FAILURE_RATE, {
      'restart-strategy.failure-rate.max-failures-per-interval': String(
        requireInt(`${p}.maxFailuresPerInterval`, props.maxFailuresPerInterval, 1),
      ),
      'restart-strategy.failure-rate.failure-rate-interval': flinkDuration(`${p}.interval`, props.interval),
      'restart-strategy.failure-rate.delay': flinkDuration(`${p}.delay`, props.delay),
    });
  }

  public static exponentialDelay(props: ExponentialDelayRestartProps = {}): RestartStrategy {
    const p = 'restartStrategy.exponentialDelay';
    requireObject(p, props, '{ initialBackoff: Duration.seconds(1), maxBackoff: Duration.minutes(1) }');
    const initial = props.initialBackoff ?? Duration.seconds(1);
    const max = props.maxBackoff ?? Duration.minutes(1);
    if (durationMillis(`${p}.initialBackoff`, initial) === 0)
      fail(`${p}.initialBackoff`, initial, 'must be longer than zero');
    if (durationMillis(`${p}.maxBackoff`, max) < durationMillis(`${p}.initialBackoff`, initial)) {
      fail(`${p}.maxBackoff`, max, `must not be shorter than initialBackoff (${initial.toHumanString()})`);
    }
    const reset = props.resetBackoffThreshold ?? Duration.hours(1);
    if (durationMillis(`${p}.resetBackoffThreshold`, reset) === 0)
      fail(`${p}.resetBackoffThreshold`, reset, 'must be longer than zero');
    const keys: Record<string, string> = {
      'restart-strategy.exponential-delay.initial-backoff': flinkDuration(`${p}.initialBackoff`, initial),
      'restart-strategy.exponential-delay.max-backoff': flinkDuration(`${p}.maxBackoff`, max),
      'restart-strategy.exponential-delay.backoff-multiplier': String(
        requireNumber(`${p}.backoffMultiplier`, props.backoffMultiplier ?? 1.5, 1),
      ),
      'restart-strategy.exponential-delay.reset-backoff-threshold': flinkDuration(`${p}.resetBackoffThreshold`, reset),
      'restart-strategy.exponential-delay.jitter-factor': String(
        requireNumber(`${p}.jitterFactor`, props.jitterFactor ?? 0.1, 0, 1),
      ),
    };
    if (props.attemptsBeforeResetBackoff !== undefined) {
      keys['restart-strategy.exponential-delay.attempts-before-reset-backoff'] = String(
        requireInt(`${p}.attemptsBeforeResetBackoff`, props.attemptsBeforeResetBackoff, 1),
      );
    }
    return new RestartStrategy(RestartStrategyType.EXPONENTIAL_DELAY, keys);
  }

  private constructor(
    public readonly type: RestartStrategyType,
    private readonly keys: Readonly<Record<string, string>>,
  ) {}

  /** The Flink configuration entries of this strategy. */
  public toConfig(): Record<string, string> {
    return { 'restart-strategy.type': this.type, ...this.keys };
  }
}
