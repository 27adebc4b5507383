/**
 * The one argument parser of the command line: `--name VALUE` options, flags, their short
 * spellings and positional arguments, checked against what the command declares.
 */

/** One option of a command. */
export interface OptionSpec {
  /** `--name VALUE` when true; a flag otherwise. */
  readonly value?: boolean;
  /** Other spellings, e.g. `-n` for `--namespace`. */
  readonly aliases?: readonly string[];
}

/** What a command accepts: its options by long name (without dashes), and how many positionals. */
export interface CommandSpec {
  readonly options: { readonly [name: string]: OptionSpec };
  /** @default 0 */
  readonly positionals?: number;
}

/** The arguments as parsed: options by long name (the last one given wins). */
export interface ParsedArgs {
  value(name: string): string | undefined;
  has(name: string): boolean;
  readonly positionals: readonly string[];
}

/** A mistake in the command line: the caller prints it with the usage and exits 2. */
export class UsageError extends Error {}

export const needsValue = (arg: string) => `${arg} needs a value`;
export const unknownOption = (arg: string) => `unknown option ${arg}`;
export const unexpectedArgument = (arg: string) => `unexpected argument ${arg}`;

/** Parses `argv` against `spec`; throws a UsageError naming the first problem. */
export function parseArgs(argv: readonly string[], spec: CommandSpec): ParsedArgs {
  const spellings = new Map<string, string>();
  for (const [name, option] of Object.entries(spec.options)) {
    spellings.set(`--${name}`, name);
    for (const alias of option.aliases ?? []) spellings.set(alias, name);
  }
  const values = new Map<string, string>();
  const positionals: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const name = spellings.get(arg);
    if (name === undefined) {
      if (arg.startsWith('-') && arg !== '-') throw new UsageError(unknownOption(arg));
      if (positionals.length >= (spec.positionals ?? 0)) throw new UsageError(unexpectedArgument(arg));
      positionals.push(arg);
    } else if (spec.options[name].value) {
      // A value that looks like an option is a forgotten value, not a value.
      const value = argv[i + 1];
      if (value === undefined || (value.startsWith('-') && value !== '-')) throw new UsageError(needsValue(arg));
      values.set(name, value);
      i++;
    } else values.set(name, 'true');
  }
  return { value: (name) => values.get(name), has: (name) => values.has(name), positionals };
}
