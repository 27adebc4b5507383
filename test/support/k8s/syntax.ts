/**
 * Kubernetes' own syntax rules for names, labels, ports and quantities (from
 * k8s.io/apimachinery/pkg/util/validation and resource.Quantity), which the OpenAPI
 * schemas leave out: the API server rejects such objects only at apply time.
 */

/** RFC 1123 label: Service, Namespace and container names. */
export const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** RFC 1123 subdomain: most object names. */
export const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
/** A qualified name's name part: label keys without prefix, label values (non-empty). */
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
/** resource.Quantity's canonical grammar. */
const QUANTITY = /^[+-]?(\d+(\.\d*)?|\.\d+)([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/;
/** Environment variable names as the API server accepts them. */
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;

/** Problems with a DNS-1123 label (at most 63 characters). */
export function checkDnsLabel(value: unknown, what: string): string[] {
  return typeof value === 'string' && value.length <= 63 && DNS1123_LABEL.test(value)
    ? []
    : [`${what} ${JSON.stringify(value)} is not a DNS-1123 label`];
}

/** Problems with a DNS-1123 subdomain (at most 253 characters). */
export function checkDnsSubdomain(value: unknown, what: string): string[] {
  return typeof value === 'string' && value.length <= 253 && DNS1123_SUBDOMAIN.test(value)
    ? []
    : [`${what} ${JSON.stringify(value)} is not a DNS-1123 subdomain`];
}

/** IANA_SVC_NAME: at most 15 characters, lowercase letters, digits and inner "-", at least one letter, no "--". */
export function checkPortName(value: unknown, what: string): string[] {
  const ok =
    typeof value === 'string' &&
    value.length >= 1 &&
    value.length <= 15 &&
    /^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/.test(value) &&
    /[a-z]/.test(value) &&
    !value.includes('--');
  return ok ? [] : [`${what} ${JSON.stringify(value)} is not an IANA_SVC_NAME (<= 15 lowercase letters, digits, "-")`];
}

/** A port number in 1..65535. */
export function checkPortNumber(value: unknown, what: string): string[] {
  return typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 65535
    ? []
    : [`${what} ${JSON.stringify(value)} is not a port number 1-65535`];
}

/** An IntOrString port: a number in range or an IANA_SVC_NAME. */
export function checkPortRef(value: unknown, what: string): string[] {
  return typeof value === 'number' ? checkPortNumber(value, what) : checkPortName(value, what);
}

/** Label (or annotation) key: optional DNS-subdomain prefix and "/", then a qualified name of at most 63 characters. */
export function checkLabelKey(key: string, what: string): string[] {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  const ok =
    name.length <= 63 &&
    QUALIFIED_NAME.test(name) &&
    (prefix === undefined || (prefix.length <= 253 && DNS1123_SUBDOMAIN.test(prefix)));
  return ok ? [] : [`${what} key ${JSON.stringify(key)} is not a qualified name`];
}

/** Label value: empty, or at most 63 characters of alphanumerics and inner "-", "_", ".". */
export function checkLabelValue(value: unknown, what: string): string[] {
  const ok = typeof value === 'string' && (value === '' || (value.length <= 63 && QUALIFIED_NAME.test(value)));
  return ok ? [] : [`${what} value ${JSON.stringify(value)} is not a valid label value`];
}

/** A resource quantity such as "1", "500m", "1024Mi", "1Gi". */
export function checkQuantity(value: unknown, what: string): string[] {
  return (typeof value === 'string' && QUANTITY.test(value)) ||
    (typeof value === 'number' && Number.isFinite(value) && value >= 0)
    ? []
    : [`${what} ${JSON.stringify(value)} is not a resource quantity`];
}

/** An environment variable name. */
export function checkEnvName(value: unknown, what: string): string[] {
  return typeof value === 'string' && ENV_NAME.test(value)
    ? []
    : [`${what} ${JSON.stringify(value)} is not a valid environment variable name`];
}

const BINARY: Record<string, number> = { Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60 };
const DECIMAL: Record<string, number> = {
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  '': 1,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
};

/** Bytes of a Kubernetes memory quantity ("1024Mi", "1Gi", "1e9", "500M"). */
export function quantityBytes(q: string | number): number {
  if (typeof q === 'number') return q;
  const m = /^([+-]?(?:\d+(?:\.\d*)?|\.\d+))([KMGTPE]i|[numkMGTPE]|[eE][+-]?\d+)?$/.exec(q);
  if (!m) throw new Error(`not a quantity: ${q}`);
  const n = Number(m[1]);
  const suffix = m[2] ?? '';
  if (BINARY[suffix]) return n * BINARY[suffix];
  if (suffix in DECIMAL) return n * DECIMAL[suffix];
  return n * 10 ** Number(suffix.slice(1));
}

/** Bytes of a Flink MemorySize ("1024m", "1g", "1728 mb", "512k", "100b"); Flink's units are binary. */
export function flinkMemoryBytes(s: string): number {
  const m = /^\s*(\d+)\s*([a-z]*)\s*$/i.exec(s);
  if (!m) throw new Error(`not a Flink memory size: ${s}`);
  const unit = m[2].toLowerCase();
  const factor: Record<string, number> = {
    '': 1,
    b: 1,
    bytes: 1,
    k: 2 ** 10,
    kb: 2 ** 10,
    kibibytes: 2 ** 10,
    m: 2 ** 20,
    mb: 2 ** 20,
    mebibytes: 2 ** 20,
    g: 2 ** 30,
    gb: 2 ** 30,
    gibibytes: 2 ** 30,
    t: 2 ** 40,
    tb: 2 ** 40,
    tebibytes: 2 ** 40,
  };
  if (!(unit in factor)) throw new Error(`unknown Flink memory unit in ${s}`);
  return Number(m[1]) * factor[unit];
}
