import { readFileSync } from 'fs';
import { homedir } from 'os';
import { dirname, isAbsolute, join } from 'path';
import { parse } from 'yaml';
import { Connection } from './kube-client';

/**
 * A connection from a kubeconfig file: the current context's cluster and user, with
 * tokens, token files or client certificates (inline or as files). Exec and auth-provider
 * plugins are not supported; the error says so.
 */
export function kubeconfigConnection(
  path = process.env.KUBECONFIG?.split(':')[0] || join(homedir(), '.kube', 'config'),
  context?: string,
): Connection & { namespace?: string } {
  let doc: any;
  try {
    doc = parse(readFileSync(path, 'utf8'));
  } catch (e) {
    throw new Error(`cannot read kubeconfig ${path}: ${(e as Error).message}`);
  }
  const name = context ?? doc?.['current-context'];
  const ctx = (doc?.contexts ?? []).find((c: any) => c.name === name)?.context;
  if (!ctx) throw new Error(`kubeconfig ${path}: context "${name}" not found`);
  const cluster = (doc.clusters ?? []).find((c: any) => c.name === ctx.cluster)?.cluster;
  const user = (doc.users ?? []).find((u: any) => u.name === ctx.user)?.user ?? {};
  if (!cluster?.server) throw new Error(`kubeconfig ${path}: cluster "${ctx.cluster}" has no server`);
  if (user.exec || user['auth-provider']) {
    throw new Error(
      `kubeconfig ${path}: user "${ctx.user}" uses an exec/auth-provider plugin, which is not supported; use a token (e.g. kubectl create token) or client certificates`,
    );
  }
  const file = (p: string) => readFileSync(isAbsolute(p) ? p : join(dirname(path), p));
  const data = (inline?: string, f?: string) => (inline ? Buffer.from(inline, 'base64') : f ? file(f) : undefined);
  const token: string | undefined = user.token;
  const tokenFile: string | undefined = user.tokenFile ?? user['token-file'];
  return {
    server: cluster.server,
    ca: data(cluster['certificate-authority-data'], cluster['certificate-authority']),
    insecureSkipTlsVerify: cluster['insecure-skip-tls-verify'] === true,
    cert: data(user['client-certificate-data'], user['client-certificate']),
    key: data(user['client-key-data'], user['client-key']),
    token: token ? () => token : tokenFile ? () => file(tokenFile).toString('utf8').trim() : undefined,
    namespace: ctx.namespace,
  };
}
