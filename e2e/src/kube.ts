/** A minimal Kubernetes API client (admin client certificate, or a bearer token). */
import * as fs from 'fs';
import * as https from 'https';

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

export interface KubeConn {
  server: string;
  ca: string;
  cert?: string;
  key?: string;
  token?: string;
  /** Sent as User-Agent (the audit log tells the harness's own probes apart by it). */
  userAgent?: string;
}

export class Kube {
  private readonly agent: https.Agent;
  constructor(readonly conn: KubeConn) {
    this.agent = new https.Agent({
      keepAlive: true,
      ca: fs.readFileSync(conn.ca),
      cert: conn.cert ? fs.readFileSync(conn.cert) : undefined,
      key: conn.key ? fs.readFileSync(conn.key) : undefined,
    });
  }

  request<T = any>(method: string, path: string, body?: unknown, contentType = 'application/json'): Promise<T> {
    const url = new URL(path, this.conn.server);
    return new Promise((resolve, reject) => {
      const headers: Record<string, string> = { accept: 'application/json' };
      if (body !== undefined) headers['content-type'] = contentType;
      if (this.conn.token) headers.authorization = `Bearer ${this.conn.token}`;
      if (this.conn.userAgent) headers['user-agent'] = this.conn.userAgent;
      const req = https.request(url, { method, headers, agent: this.agent }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          data += c;
        });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            let msg = data.slice(0, 500);
            try {
              msg = JSON.parse(data).message ?? msg;
            } catch {
              /* not JSON */
            }
            reject(new ApiError(status, `${method} ${path}: HTTP ${status}: ${msg}`));
            return;
          }
          try {
            resolve(data ? JSON.parse(data) : undefined);
          } catch (e) {
            reject(e);
          }
        });
      });
      req.on('error', reject);
      req.setTimeout(20000, () => req.destroy(new Error(`${method} ${path}: timed out`)));
      if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
      req.end();
    });
  }

  get<T = any>(path: string): Promise<T> {
    return this.request('GET', path);
  }

  async getOrUndefined<T = any>(path: string): Promise<T | undefined> {
    try {
      return await this.get<T>(path);
    } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  /**
   * Watches one object (fieldSelector metadata.name) from resourceVersion `rv`; calls onEvent for
   * every event with the local time it arrived. Re-watches from the last resourceVersion when the
   * server ends the watch, until stop() is called.
   */
  watchOne(
    path: string,
    name: string,
    rv: string,
    onEvent: (type: string, obj: any, at: number) => void,
  ): { stop: () => void } {
    let stopped = false;
    let req: ReturnType<typeof https.request> | undefined;
    let last = rv;
    const start = () => {
      if (stopped) return;
      const url = new URL(
        `${path}?watch=1&fieldSelector=${encodeURIComponent(`metadata.name=${name}`)}&resourceVersion=${last}&allowWatchBookmarks=false`,
        this.conn.server,
      );
      const headers: Record<string, string> = { accept: 'application/json' };
      if (this.conn.token) headers.authorization = `Bearer ${this.conn.token}`;
      req = https.request(url, { method: 'GET', headers, agent: this.agent }, (res) => {
        let buf = '';
        res.setEncoding('utf8');
        res.on('data', (c: string) => {
          const at = Date.now();
          buf += c;
          for (let i; (i = buf.indexOf('\n')) >= 0;) {
            const line = buf.slice(0, i).trim();
            buf = buf.slice(i + 1);
            if (!line) continue;
            const ev = JSON.parse(line);
            if (ev.object?.metadata?.resourceVersion) last = ev.object.metadata.resourceVersion;
            onEvent(ev.type, ev.object, at);
          }
        });
        res.on('end', () => setTimeout(start, 10));
        res.on('error', () => setTimeout(start, 100));
      });
      req.on('error', () => {
        if (!stopped) setTimeout(start, 100);
      });
      req.end();
    };
    start();
    return {
      stop: () => {
        stopped = true;
        req?.destroy();
      },
    };
  }

  close(): void {
    this.agent.destroy();
  }
}

export const ns = (namespace: string, resource: string, name?: string) =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
