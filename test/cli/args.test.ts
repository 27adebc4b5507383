import { parseArgs, UsageError } from '../../src/cli/args';

const SPEC = {
  options: {
    'cluster-id': { value: true },
    namespace: { value: true, aliases: ['-n'] },
    yes: { aliases: ['-y'] },
  },
  positionals: 1,
};

describe('parseArgs', () => {
  test('options, aliases, flags and a positional, in any order; the last value wins', () => {
    const p = parseArgs(['-n', 'a', 'file.yaml', '--cluster-id', 'c', '-y', '--namespace', 'b'], SPEC);
    expect(p.value('cluster-id')).toBe('c');
    expect(p.value('namespace')).toBe('b');
    expect(p.has('yes')).toBe(true);
    expect(p.has('cluster-id')).toBe(true);
    expect(p.positionals).toEqual(['file.yaml']);
  });

  test('nothing given', () => {
    const p = parseArgs([], SPEC);
    expect(p.value('namespace')).toBeUndefined();
    expect(p.has('yes')).toBe(false);
    expect(p.positionals).toEqual([]);
  });

  test.each<[string[], string]>([
    [['--cluster-id'], '--cluster-id needs a value'],
    [['-n'], '-n needs a value'],
    // A forgotten value: the next option is not taken as one.
    [['--cluster-id', '--yes'], '--cluster-id needs a value'],
    [['--bogus'], 'unknown option --bogus'],
    [['-x'], 'unknown option -x'],
    [['a', 'b'], 'unexpected argument b'],
    // Names only count as their declared spellings, whatever the object prototype has.
    [['--constructor'], 'unknown option --constructor'],
    [['--__proto__'], 'unknown option --__proto__'],
    [['--toString', 'x'], 'unknown option --toString'],
  ])('%j: %s', (argv, message) => {
    expect(() => parseArgs(argv, SPEC)).toThrow(new UsageError(message));
  });

  test('a lone "-" is a positional (stdin), not an option', () => {
    expect(parseArgs(['-'], SPEC).positionals).toEqual(['-']);
  });

  test('no positionals unless declared', () => {
    expect(() => parseArgs(['x'], { options: {} })).toThrow('unexpected argument x');
  });
});
