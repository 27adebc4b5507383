/** A JSON object (not null, not an array): the one check for "is this a map?" in the agent and its CLI. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** At most `max` characters of `text`, marked when cut: cluster data quoted in a message stays short. */
export function excerpt(text: string, max = 80): string {
  return text.length <= max ? text : `${text.slice(0, max)}...`;
}
