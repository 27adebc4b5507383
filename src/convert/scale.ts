import { readReplicas } from './components';
import { FindingList } from './conversion-report';
import { isMap, Obj } from './manifest';
import { ConfigIntent } from './read-flink-configuration';
import { FlinkJobProps } from '../props/cluster-props';

/** How many JobManagers and TaskManagers run, and the job's parallelism. */
export interface Scale {
  readonly job?: FlinkJobProps;
  readonly jobManagerReplicas?: number;
  readonly taskManagerReplicas: number;
}

const candidatesInsteadOfOne = () =>
  'is absent: the operator would run 1 JobManager; the construct runs 2 leader candidates with HA (one leader, one standby), so a failed leader is replaced without waiting for a new pod';
const parallelismFromReplicas = (given: number | undefined, effective: number) =>
  `${given === undefined ? 'is absent, and' : `(${given}) is ignored:`} the operator runs the job at taskManager.replicas x taskmanager.numberOfTaskSlots = ${effective} when replicas are set; converted as parallelism ${effective}`;
const fixedTaskManagers = (replicas: number, parallelism: number, slots: number) =>
  `is absent: the operator's native mode starts TaskManagers on demand; the construct runs a fixed number, ${replicas} (job parallelism ${parallelism} / ${slots} slot${slots === 1 ? '' : 's'} each)`;
const oneTaskManager = () =>
  "is absent: the operator's native mode starts TaskManagers on demand; the construct runs a fixed number, 1; set spec.taskManager.replicas";

/** Replicas of both components and the parallelism the operator would run the job at. */
export function readScale(
  spec: Obj,
  components: { readonly jobManager: Obj; readonly taskManager: Obj },
  config: ConfigIntent,
  job: FlinkJobProps | undefined,
  haOn: boolean,
  findings: FindingList,
): Scale {
  const tmReplicas = readReplicas(components.taskManager, 'taskManager', findings);
  const jmReplicas = readReplicas(components.jobManager, 'jobManager', findings);
  if (jmReplicas === undefined && haOn) findings.info('spec.jobManager.replicas', candidatesInsteadOfOne());
  const slots = config.taskSlots?.value ?? 1;
  if (job && tmReplicas !== undefined) {
    // The operator runs the job at replicas x slots when replicas are set ("takes precedence
    // over parallelism" in its CRD reference), whatever job.parallelism says.
    const effective = tmReplicas * slots;
    if (job.parallelism !== effective) {
      const path =
        isMap(spec.job) && spec.job.parallelism !== undefined
          ? 'spec.job.parallelism'
          : (config.parallelism?.path ?? 'spec.job.parallelism');
      findings.warning(path, parallelismFromReplicas(job.parallelism, effective));
      job = { ...job, parallelism: effective };
    }
  }
  if (tmReplicas !== undefined) return { job, jobManagerReplicas: jmReplicas, taskManagerReplicas: tmReplicas };
  const taskManagerReplicas = job ? Math.max(1, Math.ceil((job.parallelism ?? 1) / slots)) : 1;
  findings.info(
    'spec.taskManager.replicas',
    job ? fixedTaskManagers(taskManagerReplicas, job.parallelism ?? 1, slots) : oneTaskManager(),
  );
  return { job, jobManagerReplicas: jmReplicas, taskManagerReplicas };
}
