import { isMap, isScalar, isSeq, parseDocument } from 'yaml';
import type { ValueSyntax } from './catalog-types';

/**
 * Re-implementations of the parsers Flink applies to configuration values (TimeUtils,
 * MemorySize, Integer/Long/Double.parseX, StructuredOptionsSplitter, YAML lists and maps),
 * driven by the version's vocabulary from the catalog. `test/flink/catalog/data/real-parser-table.json`
 * holds Flink's own verdicts they are tested against.
 */

/** A parse result: the value, or why Flink would reject the text. */
export type Parsed<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: string };

const LONG_MAX = 9223372036854775807n;
const NANOS_PER_SECOND = 1_000_000_000n;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const err = <T>(error: string): Parsed<T> => ({ ok: false, error });

/** Java's String.trim(): strips characters up to U+0020 at both ends. */
export function javaTrim(text: string): string {
  // eslint-disable-next-line no-control-regex -- Java trims exactly the characters up to U+0020
  return text.replace(/^[\u0000-\u0020]+|[\u0000-\u0020]+$/g, '');
}

/** Splits `digits` + `unit` the way TimeUtils and MemorySize do (unit trimmed, lower case). */
function numberAndUnit(text: string): { digits: string; unit: string } | undefined {
  const trimmed = javaTrim(text);
  if (trimmed === '') return undefined;
  const m = /^([0-9]*)([\s\S]*)$/.exec(trimmed)!;
  return { digits: m[1], unit: javaTrim(m[2]).toLowerCase() };
}

/** ISO-8601 as java.time.Duration.parse reads it (`PT10S`, `P1DT2H`); nanoseconds. */
function parseIsoDuration(text: string): Parsed<bigint> {
  const m =
    /^([-+]?)P(?:([-+]?[0-9]+)D)?(T(?:([-+]?[0-9]+)H)?(?:([-+]?[0-9]+)M)?(?:([-+]?[0-9]+)(?:[.,]([0-9]{0,9}))?S)?)?$/i.exec(
      text,
    );
  if (!m || (m[3] !== undefined && m[3].toUpperCase() === 'T') || (m[2] === undefined && m[3] === undefined)) {
    return err(`"${text}" is not an ISO-8601 duration`);
  }
  const n = (s: string | undefined): bigint => (s === undefined ? 0n : BigInt(s));
  const seconds = n(m[2]) * 86400n + n(m[4]) * 3600n + n(m[5]) * 60n + n(m[6]);
  const fraction =
    m[7] === undefined || m[7] === '' ? 0n : BigInt(m[7].padEnd(9, '0')) * (m[6]?.startsWith('-') ? -1n : 1n);
  let nanos = seconds * NANOS_PER_SECOND + fraction;
  if (m[1] === '-') nanos = -nanos;
  if (nanos < 0n) return err('negative durations are not supported');
  return nanos / NANOS_PER_SECOND > LONG_MAX ? err(`"${text}" is too long a duration`) : ok(nanos);
}

/** TimeUtils.parseDuration of the given version; the result in nanoseconds. */
export function parseDuration(text: string, syntax: ValueSyntax): Parsed<bigint> {
  const parts = numberAndUnit(text);
  if (!parts) return err('is empty');
  if (parts.digits === '') {
    return syntax.isoDurations ? parseIsoDuration(javaTrim(text)) : err('does not start with a number');
  }
  const amount = BigInt(parts.digits);
  if (!syntax.durationAmountBeyondLong && amount > LONG_MAX)
    return err(`${parts.digits} does not fit in a 64-bit number`);
  const unitNanos = parts.unit === '' ? syntax.durationUnits.ms : syntax.durationUnits[parts.unit];
  if (unitNanos === undefined) return err(`"${parts.unit}" is not a time unit`);
  const nanos = amount * BigInt(unitNanos);
  return nanos / NANOS_PER_SECOND > LONG_MAX ? err('is too long a duration') : ok(nanos);
}

/** MemorySize.parse of the given version; the result in bytes. */
export function parseMemorySize(text: string, syntax: ValueSyntax): Parsed<bigint> {
  const parts = numberAndUnit(text);
  if (!parts) return err('is empty');
  if (parts.digits === '') return err('does not start with a number');
  const amount = BigInt(parts.digits);
  if (amount > LONG_MAX) return err(`${parts.digits} does not fit in a 64-bit number`);
  const multiplier = parts.unit === '' ? 1 : syntax.memoryUnits[parts.unit];
  if (multiplier === undefined) return err(`"${parts.unit}" is not a memory unit`);
  const bytes = amount * BigInt(multiplier);
  return bytes > LONG_MAX ? err('is more bytes than a 64-bit number holds') : ok(bytes);
}

