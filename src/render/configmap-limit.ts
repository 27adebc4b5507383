import { fail } from '../validation/errors';

const CONFIGMAP_LIMIT_BYTES = 1024 * 1024;

/** Kubernetes stores at most 1 MiB per ConfigMap. */
export function checkConfigMapSize(name: string, data: { [key: string]: string }): void {
  const bytes = Object.entries(data).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
  if (bytes > CONFIGMAP_LIMIT_BYTES) {
    fail(
      `ConfigMap ${name}`,
      `${bytes} bytes`,
      "exceeds Kubernetes' 1 MiB ConfigMap limit; move large values out of flinkConfiguration, or use haAgent.image instead of the bundled agent",
    );
  }
}
