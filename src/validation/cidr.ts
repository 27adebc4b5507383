import { isIPv4, isIPv6 } from 'net';

/** A parsed CIDR: address family, the address as a number, and the prefix length. */
export interface Cidr {
  readonly family: 4 | 6;
  readonly address: bigint;
  readonly bits: number;
}

function ipv4Number(ip: string): bigint {
  return ip.split('.').reduce((n, octet) => (n << 8n) + BigInt(Number(octet)), 0n);
}

function ipv6Number(ip: string): bigint {
  // An IPv4 tail (::ffff:10.0.0.1) is two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(ip);
  const text = v4 ? ip.slice(0, -v4[1].length) + '0:0' : ip;
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups =
    tail === undefined ? left : [...left, ...Array<string>(8 - left.length - right.length).fill('0'), ...right];
  const n = groups.reduce((acc, g) => (acc << 16n) + BigInt(parseInt(g || '0', 16)), 0n);
  return v4 ? n + ipv4Number(v4[1]) : n;
}

/** Parses "10.0.0.0/8" or "fd00::/8" as Kubernetes does (host bits may be set); undefined when invalid. */
export function parseCidr(value: unknown): Cidr | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^([^/]+)\/(\d{1,3})$/.exec(value);
  if (!m) return undefined;
  const bits = Number(m[2]);
  if (isIPv4(m[1]) && bits <= 32) return { family: 4, address: ipv4Number(m[1]), bits };
  if (isIPv6(m[1]) && !m[1].includes('%') && bits <= 128) return { family: 6, address: ipv6Number(m[1]), bits };
  return undefined;
}

/** Whether `inner` is a strict subset of `outer` (what Kubernetes demands of an ipBlock's except entries). */
export function strictlyInside(inner: Cidr, outer: Cidr): boolean {
  if (inner.family !== outer.family || inner.bits <= outer.bits) return false;
  const width = BigInt(outer.family === 4 ? 32 : 128);
  const shift = width - BigInt(outer.bits);
  return inner.address >> shift === outer.address >> shift;
}
