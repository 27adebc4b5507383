import { childPath, FindingList } from './conversion-report';
import { CRD_FIELDS } from './crd-fields';
import { checkFields, isMap, Obj } from './manifest';
import { parseWholeNumber } from './quantities';
import { ConfigIntent } from './config-intent';
import { FlinkJobProps } from '../props/cluster-props';

const NONCES = ['savepointTriggerNonce', 'checkpointTriggerNonce', 'savepointRedeployNonce'];

const noJar = () =>
  "is missing: the operator then expects the job on the image's classpath, but the construct needs the jar (e.g. local:///opt/flink/usrlib/my-job.jar); without it the conversion is a session cluster with no job";
const badParallelism = (v: unknown) => `${JSON.stringify(v)} is not a whole number >= 1; not mapped`;
const parallelismOverridden = (config: number, job: number) =>
  `(${config}) is overridden by spec.job.parallelism (${job}), as the operator does`;
const autoscalerNonce = () =>
  "(operator 1.11+) resets the operator's autoscaler, which the converted cluster does not run; not mapped";
const stateReferencePath = () =>
  'path mapped to job.initialSavepointPath (the operator uses the path and ignores the other fields)';
const stateReferenceSnapshot = () =>
  'names a FlinkStateSnapshot resource, which is not converted: its savepoint path is unknown here; set job.initialSavepointPath to it. Not mapped';
const bothStartingStates = () => 'is ignored: spec.job.initialSavepointPath is set, and the operator prefers it';
const suspendedJob = () =>
  '"suspended" has no equivalent: the converted cluster runs the job; scale the Deployments to zero to stop it';
const nonceOperatorOnly = () =>
  "is operator-only (it triggers an operator action); not mapped. Use Flink's REST API or CLI for savepoints";

/** `spec.job` as job props; undefined for a session cluster or a job without a jar. */
export function readJob(raw: unknown, config: ConfigIntent, findings: FindingList): FlinkJobProps | undefined {
  if (raw === undefined || raw === null) {
    if (config.savepointPath)
      findings.error(config.savepointPath.path, 'is not mapped: a session cluster has no job to restore');
    return undefined;
  }
  if (!isMap(raw)) {
    findings.error('spec.job', 'must be an object; not mapped');
    return undefined;
  }
  checkFields(raw, CRD_FIELDS.job, 'spec.job', findings);
  const str = (key: string) => jobString(raw, key, findings);
  const jarUri = str('jarURI');
  if (!jarUri) findings.error('spec.job.jarURI', noJar());
  const entryClass = readEntryClass(raw, str('entryClass'), findings);
  const parallelism = readJobParallelism(raw, config, findings);
  let args: string[] | undefined;
  if (raw.args !== undefined) {
    if (Array.isArray(raw.args) && raw.args.every((a) => typeof a === 'string')) args = raw.args as string[];
    else findings.error('spec.job.args', 'must be a list of strings; not mapped');
  }
  const restore = readInitialState(raw, str('initialSavepointPath'), config, findings);
  readJobLifecycle(raw, findings);
  if (!jarUri) return undefined;
  return {
    jarUri,
    ...(entryClass !== undefined ? { entryClass } : {}),
    ...(args ? { args } : {}),
    ...(parallelism !== undefined ? { parallelism } : {}),
    ...restore,
  };
}

/** A string field of `spec.job`; anything else is reported. */
function jobString(raw: Obj, key: string, findings: FindingList): string | undefined {
  const v = raw[key];
  if (v === undefined) return undefined;
  if (typeof v === 'string') return v;
  findings.error(childPath('spec.job', key), `${JSON.stringify(v)} is not a string; not mapped`);
  return undefined;
}

/** `entryClass`, or the seed article's `className` when entryClass is absent. */
function readEntryClass(raw: Obj, entryClass: string | undefined, findings: FindingList): string | undefined {
  if (raw.className === undefined) return entryClass;
  if (entryClass === undefined && typeof raw.className === 'string') {
    findings.info('spec.job.className', 'mapped to job.entryClass');
    return raw.className;
  }
  findings.warning('spec.job.className', 'not mapped: spec.job.entryClass is set');
  return entryClass;
}

/** `spec.job.parallelism`, else `parallelism.default`. */
function readJobParallelism(raw: Obj, config: ConfigIntent, findings: FindingList): number | undefined {
  let parallelism: number | undefined;
  if (raw.parallelism !== undefined) {
    parallelism = parseWholeNumber(raw.parallelism);
    if (parallelism === undefined || parallelism < 1) {
      findings.error('spec.job.parallelism', badParallelism(raw.parallelism));
      parallelism = undefined;
    }
  }
  if (config.parallelism) {
    if (parallelism === undefined) parallelism = config.parallelism.value;
    else if (parallelism !== config.parallelism.value)
      findings.warning(config.parallelism.path, parallelismOverridden(config.parallelism.value, parallelism));
  }
  return parallelism;
}

/** The savepoint to start from and whether unclaimed state is allowed. */
function readInitialState(
  raw: Obj,
  fromJob: string | undefined,
  config: ConfigIntent,
  findings: FindingList,
): Pick<FlinkJobProps, 'initialSavepointPath' | 'allowNonRestoredState'> {
  let initialSavepointPath = fromJob ?? readStateReference(raw.initialStateReference, fromJob, findings);
  if (config.savepointPath) {
    if (initialSavepointPath === undefined) initialSavepointPath = config.savepointPath.value;
    else findings.warning(config.savepointPath.path, 'is overridden by spec.job.initialSavepointPath');
  }
  let allowNonRestoredState: boolean | undefined;
  if (raw.allowNonRestoredState !== undefined) {
    if (typeof raw.allowNonRestoredState === 'boolean') allowNonRestoredState = raw.allowNonRestoredState;
    else findings.error('spec.job.allowNonRestoredState', 'must be true or false; not mapped');
  }
  allowNonRestoredState ??= config.allowNonRestoredState?.value;
  return {
    ...(initialSavepointPath !== undefined ? { initialSavepointPath } : {}),
    ...(allowNonRestoredState !== undefined ? { allowNonRestoredState } : {}),
  };
}

/** `spec.job.initialStateReference`: a snapshot resource, or a path the operator uses as is. */
function readStateReference(raw: unknown, fromJob: string | undefined, findings: FindingList): string | undefined {
  const path = 'spec.job.initialStateReference';
  if (raw === undefined || raw === null) return undefined;
  if (fromJob !== undefined) return void findings.warning(path, bothStartingStates());
  if (isMap(raw) && typeof raw.path === 'string' && raw.path !== '') {
    findings.info(path, stateReferencePath());
    return raw.path;
  }
  findings.error(path, stateReferenceSnapshot());
  return undefined;
}

/** Fields that steer the operator's handling of the job: reported. */
function readJobLifecycle(raw: Obj, findings: FindingList): void {
  if (raw.state !== undefined) {
    if (raw.state === 'suspended') findings.error('spec.job.state', suspendedJob());
    else findings.info('spec.job.state', `(${raw.state}) is operator-only: the converted cluster runs the job`);
  }
  for (const nonce of NONCES) {
    if (raw[nonce] !== undefined) findings.warning(childPath('spec.job', nonce), nonceOperatorOnly());
  }
  if (raw.autoscalerResetNonce !== undefined) findings.warning('spec.job.autoscalerResetNonce', autoscalerNonce());
}
