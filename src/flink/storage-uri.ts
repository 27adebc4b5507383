/** A Flink filesystem plugin shipped in the image's `opt/` directory. */
export interface FilesystemPlugin {
  /** Directory name under `/opt/flink/plugins/`. */
  readonly dir: string;
  /** Jar name prefix in `/opt/flink/opt/` (followed by `-<flink patch version>.jar`). */
  readonly jarPrefix: string;
}

const PLUGINS: { readonly [scheme: string]: FilesystemPlugin } = {
  // Presto's S3 filesystem is the one Flink recommends for checkpoints and HA.
  s3: { dir: 's3-fs-presto', jarPrefix: 'flink-s3-fs-presto' },
  s3p: { dir: 's3-fs-presto', jarPrefix: 'flink-s3-fs-presto' },
  s3a: { dir: 's3-fs-hadoop', jarPrefix: 'flink-s3-fs-hadoop' },
  gs: { dir: 'gs-fs-hadoop', jarPrefix: 'flink-gs-fs-hadoop' },
  abfs: { dir: 'azure-fs-hadoop', jarPrefix: 'flink-azure-fs-hadoop' },
  abfss: { dir: 'azure-fs-hadoop', jarPrefix: 'flink-azure-fs-hadoop' },
  wasb: { dir: 'azure-fs-hadoop', jarPrefix: 'flink-azure-fs-hadoop' },
  wasbs: { dir: 'azure-fs-hadoop', jarPrefix: 'flink-azure-fs-hadoop' },
  oss: { dir: 'oss-fs-hadoop', jarPrefix: 'flink-oss-fs-hadoop' },
};

/** Object-store schemes the construct can enable a filesystem plugin for. */
export const OBJECT_STORE_SCHEMES = Object.keys(PLUGINS);

/** A parsed storage URI: `file:///path` or `<object store>://bucket/path`. */
export interface StorageUri {
  readonly uri: string;
  readonly scheme: string;
  /** For file URIs, the absolute local path. */
  readonly path?: string;
  readonly plugin?: FilesystemPlugin;
}

/** The filesystem plugin an object-store scheme needs, if the official image ships one. */
export function filesystemPlugin(scheme: string): FilesystemPlugin | undefined {
  return Object.prototype.hasOwnProperty.call(PLUGINS, scheme) ? PLUGINS[scheme] : undefined;
}
