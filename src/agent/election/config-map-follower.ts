import { backoffDelay, Clock } from '../runtime/clock';
import { ConfigMap, isGone, KubeApi } from '../kube/kube-api';

export interface FollowerHandlers {
  /** The ConfigMap as it is now; undefined when it does not exist. */
  onState(cm: ConfigMap | undefined): void;
  /** Any successful answer from the API server. */
  onContact(): void;
  onError(op: string, error: unknown): void;
}

/**
 * Follows one ConfigMap by watching, not polling: list to get a resourceVersion, watch
 * from it, resume from the last seen resourceVersion when the stream ends or drops, list
 * again on 410 Gone, and back off (capped, jittered) after errors.
 */
export async function followConfigMap(
  api: KubeApi,
  namespace: string,
  name: string,
  h: FollowerHandlers,
  clock: Clock,
  signal: AbortSignal,
): Promise<void> {
  let resourceVersion: string | undefined;
  let failures = 0;
  while (!signal.aborted) {
    try {
      if (resourceVersion === undefined) {
        const list = await api.listConfigMaps(namespace, { fieldSelector: `metadata.name=${name}` });
        h.onContact();
        h.onState(list.items[0]);
        resourceVersion = list.resourceVersion;
      }
      let gone = false;
      let errored = false;
      let events = 0;
      const started = clock.now();
      await api.watchConfigMap(
        namespace,
        name,
        resourceVersion,
        (e) => {
          h.onContact();
          if (e.type === 'ERROR') {
            // An error in the stream is not progress: it must not reset the backoff.
            if (e.object.code === 410) gone = true;
            else {
              errored = true;
              h.onError('watch', new Error(`watch error ${e.object.code}: ${e.object.message}`));
            }
            return;
          }
          events++;
          failures = 0;
          if (e.object.metadata.resourceVersion) resourceVersion = e.object.metadata.resourceVersion;
          if (e.type === 'BOOKMARK') return;
          h.onState(e.type === 'DELETED' ? undefined : e.object);
        },
        signal,
      );
      if (gone) resourceVersion = undefined;
      // A stream that ends in an error, or closes at once without events, must not become a busy loop.
      if (errored || (!gone && events === 0 && clock.now() - started < 1000))
        await clock.sleep(backoffDelay(failures++), signal);
    } catch (e) {
      if (signal.aborted) break;
      if (isGone(e)) {
        resourceVersion = undefined;
        continue;
      }
      h.onError(resourceVersion === undefined ? 'list' : 'watch', e);
      await clock.sleep(backoffDelay(failures++), signal);
    }
  }
}
