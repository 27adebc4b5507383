import { fail } from './errors';

/**
 * Kubernetes object names.
 * @see https://kubernetes.io/docs/concepts/overview/working-with-objects/names/
 */

export const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
export const DNS_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** Throws unless `value` is a DNS-1123 label (Service, container, port and volume names). */
export function requireDnsLabel(prop: string, value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length > 63 || !DNS_LABEL.test(value)) {
    fail(
      prop,
      value,
      `is not a valid ${what}: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit`,
    );
  }
  return value;
}

/** Throws unless `value` is a DNS-1123 subdomain (names of most objects: Secrets, claims, classes). */
export function requireDnsSubdomain(prop: string, value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length > 253 || !DNS_SUBDOMAIN.test(value)) {
    fail(
      prop,
      value,
      `is not a valid ${what}: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit`,
    );
  }
  return value;
}

const DOMAIN =
  '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]*[a-zA-Z0-9])?)*|\\[[0-9a-fA-F:]+\\])(?::[0-9]+)?';
const COMPONENT = '[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*';
/** The container image reference grammar (distribution/reference): `[domain/]path[:tag][@digest]`. */
const IMAGE_REFERENCE = new RegExp(
  `^(?:${DOMAIN}/)?${COMPONENT}(?:/${COMPONENT})*(?::\\w[\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$`,
);

/** Throws unless `value` is a container image reference the kubelet can pull. */
export function requireImageReference(prop: string, value: unknown): string {
  if (typeof value !== 'string' || value.length > 512 || !IMAGE_REFERENCE.test(value)) {
    fail(
      prop,
      value,
      'is not an image reference such as "node:24-alpine" or "registry.example.com/team/ha-agent:1.0@sha256:<64 hex>"',
    );
  }
  return value;
}
