/** A minimal Kubernetes API client (admin client certificate, or a bearer token). */
import * as fs from 'fs';
import * as https from 'https';

export class ApiError extends Error {
  constructor(readonly status: number, message: string) { super(message); }
}

export interface KubeConn { server: string; ca: string; cert?: string; key?: string; token?: string }

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
      const req = https.request(url, { method, headers, agent: this.agent }, (res) => {
        let data = '';
        res.setEncoding('utf8');
        res.on('data', (c) => { data += c; });
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          if (status < 200 || status >= 300) {
            let msg = data.slice(0, 500);
            try { msg = JSON.parse(data).message ?? msg; } catch { /* not JSON */ }
            reject(new ApiError(status, `${method} ${path}: HTTP ${status}: ${msg}`));
            return;
          }
          try { resolve(data ? JSON.parse(data) : undefined); } catch (e) { reject(e); }
        });
      });
      req.on('error', reject);
      req.setTimeout(20000, () => req.destroy(new Error(`${method} ${path}: timed out`)));
      if (body !== undefined) req.write(typeof body === 'string' ? body : JSON.stringify(body));
      req.end();
    });
  }

  get<T = any>(path: string): Promise<T> { return this.request('GET', path); }

  async getOrUndefined<T = any>(path: string): Promise<T | undefined> {
    try { return await this.get<T>(path); } catch (e) {
      if (e instanceof ApiError && e.status === 404) return undefined;
      throw e;
    }
  }

  close(): void { this.agent.destroy(); }
}

export const ns = (namespace: string, resource: string, name?: string) =>
  `/api/v1/namespaces/${encodeURIComponent(namespace)}/${resource}${name ? `/${encodeURIComponent(name)}` : ''}`;
