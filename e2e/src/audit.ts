/**
 * The API server's audit log (start.sh: every request of a ServiceAccount at level Metadata):
 * who called what, per pod (the bound token's pod-name), with the answer's status code.
 * Used for the agent's request rate and to prove that no request of Flink or the agent was
 * denied (RBAC 403, or a ValidatingAdmissionPolicy's rejection).
 */
import * as fs from 'fs';

export interface AuditEvent {
  auditID: string;
  at: number;
  verb: string;
  uri: string;
  user: string;
  pod?: string;
  userAgent: string;
  code?: number;
  message?: string;
  resource?: string;
  namespace?: string;
  name?: string;
}

export function readAudit(file: string): AuditEvent[] {
  if (!fs.existsSync(file)) return [];
  const byId = new Map<string, AuditEvent>();
  for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
    if (!line) continue;
    let e: any;
    try {
      e = JSON.parse(line);
    } catch {
      continue;
    }
    const prev = byId.get(e.auditID);
    const ev: AuditEvent = {
      auditID: e.auditID,
      at: Date.parse(e.requestReceivedTimestamp),
      verb: e.verb,
      uri: e.requestURI,
      user: e.user?.username ?? '',
      pod: e.user?.extra?.['authentication.kubernetes.io/pod-name']?.[0],
      userAgent: e.userAgent ?? '',
      code: e.responseStatus?.code ?? prev?.code,
      message: e.responseStatus?.message ?? prev?.message,
      resource: e.objectRef?.resource,
      namespace: e.objectRef?.namespace,
      name: e.objectRef?.name,
    };
    byId.set(e.auditID, ev);
  }
  return [...byId.values()].sort((a, b) => a.at - b.at);
}

/** Flink's fabric8 client sends the user agent "flink" (older clients: fabric8/okhttp); the agent's Node client none. */
export const isFlink = (e: AuditEvent) => /^flink\b|fabric8|okhttp/i.test(e.userAgent);
export const isAgent = (e: AuditEvent) => e.user.startsWith('system:serviceaccount:') && !!e.pod && !isFlink(e);

export interface Rate {
  pod: string;
  requests: number;
  perMinute: number;
  byVerb: Record<string, number>;
}

/** Requests per minute of the agent in each pod, counted in [from, to]. */
export function agentRates(events: AuditEvent[], namespace: string, pods: string[], from: number, to: number): Rate[] {
  const minutes = (to - from) / 60_000;
  return pods.map((pod) => {
    const mine = events.filter(
      (e) =>
        isAgent(e) &&
        e.pod === pod &&
        e.user.startsWith(`system:serviceaccount:${namespace}:`) &&
        e.at >= from &&
        e.at < to,
    );
    const byVerb: Record<string, number> = {};
    for (const e of mine) {
      const k = `${e.verb} ${e.resource ?? e.uri}`;
      byVerb[k] = (byVerb[k] ?? 0) + 1;
    }
    return { pod, requests: mine.length, perMinute: mine.length / minutes, byVerb };
  });
}

/** Every request of a ServiceAccount that was denied (403) or rejected by admission (422 from a policy). */
export function denials(events: AuditEvent[]): AuditEvent[] {
  return events.filter(
    (e) =>
      e.user.startsWith('system:serviceaccount:') &&
      (e.code === 403 || (e.code === 422 && /ValidatingAdmissionPolicy|denied request/i.test(e.message ?? ''))),
  );
}

/** One line per kind of denial (who, verb, resource, message with the namespace masked), with a count. */
export function groupDenials(bad: AuditEvent[]): string[] {
  const groups = new Map<string, { n: number; namespaces: Set<string>; example: string }>();
  for (const e of bad) {
    const ns = e.namespace ?? '';
    const query = e.uri.includes('?') ? e.uri.slice(e.uri.indexOf('?')) : '';
    const key = `${isFlink(e) ? 'Flink' : 'agent'} ${e.verb} ${e.resource}${e.name ? `/${e.name}` : ''}${query ? ` ${decodeURIComponent(query)}` : ''} -> ${e.code} ${(e.message ?? '').split(`"${ns}"`).join('"<ns>"').split(`:${ns}:`).join(':<ns>:')}`;
    const g = groups.get(key) ?? { n: 0, namespaces: new Set<string>(), example: `${e.user}, pod ${e.pod}` };
    g.n++;
    g.namespaces.add(ns);
    groups.set(key, g);
  }
  return [...groups].map(([k, g]) => `${g.n}x ${k} (namespaces ${[...g.namespaces].join(', ')}; e.g. ${g.example})`);
}
