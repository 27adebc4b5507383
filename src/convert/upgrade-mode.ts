import { ConfigIntent, Sourced } from './config-intent';
import { FindingList } from './conversion-report';
import { isMap } from './manifest';

/** How the operator upgrades a job (JobSpec.upgradeMode). */
export type UpgradeMode = 'stateless' | 'last-state' | 'savepoint';

const MODES: readonly UpgradeMode[] = ['stateless', 'last-state', 'savepoint'];
/** FlinkConfigBuilder.DEFAULT_CHECKPOINTING_INTERVAL: the interval the operator sets for last-state jobs. */
const LAST_STATE_INTERVAL_MS = 5 * 60_000;

const badMode = (v: unknown) => `${JSON.stringify(v)} is not last-state, savepoint or stateless; read as stateless`;
const intervalDefault = () =>
  '(last-state): the operator sets execution.checkpointing.interval to 5 min when it is unset, so its jobs checkpoint; carried over as checkpointing.interval 5 min';
const noCheckpointDir = (mode: UpgradeMode) =>
  `(${mode}): the operator rejects this FlinkDeployment ("Checkpoint directory[state.checkpoints.dir] must be defined for last-state and savepoint upgrade modes"); set execution.checkpointing.dir (state.checkpoints.dir before Flink 1.20)`;
const noSavepointDir = (why: string) =>
  `the operator rejects this FlinkDeployment: ${why} needs state.savepoints.dir (execution.checkpointing.savepoint-dir from Flink 1.20); set it`;

/** What the construct does instead of the operator's upgrade, for the upgrade-mode finding. */
export interface RestartBehaviour {
  readonly haOn: boolean;
  readonly checkpointing: boolean;
}

const afterRestart = ({ haOn, checkpointing }: RestartBehaviour) =>
  !haOn
    ? 'without HA, a restarted JobManager starts the job again from initialSavepointPath, or with empty state'
    : checkpointing
      ? 'with HA, a restarted JobManager resumes the job from its latest completed checkpoint'
      : 'the job takes no checkpoints, so a restarted JobManager starts it again from initialSavepointPath, or with empty state';

const upgradeModeFinding = (mode: UpgradeMode, b: RestartBehaviour) => {
  const operator = {
    stateless: 'the operator upgrades the job with empty state',
    'last-state': 'the operator upgrades the job from its latest checkpoint',
    savepoint: 'the operator takes a savepoint before each upgrade and restarts the job from it',
  }[mode];
  const construct = afterRestart(b);
  const advice =
    mode === 'savepoint'
      ? '; take a savepoint yourself (flink savepoint, or the REST API) before changing the job'
      : '';
  return `(${mode}) is operator-only: ${operator}. The construct has no operator: a changed cluster rolls its pods, and ${construct}${advice}`;
};

/** `spec.job.upgradeMode` (stateless when absent, as in the operator). */
export function readUpgradeMode(job: unknown, findings: FindingList): UpgradeMode {
  const raw = isMap(job) ? job.upgradeMode : undefined;
  if (raw === undefined) return 'stateless';
  if (MODES.includes(raw as UpgradeMode)) return raw as UpgradeMode;
  findings.error('spec.job.upgradeMode', badMode(raw));
  return 'stateless';
}

/** The checkpoint interval the operator runs the job with: the configured one, or its last-state default. */
export function operatorCheckpointInterval(
  mode: UpgradeMode,
  config: ConfigIntent,
  findings: FindingList,
): Sourced<number> | undefined {
  if (config.checkpointInterval || mode !== 'last-state') return config.checkpointInterval;
  findings.info('spec.job.upgradeMode', intervalDefault());
  return { value: LAST_STATE_INTERVAL_MS, path: 'spec.job.upgradeMode' };
}

/** The operator's validation of an application's upgrade settings (its DefaultValidator). */
export function checkUpgradeSettings(
  job: unknown,
  mode: UpgradeMode,
  config: ConfigIntent,
  findings: FindingList,
): void {
  if (mode !== 'stateless' && !config.checkpointDir) findings.error('spec.job.upgradeMode', noCheckpointDir(mode));
  if (config.savepointDir) return;
  if (mode === 'savepoint') findings.error('spec.job.upgradeMode', noSavepointDir('upgradeMode: savepoint'));
  else if (isMap(job) && job.savepointTriggerNonce !== undefined)
    findings.error('spec.job.savepointTriggerNonce', noSavepointDir('a savepoint trigger'));
}

/** The upgrade-mode finding: what the operator did on an upgrade, and what the converted cluster does. */
export function reportUpgradeMode(
  job: unknown,
  mode: UpgradeMode,
  behaviour: RestartBehaviour,
  findings: FindingList,
): void {
  if (!isMap(job)) return;
  const written = job.upgradeMode !== undefined;
  if (written || behaviour.checkpointing) findings.warning('spec.job.upgradeMode', upgradeModeFinding(mode, behaviour));
}
