import { FlinkVersionTraits } from './flink-version';

/** Plain YAML scalars that need no quoting; anything else is written as a JSON string. */
const PLAIN = /^[A-Za-z0-9_./@%+=$-](?:[A-Za-z0-9_./@%+=$:, -]*[A-Za-z0-9_./@%+=$-])?$/;

function yamlValue(value: string): string {
  return PLAIN.test(value) && !value.includes(': ') && !value.includes(' #') ? value : JSON.stringify(value);
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
