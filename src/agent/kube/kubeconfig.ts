import { readFileSync } from 'fs';
import { homedir } from 'os';
import { dirname, isAbsolute, join } from 'path';
import { parse } from 'yaml';
import { Connection } from './kube-client';
import { isPlainObject } from '../runtime/json';

type Section = Record<string, unknown>;

/** The `field` section of the entry called `name` in a kubeconfig list (clusters, users, contexts). */
function named(list: unknown, name: unknown, field: string): Section | undefined {
  if (!Array.isArray(list)) return undefined;
  const value = list.find((e) => isPlainObject(e) && e.name === name)?.[field];
  return isPlainObject(value) ? value : undefined;
}

const text = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);

const pluginsUnsupported = (path: string, user: unknown) =>
  `kubeconfig ${path}: user "${String(user)}" uses an exec/auth-provider plugin, which is not supported; ` +
  'use a token (e.g. kubectl create token) or client certificates';

/**
 * A connection from a kubeconfig file: the current context's cluster and user, with
 * tokens, token files or client certificates (inline or as files). Exec and auth-provider
 * plugins are not supported; the error says so.
 */
export function kubeconfigConnection(
  path = process.env.KUBECONFIG?.split(':')[0] || join(homedir(), '.kube', 'config'),
  context?: string,
): Connection & { namespace?: string } {
  let doc: unknown;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read kubeconfig ${path}: ${(e as Error).message}`);
  }
  const config: Section = isPlainObject(doc) ? doc : {};
  const name = context ?? config['current-context'];
  const ctx = named(config.contexts, name, 'context');
  if (!ctx) throw new Error(`kubeconfig ${path}: context "${String(name)}" not found`);
  const cluster = named(config.clusters, ctx.cluster, 'cluster');
  const user = named(config.users, ctx.user, 'user') ?? {};
  const server = text(cluster?.server);
  if (!cluster || !server) throw new Error(`kubeconfig ${path}: cluster "${String(ctx.cluster)}" has no server`);
  if (user.exec || user['auth-provider']) throw new Error(pluginsUnsupported(path, ctx.user));
  const file = (p: string) => readFileSync(isAbsolute(p) ? p : join(dirname(path), p));
  const data = (inline: unknown, f: unknown) => {
    const base64 = text(inline);
    const filePath = text(f);
    return base64 ? Buffer.from(base64, 'base64') : filePath ? file(filePath) : undefined;
  };
  const token = text(user.token);
  const tokenFile = text(user.tokenFile) ?? text(user['token-file']);
  return {
    server,
    ca: data(cluster['certificate-authority-data'], cluster['certificate-authority']),
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    cert: data(user['client-certificate-data'], user['client-certificate']),
    key: data(user['client-key-data'], user['client-key']),
    token: token ? () => token : tokenFile ? () => file(tokenFile).toString('utf8').trim() : undefined,
    namespace: text(ctx.namespace),
  };
}
