import type { FlinkOption } from './catalog-index';
import type { ValueSyntax } from './catalog-types';
import {
  javaTrim,
  parseDuration,
  parseJavaFloat,
  parseJavaInteger,
  parseMemorySize,
  Parsed,
  splitEscaped,
  yamlList,
  yamlMap,
} from './value-parsers';

/** What a value check needs to know about an option: its type, its enum values and its version's syntax. */
export type ValueCheckTarget = Pick<FlinkOption, 'type' | 'values' | 'syntax' | 'legacyConfigFile'>;

type Check = (text: string, target: ValueCheckTarget) => string | null;

function durationForm(syntax: ValueSyntax): string {
  const iso = syntax.isoDurations ? ', or ISO-8601 such as "PT30S"' : '';
  return `a duration: a whole number and a unit (ms, s, min, h, d; also ns, µs), e.g. "30 s" or "1 min"; a bare number means milliseconds${iso}`;
}

const MEMORY_FORM =
  'a memory size: a whole number and a unit (b, kb, mb, gb, tb, or k, m, g, t), e.g. "1024 mb" or "2 gb"; a bare number means bytes';

function fromParsed(p: Parsed<unknown>, text: string, form: string): string | null {
  if (p.ok) return null;
  const hint = /^[0-9]+\s*[KMGTkmgt]i[Bb]?$/.test(javaTrim(text))
    ? ' (Kubernetes units such as "Gi" are not Flink units)'
    : '';
  return `${JSON.stringify(text)} ${p.error}${hint}; expected ${form}`;
}

const CHECKS: Readonly<Record<string, Check>> = {
  String: () => null,
  Duration: (t, o) => fromParsed(parseDuration(t, o.syntax), t, durationForm(o.syntax)),
  MemorySize: (t, o) => fromParsed(parseMemorySize(t, o.syntax), t, MEMORY_FORM),
  Boolean: (t) => (/^(true|false)$/i.test(t) ? null : `${JSON.stringify(t)} is not a boolean; expected true or false`),
  Integer: (t) => fromParsed(parseJavaInteger(t, 32), t, 'a whole number from -2147483648 to 2147483647'),
  Long: (t) => fromParsed(parseJavaInteger(t, 64), t, 'a whole number that fits in 64 bits'),
  Float: (t) => fromParsed(parseJavaFloat(t), t, 'a number such as 0.5'),
  Double: (t) => fromParsed(parseJavaFloat(t), t, 'a number such as 0.5'),
  Enum: (t, o) => {
    const values = o.values ?? [];
    if (values.some((v) => v.toUpperCase() === t.toUpperCase())) return null;
    return `${JSON.stringify(t)} is not a valid value; expected one of ${values.join(', ')} (any case)`;
  },
  Map: (t, o) => checkMap(t, o),
};

/** Items of a list value: a YAML list (config.yaml versions) or Flink's ";"-separated form. */
function listItems(text: string, legacy: boolean): Parsed<(string | undefined)[]> {
  const yaml = legacy ? undefined : yamlList(text);
  return yaml ? { ok: true, value: yaml } : splitEscaped(text, ';');
}

function checkList(text: string, target: ValueCheckTarget, elementType: string): string | null {
  const form = `a list: items separated by ";" (quote an item that contains ";")${target.legacyConfigFile ? '' : ', or a YAML list such as "[a, b]"'}`;
  const items = listItems(text, target.legacyConfigFile);
  if (!items.ok) return `${JSON.stringify(text)} ${items.error}; expected ${form}`;
  const check = CHECKS[elementType];
  if (!check) return null;
  for (let i = 0; i < items.value.length; i++) {
    const item = items.value[i];
    if (item === undefined) return `item ${i + 1} is empty; expected ${form}`;
    const problem = check(item, { ...target, type: elementType });
    if (problem) return `item ${i + 1}: ${problem}`;
  }
  return null;
}

function checkMap(text: string, target: ValueCheckTarget): string | null {
  const form = `key:value pairs separated by ",", e.g. "k1:v1,k2:v2"${target.legacyConfigFile ? '' : ', or a YAML map such as "{k1: v1, k2: v2}"'}`;
  if (!target.legacyConfigFile && yamlMap(text)) return null;
  const entries = splitEscaped(text, ',');
  if (!entries.ok) return `${JSON.stringify(text)} ${entries.error}; expected ${form}`;
  const keys = new Set<string>();
  for (const entry of entries.value) {
    const pair = splitEscaped(entry, ':');
    if (!pair.ok || pair.value.length !== 2)
      return `${JSON.stringify(entry)} is not a key:value pair; expected ${form}`;
    if (keys.has(pair.value[0])) return `key ${JSON.stringify(pair.value[0])} appears twice; expected ${form}`;
    keys.add(pair.value[0]);
  }
  return null;
}

/**
 * Whether Flink would accept `value` for `option`, parsed as the option's Flink version parses
 * the value the construct writes into its config file: `null` when it would, else a message
 * naming what is wrong and the expected form (for example
 * `"1Gi" "gi" is not a memory unit (...); expected a memory size: ...`).
 *
 * Durations follow TimeUtils (`10 s`, `10s`, `1 min`, `500 ms`; ISO-8601 `PT10S` from 2.1 on),
 * memory sizes MemorySize (`1024 mb`, `2g`), booleans are true/false in any case, integers and
 * longs are decimal, enums match any case, lists are `;`-separated (or YAML `[a, b]` from 1.19),
 * maps `k:v,k2:v2` (or YAML `{k: v}` from 1.19). In 1.18 (`flink-conf.yaml`) values are trimmed
 * and an empty value leaves the option unset, so it passes. Numbers and booleans are checked as
 * their text; other non-strings are refused. Unknown types pass.
 */
export function checkValue(option: ValueCheckTarget, value: unknown): string | null {
  if (typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean') {
    return `${JSON.stringify(value) ?? String(value)} is not a string; Flink configuration values are text`;
  }
  let text = String(value);
  if (option.legacyConfigFile) {
    text = javaTrim(text);
    if (text === '') return null;
  }
  const list = /^List<(.+)>$/.exec(option.type);
  if (list) return checkList(text, option, list[1]);
  const check = CHECKS[option.type];
  return check ? check(text, option) : null;
}