/** Integer.parseInt / Long.parseLong: optional sign, decimal digits, nothing else. */
export function parseJavaInteger(text: string, bits: 32 | 64): Parsed<bigint> {
  if (!/^[+-]?[0-9]+$/.test(text)) return err('is not a whole number');
  const value = BigInt(text);
  const max = bits === 32 ? 2147483647n : LONG_MAX;
  return value > max || value < -max - 1n ? err(`does not fit in a ${bits}-bit number`) : ok(value);
}

/** Double.parseDouble / Float.parseFloat: decimal or hex floating point, NaN, Infinity, f/d suffix. */
export function parseJavaFloat(text: string): Parsed<number> {
  const t = javaTrim(text);
  const decimal = /^[+-]?(NaN|Infinity|([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?[fFdD]?)$/;
  const hex = /^[+-]?0[xX]([0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)[pP][+-]?[0-9]+[fFdD]?$/;
  if (!decimal.test(t) && !hex.test(t)) return err('is not a number');
  return ok(hex.test(t) ? NaN : Number(t.replace(/[fFdD]$/, '')));
}

/**
 * Flink's StructuredOptionsSplitter.splitEscaped: splits at `delimiter` outside '...' or "..."
 * (a doubled quote inside quotes is a literal quote), trims unquoted parts, drops a trailing
 * delimiter; a quoted part must be followed by the delimiter or the end.
 */
export function splitEscaped(text: string, delimiter: string): Parsed<string[]> {
  type Token = { kind: 'quoted' | 'plain' | 'delimiter'; text: string };
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === "'" || c === '"') {
      let s = '';
      let j = i + 1;
      for (; j < text.length; j++) {
        if (text[j] !== c) s += text[j];
        else if (text[j + 1] === c) {
          s += c;
          j++;
        } else break;
      }
      if (j >= text.length) return err('has a quote that is not closed');
      tokens.push({ kind: 'quoted', text: s });
      i = j + 1;
    } else if (c === delimiter) {
      tokens.push({ kind: 'delimiter', text: c });
      i++;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      const end = text.indexOf(delimiter, i);
      const stop = end < 0 ? text.length : end;
      tokens.push({ kind: 'plain', text: text.slice(i, stop).trim() });
      i = stop;
    }
  }
  const parts: string[] = [];
  for (let t = 0; t < tokens.length; t++) {
    const next = tokens[t + 1];
    if (tokens[t].kind === 'quoted' && next && next.kind !== 'delimiter')
      return err('has text right after a quoted part');
    if (tokens[t].kind !== 'delimiter') parts.push(tokens[t].text);
    else if (next && next.kind === 'delimiter') parts.push('');
  }
  return ok(parts);
}

/** How Java would print a YAML scalar snakeyaml read: integers in decimal, other numbers as written. */
function yamlScalarText(value: unknown, source: string | undefined): string | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number')
    return Number.isInteger(value) && !/[.eE]/.test(source ?? '') ? String(value) : (source ?? String(value));
  return String(value);
}

/** A YAML flow or block sequence (as config.yaml readers see `[a, b]`), else undefined. */
export function yamlList(text: string): (string | undefined)[] | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isSeq(doc.contents)) return undefined;
  return doc.contents.items.map((item) => (isScalar(item) ? yamlScalarText(item.value, item.source) : String(item)));
}

/** A YAML mapping (`{k: v}` or `k: v`), else undefined. */
export function yamlMap(text: string): Map<string, string> | undefined {
  const doc = parseDocument(text);
  if (doc.errors.length > 0 || !isMap(doc.contents)) return undefined;
  const map = new Map<string, string>();
  for (const pair of doc.contents.items) {
    const key = isScalar(pair.key) ? yamlScalarText(pair.key.value, pair.key.source) : String(pair.key);
    const value = isScalar(pair.value) ? yamlScalarText(pair.value.value, pair.value.source) : String(pair.value);
    map.set(key ?? 'null', value ?? 'null');
  }
  return map;
}
