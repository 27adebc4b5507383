import { Duration } from 'cdk8s';
import { flinkDurationOf } from '../flink/durations';
import { durationMillis, requireInt, requireNumber } from '../validation/values';
import { requireKnownFields, requireObject } from '../validation/k8s-syntax';
import { fail } from '../validation/errors';

/** Flink's `restart-strategy.type` values. */
export enum RestartStrategyType {
  /** Never restart. */
  NONE = 'none',
  /** A fixed number of attempts, a fixed delay apart. */
  FIXED_DELAY = 'fixed-delay',
  /** Restart unless too many failures fall in a window. */
  FAILURE_RATE = 'failure-rate',
  /** A growing backoff between attempts. */
  EXPONENTIAL_DELAY = 'exponential-delay',
}

/**
 * A fixed-delay restart strategy.
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/ops/state/task_failure_recovery/
 */
export interface FixedDelayRestartProps {
  /** Restart attempts before the job fails. */
  readonly attempts: number;
  /** Delay between two attempts. */
  readonly delay: Duration;
}

/** A failure-rate restart strategy. */
export interface FailureRateRestartProps {
  /** Failures tolerated within `interval` before the job fails. */
  readonly maxFailuresPerInterval: number;
  /** Window in which failures are counted. */
  readonly interval: Duration;
  /** Delay between two attempts. */
  readonly delay: Duration;
}

/** An exponential-delay restart strategy. */
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

/** A restart strategy with its parameters, durations in milliseconds. */
export type RestartStrategySpec =
  | { readonly type: RestartStrategyType.NONE }
  | { readonly type: RestartStrategyType.FIXED_DELAY; readonly attempts: number; readonly delayMs: number }
  | {
      readonly type: RestartStrategyType.FAILURE_RATE;
      readonly maxFailuresPerInterval: number;
      readonly intervalMs: number;
      readonly delayMs: number;
    }
  | {
      readonly type: RestartStrategyType.EXPONENTIAL_DELAY;
      readonly initialBackoffMs: number;
      readonly maxBackoffMs: number;
      readonly backoffMultiplier: number;
      readonly resetBackoffThresholdMs: number;
      readonly jitterFactor: number;
      readonly attemptsBeforeResetBackoff?: number;
    };

/**
 * How Flink restarts a failing job. Validated when created; the Flink configuration
 * builder renders it to Flink's `restart-strategy.*` keys.
 */
export class RestartStrategy {
  /** Never restart: a failure fails the job. */
  public static none(): RestartStrategy {
    return new RestartStrategy({ type: RestartStrategyType.NONE });
  }

  /** Restart up to `attempts` times, `delay` apart. */
  public static fixedDelay(props: FixedDelayRestartProps): RestartStrategy {
    const p = 'restartStrategy.fixedDelay';
    requireObject(p, props, '{ attempts: 3, delay: Duration.seconds(10) }');
    requireKnownFields(p, props, 'FixedDelayRestartProps');
    return new RestartStrategy({
      type: RestartStrategyType.FIXED_DELAY,
      attempts: requireInt(`${p}.attempts`, props.attempts, 1),
      delayMs: durationMillis(`${p}.delay`, props.delay),
    });
  }

  /** Restart while fewer than `maxFailuresPerInterval` failures fall in `interval`. */
  public static failureRate(props: FailureRateRestartProps): RestartStrategy {
    const p = 'restartStrategy.failureRate';
    requireObject(
      p,
      props,
      '{ maxFailuresPerInterval: 3, interval: Duration.minutes(5), delay: Duration.seconds(10) }',
    );
    requireKnownFields(p, props, 'FailureRateRestartProps');
    const intervalMs = durationMillis(`${p}.interval`, props.interval);
    if (intervalMs === 0) fail(`${p}.interval`, props.interval, 'must be longer than zero');
    const delayMs = durationMillis(`${p}.delay`, props.delay);
    if (delayMs >= intervalMs) fail(`${p}.delay`, props.delay, delayOverInterval(intervalMs));
    return new RestartStrategy({
      type: RestartStrategyType.FAILURE_RATE,
      maxFailuresPerInterval: requireInt(`${p}.maxFailuresPerInterval`, props.maxFailuresPerInterval, 1),
      intervalMs,
      delayMs,
    });
  }

  /** Restart with a backoff that grows after each failure (Flink's default with checkpointing). */
  public static exponentialDelay(props: ExponentialDelayRestartProps = {}): RestartStrategy {
    const p = 'restartStrategy.exponentialDelay';
    requireObject(p, props, '{ initialBackoff: Duration.seconds(1), maxBackoff: Duration.minutes(1) }');
    requireKnownFields(p, props, 'ExponentialDelayRestartProps');
    const initial = props.initialBackoff ?? Duration.seconds(1);
    const max = props.maxBackoff ?? Duration.minutes(1);
    const initialBackoffMs = durationMillis(`${p}.initialBackoff`, initial);
    if (initialBackoffMs === 0) fail(`${p}.initialBackoff`, initial, 'must be longer than zero');
    const maxBackoffMs = durationMillis(`${p}.maxBackoff`, max);
    if (maxBackoffMs < initialBackoffMs)
      fail(`${p}.maxBackoff`, max, `must not be shorter than initialBackoff (${initial.toHumanString()})`);
    const reset = props.resetBackoffThreshold ?? Duration.hours(1);
    const resetBackoffThresholdMs = durationMillis(`${p}.resetBackoffThreshold`, reset);
    if (resetBackoffThresholdMs === 0) fail(`${p}.resetBackoffThreshold`, reset, 'must be longer than zero');
    return new RestartStrategy({
      type: RestartStrategyType.EXPONENTIAL_DELAY,
      initialBackoffMs,
      maxBackoffMs,
      backoffMultiplier: requireNumber(`${p}.backoffMultiplier`, props.backoffMultiplier ?? 1.5, 1),
      resetBackoffThresholdMs,
      jitterFactor: requireNumber(`${p}.jitterFactor`, props.jitterFactor ?? 0.1, 0, 1),
      attemptsBeforeResetBackoff:
        props.attemptsBeforeResetBackoff === undefined
          ? undefined
          : requireInt(`${p}.attemptsBeforeResetBackoff`, props.attemptsBeforeResetBackoff, 1),
    });
  }

  /** The strategy's parameters; the config builder renders them. @internal */
  public readonly _spec: RestartStrategySpec;

  private constructor(spec: RestartStrategySpec) {
    this._spec = spec;
  }

  /** Flink's `restart-strategy.type` of this strategy. */
  public get type(): RestartStrategyType {
    return this._spec.type;
  }
}

/** A failure-rate delay as long as the window leaves no room for a second failure. */
function delayOverInterval(intervalMs: number): string {
  return (
    `must be shorter than interval (${flinkDurationOf(intervalMs)}), or no second failure can ever fall inside ` +
    'the window'
  );
}
