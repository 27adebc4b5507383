import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { AddressInfo } from 'net';

type Obj = {
  metadata: {
    name: string;
    namespace?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  [k: string]: any;
};
interface Watcher {
  res: ServerResponse;
  name: string;
  rv: number;
}

/**
 * An in-process HTTP server speaking the Kubernetes API subset the agent uses, on
 * 127.0.0.1 only: ConfigMap get/list/watch (chunked JSON lines), Lease get/create/update
 * with resourceVersion conflicts, pod merge-patch, Event create; with fault injection
 * (5xx answers, dropped watch connections, 410 Gone).
 */
export class FakeApiServer {
  public readonly configMaps = new Map<string, Obj>();
  public readonly leases = new Map<string, Obj>();
  public readonly pods = new Map<string, Obj>();
  public readonly events: Obj[] = [];
  public requests = 0;
  /** Every request: who (the bearer token), what, and the body. */
  public readonly log: Array<{ token?: string; method: string; url: string; type?: string; body: string }> = [];
  public readonly requestsByRoute = new Map<string, number>();
  /** Answer this many upcoming non-watch requests with 500. */
  public fail5xx = 0;
  private rv = 1000;
  /** History of ConfigMap versions, for watches resuming from an old resourceVersion. */
  private history: Array<{ rv: number; type: string; obj: Obj }> = [];
  private oldestRv = 0;
  private watchers: Watcher[] = [];
  private server?: Server;

  public async start(): Promise<string> {
    this.server = createServer((req, res) => this.handle(req, res));
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  public async stop(): Promise<void> {
    for (const w of this.watchers) w.res.destroy();
    this.watchers = [];
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()));
  }

  public addPod(
    name: string,
    ip: string,
    labels: Record<string, string>,
    containers: string[] = ['flink-main-container'],
  ): void {
    this.pods.set(name, {
      metadata: { name, namespace: 'flink', labels: { ...labels }, resourceVersion: String(++this.rv) },
      spec: { containers: containers.map((c) => ({ name: c })) },
      status: { podIP: ip, phase: 'Running' },
    });
  }

  /** Writes a ConfigMap as Flink would, notifying watches. */
  public writeConfigMap(obj: Obj): void {
    const stored = { ...obj, metadata: { ...obj.metadata, namespace: 'flink', resourceVersion: String(++this.rv) } };
    const type = this.configMaps.has(obj.metadata.name) ? 'MODIFIED' : 'ADDED';
    this.configMaps.set(obj.metadata.name, stored);
    this.history.push({ rv: this.rv, type, obj: stored });
    for (const w of this.watchers) if (w.name === obj.metadata.name) this.send(w, type, stored);
  }

  /** Drops every open watch connection, as a restarting API server would. */
  public dropWatches(): void {
    for (const w of this.watchers) w.res.destroy();
    this.watchers = [];
  }

  /** Forgets history: watches from older resourceVersions get 410 Gone. */
  public compact(): void {
    this.oldestRv = this.rv;
    this.history = [];
    for (const w of this.watchers) {
      w.res.end(
        JSON.stringify({
          type: 'ERROR',
          object: { kind: 'Status', code: 410, reason: 'Expired', message: 'too old resource version' },
        }) + '\n',
      );
    }
    this.watchers = [];
  }

  public label(pod: string, key: string): string | undefined {
    return this.pods.get(pod)?.metadata.labels?.[key];
  }

  private send(w: Watcher, type: string, obj: Obj): void {
    w.res.write(JSON.stringify({ type, object: obj }) + '\n');
  }

  private count(route: string): void {
    this.requests++;
    this.requestsByRoute.set(route, (this.requestsByRoute.get(route) ?? 0) + 1);
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', 'http://x');
    const json = (code: number, body: unknown) => {
      res.writeHead(code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const status = (code: number, message: string) => json(code, { kind: 'Status', code, message });
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      this.log.push({
        token: req.headers.authorization?.replace(/^Bearer /, ''),
        method: req.method ?? '',
        url: req.url ?? '',
        type: req.headers['content-type'],
        body,
      });
      const parts = url.pathname.split('/').filter(Boolean);
      // /api/v1/namespaces/flink/<resource>[/<name>] or /apis/coordination.k8s.io/v1/namespaces/flink/leases[/<name>]
      const i = parts.indexOf('namespaces');
      const resource = parts[i + 2];
      const name = parts[i + 3];
      const watch = url.searchParams.get('watch') === '1';
      this.count(`${req.method} ${resource}${name ? '/name' : ''}${watch ? '?watch' : ''}`);
      if (!watch && this.fail5xx > 0) {
        this.fail5xx--;
        return status(500, 'injected failure');
      }
      const fieldName = url.searchParams.get('fieldSelector')?.replace(/^metadata\.name=/, '');
      const labels = (url.searchParams.get('labelSelector') ?? '')
        .split(',')
        .filter(Boolean)
        .map((t) => t.split('='));
      const matches = (o: Obj) =>
        (!fieldName || o.metadata.name === fieldName) && labels.every(([k, v]) => o.metadata.labels?.[k] === v);
      try {
        if (resource === 'configmaps' && req.method === 'GET' && watch) {
          const from = Number(url.searchParams.get('resourceVersion') ?? '0');
          if (from < this.oldestRv) return status(410, 'too old resource version');
          res.writeHead(200, { 'content-type': 'application/json', 'transfer-encoding': 'chunked' });
          const w: Watcher = { res, name: fieldName ?? '', rv: from };
          for (const h of this.history) if (h.rv > from && h.obj.metadata.name === w.name) this.send(w, h.type, h.obj);
          this.watchers.push(w);
          res.on('close', () => {
            this.watchers = this.watchers.filter((x) => x !== w);
          });
          return;
        }
        if (resource === 'configmaps' && req.method === 'GET') {
          if (name) {
            const cm = this.configMaps.get(name);
            return cm ? json(200, cm) : status(404, `configmaps "${name}" not found`);
          }
          return json(200, {
            kind: 'ConfigMapList',
            metadata: { resourceVersion: String(this.rv) },
            items: [...this.configMaps.values()].filter(matches),
          });
        }
        if (resource === 'configmaps' && req.method === 'DELETE') {
          return this.configMaps.delete(name) ? json(200, { kind: 'Status', code: 200 }) : status(404, 'not found');
        }
        if (resource === 'leases' && req.method === 'GET') {
          const l = this.leases.get(name);
          return l ? json(200, l) : status(404, `leases "${name}" not found`);
        }
        if (resource === 'leases' && (req.method === 'POST' || req.method === 'PUT')) {
          const lease = JSON.parse(body) as Obj;
          for (const t of [lease.spec?.acquireTime, lease.spec?.renewTime]) {
            if (t !== undefined && !/\.\d{6}Z$/.test(t)) return status(400, `invalid MicroTime ${t}`);
          }
          const current = this.leases.get(lease.metadata.name);
          if (req.method === 'POST' && current) return status(409, 'already exists');
          if (req.method === 'PUT' && (!current || current.metadata.resourceVersion !== lease.metadata.resourceVersion))
            return status(409, 'the object has been modified');
          const stored = {
            ...lease,
            metadata: { ...lease.metadata, namespace: 'flink', resourceVersion: String(++this.rv) },
          };
          this.leases.set(lease.metadata.name, stored);
          return json(req.method === 'POST' ? 201 : 200, stored);
        }
        if (resource === 'pods' && req.method === 'PATCH') {
          const pod = this.pods.get(name);
          if (!pod) return status(404, 'not found');
          if (req.headers['content-type'] !== 'application/merge-patch+json')
            return status(415, 'unsupported patch type');
          const patch = JSON.parse(body);
          const merged = { ...pod.metadata.labels };
          for (const [k, v] of Object.entries(patch.metadata?.labels ?? {})) {
            if (v === null) delete merged[k];
            else merged[k] = v as string;
          }
          pod.metadata.labels = merged;
          return json(200, pod);
        }
        if (resource === 'pods' && req.method === 'GET' && name) {
          const pod = this.pods.get(name);
          return pod ? json(200, pod) : status(404, `pods "${name}" not found`);
        }
        if (resource === 'pods' && req.method === 'GET')
          return json(200, { items: [...this.pods.values()].filter(matches) });
        if (resource === 'events' && req.method === 'POST') {
          this.events.push(JSON.parse(body));
          return json(201, {});
        }
        return status(404, `no route for ${req.method} ${url.pathname}`);
      } catch (e) {
        return status(400, (e as Error).message);
      }
    });
  }
}
