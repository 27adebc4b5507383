import { CONFIG_SECTIONS, ConfigInput, ownerOf } from './config-sections';
import { checkPrefixCollisions } from './key-rules';
import { legacyConfigValueProblem } from '../flink/config-file';
import { FlinkVersion } from '../flink/flink-version';
import { fail } from '../validation/errors';

type Entries = { readonly [key: string]: string };

/**
 * The complete Flink configuration of a cluster, as key/value strings: every section's
 * keys, then the user's own (which the key rules already kept off the sections' keys;
 * an appendable key such as `env.java.opts.all` gets the user's value after the section's).
 * Pure: the same model always gives the same entries.
 */
export function buildFlinkConfig(
  m: ConfigInput,
  extraConfig: { readonly [key: string]: string },
): { [key: string]: string } {
  const config: { [key: string]: string } = {};
  for (const section of CONFIG_SECTIONS) Object.assign(config, section.render(m));
  const appendable = new Set(CONFIG_SECTIONS.flatMap((s) => s.appendable ?? []));
  for (const [key, value] of Object.entries(extraConfig)) {
    config[key] = appendable.has(key) && key in config ? `${config[key]} ${value}` : value;
  }
  checkPrefixCollisions(config, new Set(Object.keys(extraConfig)), m.traits.atLeast(FlinkVersion.V2_0));
  if (m.traits.configFileName === 'flink-conf.yaml') checkLegacyValues(config, extraConfig);
  return config;
}

/** Rule: every value fits on one flat `flink-conf.yaml` line (Flink 1.18). */
function checkLegacyValues(config: Entries, extraConfig: Entries): void {
  for (const key of Object.keys(config).sort()) {
    const problem = legacyConfigValueProblem(config[key]);
    if (!problem) continue;
    fail(key in extraConfig ? `flinkConfiguration["${key}"]` : (ownerOf(key) ?? key), config[key], problem);
  }
}
