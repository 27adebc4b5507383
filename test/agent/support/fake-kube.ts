import {
  ApiError,
  ConfigMap,
  KubeApi,
  KubeEvent,
  Lease,
  Pod,
  Preconditions,
  Selector,
  WatchEvent,
} from '../../../src/agent/kube/kube-api';

/** An in-memory API server subset with resourceVersions, 404s and 409s; faults on demand. */
export class FakeKube implements KubeApi {
  public readonly configMaps = new Map<string, ConfigMap>();
  public readonly leases = new Map<string, Lease>();
  public readonly pods = new Map<string, Pod>();
  public readonly events: KubeEvent[] = [];
  public readonly calls: string[] = [];
  /** Operations that fail with this status until cleared. */
  public readonly failing = new Map<string, number>();
  private rv = 100;

  public nextRv(): string {
    return String(++this.rv);
  }

  public putConfigMap(cm: ConfigMap): ConfigMap {
    const stored = { ...cm, metadata: { ...cm.metadata, resourceVersion: this.nextRv() } };
    this.configMaps.set(cm.metadata.name, stored);
    return stored;
  }

  public addPod(name: string, labels: Record<string, string> = {}, podIP?: string): void {
    this.pods.set(name, { metadata: { name, labels }, status: { podIP } });
  }

  private check(op: string): void {
    this.calls.push(op);
    const status = this.failing.get(op);
    if (status) throw new ApiError(status, `injected ${status} on ${op}`);
  }

  public async getConfigMap(_ns: string, name: string) {
    this.check('getConfigMap');
    const cm = this.configMaps.get(name);
    if (!cm) throw new ApiError(404, `configmaps "${name}" not found`);
    return cm;
  }

  public async listConfigMaps(_ns: string, selector: Selector) {
    this.check('listConfigMaps');
    const items = [...this.configMaps.values()].filter((cm) => matches(cm, selector));
    return { items, resourceVersion: String(this.rv) };
  }

  public async deleteConfigMap(_ns: string, name: string, preconditions?: Preconditions) {
    this.check('deleteConfigMap');
    const current = this.configMaps.get(name);
    if (!current) throw new ApiError(404, 'not found');
    const rv = preconditions?.resourceVersion;
    if (rv !== undefined && rv !== current.metadata.resourceVersion)
      throw new ApiError(409, `Precondition failed: ResourceVersion in precondition: ${rv}`);
    this.configMaps.delete(name);
  }

  public async watchConfigMap(
    _ns: string,
    _name: string,
    _rv: string,
    _on: (e: WatchEvent) => void,
    _signal: AbortSignal,
  ): Promise<void> {
    this.check('watchConfigMap');
  }

  public async getLease(_ns: string, name: string) {
    this.check('getLease');
    const l = this.leases.get(name);
    if (!l) throw new ApiError(404, `leases "${name}" not found`);
    return l;
  }

  public async createLease(_ns: string, lease: Lease) {
    this.check('createLease');
    validLeaseNumbers(lease);
    if (this.leases.has(lease.metadata.name)) throw new ApiError(409, 'already exists');
    const stored = { ...lease, metadata: { ...lease.metadata, resourceVersion: this.nextRv() } };
    this.leases.set(lease.metadata.name, stored);
    return stored;
  }

  public async replaceLease(_ns: string, lease: Lease) {
    this.check('replaceLease');
    const current = this.leases.get(lease.metadata.name);
    if (!current) throw new ApiError(404, 'not found');
    if (current.metadata.resourceVersion !== lease.metadata.resourceVersion)
      throw new ApiError(409, 'the object has been modified');
    validLeaseNumbers(lease);
    for (const t of [lease.spec.acquireTime, lease.spec.renewTime]) {
      if (t !== undefined && !/\.\d{6}Z$/.test(t))
        throw new ApiError(400, `MicroTime needs six fractional digits: ${t}`);
    }
    const stored = { ...lease, metadata: { ...lease.metadata, resourceVersion: this.nextRv() } };
    this.leases.set(lease.metadata.name, stored);
    return stored;
  }

