import { Duration } from 'cdk8s';
import { childPath, FindingList } from './conversion-report';
import { isMap, Obj } from './manifest';
import { parseDurationMillis, parseWholeNumber } from './quantities';
import { ConfigIntent } from './config-intent';
import { buildRestartStrategy, describeRestartStrategy, restartType } from './restart-strategy';
import { restartStrategyConfig } from '../model/config-sections';
import { RestartStrategy } from '../props/restart-strategy';

const badMillis = (v: unknown) => `${JSON.stringify(v)} is not a duration in milliseconds; restart strategy not mapped`;
const badCount = (v: unknown) => `${JSON.stringify(v)} is not a whole number; restart strategy not mapped`;
const unreadableType = (v: unknown) =>
  `${JSON.stringify(v)} is not a restart strategy type the conversion can read (NONE, FIXED_DELAY, FAILURE_RATE); not mapped`;
const converted = (strategy: RestartStrategy, fix: string) =>
  `converted to restartStrategy ${describeRestartStrategy(strategy)}; in a FlinkDeployment, write spec.flinkConfiguration ${fix}`;

/** flinkConfiguration's restart strategy, else the seed's `spec.job.restartStrategy`. */
export function pickRestartStrategy(
  config: ConfigIntent,
  job: unknown,
  findings: FindingList,
): RestartStrategy | undefined {
  const seed = isMap(job) ? job.restartStrategy : undefined;
  if (seed === undefined) return config.restartStrategy?.value;
  const path = 'spec.job.restartStrategy';
  if (config.restartStrategy) {
    findings.warning(path, `is ignored: restart-strategy.type in spec.flinkConfiguration is used`);
    return config.restartStrategy.value;
  }
  const strategy = restartStrategyFromJobField(seed, path, findings);
  if (strategy) {
    const fix = Object.entries(restartStrategyConfig(strategy._spec))
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    findings.info(path, converted(strategy, fix));
  }
  return strategy;
}

/**
 * The seed article's `spec.job.restartStrategy` ({type, failureRate, delayInterval,
 * failureWindow}, times in ms). Not part of the CRD, but its intent is clear enough to map.
 */
export function restartStrategyFromJobField(
  raw: unknown,
  path: string,
  findings: FindingList,
): RestartStrategy | undefined {
  if (!isMap(raw)) return undefined;
  const type = restartType(String(raw.type ?? '').replace(/_/g, '-'));
  return buildRestartStrategy(path, () => seedStrategy(type, raw, path, findings), findings);
}

function seedStrategy(type: string | undefined, r: Obj, path: string, findings: FindingList) {
  const ms = (name: string, fallback: number): number | undefined => {
    if (r[name] === undefined) return fallback;
    const v = parseDurationMillis(r[name]);
    if (v === undefined) findings.error(childPath(path, name), badMillis(r[name]));
    return v;
  };
  const count = (names: string[], fallback: number): number | undefined => {
    const name = names.find((n) => r[n] !== undefined);
    if (!name) return fallback;
    const v = parseWholeNumber(r[name]);
    if (v === undefined) findings.error(childPath(path, name), badCount(r[name]));
    return v;
  };
  switch (type) {
    case 'none':
      return RestartStrategy.none();
    case 'fixed-delay': {
      const attempts = count(['attempts', 'restartAttempts', 'maxAttempts'], 1);
      const delay = ms(r.delayInterval !== undefined ? 'delayInterval' : 'delay', 1000);
      return attempts === undefined || delay === undefined
        ? undefined
        : RestartStrategy.fixedDelay({ attempts, delay: Duration.millis(delay) });
    }
    case 'failure-rate': {
      const max = count(['failureRate', 'maxFailuresPerInterval'], 1);
      const delay = ms('delayInterval', 1000);
      const interval = ms('failureWindow', 60_000);
      return max === undefined || delay === undefined || interval === undefined
        ? undefined
        : RestartStrategy.failureRate({
            maxFailuresPerInterval: max,
            interval: Duration.millis(interval),
            delay: Duration.millis(delay),
          });
    }
    default:
      findings.error(childPath(path, 'type'), unreadableType(r.type));
      return undefined;
  }
}
