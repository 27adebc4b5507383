/** A JSON object (not null, not an array): the one check for "is this a map?" in the agent and its CLI. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
