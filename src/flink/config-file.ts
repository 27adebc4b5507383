import { FlinkVersionTraits } from './flink-version';

/**
 * Strings YAML 1.1 (which Flink's parser speaks) reads back as the same string when plain:
 * starting with a letter, or a whole number with an optional unit ("15 s", "1024m").
 */
const PLAIN = /^(?:[A-Za-z_/][A-Za-z0-9_./+=$:, -]*[A-Za-z0-9_./+=$-]|[A-Za-z]|(?:0|[1-9][0-9]*)(?: ?[A-Za-z]+)?)$/;
/** YAML 1.1 booleans and nulls, which a plain scalar would turn into (`no` -> false). */
const YAML_11_WORDS = /^(?:y|n|yes|no|on|off|true|false|null|~)$/i;

/**
 * A config value as a YAML scalar: plain where YAML 1.1 reads it back unchanged, otherwise
 * double-quoted. Line and paragraph separators are escaped too: go-yaml and libyaml treat
 * them as line breaks even inside quotes.
 */
export function yamlValue(value: string): string {
  const plain =
    PLAIN.test(value) &&
    !value.includes(': ') &&
    !value.endsWith(':') &&
    !value.includes(' #') &&
    !YAML_11_WORDS.test(value);
  if (plain || value === 'true' || value === 'false') return value;
  return JSON.stringify(value).replace(
    /[\u0085\u2028\u2029]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
  );
}

/**
 * Renders Flink configuration entries as the version's config file, keys sorted so the
 * same entries always give the same bytes.
 *
 * - `config.yaml` (1.19+): standard YAML with flat keys; values quoted when YAML would
 *   otherwise read them differently.
 * - `flink-conf.yaml` (1.18): Flink's own `key: value` lines, where quotes are kept
 *   literally and `#` starts a comment anywhere; the model refuses values it cannot hold
 *   (see `legacyConfigValueProblem`).
 */
export function renderConfigFile(entries: Readonly<Record<string, string>>, traits: FlinkVersionTraits): string {
  const keys = Object.keys(entries).sort();
  const legacy = traits.configFileName === 'flink-conf.yaml';
  const lines = keys.map((key) => {
    const value = entries[key];
    if (legacy) {
      return `${key}: ${value}`;
    }
    return `${key}: ${yamlValue(value)}`;
  });
  return lines.join('\n') + '\n';
}

/** Why `value` cannot be written to a flat `flink-conf.yaml` line, if it cannot. */
export function legacyConfigValueProblem(value: string): string | undefined {
  if (/[#\n\r]/.test(value) || value !== value.trim()) {
    return 'cannot be written to flink-conf.yaml (Flink 1.18 reads "#" as a comment and trims values); remove the "#", line break or surrounding spaces';
  }
  return undefined;
}
