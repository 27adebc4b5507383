/** The `cdk8s-flink` command line (bin/cdk8s-flink loads this file; the commands live in ./cli/). */
import { main } from './cli/main';

export { main };
export type { Io } from './cli/io';

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`cdk8s-flink: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
