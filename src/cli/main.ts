/** The `cdk8s-flink` command line: dispatches to a command. */
import { convert } from './convert';
import { Io, processIo } from './io';

const USAGE = `usage: cdk8s-flink <command>

commands:
  convert <flinkdeployment.yaml> [-o DIR] [--strict] [--namespace NS]
                        convert a Flink Kubernetes Operator FlinkDeployment into plain manifests
                        (see: cdk8s-flink convert --help)
  ha status|clean ...   leadership and HA state of a running cluster (see: cdk8s-flink ha --help)
`;

/** Runs a command; returns the exit code. */
export async function main(argv: readonly string[], io: Io = processIo()): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'convert':
      return convert(rest, io);
    case 'ha':
      // Loaded on demand: the Kubernetes client is not needed by other commands.
      return (await import('./ha/main')).main(rest, io);
    case undefined:
    case '--help':
    case '-h':
    case 'help':
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    default:
      io.stderr.write(`unknown command ${command}\n\n${USAGE}`);
      return 2;
  }
}
