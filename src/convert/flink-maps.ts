/**
 * Flink's text forms of Map and List<Map> options (`k1:v1,k2:v2` and `k:v,k:v;k:v`), as
 * its StructuredOptionsSplitter reads them: a part may be quoted with ' or " (a doubled
 * quote inside stands for itself) to hold a separator.
 */

/** Splits `text` at `separator` outside quotes, unquoting each part. */
export function splitFlink(text: string, separator: string): string[] | undefined {
  const parts: string[] = [];
  let current = '';
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === quote && text[i + 1] === quote) {
        current += c;
        i++;
      } else if (c === quote) quote = undefined;
      else current += c;
    } else if (c === "'" || c === '"') quote = c;
    else if (c === separator) {
      parts.push(current.trim());
      current = '';
    } else current += c;
  }
  if (quote) return undefined;
  parts.push(current.trim());
  return parts;
}

/** A Map option: `k1:v1,k2:v2`; undefined when an entry has no `:`. */
export function parseFlinkMap(text: string): Record<string, string> | undefined {
  if (text.trim() === '') return {};
  const entries = splitFlink(text, ',');
  if (!entries) return undefined;
  const out: Record<string, string> = {};
  for (const entry of entries) {
    const kv = splitFlink(entry, ':');
    if (!kv || kv.length < 2 || kv[0] === '') return undefined;
    out[kv[0]] = kv.slice(1).join(':');
  }
  return out;
}

/** A List<Map> option: maps separated by `;`. */
export function parseFlinkMapList(text: string): Array<Record<string, string>> | undefined {
  const items = splitFlink(text, ';');
  if (!items) return undefined;
  const maps = items.filter((i) => i !== '').map(parseFlinkMap);
  return maps.every((m) => m !== undefined) ? (maps as Array<Record<string, string>>) : undefined;
}

/** A List option: items separated by `;`. */
export function parseFlinkList(text: string): string[] | undefined {
  return splitFlink(text, ';')?.filter((i) => i !== '');
}

/** The text form of a Map written as a YAML object, as Flink's config.yaml reads it. */
export function flinkMapText(map: Record<string, unknown>): string {
  return Object.entries(map)
    .map(([k, v]) => `${k}:${String(v)}`)
    .join(',');
}