  public async listPods(_ns: string, labelSelector: string) {
    this.check('listPods');
    return [...this.pods.values()].filter((p) => matches({ metadata: p.metadata }, { labelSelector }));
  }

  public async getPod(_ns: string, name: string) {
    this.check('getPod');
    const pod = this.pods.get(name);
    if (!pod) throw new ApiError(404, `pods "${name}" not found`);
    return pod;
  }

  public async patchPodLabel(_ns: string, name: string, key: string, value: string) {
    this.check('patchPodLabel');
    const pod = this.pods.get(name);
    if (!pod) throw new ApiError(404, `pods "${name}" not found`);
    this.pods.set(name, { ...pod, metadata: { ...pod.metadata, labels: { ...pod.metadata.labels, [key]: value } } });
  }

  public async createEvent(_ns: string, event: KubeEvent) {
    this.check('createEvent');
    this.events.push(event);
  }

  public label(pod: string, key: string): string | undefined {
    return this.pods.get(pod)?.metadata.labels?.[key];
  }
}

/** The API server's checks of a Lease's numbers: int32, a positive duration, no negative count. */
function validLeaseNumbers(lease: Lease): void {
  const { leaseDurationSeconds: duration, leaseTransitions: transitions } = lease.spec;
  const int32 = (n: number) => Number.isInteger(n) && n >= -(2 ** 31) && n < 2 ** 31;
  if (duration !== undefined && (!int32(duration) || duration <= 0))
    throw new ApiError(422, `spec.leaseDurationSeconds: Invalid value: ${duration}`);
  if (transitions !== undefined && (!int32(transitions) || transitions < 0))
    throw new ApiError(422, `spec.leaseTransitions: Invalid value: ${transitions}`);
}

function matches(obj: { metadata: { name: string; labels?: Record<string, string> } }, s: Selector): boolean {
  if (s.fieldSelector) {
    const [k, v] = s.fieldSelector.split('=');
    if (k === 'metadata.name' && obj.metadata.name !== v) return false;
  }
  for (const term of (s.labelSelector ?? '').split(',').filter(Boolean)) {
    const [k, v] = term.split('=');
    if (obj.metadata.labels?.[k] !== v) return false;
  }
  return true;
}

/** A clock tests move by hand. */
export class FakeClock {
  constructor(public t = Date.parse('2026-01-01T00:00:00.000Z')) {}
  public now = () => this.t;
  public advance(ms: number): void {
    this.t += ms;
  }
  public sleep = async () => {
    /* ticks are driven by the test */
  };
}

/**
 * A clock whose sleeps end only when the test advances time past them (or their signal
 * aborts), for driving `run()` loops deterministically.
 */
export class ManualClock {
  private timers: Array<{ at: number; resolve: () => void }> = [];
  constructor(public t = Date.parse('2026-01-01T00:00:00.000Z')) {}
  public now = () => this.t;
  public sleep = (ms: number, signal?: AbortSignal) =>
    new Promise<void>((resolve) => {
      if (signal?.aborted) return resolve();
      // Like the system clock, a fired timer drops its abort listener (long runs would pile them up).
      const onAbort = () => {
        this.timers = this.timers.filter((x) => x !== timer);
        resolve();
      };
      const timer = {
        at: this.t + ms,
        resolve: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
        },
      };
      this.timers.push(timer);
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  /** Number of sleeps in progress. */
  public get pending(): number {
    return this.timers.length;
  }
  /** How far ahead each pending sleep ends, ms. */
  public get pendingDelays(): number[] {
    return this.timers.map((x) => x.at - this.t);
  }
  /** Moves time forward in steps, letting woken loops run between steps. */
  public async advance(ms: number, stepMs = 100): Promise<void> {
    const end = this.t + ms;
    while (this.t < end) {
      this.t = Math.min(end, this.t + stepMs);
      const due = this.timers.filter((x) => x.at <= this.t);
      this.timers = this.timers.filter((x) => x.at > this.t);
      for (const x of due) x.resolve();
      await flush();
    }
  }
}

/** Lets pending promise callbacks run. */
export async function flush(rounds = 20): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((r) => setImmediate(r));
}
