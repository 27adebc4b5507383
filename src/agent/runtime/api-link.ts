import { Clock } from './clock';

/** How long one API operation may take before it counts as hung (real time). */
export const API_TIMEOUT_MS = 15_000;

/** Operations whose hang makes the agent unhealthy: the writes that publish the role. */
export const CRITICAL_WRITES: readonly string[] = ['patch-pod', 'lease'];

export class ApiTimeoutError extends Error {
  constructor(op: string, ms: number) {
    super(`${op}: no answer within ${ms / 1000} s`);
    this.name = 'ApiTimeoutError';
  }
}

/** A timeout of this link or of the client below it (which names its errors TimeoutError). */
const isTimeout = (e: unknown) => e instanceof Error && (e.name === 'TimeoutError' || e instanceof ApiTimeoutError);

const stillHung = (op: string) => new Error(`${op}: the previous call has not returned; not sent again`);

/**
 * The agent's link to the API server: when it last answered (any success counts, so the
 * role decision can tell a silent lock from a lost connection), and one way to run an
 * operation: with a deadline, its failure reported rather than thrown, and never a second
 * call of the same operation behind one that hangs (two label patches in flight could land
 * in either order).
 */
export class ApiLink {
  private last?: number;
  /** Operations in flight, and those among them past their deadline. */
  private readonly inFlight = new Set<string>();
  private readonly hung = new Set<string>();
  private readonly timedOut = new Set<string>();

  constructor(
    private readonly clock: Clock,
    private readonly onError: (op: string, error: unknown) => void,
    private readonly timeoutMs = API_TIMEOUT_MS,
  ) {}

  /** When the API server last answered, epoch ms. */
  public get lastContact(): number | undefined {
    return this.last;
  }

  /**
   * Operations that hang: in flight past the deadline, or whose last attempt timed out
   * (the client cut it off) and none has succeeded since.
   */
  public get hungCalls(): string[] {
    return [...new Set([...this.hung, ...this.timedOut])].sort();
  }

  public contact(): void {
    this.last = this.clock.now();
  }

  /**
   * Runs one API operation; a failure or a timeout goes to the error handler under `op`.
   * `force` sends it even when an earlier one hangs (the last label before the agent stops).
   */
  public async call(op: string, fn: () => Promise<void>, force = false): Promise<void> {
    if (this.inFlight.has(op) && !force) return this.onError(op, stillHung(op));
    this.inFlight.add(op);
    let timer: NodeJS.Timeout | undefined;
    const work = (async () => fn())()
      .then(
        () => void this.timedOut.delete(op),
        (e: unknown) => {
          if (isTimeout(e)) this.timedOut.add(op);
          throw e;
        },
      )
      .finally(() => {
        this.inFlight.delete(op);
        this.hung.delete(op);
      });
    const deadline = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), this.timeoutMs);
    });
    try {
      if ((await Promise.race([work, deadline])) === 'timeout') {
        this.hung.add(op);
        this.onError(op, new ApiTimeoutError(op, this.timeoutMs));
        // It may still fail later: that is reported too, never thrown into nowhere.
        work.catch((e) => this.onError(op, e));
      }
    } catch (e) {
      this.onError(op, e);
    } finally {
      clearTimeout(timer);
    }
  }

  public error(op: string, error: unknown): void {
    this.onError(op, error);
  }
}
