import { fail } from '../validation/errors';

/** A Flink filesystem plugin shipped in the image's `opt/` directory. */
export interface FilesystemPlugin {
  /** Directory name under `/opt/flink/plugins/`. */
  readonly dir: string;
  /** Jar name prefix in `/opt/flink/opt/` (followed by `-<flink patch version>.jar`). */
  readonly jarPrefix: string;
}

const PLUGINS: Record<string, FilesystemPlugin> = {
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

/** Parses and validates a storage URI, naming `prop` in errors. */
export function parseStorageUri(prop: string, uri: unknown): StorageUri {
  if (typeof uri !== 'string')
    fail(prop, uri, 'must be a URI string such as s3://bucket/flink or file:///opt/flink/ha');
  const m = /^([a-z][a-z0-9+.-]*):\/\/(.*)$/.exec(uri);
  if (!m) {
    fail(
      prop,
      uri,
      `has no scheme; write file://${uri.startsWith('/') ? uri : '/' + uri} for a mounted path or s3://bucket/path for an object store`,
    );
  }
  const [, scheme, rest] = m;
  if (/\s/.test(uri)) fail(prop, uri, 'must not contain white space');
  if (scheme === 'file') {
    if (!rest.startsWith('/')) fail(prop, uri, 'needs an absolute path: file:///absolute/path (three slashes)');
    return { uri: uri.replace(/\/+$/, ''), scheme, path: rest.replace(/\/+$/, '') || '/' };
  }
  const plugin = PLUGINS[scheme];
  if (!plugin) {
    fail(
      prop,
      uri,
      `uses scheme "${scheme}://", which has no Flink filesystem plugin in the official image; use file:// or one of ${OBJECT_STORE_SCHEMES.map((s) => s + '://').join(', ')}`,
    );
  }
  if (!/^[^/]+/.test(rest)) fail(prop, uri, `needs a bucket or container: ${scheme}://<bucket>/<path>`);
  return { uri: uri.replace(/\/+$/, ''), scheme, plugin };
}
