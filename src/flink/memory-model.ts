/**
 * Flink's memory model with its default fractions, enough to tell whether Flink can
 * derive its memory components from a process size. Without it, a too-small size
 * synthesizes fine and the JVM refuses to start in the cluster.
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/memory/mem_setup/
 */

const clamp = (v: number, min: number, max: number) => Math.min(Math.max(v, min), max);

/** JVM overhead: 10% of the process, between 192 MiB and 1 GiB. */
function jvmOverhead(processMiB: number): number {
  return clamp(processMiB * 0.1, 192, 1024);
}

const METASPACE_JM = 256;
const METASPACE_TM = 256;
const JM_OFF_HEAP = 128;
const TM_FRAMEWORK_HEAP = 128;
const TM_FRAMEWORK_OFF_HEAP = 128;
/** Below this Flink warns that the JobManager heap is too small to be useful. */
export const MIN_JOBMANAGER_HEAP_MIB = 128;

/** How Flink splits a JobManager process. */
export interface JobManagerMemory {
  readonly processMiB: number;
  readonly overheadMiB: number;
  readonly heapMiB: number;
}

export function jobManagerMemory(processMiB: number): JobManagerMemory {
  const overheadMiB = jvmOverhead(processMiB);
  return { processMiB, overheadMiB, heapMiB: processMiB - overheadMiB - METASPACE_JM - JM_OFF_HEAP };
}

/** How Flink splits a TaskManager process. */
export interface TaskManagerMemory {
  readonly processMiB: number;
  readonly overheadMiB: number;
  readonly flinkMiB: number;
  readonly networkMiB: number;
  readonly managedMiB: number;
  readonly taskHeapMiB: number;
}

export function taskManagerMemory(processMiB: number): TaskManagerMemory {
  const overheadMiB = jvmOverhead(processMiB);
  const flinkMiB = processMiB - overheadMiB - METASPACE_TM;
  const networkMiB = clamp(flinkMiB * 0.1, 64, 1024);
  const managedMiB = flinkMiB * 0.4;
  const taskHeapMiB = flinkMiB - TM_FRAMEWORK_HEAP - TM_FRAMEWORK_OFF_HEAP - networkMiB - managedMiB;
  return { processMiB, overheadMiB, flinkMiB, networkMiB, managedMiB, taskHeapMiB };
}

/** Smallest whole-MiB process size that passes `ok`. */
function smallest(ok: (mib: number) => boolean): number {
  let mib = 256;
  while (!ok(mib)) mib += 1;
  return mib;
}

export const MIN_JOBMANAGER_PROCESS_MIB = smallest((m) => jobManagerMemory(m).heapMiB >= MIN_JOBMANAGER_HEAP_MIB);
export const MIN_TASKMANAGER_PROCESS_MIB = smallest((m) => taskManagerMemory(m).taskHeapMiB > 0);
