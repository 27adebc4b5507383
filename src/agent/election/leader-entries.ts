/**
 * Flink's leader entries in the data of `<cluster-id>-cluster-config-map`:
 * `org.apache.flink.k8s.leader.<component>` = `<session UUID>,<address>`. The leader pod
 * is the one whose IP is in the restserver entry (`http://<podIP>:8081`), or in the
 * dispatcher's RPC address (`pekko.tcp://flink@<podIP>:6123/...`, `akka.tcp` before 1.18).
 */

import { excerpt } from '../runtime/json';

export const LEADER_KEY_PREFIX = 'org.apache.flink.k8s.leader.';

export interface LeaderEntry {
  readonly key: string;
  readonly sessionId: string;
  readonly address: string;
  /** Host part of the address (the pod IP), when the address has one. */
  readonly host?: string;
}

export interface LeaderEntries {
  readonly restserver?: LeaderEntry;
  readonly dispatcher?: LeaderEntry;
  readonly resourcemanager?: LeaderEntry;
  /** Per-job leaders by job id (`job-<id>` from 1.19 on, `<id>` in 1.15-1.18). */
  readonly jobs: { readonly [jobId: string]: LeaderEntry };
  /** Entries we could not read, with why. */
  readonly problems: readonly string[];
}

/** Host of `http://host:port/...` or `pekko.tcp://flink@host:port/...`. */
export function hostOf(address: string): string | undefined {
  const m = /^[a-z][a-z0-9+.-]*:\/\/(?:[^@/]*@)?(\[[^\]]+\]|[^:/]+)(?::\d+)?(?:\/|$)/i.exec(address);
  return m ? m[1].replace(/^\[|\]$/g, '') : undefined;
}

/** A session id and an address fit in far less; a longer value is not Flink's. */
export const MAX_ENTRY_CHARS = 1024;
/** Problems listed at most (a ConfigMap can hold thousands of keys). */
export const MAX_PROBLEMS = 20;

const EntryProblems = {
  tooLong: (key: string, chars: number) => `${key}: value of ${chars} characters, not a leader entry`,
  noComma: (key: string, value: string) =>
    `${key}: no "," between session id and address in ${excerpt(JSON.stringify(value), 80)}`,
  emptyAddress: (key: string) => `${key}: empty address`,
  unknownComponent: (key: string, component: string) =>
    `${key}: unknown leader component ${excerpt(JSON.stringify(component), 80)}`,
  more: (count: number) => `... and ${count} more problems`,
};

function parseEntry(key: string, value: string): LeaderEntry | string {
  if (value.length > MAX_ENTRY_CHARS) return EntryProblems.tooLong(key, value.length);
  const comma = value.indexOf(',');
  if (comma < 0) return EntryProblems.noComma(key, value);
  const sessionId = value.slice(0, comma).trim();
  const address = value.slice(comma + 1).trim();
  if (!address) return EntryProblems.emptyAddress(key);
  return { key, sessionId, address, host: hostOf(address) };
}

export function parseLeaderEntries(data: { readonly [key: string]: string } | undefined): LeaderEntries {
  const out: { restserver?: LeaderEntry; dispatcher?: LeaderEntry; resourcemanager?: LeaderEntry } = {};
  const jobs = new Map<string, LeaderEntry>();
  const problems: string[] = [];
  for (const key of Object.keys(data ?? {}).sort()) {
    if (!key.startsWith(LEADER_KEY_PREFIX)) continue;
    const component = key.slice(LEADER_KEY_PREFIX.length);
    const value = data![key];
    if (typeof value !== 'string' || value === '') continue; // revoked leadership
    const entry = parseEntry(key, value);
    if (typeof entry === 'string') {
      problems.push(entry);
      continue;
    }
    if (component === 'restserver' || component === 'dispatcher' || component === 'resourcemanager') {
      out[component] = entry;
    } else {
      const jobId = component.startsWith('job-') ? component.slice(4) : component;
      if (/^[0-9a-f]{32}$/.test(jobId)) jobs.set(jobId, entry);
      else problems.push(EntryProblems.unknownComponent(key, component));
    }
  }
  const listed =
    problems.length > MAX_PROBLEMS
      ? [...problems.slice(0, MAX_PROBLEMS), EntryProblems.more(problems.length - MAX_PROBLEMS)]
      : problems;
  return { ...out, jobs: Object.fromEntries(jobs), problems: listed };
}

/** The leader's pod IP: from the REST server entry, else the dispatcher's. */
export function leaderIp(entries: LeaderEntries): string | undefined {
  return entries.restserver?.host ?? entries.dispatcher?.host;
}

/**
 * Who published the entry `leaderIp` reads (the REST server's, else the dispatcher's): its
 * leader session id and host. Flink issues a new session id with every grant of leadership,
 * so this changes when that entry is published by a new leader, even one that comes back
 * with the same pod IP - and not when the other entry is published first, or when the old
 * leader removes its REST entry and its dispatcher entry (same session) is read instead.
 */
export function leaderEntriesFingerprint(entries: LeaderEntries): string {
  const e: LeaderEntry | undefined = entries.restserver ?? entries.dispatcher;
  return e ? `${e.sessionId}@${e.host ?? e.address}` : '';
}
