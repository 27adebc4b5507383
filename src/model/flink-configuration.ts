import { CONFIG_SECTIONS, ConfigInput, ownerOf } from './config-sections';
import { checkPrefixCollisions, currentNameOf } from './key-rules';
import { legacyConfigValueProblem } from '../flink/config-file';
import { classifyKey } from '../flink/catalog/option-catalog';
import { FlinkVersion, FlinkVersionTraits } from '../flink/flink-version';
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
  checkOwnKeysExist(Object.keys(config), m.traits);
  const appendable = new Set(CONFIG_SECTIONS.flatMap((s) => s.appendable ?? []));
  for (const [key, value] of Object.entries(extraConfig)) {
    // A deprecated spelling of an appendable key (1.x `env.java.opts`) would be shadowed by ours: merge it in.
    const target = appendable.has(currentNameOf(key, m.traits)) ? currentNameOf(key, m.traits) : key;
    config[target] = appendable.has(target) && target in config ? `${config[target]} ${value}` : value;
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

const READ_BY_FLINK = new Set(['option', 'template-option', 'reporter-parameter', 'fallback-key']);
const notInVersion = (key: string, version: string, since: string | undefined) =>
  `needs "${key}", which Flink ${version} does not have${since ? ` (it exists from ${since} on)` : ''}; ` +
  'leave that setting out or raise flinkVersion';

/** Rule: every key the construct writes is an option of the declared version (from Flink's own catalog). */
function checkOwnKeysExist(keys: readonly string[], traits: FlinkVersionTraits): void {
  for (const key of keys) {
    const c = classifyKey(traits.version, key, { suggest: false });
    if (!READ_BY_FLINK.has(c.kind)) fail(ownerOf(key) ?? key, key, notInVersion(key, traits.version, c.since));
  }
}
