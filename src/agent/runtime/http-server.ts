import { createServer, Server } from 'http';

export interface HttpHandlers {
  healthy(): boolean;
  ready(): boolean;
  metrics(): string;
  status(): unknown;
}

/** /healthz, /readyz, /metrics and /status on one port. */
export function startHttpServer(port: number, h: HttpHandlers, host = '0.0.0.0'): Promise<Server> {
  const server = createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    const send = (code: number, type: string, body: string) => {
      res.writeHead(code, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    if (req.method !== 'GET' && req.method !== 'HEAD') return send(405, 'text/plain', 'method not allowed\n');
    switch (path) {
      case '/healthz':
        return h.healthy() ? send(200, 'text/plain', 'ok\n') : send(503, 'text/plain', 'agent loop stalled\n');
      case '/readyz':
        return h.ready()
          ? send(200, 'text/plain', 'ok\n')
          : send(503, 'text/plain', 'not ready: no answer from the API server yet\n');
      case '/metrics':
        return send(200, 'text/plain; version=0.0.4', h.metrics());
      case '/status':
        return send(200, 'application/json', JSON.stringify(h.status(), null, 2) + '\n');
      default:
        return send(404, 'text/plain', 'not found: try /healthz, /readyz, /metrics, /status\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
