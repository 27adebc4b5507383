import { Clock } from './clock';

/**
 * The agent's link to the API server: when it last answered (any success counts, so the
 * role decision can tell a silent lock from a lost connection), and one way to run an
 * operation whose failure is reported rather than thrown.
 */
export class ApiLink {
  private last?: number;

  constructor(
    private readonly clock: Clock,
    private readonly onError: (op: string, error: unknown) => void,
  ) {}

  /** When the API server last answered, epoch ms. */
  public get lastContact(): number | undefined {
    return this.last;
  }

  public contact(): void {
    this.last = this.clock.now();
  }

  /** Runs one API operation; a failure goes to the error handler under `op`. */
  public async call(op: string, fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      this.onError(op, e);
    }
  }

  public error(op: string, error: unknown): void {
    this.onError(op, error);
  }
}
