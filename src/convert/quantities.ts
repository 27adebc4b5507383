/**
 * Parsers for the quantities a FlinkDeployment carries: memory as Flink writes it
 * (`1024m`, `1g`, `1024 mb`) or as Kubernetes writes it (`1024Mi`, `1Gi`, `2G`), CPU as
 * cores or millicores, and durations as Flink's TimeUtils reads them (`60000`, `10 s`,
 * `1 min`). Each returns undefined for input it cannot read, so callers can report the
 * field instead of throwing.
 */

const MIB = 1024 * 1024;

/** Flink's MemorySize units, all binary and case-insensitive; no unit means bytes. */
const FLINK_MEMORY_UNITS: ReadonlyArray<[readonly string[], number]> = [
  [['b', 'bytes'], 1],
  [['k', 'kb', 'kibibytes'], 1024],
  [['m', 'mb', 'mebibytes'], MIB],
  [['g', 'gb', 'gibibytes'], 1024 * MIB],
  [['t', 'tb', 'tebibytes'], 1024 * 1024 * MIB],
];

/** Kubernetes quantity suffixes for memory. */
const K8S_MEMORY_SUFFIXES: Readonly<Record<string, number>> = {
  Ki: 1024,
  Mi: MIB,
  Gi: 1024 * MIB,
  Ti: 1024 * 1024 * MIB,
  Pi: 1024 ** 5,
  Ei: 1024 ** 6,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/**
 * Bytes of a memory value. Reads it the way the Flink Kubernetes Operator does: first as
 * Flink's MemorySize (so `2048m` is 2048 MiB, not 2.048 bytes), then as a Kubernetes
 * quantity (so `1Gi` and `1024Mi` work). A number is bytes.
 */
export function parseMemoryBytes(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  const flink = /^(\d+(?:\.\d+)?)\s*([a-zA-Z]*)$/.exec(text);
  if (flink) {
    const unit = flink[2].toLowerCase();
    const amount = Number(flink[1]);
    if (unit === '') return amount > 0 ? amount : undefined;
    const match = FLINK_MEMORY_UNITS.find(([names]) => names.includes(unit));
    // Flink's MemorySize only accepts whole numbers; fractions fall through to the quantity syntax.
    if (match && Number.isInteger(amount)) return amount > 0 ? amount * match[1] : undefined;
  }
  // The operator's fallback: strip spaces and a trailing "B", then read a Kubernetes quantity.
  let quantity = text.replace(/\s/g, '').toUpperCase();
  if (quantity.endsWith('B')) quantity = quantity.slice(0, -1);
  quantity = quantity.replace(/I$/, 'i');
  const k8s = /^(\d+(?:\.\d+)?)(Ki|Mi|Gi|Ti|Pi|Ei|M|G|T|P|E)$/.exec(quantity);
  if (!k8s) return undefined;
  const bytes = Number(k8s[1]) * K8S_MEMORY_SUFFIXES[k8s[2]];
  return bytes > 0 ? bytes : undefined;
}

/** Whole mebibytes of a byte count, rounded down, with whether rounding happened. */
export function toMebibytes(bytes: number): { readonly mib: number; readonly exact: boolean } {
  return { mib: Math.floor(bytes / MIB), exact: bytes % MIB === 0 };
}

/** CPU cores of `1`, `0.5`, `"500m"` or `"2"`. */
export function parseCpu(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value > 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+(?:\.\d+)?)(m?)\s*$/.exec(value);
  if (!m) return undefined;
  const cores = m[2] === 'm' ? Number(m[1]) / 1000 : Number(m[1]);
  return cores > 0 ? cores : undefined;
}

/** Flink's TimeUtils duration units, in milliseconds. */
const DURATION_UNITS: ReadonlyArray<[readonly string[], number]> = [
  [['ns', 'nano', 'nanos', 'nanosecond', 'nanoseconds'], 1e-6],
  [['us', 'µs', 'micro', 'micros', 'microsecond', 'microseconds'], 1e-3],
  [['ms', 'milli', 'millis', 'millisecond', 'milliseconds'], 1],
  [['s', 'sec', 'secs', 'second', 'seconds'], 1000],
  [['min', 'm', 'minute', 'minutes'], 60_000],
  [['h', 'hour', 'hours'], 3_600_000],
  [['d', 'day', 'days'], 86_400_000],
];

/**
 * Milliseconds of a Flink duration: a number (milliseconds, as Flink reads a bare number)
 * or `<number> <unit>` such as `10 s` or `1 min`. Undefined when unreadable or not whole ms.
 */
export function parseDurationMillis(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^\s*(\d+)\s*([a-zµ]*)\s*$/i.exec(value);
  if (!m) return undefined;
  const unit = m[2].toLowerCase();
  const factor = unit === '' ? 1 : DURATION_UNITS.find(([names]) => names.includes(unit))?.[1];
  if (factor === undefined) return undefined;
  const ms = Number(m[1]) * factor;
  return Number.isInteger(ms) ? ms : undefined;
}

/** A whole number from a number or a numeric string (Flink configuration values are strings). */
export function parseWholeNumber(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isInteger(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?\d+\s*$/.test(value)) return Number(value);
  return undefined;
}

/** A boolean from a boolean or `"true"`/`"false"` in any case, as Flink reads it. */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string' && /^(true|false)$/i.test(value.trim())) return value.trim().toLowerCase() === 'true';
  return undefined;
}
