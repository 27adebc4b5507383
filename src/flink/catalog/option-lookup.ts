import { catalogIndex, FlinkOption } from './catalog-index';
import { closeEnough, instantiateTemplate, keyDistance, keyDistanceLowerBound } from './key-distance';
import { optionScope } from './option-scope';

/** How a written key reached an option. */
export type MatchedVia =
  /** The option's own key. */
  | 'key'
  /** A deprecated key the option still reads (its replacement is `option.key`). */
  | 'deprecated-key'
  /** A fallback key the option reads when its own key is absent. */
  | 'fallback-key'
  /** A documented key with placeholders, e.g. `metrics.reporter.<name>.interval`. */
  | 'template';

/** The option a written key is read by, and how. */
export interface OptionMatch {
  /** The key as written. */
  readonly key: string;
  readonly option: FlinkOption;
  readonly via: MatchedVia;
}

/**
 * The option of Flink `version` (`"1.18"` ... `"2.3"`) that reads `key`: by its own key, by a
 * deprecated or fallback key, or by a documented key with placeholders (the most specific
 * wins: `metrics.reporter.prom.interval` is read by `metrics.reporter.<name>.interval`, not by
 * `metrics.reporter.<name>.<parameter>`). `undefined` when no option of that version reads it.
 * Throws for a version without a catalog.
 */
export function lookupOption(version: string, key: string): OptionMatch | undefined {
  const index = catalogIndex(version);
  const own = index.options.get(key);
  if (own) return { key, option: own, via: 'key' };
  const alternative = index.alternatives.get(key);
  if (alternative)
    return { key, option: alternative.option, via: alternative.deprecated ? 'deprecated-key' : 'fallback-key' };
  const template = index.templates.find((t) => t.pattern.test(key));
  return template ? { key, option: template.option, via: 'template' } : undefined;
}

/**
 * Up to `n` real keys of Flink `version` closest to `key`, closest first, for a "did you mean"
 * hint. Candidates are the cluster options' own keys (not connector options, internal keys or
 * deprecated keys); keys with placeholders are offered filled in from the written key
 * (`metrics.reporter.prom.interval`). Closeness is segment-aware (see key-distance.ts);
 * keys too far away are not offered (`closeEnough`), so the result may be shorter than `n` or empty.
 */
export function nearestKeys(version: string, key: string, n = 3): string[] {
  const scored = new Map<string, number>();
  for (const { key: candidate, literalSegments } of suggestionCandidates(version)) {
    const template = literalSegments !== undefined;
    const shown = template ? instantiateTemplate(candidate, key) : candidate;
    if (shown === key || shown.includes('<')) continue;
    if (!closeEnough(key, shown, keyDistanceLowerBound(key, shown), literalSegments)) continue;
    const score = keyDistance(key, shown);
    const previous = scored.get(shown);
    if (closeEnough(key, shown, score, literalSegments) && (previous === undefined || score < previous))
      scored.set(shown, score);
  }
  return [...scored.entries()]
    .sort(([a, sa], [b, sb]) => sa - sb || (a < b ? -1 : a > b ? 1 : 0))
    .slice(0, Math.max(0, n))
    .map(([k]) => k);
}

const candidateCache = new Map<string, readonly { key: string; literalSegments?: number }[]>();

/** Keys worth suggesting in a version: cluster options that are not deprecated. */
function suggestionCandidates(version: string): readonly { key: string; literalSegments?: number }[] {
  let candidates = candidateCache.get(version);
  if (!candidates) {
    candidates = [...catalogIndex(version).options]
      .filter(([key, option]) => optionScope(key, option) === 'cluster' && !option.deprecated)
      .map(([key]) =>
        key.includes('<')
          ? { key, literalSegments: key.split('.').filter((s) => !/^<[^>]+>$/.test(s)).length }
          : { key },
      );
    candidateCache.set(version, candidates);
  }
  return candidates;
}
