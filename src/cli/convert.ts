/** `cdk8s-flink convert`: FlinkDeployment manifests -> FlinkCluster -> plain manifests. */
import { readFileSync } from 'fs';
import { resolve } from 'path';
import { App, Chart } from 'cdk8s';
import { parseArgs, UsageError } from './args';
import { Io } from './io';
import { terminalSafeIo } from './terminal';
import { FlinkCluster } from '../cluster/flink-cluster';
import { FlinkValidationError } from '../validation/errors';
import { countFindings, formatFindings } from '../convert/conversion-report';
import { convertDocuments } from '../convert/convert-documents';
import { ManifestDocument, ManifestSyntaxError, readDocuments } from '../convert/documents';
import { decodeManifest, ManifestEncodingError } from '../convert/manifest-text';
import { isNamespaceName } from '../convert/metadata';
import { OutputFile, outputName, writeFilesAtomically } from '../convert/output-files';
import { FlinkClusterProps } from '../props/cluster-props';

export const CONVERT_USAGE = `usage: cdk8s-flink convert <flinkdeployment.yaml> [-o DIR] [--strict] [--namespace NS]

Converts each FlinkDeployment in the file into a FlinkCluster and synthesizes it to
DIR/<name>.k8s.yaml (written whole or not at all). Every field is mapped or reported (to
stderr) with the reason and fix, and every other document of the file by kind and name.

options:
  -o, --output DIR     output directory (default: dist-converted)
  --strict             write nothing when the report has errors (warnings never block)
  --namespace NS       namespace of the cluster (default: metadata.namespace, else "default")

exit codes: 0 converted without errors; 1 the report has errors (output still written
unless --strict) or the result cannot be synthesized; 2 usage or file errors (unreadable,
not UTF-8/UTF-16 text, not YAML, no FlinkDeployment)
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

export async function convert(argv: readonly string[], rawIo: Io): Promise<number> {
  // Findings quote the manifest, which may come from anywhere: never raw control characters.
  const io = terminalSafeIo(rawIo);
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
  const docs = readManifestFile(args.file, io);
  if (!docs) return 2;
  // The construct's verdict comes from building each cluster, once, in an app of its own.
  const built = new Map<FlinkClusterProps, { app: App; name: string }>();
  const taken = new Set<string>();
  const build = (props: FlinkClusterProps) => {
    const namespace = props.namespace ?? 'default';
    const name = outputName(props.clusterId ?? 'flink', namespace, taken);
    try {
      const app = new App();
      new FlinkCluster(new Chart(app, name, { namespace }), 'Flink', props);
      built.set(props, { app, name });
      return undefined;
    } catch (e) {
      taken.delete(name);
      if (e instanceof FlinkValidationError) return e;
      throw e;
    }
  };
  const results = convertDocuments(docs, { namespace: args.namespace }, build);
  const outputs: OutputFile[] = [];
  let errors = false;
  for (const r of results) {
    if (results.length > 1) io.stderr.write(`${r.label}:\n`);
    io.stderr.write(formatFindings(r.report));
    const hasErrors = r.failure !== undefined || r.report.some((f) => f.severity === 'error');
    errors ||= hasErrors;
    if (r.failure) io.stderr.write(`${r.label}: cannot convert: ${r.failure.message}\n`);
    if (r.conversion) io.stderr.write(`${r.label}: ${countFindings(r.report)}\n`);
    const cluster = r.conversion && built.get(r.conversion.props);
    if (!cluster || (hasErrors && args.strict)) continue;
    const output = synthesize(cluster.app, cluster.name, io, r.label);
    if (output) outputs.push(output);
    else errors = true;
  }
  if (!results.some((r) => r.doc.kind === 'FlinkDeployment')) {
    io.stderr.write(`cdk8s-flink convert: ${args.file} contains no FlinkDeployment\n`);
    return 2;
  }
  if (outputs.length === 0) {
    io.stderr.write(`nothing written${args.strict && errors ? ' (--strict and the report has errors)' : ''}\n`);
    return 1;
  }
  let written: string[];
  try {
    written = writeFilesAtomically(resolve(args.outdir), outputs);
  } catch (e) {
    io.stderr.write(`cdk8s-flink convert: cannot write ${args.outdir}: ${ioReason(e)}\n`);
    return 2;
  }
  for (const path of written) io.stdout.write(`${path}\n`);
  if (args.strict && errors)
    io.stderr.write('some documents were not written (--strict and their report has errors)\n');
  return errors ? 1 : 0;
}

/** The documents of a manifest file; undefined (after saying why, naming the file) when it cannot be read. */
function readManifestFile(file: string, io: Io): ManifestDocument[] | undefined {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    io.stderr.write(`cdk8s-flink convert: cannot read ${file}: ${ioReason(e)}\n`);
    return undefined;
  }
  try {
    return readDocuments(decodeManifest(bytes));
  } catch (e) {
    if (!(e instanceof ManifestEncodingError || e instanceof ManifestSyntaxError)) throw e;
    io.stderr.write(`cdk8s-flink convert: cannot parse ${file}: ${e.message}\n`);
    return undefined;
  }
}

/** One converted cluster's chart as a manifest file. */
function synthesize(app: App, name: string, io: Io, label: string): OutputFile | undefined {
  try {
    return { name: `${name}.k8s.yaml`, content: app.synthYaml() };
  } catch (e) {
    if (!(e instanceof FlinkValidationError)) throw e;
    io.stderr.write(`${label}: cannot synthesize: ${e.message}\n`);
    return undefined;
  }
}

function convertArgs(argv: readonly string[]): ConvertArgs | 'help' {
  const parsed = parseArgs(argv, CONVERT_ARGS);
  if (parsed.has('help')) return 'help';
  const file = parsed.positionals[0];
  if (file === undefined) throw new UsageError('missing <flinkdeployment.yaml>');
  const namespace = parsed.value('namespace');
  if (namespace !== undefined && !isNamespaceName(namespace))
    throw new UsageError(`--namespace ${namespace} is not a namespace name`);
  return { file, outdir: parsed.value('output') ?? 'dist-converted', strict: parsed.has('strict'), namespace };
}
