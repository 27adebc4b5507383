import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { Socket } from 'net';

export interface HttpHandlers {
  healthy(): boolean;
  ready(): boolean;
  metrics(): string;
  status(): unknown;
}

/** Bounds on what a client can make the server hold: the port is reachable from the pod network. */
export interface HttpLimits {
  /** Open connections at most; at the limit, the one idle longest makes room (slowloris cannot lock out probes). */
  readonly maxConnections: number;
  /** Request line and headers, bytes. */
  readonly maxHeaderBytes: number;
  /** Time to receive the complete headers. */
  readonly headersTimeoutMs: number;
  /** Time to receive the complete request. */
  readonly requestTimeoutMs: number;
  /** An idle keep-alive connection is closed after this long. */
  readonly keepAliveTimeoutMs: number;
  /** A larger response body is not sent (the answer is a 500). */
  readonly maxResponseBytes: number;
}

export const DEFAULT_HTTP_LIMITS: HttpLimits = {
  maxConnections: 32,
  maxHeaderBytes: 8 * 1024,
  headersTimeoutMs: 5_000,
  requestTimeoutMs: 10_000,
  keepAliveTimeoutMs: 5_000,
  maxResponseBytes: 512 * 1024,
};

const PATHS = '/healthz, /readyz, /metrics, /status';

type Reply = readonly [status: number, type: string, body: string];

function route(path: string, h: HttpHandlers): Reply {
  switch (path) {
    case '/healthz':
      return h.healthy()
        ? [200, 'text/plain', 'ok\n']
        : [503, 'text/plain', 'agent loop stalled or an API write hangs\n'];
    case '/readyz':
      return h.ready()
        ? [200, 'text/plain', 'ok\n']
        : [503, 'text/plain', 'not ready: no answer from the API server yet\n'];
    case '/metrics':
      return [200, 'text/plain; version=0.0.4', h.metrics()];
    case '/status':
      return [200, 'application/json', JSON.stringify(h.status(), null, 2) + '\n'];
    default:
      return [404, 'text/plain', `not found: try ${PATHS}\n`];
  }
}

function respond(req: IncomingMessage, res: ServerResponse, h: HttpHandlers, limits: HttpLimits): void {
  const send = ([status, type, body]: Reply) => {
    res.writeHead(status, {
      'content-type': type,
      'content-length': Buffer.byteLength(body),
      'cache-control': 'no-store',
      ...(status === 405 ? { allow: 'GET' } : {}),
    });
    res.end(body);
  };
  // Only GET; the request body, if any, is never read.
  if (req.method !== 'GET') return send([405, 'text/plain', 'method not allowed\n']);
  let reply: Reply;
  try {
    reply = route((req.url ?? '/').split('?')[0], h);
  } catch {
    reply = [500, 'text/plain', 'internal error\n'];
  }
  if (Buffer.byteLength(reply[2]) > limits.maxResponseBytes) reply = [500, 'text/plain', 'response too large\n'];
  send(reply);
}

/**
 * Keeps at most `max` connections. At the limit, a new connection closes the one that has
 * waited longest without a request in progress (a half-open or idle keep-alive socket), so
 * many slow clients cannot keep the kubelet's probes out; when every connection is busy
 * with a request, the new one is refused.
 */
class ConnectionBound {
  /** Insertion order: the first entry waited longest; busy means a request is being answered. */
  private readonly sockets = new Map<Socket, { busy: boolean }>();
  /** Connections that have not sent a request yet, closed when they stay silent too long. */
  private readonly silent = new Map<Socket, NodeJS.Timeout>();

  constructor(
    private readonly max: number,
    private readonly silenceMs: number,
  ) {}

  public admit(socket: Socket): void {
    if (this.sockets.size >= this.max) {
      const idle = [...this.sockets].find(([, state]) => !state.busy)?.[0];
      if (!idle) return void socket.destroy();
      this.sockets.delete(idle);
      idle.destroy();
    }
    this.sockets.set(socket, { busy: false });
    // Node's header and request timeouts start with the first byte: a socket that sends none needs its own.
    const timer = setTimeout(() => socket.destroy(), this.silenceMs);
    timer.unref();
    this.silent.set(socket, timer);
    socket.once('close', () => {
      this.sockets.delete(socket);
      clearTimeout(this.silent.get(socket));
      this.silent.delete(socket);
    });
  }

  /** A request arrived on `socket`; once answered, the socket waits again, last in line for eviction. */
  public busy(socket: Socket, res: ServerResponse): void {
    clearTimeout(this.silent.get(socket));
    this.silent.delete(socket);
    if (this.sockets.has(socket)) this.sockets.set(socket, { busy: true });
    res.once('finish', () => {
      if (this.sockets.delete(socket)) this.sockets.set(socket, { busy: false });
    });
  }
}

/** /healthz, /readyz, /metrics and /status on one port, within `limits`. */
export function startHttpServer(
  port: number,
  h: HttpHandlers,
  host = '0.0.0.0',
  limits: HttpLimits = DEFAULT_HTTP_LIMITS,
): Promise<Server> {
  const connections = new ConnectionBound(limits.maxConnections, limits.headersTimeoutMs);
  const server = createServer(
    {
      maxHeaderSize: limits.maxHeaderBytes,
      headersTimeout: limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      keepAliveTimeout: limits.keepAliveTimeoutMs,
      // How often the timeouts above are enforced (Node's default is 30 s).
      connectionsCheckingInterval: Math.max(50, Math.min(1000, limits.headersTimeoutMs / 4)),
    },
    (req, res) => {
      connections.busy(req.socket, res);
      respond(req, res, h, limits);
    },
  );
  server.maxRequestsPerSocket = 1000;
  server.on('connection', (socket: Socket) => connections.admit(socket));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
