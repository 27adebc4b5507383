/**
 * Runs a pass so that passes never overlap; a request during a pass schedules one more pass
 * after it (however many requests came), which then sees the newest state.
 */
export class SerialPasses {
  private running?: Promise<void>;
  private again = false;

  /** @param pass one pass; returns false to stop repeating (e.g. the agent is stopping). */
  constructor(private readonly pass: () => Promise<boolean>) {}

  /** The pass in flight, if any. */
  public get inFlight(): Promise<void> | undefined {
    return this.running;
  }

  public request(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      try {
        do {
          this.again = false;
          if (!(await this.pass())) return;
        } while (this.again);
      } finally {
        this.running = undefined;
      }
    })();
    return this.running;
  }
}
