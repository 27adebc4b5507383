/**
 * The agent's periods, all derived from Flink's lease duration and all bounded: a lease of
 * days must neither put the agent to sleep for hours nor overflow a timer into a busy loop.
 */

/** The longest lease the agent works with; longer ones (from its environment or Flink's record) count as this. */
export const MAX_LEASE_SECONDS = 86_400;

/** How far ahead of this agent's clock a time written by another process may be (clock skew). */
export const MAX_CLOCK_SKEW_MS = 10_000;

/** The longest pause between two passes. */
export const MAX_TICK_MS = 30_000;

/** Pause between passes: a third of the lease (Flink's retry period by default), at most MAX_TICK_MS. */
export function tickPeriodMs(leaseSeconds: number): number {
  return Math.min((leaseSeconds * 1000) / 3, MAX_TICK_MS);
}

/** A watch silent for this long may be a dead one: the lock is then read directly. */
export function refreshAfterMs(leaseSeconds: number): number {
  return Math.min((leaseSeconds * 1000) / 2, 2 * MAX_TICK_MS);
}

/** Liveness: the loop must have run within this window (four missed passes, at least a minute). */
export function livenessWindowMs(leaseSeconds: number): number {
  return Math.max(60_000, 4 * tickPeriodMs(leaseSeconds));
}
