import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import { ApiError, WatchEvent } from '../../../src/agent/kube/kube-api';
import { HttpKubeClient, inClusterConnection } from '../../../src/agent/kube/kube-client';

/** A local server answering with `handler`, recording requests. */
async function serve(handler: (req: IncomingMessage, body: string, res: ServerResponse) => void) {
  const seen: Array<{ method: string; url: string; auth?: string; type?: string; body: string }> = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      seen.push({
        method: req.method!,
        url: req.url!,
        auth: req.headers.authorization,
        type: req.headers['content-type'],
        body,
      });
      handler(req, body, res);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

const json = (res: ServerResponse, code: number, body: unknown) => {
  res.writeHead(code, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

describe('HttpKubeClient', () => {
  test('paths, query, merge-patch content type, bearer token', async () => {
    const s = await serve((_req, _body, res) => json(res, 200, { items: [], metadata: { resourceVersion: '42' } }));
    const client = new HttpKubeClient({ server: s.url, token: () => 't0k' });
    try {
      expect(await client.listConfigMaps('flink', { labelSelector: 'app=c,type=flink-native-kubernetes' })).toEqual({
        items: [],
        resourceVersion: '42',
      });
      await client.patchPodLabel('flink', 'jm-0', 'flink.cdk8s.io/ha-role', 'leader');
      await client.replaceLease('flink', { metadata: { name: 'c-jobmanager-leader', resourceVersion: '7' }, spec: {} });
      await client.deleteConfigMap('flink', 'c-cluster-config-map', { uid: 'u1', resourceVersion: '9' });
      expect(s.seen.map((r) => `${r.method} ${decodeURIComponent(r.url)}`)).toEqual([
        'GET /api/v1/namespaces/flink/configmaps?labelSelector=app=c,type=flink-native-kubernetes',
        'PATCH /api/v1/namespaces/flink/pods/jm-0',
        'PUT /apis/coordination.k8s.io/v1/namespaces/flink/leases/c-jobmanager-leader',
        'DELETE /api/v1/namespaces/flink/configmaps/c-cluster-config-map',
      ]);
      expect(JSON.parse(s.seen[3].body)).toEqual({
        apiVersion: 'v1',
        kind: 'DeleteOptions',
        preconditions: { uid: 'u1', resourceVersion: '9' },
      });
      expect(s.seen[1]).toMatchObject({
        type: 'application/merge-patch+json',
        auth: 'Bearer t0k',
        body: '{"metadata":{"labels":{"flink.cdk8s.io/ha-role":"leader"}}}',
      });
    } finally {
      client.close();
      await s.close();
    }
  });

  test('errors carry the status and the Status message', async () => {
    const s = await serve((_req, _body, res) =>
      json(res, 409, { kind: 'Status', code: 409, message: 'the object has been modified' }),
    );
    const client = new HttpKubeClient({ server: s.url });
    try {
      await expect(client.getLease('flink', 'l')).rejects.toEqual(
        new ApiError(409, 'HTTP 409: the object has been modified'),
      );
    } finally {
      client.close();
      await s.close();
    }
  });

  test('every request has a deadline: a server that trickles or never answers is cut off', async () => {
    const s = await serve((req, _body, res) => {
      if (req.url!.includes('slow')) {
        res.writeHead(200, { 'content-type': 'application/json' });
        const drip = setInterval(() => res.write(' '), 50);
        res.on('close', () => clearInterval(drip));
      } // otherwise: no answer at all
    });
    const client = new HttpKubeClient({ server: s.url }, { requestTimeoutMs: 300 });
    try {
      for (const name of ['slow', 'silent']) {
        const started = Date.now();
        await expect(client.getConfigMap('flink', name)).rejects.toThrow(/timed out after 0\.3 s/);
        expect(Date.now() - started).toBeLessThan(1500);
      }
    } finally {
      client.close();
      await s.close();
    }
  });

  test('an answer or a watch event beyond its size limit is an error, not memory', async () => {
    const s = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      // An endless line: no closing brace, no newline.
      const flood = setInterval(() => res.write(`{"x":"${'y'.repeat(64 * 1024)}`), 1);
      res.on('close', () => clearInterval(flood));
    });
    const client = new HttpKubeClient({ server: s.url }, { maxResponseBytes: 1 << 20, maxWatchEventBytes: 1 << 20 });
    try {
      await expect(client.getConfigMap('flink', 'c')).rejects.toThrow(/an answer larger than 1048576 bytes/);
      await expect(
        client.watchConfigMap('flink', 'c', '1', () => undefined, new AbortController().signal),
      ).rejects.toThrow(/a watch event larger than 1048576 bytes/);
    } finally {
      client.close();
      await s.close();
    }
  });

  test('a 401 re-reads the token once (service-account tokens rotate)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-'));
    writeFileSync(join(dir, 'token'), 'old\n');
    writeFileSync(join(dir, 'ca.crt'), 'unused');
    const s = await serve((req, _body, res) =>
      req.headers.authorization === 'Bearer new'
        ? json(res, 200, { metadata: { name: 'x' } })
        : json(res, 401, { message: 'Unauthorized' }),
    );
    const conn = inClusterConnection({ KUBERNETES_SERVICE_HOST: '127.0.0.1', KUBERNETES_SERVICE_PORT: '1' }, dir);
    expect(conn.server).toBe('https://127.0.0.1:1');
    const client = new HttpKubeClient({ ...conn, server: s.url });
    try {
      await expect(client.getConfigMap('flink', 'x')).rejects.toThrow('HTTP 401');
      writeFileSync(join(dir, 'token'), 'new\n');
      expect(await client.getConfigMap('flink', 'x')).toEqual({ metadata: { name: 'x' } });
      expect(s.seen.map((r) => r.auth)).toEqual(['Bearer old', 'Bearer old', 'Bearer old', 'Bearer new']);
    } finally {
      client.close();
      await s.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('watch: JSON lines split across chunks, ends with the stream; 410 as an ApiError; abort resolves', async () => {
    const s = await serve((req, _body, res) => {
      const rv = new URL(req.url!, 'http://x').searchParams.get('resourceVersion');
      if (rv === 'old') return json(res, 410, { kind: 'Status', code: 410, message: 'too old resource version' });
      res.writeHead(200, { 'content-type': 'application/json' });
      if (rv === 'hang') return res.write('');
      const line =
        JSON.stringify({ type: 'MODIFIED', object: { metadata: { name: 'c', resourceVersion: '11' } } }) + '\n';
      res.write(line.slice(0, 10));
      setTimeout(() => {
        res.write(line.slice(10) + line);
        res.end();
      }, 20);
    });
    const client = new HttpKubeClient({ server: s.url });
    try {
      const events: WatchEvent[] = [];
      await client.watchConfigMap('flink', 'c', '10', (e) => events.push(e), new AbortController().signal);
      expect(events.map((e) => e.type)).toEqual(['MODIFIED', 'MODIFIED']);
      expect(decodeURIComponent(s.seen[0].url)).toBe(
        '/api/v1/namespaces/flink/configmaps?fieldSelector=metadata.name=c&watch=1&resourceVersion=10&allowWatchBookmarks=true&timeoutSeconds=300',
      );

      await expect(
        client.watchConfigMap('flink', 'c', 'old', () => undefined, new AbortController().signal),
      ).rejects.toMatchObject({ status: 410 });

      const controller = new AbortController();
      const hanging = client.watchConfigMap('flink', 'c', 'hang', () => undefined, controller.signal);
      setTimeout(() => controller.abort(), 20);
      await expect(hanging).resolves.toBeUndefined();
    } finally {
      client.close();
      await s.close();
    }
  });

  test('a dropped watch connection rejects', async () => {
    const s = await serve((_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write(JSON.stringify({ type: 'ADDED', object: { metadata: { name: 'c', resourceVersion: '1' } } }) + '\n');
      setTimeout(() => res.destroy(), 20);
    });
    const client = new HttpKubeClient({ server: s.url });
    try {
      const events: WatchEvent[] = [];
      await expect(
        client.watchConfigMap('flink', 'c', '0', (e) => events.push(e), new AbortController().signal),
      ).rejects.toThrow();
      expect(events).toHaveLength(1);
    } finally {
      client.close();
      await s.close();
    }
  });
});

describe('rotating service-account files', () => {
  test('the token and the CA bundle are re-read after a minute; an unreadable CA keeps the last good one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sa-'));
    try {
      writeFileSync(join(dir, 'token'), 'token-1\n');
      writeFileSync(join(dir, 'ca.crt'), 'ca-1');
      let t = 0;
      const conn = inClusterConnection({ KUBERNETES_SERVICE_HOST: '10.96.0.1' }, dir, () => t);
      const ca = () => (conn.ca as () => Buffer)().toString();
      expect([conn.token!(), ca()]).toEqual(['token-1', 'ca-1']);
      writeFileSync(join(dir, 'token'), 'token-2\n');
      writeFileSync(join(dir, 'ca.crt'), 'ca-2');
      t = 59_000;
      expect([conn.token!(), ca()]).toEqual(['token-1', 'ca-1']);
      t = 61_000;
      expect([conn.token!(), ca()]).toEqual(['token-2', 'ca-2']);
      rmSync(join(dir, 'ca.crt'));
      t = 200_000;
      expect(ca()).toBe('ca-2');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a changed CA bundle gives the client a new TLS agent; an unchanged one keeps it', () => {
    let bundle = Buffer.from('ca-1');
    const client = new HttpKubeClient({ server: 'https://10.96.0.1:443', ca: () => bundle });
    const agentOf = () => (client as unknown as { currentAgent(): unknown }).currentAgent();
    const first = agentOf();
    expect(agentOf()).toBe(first);
    bundle = Buffer.from('ca-2');
    const second = agentOf();
    expect(second).not.toBe(first);
    expect((second as { options: { ca: Buffer } }).options.ca.toString()).toBe('ca-2');
    bundle = Buffer.from('ca-2');
    expect(agentOf()).toBe(second);
    client.close();
  });
});
