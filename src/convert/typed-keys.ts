/**
 * The Flink keys the construct owns, spelled out from the config sections' owned-key
 * patterns (src/model/config-sections.ts), so the converter keeps no list of its own.
 */
import { Duration } from 'cdk8s';
import { CONFIG_SECTIONS, restartStrategyConfig } from '../model/config-sections';
import { RestartStrategy } from '../props/restart-strategy';

/**
 * Every string a finite pattern matches, or undefined when it matches infinitely many.
 * Reads the subset the owned-key patterns use: `^...$`, literals, `\.`-style escapes,
 * groups with `|` alternatives and a `?` after a group or a character.
 */
export function expandPattern(re: RegExp): string[] | undefined {
  const src = re.source;
  if (!src.startsWith('^') || !src.endsWith('$')) return undefined;
  let pos = 1;
  const end = src.length - 1;
  const alternatives = (): string[] | undefined => {
    let all: string[] = [];
    let current: string[] = [''];
    while (pos < end && src[pos] !== ')') {
      if (src[pos] === '|') {
        all = all.concat(current);
        current = [''];
        pos++;
        continue;
      }
      const atom = readAtom();
      if (!atom) return undefined;
      current = current.flatMap((prefix) => atom.map((a) => prefix + a));
    }
    return all.concat(current);
  };
  const readAtom = (): string[] | undefined => {
    let atom: string[] | undefined;
    const c = src[pos];
    if (c === '(') {
      pos++;
      atom = alternatives();
      if (src[pos] !== ')') return undefined;
      pos++;
    } else if (c === '\\') {
      if (!/[.$\-/]/.test(src[pos + 1] ?? '')) return undefined;
      atom = [src[pos + 1]];
      pos += 2;
    } else if (/[A-Za-z0-9_\-<>]/.test(c)) {
      atom = [c];
      pos++;
    } else return undefined;
    if (src[pos] === '?') {
      pos++;
      atom = ['', ...(atom ?? [])];
    }
    return atom;
  };
  const out = alternatives();
  return out && pos === end ? out : undefined;
}

const normalize = (key: string) => key.toLowerCase().replace(/[-_]/g, '');

/** One spelling per key a prop owns: the first of the spellings that differ only in case, "-" and "_". */
function ownedSpellings(): string[] {
  const keys: string[] = [];
  for (const section of CONFIG_SECTIONS) {
    for (const owned of section.owns) {
      if (owned.owner.startsWith('nothing: ')) continue;
      keys.push(...(expandPattern(owned.keys) ?? []));
    }
  }
  // The restart pattern is open-ended; the keys its renderer writes stand for it.
  const samples = [
    RestartStrategy.fixedDelay({ attempts: 1, delay: Duration.seconds(1) }),
    RestartStrategy.failureRate({
      maxFailuresPerInterval: 1,
      interval: Duration.minutes(1),
      delay: Duration.seconds(1),
    }),
    RestartStrategy.exponentialDelay({ attemptsBeforeResetBackoff: 1 }),
  ];
  for (const s of samples) keys.push(...Object.keys(restartStrategyConfig(s._spec)));
  const canonical = new Map<string, string>();
  for (const key of keys) if (!canonical.has(normalize(key))) canonical.set(normalize(key), key);
  return [...canonical.values()];
}

/**
 * Keys the construct maps to typed props, in their current spelling. Also the targets of
 * "did you mean": a key that equals one of these up to case, "-" and "_" is a misspelling.
 */
export const TYPED_KEYS: readonly string[] = ownedSpellings();

const BY_NORMAL_FORM = new Map(TYPED_KEYS.map((k) => [normalize(k), k]));

/** The typed key `key` misspells (same letters up to case, "-" and "_"), if any. */
export function misspelledTypedKey(key: string): string | undefined {
  const meant = BY_NORMAL_FORM.get(normalize(key));
  return meant === key ? undefined : meant;
}
