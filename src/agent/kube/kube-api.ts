/**
 * The narrow slice of the Kubernetes API the agent and its CLI use. The agent's logic
 * talks only to this interface, so it is tested against an in-memory fake; the real
 * implementation is a small HTTPS client (kube-client.ts).
 */

export interface ObjectMeta {
  readonly name: string;
  readonly namespace?: string;
  readonly resourceVersion?: string;
  readonly uid?: string;
  readonly labels?: { readonly [key: string]: string };
  readonly annotations?: { readonly [key: string]: string };
  readonly creationTimestamp?: string;
}

export interface ConfigMap {
  readonly metadata: ObjectMeta;
  readonly data?: { readonly [key: string]: string };
}

export interface LeaseSpec {
  readonly holderIdentity?: string;
  readonly leaseDurationSeconds?: number;
  /** MicroTime: exactly six fractional digits. */
  readonly acquireTime?: string;
  readonly renewTime?: string;
  readonly leaseTransitions?: number;
}

export interface Lease {
  readonly apiVersion?: 'coordination.k8s.io/v1';
  readonly kind?: 'Lease';
  readonly metadata: ObjectMeta;
  readonly spec: LeaseSpec;
}

export interface Pod {
  readonly metadata: ObjectMeta;
  readonly spec?: { readonly containers?: ReadonlyArray<{ readonly name: string }> };
  readonly status?: { readonly podIP?: string; readonly phase?: string };
}

export interface KubeEvent {
  readonly metadata: { readonly generateName?: string; readonly name?: string; readonly namespace: string };
  readonly involvedObject: {
    readonly kind: string;
    readonly name: string;
    readonly namespace: string;
    readonly uid?: string;
    readonly apiVersion?: string;
  };
  readonly reason: string;
  readonly message: string;
  readonly type: 'Normal' | 'Warning';
  readonly source?: { readonly component: string; readonly host?: string };
  readonly firstTimestamp?: string;
  readonly lastTimestamp?: string;
  readonly count?: number;
  readonly reportingComponent?: string;
  readonly reportingInstance?: string;
}

/** A watch event on ConfigMaps. */
export type WatchEvent =
  | { readonly type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK'; readonly object: ConfigMap }
  | { readonly type: 'ERROR'; readonly object: { readonly code?: number; readonly message?: string } };

/** An HTTP error from the API server. */
export class ApiError extends Error {
  constructor(
    public readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export const isNotFound = (e: unknown) => e instanceof ApiError && e.status === 404;
export const isConflict = (e: unknown) => e instanceof ApiError && e.status === 409;
export const isGone = (e: unknown) => e instanceof ApiError && e.status === 410;

/** DeleteOptions.preconditions: the object must still be this one. */
export interface Preconditions {
  readonly uid?: string;
  readonly resourceVersion?: string;
}

/** List filters, as the API server takes them. */
export interface Selector {
  readonly labelSelector?: string;
  readonly fieldSelector?: string;
}

export interface KubeApi {
  getConfigMap(namespace: string, name: string): Promise<ConfigMap>;
  listConfigMaps(
    namespace: string,
    selector: Selector,
  ): Promise<{ readonly items: ConfigMap[]; readonly resourceVersion: string }>;
  /**
   * Deletes a ConfigMap; with `preconditions`, only the object as it was read (409 when it
   * changed or was replaced since).
   */
  deleteConfigMap(namespace: string, name: string, preconditions?: Preconditions): Promise<void>;
  /**
   * Streams watch events for one ConfigMap from `resourceVersion` until the stream ends,
   * `signal` aborts, or an error (an ApiError with 410 for "too old").
   */
  watchConfigMap(
    namespace: string,
    name: string,
    resourceVersion: string,
    onEvent: (e: WatchEvent) => void,
    signal: AbortSignal,
  ): Promise<void>;
  getLease(namespace: string, name: string): Promise<Lease>;
  createLease(namespace: string, lease: Lease): Promise<Lease>;
  /** PUT with metadata.resourceVersion: 409 when stale. */
  replaceLease(namespace: string, lease: Lease): Promise<Lease>;
  listPods(namespace: string, labelSelector: string): Promise<Pod[]>;
  getPod(namespace: string, name: string): Promise<Pod>;
  /**
   * Sets one label of a pod with a JSON merge patch of exactly `metadata.labels[key]`: no
   * other field is sent, so an admission policy can allow this write and nothing else.
   */
  patchPodLabel(namespace: string, name: string, key: string, value: string): Promise<void>;
  createEvent(namespace: string, event: KubeEvent): Promise<void>;
}
