import { createHash } from 'crypto';
import { JobModel } from './cluster-model';
import { parseStorageUri } from './storage-uri';
import { FlinkJobProps } from '../props/cluster-props';
import { fail } from '../validation/errors';
import { requireBoolean, requireInt, requireString } from '../validation/values';

const JAR_URI = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/;
/** What a jar path inside the image may contain: it reaches a shell and a command line. */
const SAFE_PATH = /^\/[A-Za-z0-9._+@/-]+$/;
const JAVA_CLASS = /^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$/;
const JOB_ID = /^[0-9a-f]{32}$/;

const noScheme = (uri: string) =>
  `has no scheme; write local://${uri.startsWith('/') ? uri : '/' + uri} for a jar inside the image`;
const remoteJar = (scheme: string) =>
  `uses ${scheme}://, but standalone application mode runs a jar that is inside the image; bake the jar into your ` +
  'image and use local:///opt/flink/usrlib/<jar>';
const notAJarPath = () =>
  'must name an absolute path to a .jar, e.g. local:///opt/flink/examples/streaming/WordCount.jar';
const unsafeJarPath = () =>
  'may contain only letters, digits and "._+@/-" (no spaces, quotes, "$", ";", globs or ".." segments), as it ' +
  'reaches a shell and a command line; rename the jar, e.g. local:///opt/flink/usrlib/my-job-1.0.jar';
const tooParallel = (slots: number) =>
  `exceeds the ${slots} task slots (taskManager.replicas x taskManager.taskSlots), so the job could never be ` +
  'scheduled; raise replicas or slots, or lower parallelism';

/**
 * Rules for application mode: a jar inside the image, a Java class name, parallelism
 * within the task slots, a Flink JobID. The job id defaults to one derived from the
 * namespace and cluster id: with HA, Flink would otherwise give every application cluster all zeros.
 */
export function resolveJob(
  job: FlinkJobProps,
  identity: { clusterId: string; namespace: string },
  totalSlots: number,
): JobModel {
  const jarUri = requireString('job.jarUri', job.jarUri);
  const m = JAR_URI.exec(jarUri);
  if (!m) fail('job.jarUri', jarUri, noScheme(jarUri));
  const [, scheme, jarPath] = m;
  if (scheme !== 'local' && scheme !== 'file') fail('job.jarUri', jarUri, remoteJar(scheme));
  if (!jarPath.startsWith('/') || !jarPath.endsWith('.jar')) fail('job.jarUri', jarUri, notAJarPath());
  if (!SAFE_PATH.test(jarPath) || jarPath.split('/').includes('..')) fail('job.jarUri', jarUri, unsafeJarPath());
  if (job.entryClass !== undefined && (typeof job.entryClass !== 'string' || !JAVA_CLASS.test(job.entryClass)))
    fail('job.entryClass', job.entryClass, 'is not a Java class name such as org.example.MyJob');
  const args = job.args ?? [];
  if (!Array.isArray(args) || args.some((a) => typeof a !== 'string'))
    fail('job.args', args, 'must be a list of strings');
  const parallelism = requireInt('job.parallelism', job.parallelism ?? 1, 1, 32768);
  if (parallelism > totalSlots) fail('job.parallelism', parallelism, tooParallel(totalSlots));
  // Namespace and cluster id: two clusters with one id in two namespaces never share a job id
  // (and so never a checkpoint folder on a shared object store).
  const seed = `cdk8s-flink/${identity.namespace}/${identity.clusterId}`;
  const jobId = job.jobId ?? createHash('sha256').update(seed).digest('hex').slice(0, 32);
  if (typeof jobId !== 'string' || !JOB_ID.test(jobId))
    fail('job.jobId', jobId, 'must be 32 lowercase hex characters (a Flink JobID)');
  if (job.initialSavepointPath !== undefined) parseStorageUri('job.initialSavepointPath', job.initialSavepointPath);
  return {
    jarUri,
    jarPath,
    entryClass: job.entryClass,
    args: [...args],
    parallelism,
    jobId,
    initialSavepointPath: job.initialSavepointPath,
    allowNonRestoredState: requireBoolean('job.allowNonRestoredState', job.allowNonRestoredState ?? false),
    shutdownOnFinish: requireBoolean('job.shutdownOnFinish', job.shutdownOnFinish ?? false),
  };
}
