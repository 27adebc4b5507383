import { request } from 'http';
import { AddressInfo, connect, Socket } from 'net';
import { Server } from 'http';
import { DEFAULT_HTTP_LIMITS, HttpHandlers, HttpLimits, startHttpServer } from '../../../src/agent/runtime/http-server';

const handlers: HttpHandlers = {
  healthy: () => true,
  ready: () => false,
  metrics: () => 'flink_ha_agent_leader 1\n',
  status: () => ({ role: 'leader' }),
};

let servers: Server[] = [];
let sockets: Socket[] = [];
afterEach(async () => {
  for (const s of sockets) s.destroy();
  sockets = [];
  for (const server of servers) {
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
  servers = [];
});

async function start(limits: Partial<HttpLimits> = {}, h: HttpHandlers = handlers) {
  const server = await startHttpServer(0, h, '127.0.0.1', { ...DEFAULT_HTTP_LIMITS, ...limits });
  servers.push(server);
  return { server, port: (server.address() as AddressInfo).port };
}

function call(port: number, path: string, method = 'GET', headers: Record<string, string> = {}) {
  return new Promise<{ status: number; body: string; headers: Record<string, unknown> }>((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, method, headers, agent: false }, (res) => {
      let body = '';
      res.on('data', (c) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
    });
    req.on('error', reject);
    req.setTimeout(2000, () => req.destroy(new Error(`${method} ${path}: no answer in 2 s`)));
    req.end();
  });
}

/** A client that sends part of a request's headers and then nothing. */
function halfOpen(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write('GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: ');
      resolve(socket);
    });
    socket.on('error', () => undefined);
    socket.once('error', reject);
    sockets.push(socket);
  });
}

const closed = (socket: Socket) => new Promise<void>((r) => (socket.destroyed ? r() : socket.once('close', () => r())));

describe('agent HTTP server', () => {
  test('GET on the known paths only; small answers for everything else', async () => {
    const { port } = await start();
    expect(await call(port, '/healthz')).toMatchObject({ status: 200, body: 'ok\n' });
    expect((await call(port, '/readyz')).status).toBe(503);
    expect((await call(port, '/metrics')).body).toContain('flink_ha_agent_leader 1');
    expect(JSON.parse((await call(port, '/status?x=1')).body)).toEqual({ role: 'leader' });
    const missing = await call(port, '/../etc/passwd');
    expect(missing.status).toBe(404);
    expect(missing.body.length).toBeLessThan(100);
    for (const method of ['POST', 'PUT', 'DELETE', 'HEAD', 'OPTIONS']) {
      const r = await call(port, '/healthz', method);
      expect([method, r.status, r.headers.allow]).toEqual([method, 405, 'GET']);
    }
  });

  test('headers over 8 KiB are refused (431)', async () => {
    const { port } = await start();
    expect((await call(port, '/healthz', 'GET', { 'x-big': 'a'.repeat(9 * 1024) })).status).toBe(431);
    expect((await call(port, '/healthz', 'GET', { 'x-ok': 'a'.repeat(4 * 1024) })).status).toBe(200);
  });

  test('slowloris: a client trickling its headers is cut off at the headers timeout', async () => {
    const { port } = await start({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
    const socket = await halfOpen(port);
    const started = Date.now();
    const trickle = setInterval(() => socket.writable && socket.write('a'), 50);
    await closed(socket);
    clearInterval(trickle);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test('a silent connection is closed too', async () => {
    const { port } = await start({ headersTimeoutMs: 200, requestTimeoutMs: 400 });
    const socket = await new Promise<Socket>((r) => {
      const s = connect(port, '127.0.0.1', () => r(s));
      s.on('error', () => undefined);
      sockets.push(s);
    });
    const started = Date.now();
    await closed(socket);
    expect(Date.now() - started).toBeLessThan(1500);
  });

  test('hundreds of half-open connections: connections stay bounded, /healthz keeps answering', async () => {
    // Long timeouts: only the connection bound protects the server here.
    const { server, port } = await start({ maxConnections: 16, headersTimeoutMs: 60_000, requestTimeoutMs: 120_000 });
    const open: Socket[] = [];
    for (let i = 0; i < 300; i++) open.push(await halfOpen(port));
    for (let i = 0; i < 10; i++) {
      expect((await call(port, '/healthz')).status).toBe(200);
      open.push(await halfOpen(port));
    }
    const count = await new Promise<number>((r) => server.getConnections((_e, n) => r(n)));
    expect(count).toBeLessThanOrEqual(16);
    // The oldest half-open clients were closed to make room.
    expect(open.slice(0, 250).every((s) => s.destroyed || s.readableEnded)).toBe(true);
  });

  test('a handler that throws, or an oversized answer, is a short 500', async () => {
    const { port } = await start(
      { maxResponseBytes: 1024 },
      {
        ...handlers,
        status: () => ({ big: 'x'.repeat(4096) }),
        metrics: () => {
          throw new Error('boom');
        },
      },
    );
    expect(await call(port, '/status')).toMatchObject({ status: 500, body: 'response too large\n' });
    expect(await call(port, '/metrics')).toMatchObject({ status: 500, body: 'internal error\n' });
  });
});
