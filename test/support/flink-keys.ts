import { classifyKey } from '../../src/flink/catalog/option-catalog';

/** Kinds of key Flink reads in a version (deprecated keys too, though the construct must not write them). */
const KNOWN = new Set([
  'option',
  'template-option',
  'reporter-parameter',
  'fallback-key',
  'deprecated-key',
  'deprecated-option',
  // Flink reads these but sets them itself; the construct writes $internal.pipeline.job-id for a fixed job id.
  'internal',
]);

/** True when Flink `version` reads `key` (from the option catalog generated from Flink's jars). */
export function isKnownKey(key: string, version: string): boolean {
  return KNOWN.has(classifyKey(version, key).kind);
}

/** True when `key` is deprecated in `version`. */
export function isDeprecatedKey(key: string, version: string): boolean {
  const kind = classifyKey(version, key).kind;
  return kind === 'deprecated-key' || kind === 'deprecated-option';
}
