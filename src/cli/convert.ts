/** `cdk8s-flink convert`: FlinkDeployment manifests -> FlinkCluster -> plain manifests. */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { App, Chart } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { parseArgs, UsageError } from './args';
import { Io } from './io';
import { FlinkCluster } from '../cluster/flink-cluster';
import { FlinkValidationError } from '../validation/errors';
import { countFindings, formatFindings } from '../convert/conversion-report';
import { flinkDeploymentToProps } from '../convert/flink-deployment';

export const CONVERT_USAGE = `usage: cdk8s-flink convert <flinkdeployment.yaml> [-o DIR] [--strict] [--namespace NS]

Converts each FlinkDeployment in the file into a FlinkCluster and synthesizes it to
DIR/<name>.k8s.yaml. Every field is mapped or reported (to stderr) with the reason and fix.

options:
  -o, --output DIR     output directory (default: dist-converted)
  --strict             write nothing when the report has errors (warnings never block)
  --namespace NS       namespace of the cluster (default: metadata.namespace, else "default")

exit codes: 0 converted without errors; 1 the report has errors (output still written
unless --strict) or the result cannot be synthesized; 2 usage or file errors
`;

const CONVERT_ARGS = {
  options: {
    output: { value: true, aliases: ['-o'] },
    strict: {},
    namespace: { value: true, aliases: ['-n'] },
    help: { aliases: ['-h'] },
  },
  positionals: 1,
} as const;

interface ConvertArgs {
  readonly file: string;
  readonly outdir: string;
  readonly strict: boolean;
  readonly namespace?: string;
}

const IO_REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EISDIR: 'is a directory',
  ENOTDIR: 'a parent is not a directory',
  EROFS: 'read-only file system',
};

const ioReason = (e: unknown) => IO_REASONS[(e as NodeJS.ErrnoException).code ?? ''] ?? (e as Error).message;

/** The input file cannot be read, parsed, or holds no FlinkDeployment (exit 2). */
class InputError extends Error {}

export async function convert(argv: readonly string[], io: Io): Promise<number> {
  let args: ConvertArgs | 'help';
  try {
    args = convertArgs(argv);
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    io.stderr.write(`cdk8s-flink convert: ${e.message}\n\n${CONVERT_USAGE}`);
    return 2;
  }
  if (args === 'help') {
    io.stdout.write(CONVERT_USAGE);
    return 0;
  }
  let manifests: Array<Record<string, unknown>>;
  try {
    manifests = readFlinkDeployments(args.file);
  } catch (e) {
    if (!(e instanceof InputError)) throw e;
    io.stderr.write(`cdk8s-flink convert: ${e.message}\n`);
    return 2;
  }
  const app = new App({ outdir: resolve(args.outdir) });
  const { errors, buildFailed } = addClusters(app, manifests, args, io);
  if (app.charts.length === 0) {
    io.stderr.write(
      `nothing written${args.strict && errors && !buildFailed ? ' (--strict and the report has errors)' : ''}\n`,
    );
    return 1;
  }
  const written = synthesize(app, args.outdir, io);
  if (written !== 0) return written;
  for (const chart of app.charts) io.stdout.write(`${resolve(args.outdir, `${chart.node.id}.k8s.yaml`)}\n`);
  if (args.strict && errors)
    io.stderr.write('some FlinkDeployments were not written (--strict and their report has errors)\n');
  return errors ? 1 : 0;
}

function convertArgs(argv: readonly string[]): ConvertArgs | 'help' {
  const parsed = parseArgs(argv, CONVERT_ARGS);
  if (parsed.has('help')) return 'help';
  const file = parsed.positionals[0];
  if (file === undefined) throw new UsageError('missing <flinkdeployment.yaml>');
  return {
    file,
    outdir: parsed.value('output') ?? 'dist-converted',
    strict: parsed.has('strict'),
    namespace: parsed.value('namespace'),
  };
}

/** The FlinkDeployments in a YAML file (one or more documents). */
function readFlinkDeployments(file: string): Array<Record<string, unknown>> {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new InputError(`cannot read ${file}: ${ioReason(e)}`);
  }
  const docs = parseAllDocuments(text);
  const list = Array.isArray(docs) ? docs : [];
  const broken = list.find((d) => d.errors.length);
  if (broken) throw new InputError(`cannot parse ${file}: ${broken.errors[0].message.split('\n')[0]}`);
  const manifests = list
    .map((d) => d.toJS() as unknown)
    .filter(
      (m): m is Record<string, unknown> =>
        typeof m === 'object' && m !== null && (m as { kind?: unknown }).kind === 'FlinkDeployment',
    );
  if (manifests.length === 0) throw new InputError(`${file} contains no FlinkDeployment`);
  return manifests;
}

/** One chart per FlinkDeployment that converts; the report of each goes to stderr. */
function addClusters(
  app: App,
  manifests: ReadonlyArray<Record<string, unknown>>,
  args: ConvertArgs,
  io: Io,
): { errors: boolean; buildFailed: boolean } {
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
  return { errors, buildFailed };
}

/** Writes the manifests; returns the exit code of a failure, or 0. */
function synthesize(app: App, outdir: string, io: Io): number {
  try {
    app.synth();
    return 0;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code && IO_REASONS[code]) {
      io.stderr.write(`cdk8s-flink convert: cannot write ${outdir}: ${ioReason(e)}\n`);
      return 2;
    }
    io.stderr.write(`cdk8s-flink convert: cannot synthesize: ${(e as Error).message.split('\n')[0]}\n`);
    return 1;
  }
}
