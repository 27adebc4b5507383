import { readFileSync } from 'fs';
import * as http from 'http';
import * as https from 'https';
import { ApiError, ConfigMap, KubeApi, KubeEvent, Lease, Pod, Preconditions, Selector, WatchEvent } from './kube-api';

const SA_DIR = '/var/run/secrets/kubernetes.io/serviceaccount';

/** How to reach and authenticate to an API server. */
export interface Connection {
  readonly server: string;
  /** The CA bundle, or a function returning the current one (the in-cluster CA file can be rotated). */
  readonly ca?: Buffer | (() => Buffer | undefined);
  /**
   * Called before each request: service-account tokens rotate, so implementations re-read
   * them now and then; `refresh` asks for a fresh read (after a 401).
   */
  readonly token?: (refresh?: boolean) => string | undefined;
  readonly cert?: Buffer;
  readonly key?: Buffer;
  readonly insecureSkipTlsVerify?: boolean;
}

/** How long a read of a rotating credential file is trusted. */
const REREAD_MS = 60_000;

/**
 * In-cluster connection. The kubelet rotates the projected token and can replace the CA
 * bundle, so both files are re-read at most once a minute (the token also after a 401);
 * a CA file that cannot be read keeps the last good bundle.
 */
export function inClusterConnection(
  env: NodeJS.ProcessEnv = process.env,
  dir = SA_DIR,
  now: () => number = Date.now,
): Connection {
  const host = env.KUBERNETES_SERVICE_HOST;
  const port = env.KUBERNETES_SERVICE_PORT ?? '443';
  if (!host) throw new Error('not running in a cluster (KUBERNETES_SERVICE_HOST is unset); pass a kubeconfig');
  let token: { value: string; at: number } | undefined;
  let ca: { value: Buffer; at: number } = { value: readFileSync(`${dir}/ca.crt`), at: now() };
  return {
    server: `https://${host.includes(':') ? `[${host}]` : host}:${port}`,
    ca: () => {
      if (now() - ca.at > REREAD_MS) {
        try {
          ca = { value: readFileSync(`${dir}/ca.crt`), at: now() };
        } catch {
          ca = { ...ca, at: now() };
        }
      }
      return ca.value;
    },
    token: (refresh = false) => {
      if (refresh || !token || now() - token.at > REREAD_MS)
        token = { value: readFileSync(`${dir}/token`, 'utf8').trim(), at: now() };
      return token.value;
    },
  };
}

const enc = encodeURIComponent;

/** Server-side watch timeout (seconds) the client asks for. */
const WATCH_TIMEOUT_SECONDS = 300;
const WATCH_IDLE_TIMEOUT_MS = (WATCH_TIMEOUT_SECONDS + 60) * 1000;

/** How long a request (not a watch) may take from start to its last byte. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** The largest answer read (a list of many pods, for the CLI); a larger one is an error. */
export const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;
/** The largest watch event: a ConfigMap holds at most 1 MiB of data, a few MiB as escaped JSON. */
export const MAX_WATCH_EVENT_BYTES = 16 * 1024 * 1024;

export interface ClientOptions {
  /** @default REQUEST_TIMEOUT_MS */
  readonly requestTimeoutMs?: number;
  /** @default MAX_RESPONSE_BYTES */
  readonly maxResponseBytes?: number;
  /** @default MAX_WATCH_EVENT_BYTES */
  readonly maxWatchEventBytes?: number;
}

const tooLarge = (what: string, limit: number) => new Error(`${what} larger than ${limit} bytes: not read`);

/** Named TimeoutError, so the agent can tell a hanging server from one that refuses. */
const timedOut = (method: string, path: string, ms: number) =>
  Object.assign(new Error(`${method} ${path.split('?')[0]}: timed out after ${ms / 1000} s`), {
    name: 'TimeoutError',
  });

/** A small typed Kubernetes client over node:http(s): only what the agent and CLI need. */
export class HttpKubeClient implements KubeApi {
  private readonly base: URL;
  private agent: http.Agent;
  private agentCa?: Buffer;
  /** Agents replaced after a CA change; their open connections (a watch) finish on their own. */
  private readonly retired: http.Agent[] = [];

  private readonly requestTimeoutMs: number;
  private readonly maxResponseBytes: number;
  private readonly maxWatchEventBytes: number;

  constructor(
    private readonly conn: Connection,
    options: ClientOptions = {},
  ) {
    this.base = new URL(conn.server);
    this.agent = this.newAgent();
    this.requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
    this.maxResponseBytes = options.maxResponseBytes ?? MAX_RESPONSE_BYTES;
    this.maxWatchEventBytes = options.maxWatchEventBytes ?? MAX_WATCH_EVENT_BYTES;
  }

