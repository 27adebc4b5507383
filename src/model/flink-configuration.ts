import { CONFIG_SECTIONS, ConfigInput } from './config-sections';
import { checkPrefixCollisions } from './key-rules';
import { FlinkVersion } from '../flink/flink-version';

/**
 * The complete Flink configuration of a cluster, as key/value strings: every section's
 * keys, then the user's own (which the key rules already kept off the sections' keys).
 * Pure: the same model always gives the same entries.
 */
export function buildFlinkConfig(
  m: ConfigInput,
  extraConfig: { readonly [key: string]: string },
): { [key: string]: string } {
  const config: { [key: string]: string } = {};
  for (const section of CONFIG_SECTIONS) Object.assign(config, section.render(m));
  Object.assign(config, extraConfig);
  checkPrefixCollisions(config, new Set(Object.keys(extraConfig)), m.traits.atLeast(FlinkVersion.V2_0));
  return config;
}
