import { KubeApi } from '../kube/kube-api';
import { microTime } from '../lease/microtime';

export interface EventTarget {
  readonly namespace: string;
  readonly podName: string;
}

/** Events the agent may send at once. */
export const EVENT_BURST = 20;
/** After a burst, one more Event per this period. */
export const EVENT_REFILL_MS = 15_000;

/**
 * Records Kubernetes Events on the agent's own pod. The same reason and message are
 * recorded once until they change, so a fault checked every 30 s is not an Event every 30 s.
 */
export class EventRecorder {
  private readonly last = new Map<string, string>();
  /** A token bucket, like client-go's event spam filter: a burst, then one Event per refill period. */
  private tokens = EVENT_BURST;
  private refilledAt?: number;

  constructor(
    private readonly api: KubeApi,
    private readonly target: EventTarget,
    private readonly now: () => number,
  ) {}

  /** Records unless the same (reason, message) was the last one for `topic`; returns whether it did. */
  public async record(topic: string, type: 'Normal' | 'Warning', reason: string, message: string): Promise<boolean> {
    const fingerprint = `${reason}\u0000${message}`;
    if (this.last.get(topic) === fingerprint || !this.take()) return false;
    const t = microTime(this.now()).replace(/\.\d+Z$/, 'Z');
    await this.api.createEvent(this.target.namespace, {
      metadata: { generateName: `${this.target.podName}.`, namespace: this.target.namespace },
      involvedObject: { apiVersion: 'v1', kind: 'Pod', name: this.target.podName, namespace: this.target.namespace },
      reason,
      message: message.slice(0, 1000),
      type,
      source: { component: 'flink-ha-agent' },
      firstTimestamp: t,
      lastTimestamp: t,
      count: 1,
      reportingComponent: 'flink-ha-agent',
      reportingInstance: this.target.podName,
    });
    this.last.set(topic, fingerprint);
    return true;
  }

  /** Whether an Event may go out now (a lock flipped back and forth must not flood the API server). */
  private take(): boolean {
    const now = this.now();
    this.refilledAt ??= now;
    const refills = Math.floor((now - this.refilledAt) / EVENT_REFILL_MS);
    if (refills > 0) {
      this.tokens = Math.min(EVENT_BURST, this.tokens + refills);
      this.refilledAt += refills * EVENT_REFILL_MS;
    }
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }

  /** Forgets a topic, so the next fault of that kind is recorded again. */
  public clear(topic: string): void {
    this.last.delete(topic);
  }
}
