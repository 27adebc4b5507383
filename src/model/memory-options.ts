import { fail } from '../validation/errors';

/**
 * Rule: Flink's fine-grained memory options (`taskmanager.memory.flink.size`,
 * `jobmanager.memory.heap.size`, ...) must fit the process size the construct sets from
 * `resources.memory`; Flink refuses to start a process whose sizes do not add up. Follows
 * Flink's ProcessMemoryUtils, TaskExecutorFlinkMemoryUtils and JobManagerFlinkMemoryUtils
 * (the same derivation in 1.18 to 2.2) with the defaults of Flink's key lists.
 * @see https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/memory/mem_setup/
 */

const MB = 1024 * 1024;
const UNLIMITED = Number.MAX_SAFE_INTEGER;

type Config = { readonly [key: string]: string };

/** Flink's MemorySize syntax: a number and an optional binary unit; no unit means bytes. */
const MEMORY_UNITS: ReadonlyArray<[RegExp, number]> = [
  [/^(b|bytes)?$/, 1],
  [/^(k|kb|kibibytes)$/, 1024],
  [/^(m|mb|mebibytes)$/, MB],
  [/^(g|gb|gibibytes)$/, 1024 * MB],
  [/^(t|tb|tebibytes)$/, 1024 * 1024 * MB],
];

/** Bytes of a Flink MemorySize, or undefined when Flink could not read it. */
export function flinkMemoryBytes(value: string): number | undefined {
  const m = /^\s*(\d+)\s*([a-zA-Z]*)\s*$/.exec(value);
  if (!m) return undefined;
  const unit = MEMORY_UNITS.find(([re]) => re.test(m[2].toLowerCase()));
  return unit ? Number(m[1]) * unit[1] : undefined;
}

const show = (bytes: number) => (bytes % MB === 0 ? `${bytes / MB}m` : `${bytes} bytes`);

/** Why Flink refuses the sizes: thrown inside the derivation, caught at the rule. */
class MemoryConflict extends Error {}
const refuse = (reason: string): never => {
  throw new MemoryConflict(reason);
};

/** Reads the options of one process, with Flink's defaults. */
class MemoryOptions {
  constructor(
    private readonly config: Config,
    private readonly prefix: 'jobmanager' | 'taskmanager',
  ) {}

  public has(option: string): boolean {
    return this.config[`${this.prefix}.memory.${option}`] !== undefined;
  }

  public size(option: string, fallback = 0): number {
    const raw = this.config[`${this.prefix}.memory.${option}`];
    if (raw === undefined) return fallback;
    const bytes = flinkMemoryBytes(raw);
    return bytes ?? refuse(`${this.prefix}.memory.${option} (${JSON.stringify(raw)}) is not a memory size`);
  }

  public fraction(option: string, fallback: number): number {
    const raw = this.config[`${this.prefix}.memory.${option}`];
    const f = raw === undefined ? fallback : Number(raw);
    if (!Number.isFinite(f) || f < 0 || f >= 1) refuse(`${this.prefix}.memory.${option} (${raw}) is not in [0, 1)`);
    return f;
  }

  /** A [min, max] range with its fraction, as Flink's RangeFraction. */
  public range(name: string, min: number, max: number, fraction: number) {
    const r = { min: this.size(`${name}.min`, min), max: this.size(`${name}.max`, max) };
    if (r.min > r.max) refuse(`${this.prefix}.memory.${name}.min is above ${name}.max`);
    return { ...r, fraction: this.fraction(`${name}.fraction`, fraction) };
  }
}

type Range = ReturnType<MemoryOptions['range']>;

const capped = (bytes: number, r: Range) => Math.min(Math.max(Math.floor(bytes), r.min), r.max);

/** JVM overhead when the process size and Total Flink Memory are both known: what is left, within its range. */
function overheadLeft(o: MemoryOptions, processBytes: number, flinkBytes: number): void {
  const metaspace = o.size('jvm-metaspace.size', 256 * MB);
  const overhead = processBytes - flinkBytes - metaspace;
  const r = o.range('jvm-overhead', 192 * MB, 1024 * MB, 0.1);
  if (overhead >= r.min && overhead <= r.max) return;
  const used = `Total Flink Memory (${show(flinkBytes)}) and JVM Metaspace (${show(metaspace)})`;
  const range = `[${show(r.min)}, ${show(r.max)}]`;
  refuse(
    overhead < 0
      ? `${used} exceed the process size, leaving nothing for JVM Overhead (it needs ${show(r.min)} to ${show(r.max)})`
      : `${used} leave ${show(overhead)} of the process size for JVM Overhead, outside its range ${range}`,
  );
}

/** Total Flink Memory when only the process size is known. */
function flinkFromProcess(o: MemoryOptions, processBytes: number): number {
  const metaspace = o.size('jvm-metaspace.size', 256 * MB);
  const range = o.range('jvm-overhead', 192 * MB, 1024 * MB, 0.1);
  const overhead = capped(processBytes * range.fraction, range);
  if (metaspace + overhead > processBytes)
    refuse(`JVM Metaspace (${show(metaspace)}) and JVM Overhead (${show(overhead)}) exceed the process size`);
  return processBytes - metaspace - overhead;
}

