/**
 * Flink versions the construct knows how to configure. Values are the wire strings:
 * the `major.minor` that appears in image tags and in the docs.
 */
export enum FlinkVersion {
  /** Flink 1.18: `flink-conf.yaml`. */
  V1_18 = '1.18',
  /** Flink 1.19: `config.yaml` (standard YAML). */
  V1_19 = '1.19',
  /** Flink 1.20 (LTS): checkpoint keys under `execution.checkpointing.*`. */
  V1_20 = '1.20',
  /** Flink 2.0: nested YAML config, no `standalone-job --host`. */
  V2_0 = '2.0',
  /** Flink 2.1. */
  V2_1 = '2.1',
  /** Flink 2.2. */
  V2_2 = '2.2',
  /** Flink 2.3: applications become an HA entity (`application-<id>` pointers in the cluster ConfigMap). */
  V2_3 = '2.3',
}

const ORDER = Object.values(FlinkVersion) as string[];

const OPENS = [
  'java.lang',
  'java.net',
  'java.io',
  'java.nio',
  'sun.nio.ch',
  'java.lang.reflect',
  'java.text',
  'java.time',
  'java.util',
  'java.util.concurrent',
  'java.util.concurrent.atomic',
  'java.util.concurrent.locks',
].map((p) => `--add-opens=java.base/${p}=ALL-UNNAMED`);
const EXPORTS = [
  'java.rmi/sun.rmi.registry',
  'jdk.compiler/com.sun.tools.javac.api',
  'jdk.compiler/com.sun.tools.javac.file',
  'jdk.compiler/com.sun.tools.javac.parser',
  'jdk.compiler/com.sun.tools.javac.tree',
  'jdk.compiler/com.sun.tools.javac.util',
  'java.security.jgss/sun.security.krb5',
].map((m) => `--add-exports=${m}=ALL-UNNAMED`);
/** `env.java.opts.all` of the 2.1 to 2.3 distributions' conf/config.yaml. */
const JAVA_MODULE_OPTIONS_2_1 = [...EXPORTS, ...OPENS].join(' ');
/** `env.java.opts.all` of the 1.18 to 2.0 distributions (one more export, sun.net.util). */
const JAVA_MODULE_OPTIONS_1_18 = ['--add-exports=java.base/sun.net.util=ALL-UNNAMED', ...EXPORTS, ...OPENS].join(' ');

/** Where the differences between versions live, so the rest of the code asks, not compares. */
export class FlinkVersionTraits {
  /** The traits of a supported version (the model checks user input first: `resolveFlinkVersion`). */
  public static of(version: FlinkVersion): FlinkVersionTraits {
    if (!FlinkVersionTraits.isSupported(version)) throw new Error(`unsupported Flink version ${String(version)}`);
    return new FlinkVersionTraits(version);
  }

  /** True for a version this construct supports (JavaScript callers can pass anything). */
  public static isSupported(version: unknown): version is FlinkVersion {
    return typeof version === 'string' && ORDER.includes(version);
  }

  private constructor(public readonly version: FlinkVersion) {}

  /** True when this version is `other` or newer. */
  public atLeast(other: FlinkVersion): boolean {
    return ORDER.indexOf(this.version) >= ORDER.indexOf(other);
  }

  public get major(): number {
    return Number(this.version.split('.')[0]);
  }

  /**
   * `config.yaml` (standard YAML) from 1.19 on and the only file 2.x reads;
   * `flink-conf.yaml` (flat `key: value`) before.
   */
  public get configFileName(): 'config.yaml' | 'flink-conf.yaml' {
    return this.atLeast(FlinkVersion.V1_19) ? 'config.yaml' : 'flink-conf.yaml';
  }

  /** The config file this version must not find beside ours (1.19/1.20 prefer flink-conf.yaml). */
  public get staleConfigFileName(): string {
    return this.configFileName === 'config.yaml' ? 'flink-conf.yaml' : 'config.yaml';
  }

  /**
   * The JVM module options Flink needs on Java 17+ (`--add-opens`/`--add-exports`), exactly as
   * the distribution's own config file sets `env.java.opts.all`: the construct's config file
   * replaces the image's, so it must carry them, or Flink fails on Java 17 (the default JVM of
   * the `flink:2.x` images) with InaccessibleObjectException.
   */
  public get javaModuleOptions(): string {
    return this.atLeast(FlinkVersion.V2_1) ? JAVA_MODULE_OPTIONS_2_1 : JAVA_MODULE_OPTIONS_1_18;
  }

  /** Checkpoint keys moved under `execution.checkpointing.*` in 1.20. */
  public get checkpointKeys(): { dir: string; savepointDir: string; retained: string; incremental: string } {
    return this.atLeast(FlinkVersion.V1_20)
      ? {
          dir: 'execution.checkpointing.dir',
          savepointDir: 'execution.checkpointing.savepoint-dir',
          retained: 'execution.checkpointing.num-retained',
          incremental: 'execution.checkpointing.incremental',
        }
      : {
          dir: 'state.checkpoints.dir',
          savepointDir: 'state.savepoints.dir',
          retained: 'state.checkpoints.num-retained',
          incremental: 'state.backend.incremental',
        };
  }

  /** Key of the job-graph pointer in Flink's cluster ConfigMap. */
  public get jobGraphPointerPrefix(): string {
    return this.major >= 2 ? 'executionPlan-' : 'jobGraph-';
  }
}
