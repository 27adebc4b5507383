import { readReplicas } from './components';
import { ConfigIntent } from './config-intent';
import { FindingList } from './conversion-report';
import { isMap, Obj } from './manifest';
import { FlinkJobProps } from '../props/cluster-props';

/** How many JobManagers and TaskManagers run, and the job's parallelism. */
export interface Scale {
  readonly job?: FlinkJobProps;
  readonly jobManagerReplicas?: number;
  readonly taskManagerReplicas: number;
}

/** What the scale depends on besides the replicas. */
export interface ScaleInput {
  readonly config: ConfigIntent;
  readonly job?: FlinkJobProps;
  readonly haOn: boolean;
  /** The operator's `spec.mode`: in standalone mode it runs a fixed number of TaskManagers, as the construct does. */
  readonly standalone: boolean;
}

const candidatesInsteadOfOne = () =>
  'is absent: the operator would run 1 JobManager; the construct runs 2 leader candidates with HA (one leader, one standby), so a failed leader is replaced without waiting for a new pod';
const parallelismFromReplicas = (given: number | undefined, effective: number) =>
  `${given === undefined ? 'is absent, and' : `(${given}) is ignored:`} the operator runs the job at taskManager.replicas x taskmanager.numberOfTaskSlots = ${effective} when replicas are set; converted as parallelism ${effective}`;
const noParallelism = (used: number) =>
  `is absent while spec.taskManager.replicas is too: the operator rejects the FlinkDeployment ("Job parallelism must be larger than 0"; it sets parallelism.default from spec.job.parallelism, whatever flinkConfiguration says); converted with parallelism ${used}`;
const onDemand = (replicas: number, parallelism: number, slots: number) =>
  `is absent: the operator's native mode starts TaskManagers on demand; the construct runs a fixed number, ${replicas} (job parallelism ${parallelism} / ${slots} slot${slots === 1 ? '' : 's'} each)`;
const asStandalone = (replicas: number) =>
  `is absent: the operator's standalone mode runs parallelism / slots = ${replicas} TaskManager${replicas === 1 ? '' : 's'}, and so does the conversion`;
const sessionOnDemand = () =>
  "is absent: the operator's native mode starts TaskManagers when session jobs need slots; the construct runs a fixed number, 1; set spec.taskManager.replicas";

/** Replicas of both components and the parallelism the operator would run the job at. */
export function readScale(
  spec: Obj,
  components: { readonly jobManager: Obj; readonly taskManager: Obj },
  input: ScaleInput,
  findings: FindingList,
): Scale {
  const tmReplicas = readReplicas(components.taskManager, 'taskManager', findings);
  const jmReplicas = readReplicas(components.jobManager, 'jobManager', findings);
  if (jmReplicas === undefined && input.haOn) findings.info('spec.jobManager.replicas', candidatesInsteadOfOne());
  const slots = input.config.taskSlots?.value ?? 1;
  let job = input.job;
  const jobParallelismGiven = isMap(spec.job) && spec.job.parallelism !== undefined;
  if (job && tmReplicas !== undefined) {
    // The operator runs the job at replicas x slots when replicas are set ("takes precedence
    // over parallelism" in its CRD reference), whatever job.parallelism says.
    const effective = tmReplicas * slots;
    if (job.parallelism !== effective) {
      const path = jobParallelismGiven
        ? 'spec.job.parallelism'
        : (input.config.parallelism?.path ?? 'spec.job.parallelism');
      findings.warning(path, parallelismFromReplicas(job.parallelism, effective));
      job = { ...job, parallelism: effective };
    }
  } else if (job && !jobParallelismGiven) {
    findings.error('spec.job.parallelism', noParallelism(job.parallelism ?? 1));
  }
  if (tmReplicas !== undefined) return { job, jobManagerReplicas: jmReplicas, taskManagerReplicas: tmReplicas };
  const taskManagerReplicas = job ? Math.max(1, Math.ceil((job.parallelism ?? 1) / slots)) : 1;
  if (input.standalone) {
    if (job) findings.info('spec.taskManager.replicas', asStandalone(taskManagerReplicas));
  } else {
    findings.info(
      'spec.taskManager.replicas',
      job ? onDemand(taskManagerReplicas, job.parallelism ?? 1, slots) : sessionOnDemand(),
    );
  }
  return { job, jobManagerReplicas: jmReplicas, taskManagerReplicas };
}
