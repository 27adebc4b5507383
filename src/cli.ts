/** The `cdk8s-flink` command line. */

export interface Io {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

const USAGE = `usage: cdk8s-flink <command>

commands:
  ha status|clean ...   leadership and HA state of a running cluster (see: cdk8s-flink ha --help)
`;

/** Dispatches to a sub-command; returns the exit code. */
export async function main(argv: string[], io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin }): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'ha':
      // Loaded on demand: the agent's client is not needed for other commands.
      return (await import('./agent/cli')).main(rest, io);
    case undefined: case '--help': case '-h': case 'help':
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`unknown command ${command}\n\n${USAGE}`);
      return 2;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code), (e) => {
    process.stderr.write(`cdk8s-flink: ${(e as Error).message}\n`);
    process.exit(1);
  });
}
