/** The `cdk8s-flink` command line. */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { FlinkCluster } from './cluster/flink-cluster';
import { FlinkValidationError } from './validation/errors';
import { countFindings, formatFindings } from './convert/conversion-report';
import { flinkDeploymentToProps } from './convert/flink-deployment';

export interface Io {
  readonly stdout: { write(s: string): unknown };
  readonly stderr: { write(s: string): unknown };
  readonly stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

const USAGE = `usage: cdk8s-flink <command>

commands:
  convert <flinkdeployment.yaml> [-o DIR] [--strict] [--namespace NS]
                        convert a Flink Kubernetes Operator FlinkDeployment into plain manifests
                        (see: cdk8s-flink convert --help)
  ha status|clean ...   leadership and HA state of a running cluster (see: cdk8s-flink ha --help)
`;

const CONVERT_USAGE = `usage: cdk8s-flink convert <flinkdeployment.yaml> [-o DIR] [--strict] [--namespace NS]

Converts each FlinkDeployment in the file into a FlinkCluster and synthesizes it to
DIR/<name>.k8s.yaml. Every field is mapped or reported (to stderr) with the reason and fix.

options:
  -o, --output DIR     output directory (default: dist-converted)
  --strict             write nothing when the report has errors (warnings never block)
  --namespace NS       namespace of the cluster (default: metadata.namespace, else "default")

exit codes: 0 converted without errors; 1 the report has errors (output still written
unless --strict) or the result cannot be synthesized; 2 usage or file errors
`;

/** Dispatches to a sub-command; returns the exit code. */
export async function main(
  argv: string[],
  io: Io = { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin },
): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'convert':
      return convert(rest, io);
    case 'ha':
      return ha(rest, io);
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

async function ha(argv: string[], io: Io): Promise<number> {
  // Loaded on demand: the agent's API client is not needed by other commands.
  return (await import('./agent/cli')).main(argv, io);
}

interface ConvertArgs {
  readonly file: string;
  readonly outdir: string;
  readonly strict: boolean;
  readonly namespace?: string;
}

/** Parses convert's arguments; a string is a usage error. */
function parseConvertArgs(argv: string[]): ConvertArgs | string | 'help' {
  let file: string | undefined;
  let outdir = 'dist-converted';
  let strict = false;
  let namespace: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined || v.startsWith('-')) throw new Error(`${a} needs a value`);
      return v;
    };
    try {
      if (a === '--help' || a === '-h') return 'help';
      else if (a === '-o' || a === '--output') outdir = value();
      else if (a === '--strict') strict = true;
      else if (a === '--namespace' || a === '-n') namespace = value();
      else if (a.startsWith('-')) return `unknown option ${a}`;
      else if (file === undefined) file = a;
      else return `unexpected argument ${a}`;
    } catch (e) {
      return (e as Error).message;
    }
  }
  if (file === undefined) return 'missing <flinkdeployment.yaml>';
  return { file, outdir, strict, namespace };
}

const IO_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EROFS: 'read-only file system',
};

const ioReason = (e: unknown) => IO_REASONS[(e as NodeJS.ErrnoException).code ?? ''] ?? (e as Error).message;

async function convert(argv: string[], io: Io): Promise<number> {
  const args = parseConvertArgs(argv);
  if (args === 'help') {
    io.stdout.write(CONVERT_USAGE);
    return 0;
  }
  if (typeof args === 'string') {
    io.stderr.write(`cdk8s-flink convert: ${args}\n\n${CONVERT_USAGE}`);
    return 2;
  }

  let text: string;
  try {
    text = readFileSync(args.file, 'utf8');
  } catch (e) {
    io.stderr.write(`cdk8s-flink convert: cannot read ${args.file}: ${ioReason(e)}\n`);
    return 2;
  }
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  const broken = list.find((d) => d.errors.length);
  if (broken) {
    io.stderr.write(`cdk8s-flink convert: cannot parse ${args.file}: ${broken.errors[0].message.split('\n')[0]}\n`);
    return 2;
  }
  const manifests = list
    .map((d) => d.toJS() as unknown)
    .filter(
      (m): m is Record<string, unknown> =>
        typeof m === 'object' && m !== null && (m as { kind?: unknown }).kind === 'FlinkDeployment',
    );
  if (manifests.length === 0) {
    io.stderr.write(`cdk8s-flink convert: ${args.file} contains no FlinkDeployment\n`);
    return 2;
  }

  const app = new App({ outdir: resolve(args.outdir) });
  let errors = false;
  let buildFailed = false;
  for (const manifest of manifests) {
    const label = String((manifest.metadata as { name?: unknown } | undefined)?.name ?? 'FlinkDeployment');
    if (manifests.length > 1) io.stderr.write(`${label}:\n`);
    try {
      const { props, report } = flinkDeploymentToProps(manifest, { namespace: args.namespace });
      io.stderr.write(formatFindings(report));
      const hasErrors = report.some((f) => f.severity === 'error');
      errors ||= hasErrors;
      io.stderr.write(`${label}: ${countFindings(report)}\n`);
      if (hasErrors && args.strict) continue;
      const namespace = props.namespace ?? 'default';
      // One file per cluster, named after it; clusters with one id in two namespaces get the namespace too.
      const id = props.clusterId ?? label;
      const chartId = app.node.tryFindChild(id) ? `${namespace}-${id}` : id;
      const chart = new Chart(app, chartId, { namespace });
      new FlinkCluster(chart, 'Flink', props);
    } catch (e) {
      if (!(e instanceof FlinkValidationError)) throw e;
      io.stderr.write(`${label}: cannot convert: ${e.message}\n`);
      errors = true;
      buildFailed = true;
    }
  }
  if (app.charts.length === 0) {
    io.stderr.write(
      `nothing written${args.strict && errors && !buildFailed ? ' (--strict and the report has errors)' : ''}\n`,
    );
    return 1;
  }
  try {
    app.synth();
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && IO_REASONS[code]) {
      io.stderr.write(`cdk8s-flink convert: cannot write ${args.outdir}: ${ioReason(e)}\n`);
      return 2;
    }
    io.stderr.write(`cdk8s-flink convert: cannot synthesize: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
  for (const chart of app.charts) io.stdout.write(`${resolve(args.outdir, `${chart.node.id}.k8s.yaml`)}\n`);
  if (args.strict && errors)
    io.stderr.write('some FlinkDeployments were not written (--strict and their report has errors)\n');
  return errors ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => {
      process.stderr.write(`cdk8s-flink: ${(e as Error).message}\n`);
      process.exit(1);
    },
  );
}
