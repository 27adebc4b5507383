/** Time, injected so tests control it. */
export interface Clock {
  now(): number;
  /** Resolves after `ms`, or early when `signal` aborts. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

/** The longest delay a Node.js timer holds; a longer one fires at once. */
const MAX_TIMER_MS = 2 ** 31 - 1;

export const systemClock: Clock = {
  now: () => Date.now(),
  sleep: (requested, signal) =>
    new Promise((resolve) => {
      // A longer sleep ends early (callers loop and look again); NaN or negative: no sleep.
      const ms = Math.min(Number.isFinite(requested) && requested > 0 ? requested : 0, MAX_TIMER_MS);
      if (signal?.aborted) return resolve();
      // Remove the abort listener when the timer wins, or every sleep would leak one.
      const onAbort = () => {
        clearTimeout(t);
        resolve();
      };
      const t = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

/** Capped exponential backoff with full jitter, as client-go's wait.Backoff. */
export function backoffDelay(
  attempt: number,
  baseMs = 500,
  capMs = 30_000,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(attempt, 16));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
