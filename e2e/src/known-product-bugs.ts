/**
 * Product bugs the harness currently works around, each with its entry in ../FINDINGS.md.
 * Every entry is applied ONLY through this list; delete an entry once the product is fixed,
 * and the harness goes back to running the product's output as it is.
 *
 * History: `java17-add-opens` (F1) was removed once the construct wrote the distribution's
 * env.java.opts.all itself; the clusters now run the product's output unchanged on Java 17.
 * `agent-event-dropped` (F8) was removed once the agent ran each Event topic as its own operation.
 */
export interface KnownBug {
  readonly id: string;
  readonly finding: string;
  readonly summary: string;
  /** Log lines this bug produces: the log scan counts them as this bug, names them, and passes on them. */
  readonly logLine?: RegExp;
}

export const KNOWN_PRODUCT_BUGS: KnownBug[] = [];

export const isKnown = (id: string) => KNOWN_PRODUCT_BUGS.some((b) => b.id === id);
