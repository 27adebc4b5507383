import { checkExtraKey } from './key-rules';
import { FlinkVersionTraits } from '../flink/flink-version';
import { fail } from '../validation/errors';
import { CONTROL_CHARACTERS, requireInt } from '../validation/values';

const controlCharacters = () =>
  'contains a line break, control character or Unicode line separator, which no Flink option takes and which ' +
  'YAML tools read as a new line; remove it';
const LOG_LEVELS = ['TRACE', 'DEBUG', 'INFO', 'WARN', 'ERROR', 'OFF'];
const PARALLELISM = 'flinkConfiguration["parallelism.default"]';
const tooParallel = (slots: number) =>
  `exceeds the ${slots} task slots (taskManager.replicas x taskManager.taskSlots), so a job submitted without its ` +
  'own parallelism could never be scheduled; raise replicas or slots, or lower it';

/**
 * Rules for the `flinkConfiguration` escape hatch: each key through the key rules (in
 * sorted order, so the first error is stable), and a session cluster's default
 * parallelism within the task slots.
 */
export function resolveExtraConfig(
  given: { readonly [key: string]: string | number | boolean } | undefined,
  traits: FlinkVersionTraits,
  applicationMode: boolean,
  restIngress: boolean,
  totalSlots: number,
): { config: { [key: string]: string }; warnings: string[] } {
  const raw = given ?? {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    fail('flinkConfiguration', raw, 'must be an object of Flink keys to values');
  const config: { [key: string]: string } = {};
  const warnings: string[] = [];
  for (const key of Object.keys(raw).sort()) {
    const checked = checkExtraKey(key, raw[key], traits, { applicationMode, restIngress });
    config[key] = checked.value;
    if (checked.warning) warnings.push(checked.warning);
    if (CONTROL_CHARACTERS.test(config[key])) fail(`flinkConfiguration["${key}"]`, raw[key], controlCharacters());
  }
  const parallelism = config['parallelism.default'];
  if (parallelism !== undefined) {
    const n = requireInt(PARALLELISM, Number(parallelism), 1, 32768);
    if (totalSlots > 0 && n > totalSlots) fail(PARALLELISM, raw['parallelism.default'], tooParallel(totalSlots));
  }
  return { config, warnings };
}

/** Rule: the root log level is one of log4j's. */
export function resolveLogLevel(level: string | undefined): string {
  const logLevel = level ?? 'INFO';
  if (!LOG_LEVELS.includes(logLevel)) fail('logLevel', logLevel, `must be one of ${LOG_LEVELS.join(', ')}`);
  return logLevel;
}