/** Why Flink refuses a JobManager of `processBytes` with these options, if it does. */
function jobManagerConflict(o: MemoryOptions, processBytes: number): void {
  const offHeap = o.size('off-heap.size', 128 * MB);
  if (o.has('heap.size')) {
    const flink = o.size('heap.size') + offHeap;
    if (o.has('flink.size') && o.size('flink.size') !== flink)
      refuse(
        `JVM Heap and Off-heap Memory (${show(flink)}) differ from the configured Total Flink Memory (${show(o.size('flink.size'))})`,
      );
    return overheadLeft(o, processBytes, flink);
  }
  const flink = o.has('flink.size') ? o.size('flink.size') : flinkFromProcess(o, processBytes);
  if (flink <= offHeap)
    refuse(`Total Flink Memory (${show(flink)}) is not above the Off-heap Memory (${show(offHeap)})`);
  if (o.has('flink.size')) overheadLeft(o, processBytes, flink);
}

/** The parts of a TaskManager's Total Flink Memory other than task heap, managed and network memory. */
const tmFixed = (o: MemoryOptions) =>
  o.size('framework.heap.size', 128 * MB) + o.size('framework.off-heap.size', 128 * MB) + o.size('task.off-heap.size');

const networkRange = (o: MemoryOptions) => o.range('network', 64 * MB, UNLIMITED, 0.1);

/** Network memory as the rest of a known Total Flink Memory: it must fall in its range. */
function networkRest(o: MemoryOptions, flink: number, rest: number): void {
  if (rest > flink)
    refuse(`the configured memory components (${show(rest)}) exceed Total Flink Memory (${show(flink)})`);
  const r = networkRange(o);
  if (flink - rest < r.min || flink - rest > r.max)
    refuse(
      `the Network Memory left (${show(flink - rest)}) is outside its range [${show(r.min)}, ${r.max === UNLIMITED ? 'infinite' : show(r.max)}]`,
    );
}

/** Task heap, managed and network memory within a known Total Flink Memory. */
function taskManagerWithin(o: MemoryOptions, flink: number): void {
  const managed = o.has('managed.size')
    ? o.size('managed.size')
    : Math.floor(flink * o.fraction('managed.fraction', 0.4));
  if (o.has('task.heap.size')) return networkRest(o, flink, tmFixed(o) + o.size('task.heap.size') + managed);
  const network = capped(flink * networkRange(o).fraction, networkRange(o));
  if (tmFixed(o) + managed + network > flink)
    refuse(
      `the memory components (${show(tmFixed(o) + managed + network)}) exceed Total Flink Memory (${show(flink)})`,
    );
}

/** Why Flink refuses a TaskManager of `processBytes` with these options, if it does. */
function taskManagerConflict(o: MemoryOptions, processBytes: number): void {
  if (o.has('task.heap.size') && o.has('managed.size')) {
    const rest = tmFixed(o) + o.size('task.heap.size') + o.size('managed.size');
    let flink: number;
    if (o.has('flink.size')) {
      flink = o.size('flink.size');
      networkRest(o, flink, rest);
    } else {
      const r = networkRange(o);
      flink = rest + capped((rest * r.fraction) / (1 - r.fraction), r);
    }
    return overheadLeft(o, processBytes, flink);
  }
  if (o.has('flink.size')) {
    taskManagerWithin(o, o.size('flink.size'));
    return overheadLeft(o, processBytes, o.size('flink.size'));
  }
  taskManagerWithin(o, flinkFromProcess(o, processBytes));
}

/** Options that take part in the derivation, most specific first: the one a conflict is blamed on. */
const BLAMED = [
  'flink.size',
  'heap.size',
  'task.heap.size',
  'managed.size',
  'off-heap.size',
  'task.off-heap.size',
  'framework.heap.size',
  'framework.off-heap.size',
  'network.min',
  'network.max',
  'network.fraction',
  'managed.fraction',
  'jvm-metaspace.size',
  'jvm-overhead.min',
  'jvm-overhead.max',
  'jvm-overhead.fraction',
];

const conflictsWithProcess = (prop: string, processMiB: number, reason: string) =>
  `conflicts with the process size the construct sets from ${prop}.resources.memory (${processMiB}Mi): ${reason}, so Flink would refuse to start. Remove it, or make the sizes add up (Flink's memory model: https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/memory/mem_setup/)`;

/** Why Flink refuses the memory options of one process beside its process size, if it does. */
export function memoryOptionsConflict(
  config: Config,
  prefix: 'jobmanager' | 'taskmanager',
  processMiB: number,
): { readonly key: string; readonly reason: string } | undefined {
  const o = new MemoryOptions(config, prefix);
  const key = BLAMED.map((b) => `${prefix}.memory.${b}`).find((k) => config[k] !== undefined);
  if (!key) return undefined;
  try {
    if (prefix === 'jobmanager') jobManagerConflict(o, processMiB * MB);
    else taskManagerConflict(o, processMiB * MB);
    return undefined;
  } catch (e) {
    if (!(e instanceof MemoryConflict)) throw e;
    const prop = prefix === 'jobmanager' ? 'jobManager' : 'taskManager';
    return { key, reason: conflictsWithProcess(prop, processMiB, e.message) };
  }
}

/** Rule: the user's memory options fit both process sizes, as Flink requires. */
export function checkMemoryOptions(config: Config, jobManagerProcessMiB: number, taskManagerProcessMiB: number): void {
  for (const [prefix, mib] of [
    ['jobmanager', jobManagerProcessMiB],
    ['taskmanager', taskManagerProcessMiB],
  ] as const) {
    const conflict = memoryOptionsConflict(config, prefix, mib);
    if (conflict) fail(`flinkConfiguration["${conflict.key}"]`, config[conflict.key], conflict.reason);
  }
}