  public getConfigMap(ns: string, name: string): Promise<ConfigMap> {
    return this.json('GET', `/api/v1/namespaces/${enc(ns)}/configmaps/${enc(name)}`);
  }

  public async listConfigMaps(ns: string, selector: Selector) {
    const list = await this.json<{ items: ConfigMap[]; metadata: { resourceVersion: string } }>(
      'GET',
      `/api/v1/namespaces/${enc(ns)}/configmaps${query(selector)}`,
    );
    return { items: list.items ?? [], resourceVersion: list.metadata.resourceVersion };
  }

  public async deleteConfigMap(ns: string, name: string, preconditions?: Preconditions): Promise<void> {
    const options = preconditions ? { apiVersion: 'v1', kind: 'DeleteOptions', preconditions } : undefined;
    await this.json('DELETE', `/api/v1/namespaces/${enc(ns)}/configmaps/${enc(name)}`, options);
  }

  public watchConfigMap(
    ns: string,
    name: string,
    resourceVersion: string,
    onEvent: (e: WatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void> {
    const q = query(
      { fieldSelector: `metadata.name=${name}` },
      { watch: '1', resourceVersion, allowWatchBookmarks: 'true', timeoutSeconds: String(WATCH_TIMEOUT_SECONDS) },
    );
    return new Promise<void>((resolveWatch, rejectWatch) => {
      // Every way out removes the abort listener, or each watch would leak one.
      const done = () => signal.removeEventListener('abort', abort);
      const resolve = () => {
        done();
        resolveWatch();
      };
      const reject = (e: unknown) => {
        done();
        rejectWatch(e);
      };
      const req = this.request(
        'GET',
        `/api/v1/namespaces/${enc(ns)}/configmaps${q}`,
        undefined,
        undefined,
        false,
        (res) => {
          clearTimeout(answer);
          if ((res.statusCode ?? 0) >= 300) {
            collect(res, this.maxResponseBytes).then((body) => reject(apiError(res.statusCode ?? 0, body)), reject);
            return;
          }
          let buffer = '';
          res.setEncoding('utf8');
          res.on('data', (chunk: string) => {
            buffer += chunk;
            if (buffer.length > this.maxWatchEventBytes && buffer.indexOf('\n') < 0) {
              req.destroy(tooLarge('a watch event', this.maxWatchEventBytes));
              return;
            }
            let nl: number;
            while ((nl = buffer.indexOf('\n')) >= 0) {
              const line = buffer.slice(0, nl).trim();
              buffer = buffer.slice(nl + 1);
              if (!line) continue;
              try {
                onEvent(JSON.parse(line));
              } catch (e) {
                req.destroy(e as Error);
                return;
              }
            }
          });
          res.on('end', () => resolve());
          res.on('error', reject);
          res.on('aborted', () => reject(new Error('watch connection dropped')));
        },
      );
      // The answer (its status line and headers) is due like any request's; the stream then may last.
      const path = `/api/v1/namespaces/${enc(ns)}/configmaps`;
      const answer = setTimeout(() => req.destroy(timedOut('GET', path, this.requestTimeoutMs)), this.requestTimeoutMs);
      req.on('close', () => clearTimeout(answer));
      // The server ends watches after timeoutSeconds; silence well beyond that is a dead
      // connection (e.g. a partition), which only a client-side timeout notices.
      req.setTimeout(WATCH_IDLE_TIMEOUT_MS, () => req.destroy(new Error('watch connection idle for too long')));
      function abort() {
        req.destroy();
        resolve();
      }
      if (signal.aborted) abort();
      else signal.addEventListener('abort', abort, { once: true });
      req.on('error', (e) => (signal.aborted ? resolve() : reject(e)));
      req.end();
    });
  }

  public getLease(ns: string, name: string): Promise<Lease> {
    return this.json('GET', `/apis/coordination.k8s.io/v1/namespaces/${enc(ns)}/leases/${enc(name)}`);
  }

  public createLease(ns: string, lease: Lease): Promise<Lease> {
    return this.json('POST', `/apis/coordination.k8s.io/v1/namespaces/${enc(ns)}/leases`, lease);
  }

  public replaceLease(ns: string, lease: Lease): Promise<Lease> {
    return this.json(
      'PUT',
      `/apis/coordination.k8s.io/v1/namespaces/${enc(ns)}/leases/${enc(lease.metadata.name)}`,
      lease,
    );
  }

  public async listPods(ns: string, labelSelector: string): Promise<Pod[]> {
    return (
      (await this.json<{ items: Pod[] }>('GET', `/api/v1/namespaces/${enc(ns)}/pods${query({ labelSelector })}`))
        .items ?? []
    );
  }

  public async getPod(ns: string, name: string): Promise<Pod> {
    return this.json('GET', `/api/v1/namespaces/${enc(ns)}/pods/${enc(name)}`);
  }

  public async patchPodLabel(ns: string, name: string, key: string, value: string): Promise<void> {
    await this.json(
      'PATCH',
      `/api/v1/namespaces/${enc(ns)}/pods/${enc(name)}`,
      { metadata: { labels: { [key]: value } } },
      'application/merge-patch+json',
    );
  }

  public async createEvent(ns: string, event: KubeEvent): Promise<void> {
    await this.json('POST', `/api/v1/namespaces/${enc(ns)}/events`, event);
  }

  /** Ends keep-alive sockets so the process can exit. */
  public close(): void {
    this.agent.destroy();
    for (const a of this.retired) a.destroy();
  }

  private currentCa(): Buffer | undefined {
    return typeof this.conn.ca === 'function' ? this.conn.ca() : this.conn.ca;
  }

  private newAgent(): http.Agent {
    if (this.base.protocol !== 'https:') return new http.Agent({ keepAlive: true });
    this.agentCa = this.currentCa();
    return new https.Agent({
      keepAlive: true,
      ca: this.agentCa,
      cert: this.conn.cert,
      key: this.conn.key,
      rejectUnauthorized: !this.conn.insecureSkipTlsVerify,
    });
  }

  /** The agent for the next request: a new one when the CA bundle changed. */
  private currentAgent(): http.Agent {
    if (typeof this.conn.ca === 'function') {
      const ca = this.conn.ca();
      if (ca && !(this.agentCa && ca.equals(this.agentCa))) {
        this.retired.push(this.agent);
        this.agent = this.newAgent();
      }
    }
    return this.agent;
  }

  private json<T>(
    method: string,
    path: string,
    body?: unknown,
    contentType = 'application/json',
    retried = false,
  ): Promise<T> {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    return new Promise<T>((resolve, reject) => {
      const req = this.request(method, path, payload, contentType, retried, (res) => {
        collect(res, this.maxResponseBytes).then((text) => {
          const status = res.statusCode ?? 0;
          if (status === 401 && !retried && this.conn.token) {
            // A rotated token: read it again once.
            return this.json<T>(method, path, body, contentType, true).then(resolve, reject);
          }
          if (status < 200 || status >= 300) return reject(apiError(status, text));
          try {
            resolve(text ? JSON.parse(text) : (undefined as T));
          } catch (e) {
            reject(e);
          }
        }, reject);
      });
      // A deadline for the whole exchange: a server that trickles bytes never trips an idle timeout.
      const deadline = setTimeout(
        () => req.destroy(timedOut(method, path, this.requestTimeoutMs)),
        this.requestTimeoutMs,
      );
      req.on('close', () => clearTimeout(deadline));
      req.on('error', reject);
      if (payload !== undefined) req.write(payload);
      req.end();
    });
  }

  private request(
    method: string,
    path: string,
    payload: string | undefined,
    contentType: string | undefined,
    refreshToken: boolean,
    onResponse: (res: http.IncomingMessage) => void,
  ): http.ClientRequest {
    const url = new URL(path, this.base);
    const headers: Record<string, string> = { accept: 'application/json' };
    if (payload !== undefined) {
      if (contentType) headers['content-type'] = contentType;
      headers['content-length'] = String(Buffer.byteLength(payload));
    }
    const token = this.conn.token?.(refreshToken);
    if (token) headers.authorization = `Bearer ${token}`;
    const mod = url.protocol === 'https:' ? https : http;
    return mod.request(url, { method, headers, agent: this.currentAgent() }, onResponse);
  }
}

function query(selector: Selector, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  if (selector.labelSelector) params.set('labelSelector', selector.labelSelector);
  if (selector.fieldSelector) params.set('fieldSelector', selector.fieldSelector);
  for (const [k, v] of Object.entries(extra)) params.set(k, v);
  const s = params.toString();
  return s ? `?${s}` : '';
}

function collect(res: http.IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    res.setEncoding('utf8');
    res.on('data', (c: string) => {
      text += c;
      if (text.length > limit) {
        res.destroy();
        reject(tooLarge('an answer', limit));
      }
    });
    res.on('end', () => resolve(text));
    res.on('error', reject);
  });
}

function apiError(status: number, body: string): ApiError {
  let message = body.slice(0, 300);
  try {
    message = JSON.parse(body).message ?? message;
  } catch {
    /* not a Status object */
  }
  return new ApiError(status, `HTTP ${status}: ${message}`);
}
