import { filesystemPlugin, OBJECT_STORE_SCHEMES, StorageUri } from '../flink/storage-uri';
import { fail } from '../validation/errors';

/**
 * What a storage URI may contain. URIs reach the config file, the JobManager's command line
 * (`--fromSavepoint`) and the agent's environment, where the kubelet expands `$(NAME)`.
 */
const SAFE_URI = /^[A-Za-z0-9._~:/@%+=,-]+$/;
const unsafeUri = () =>
  'may contain only letters, digits and "._~:/@%+=,-" (no quotes, "$", "#", "?", ";" or backslashes); ' +
  'percent-encode anything else, e.g. %20 for a space';

const inlineUserInfo = () =>
  'carries a credential in its user info ("<key>:<secret>@"), which would write it into the ConfigMap, the ' +
  "Deployments and so your Git repository; take credentials from a Secret (the HA storage's credentials, or " +
  'workload identity) and write the URI without them';

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
  if (!SAFE_URI.test(uri)) fail(prop, uri, unsafeUri());
  // The value of a credential is never echoed.
  if (/^[^:]+:\/\/[^/@]*:[^/@]*@/.test(uri)) fail(prop, '(hidden)', inlineUserInfo());
  if (scheme === 'file') {
    if (!rest.startsWith('/')) fail(prop, uri, 'needs an absolute path: file:///absolute/path (three slashes)');
    return { uri: uri.replace(/\/+$/, ''), scheme, path: rest.replace(/\/+$/, '') || '/' };
  }
  const plugin = filesystemPlugin(scheme);
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
