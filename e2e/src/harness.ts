/**
 * What every scenario uses: the run directory, timestamped output, PASS/FAIL bookkeeping,
 * polling with a deadline, child processes and small HTTP helpers for Flink's REST API.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';
import { KNOWN_PRODUCT_BUGS } from './known-product-bugs';
import { CACHE, E2E_DIR } from './mapping';

export const REPO = path.resolve(E2E_DIR, '..');

export const runStart = Date.now();
const stamp = new Date(runStart).toISOString().replace(/[:.]/g, '-');
export const RUN = process.env.E2E_RUN_DIR ?? path.join(CACHE, 'runs', stamp);
let transcript: number | undefined;

export function say(m: string): void {
  const line = `[${((Date.now() - runStart) / 1000).toFixed(1).padStart(6)}s] ${m}`;
  console.log(line);
  if (transcript === undefined) {
    fs.mkdirSync(RUN, { recursive: true });
    transcript = fs.openSync(path.join(RUN, 'run.log'), 'a');
  }
  fs.writeSync(transcript, line + '\n');
}

export interface Result {
  name: string;
  ok: boolean;
  seconds: number;
  detail: string;
  command: string;
}
export const results: Result[] = [];

/**
 * Product bugs met while a scenario runs. A known one (known-product-bugs.ts) is printed and
 * tolerated; any other fails the scenario at its end, after every other assertion has run.
 */
export class Findings {
  readonly failures: string[] = [];
  bug(id: string, finding: string, message: string): void {
    const known = KNOWN_PRODUCT_BUGS.find((b) => b.id === id);
    if (known) say(`tolerated known product bug ${id} (${known.finding}): ${message}`);
    else this.failures.push(`product bug ${finding} [${id}]: ${message}`);
  }
}

export async function scenario(
  name: string,
  command: string,
  fn: (f: Findings) => Promise<string | void>,
): Promise<boolean> {
  const t = Date.now();
  say(`--- ${name}`);
  const findings = new Findings();
  let detail = '';
  let ok = true;
  try {
    detail = (await fn(findings)) ?? '';
    if (findings.failures.length) {
      ok = false;
      detail = `${findings.failures.join('; ')} || all other assertions passed: ${detail}`;
    }
  } catch (e) {
    ok = false;
    detail = [(e as Error).message, ...findings.failures].join('; ');
  }
  const seconds = (Date.now() - t) / 1000;
  results.push({ name, ok, seconds, detail, command });
  say(`${ok ? 'PASS' : 'FAIL'} ${name} (${seconds.toFixed(1)} s): ${detail}`);
  return ok;
}

export function sh(
  cmd: string,
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
  cwd?: string,
): { code: number; out: string; err: string } {
  const r = spawnSync(cmd, args, { env, cwd, encoding: 'utf8', maxBuffer: 64 << 20 });
  return { code: r.status ?? -1, out: r.stdout ?? '', err: r.stderr ?? '' };
}

export function must(cmd: string, args: string[], env?: NodeJS.ProcessEnv): void {
  const r = spawnSync(cmd, args, { env: env ?? process.env, stdio: ['ignore', 'inherit', 'inherit'] });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status})`);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** An error that ends a poll at once (the condition cannot become true any more). */
export class FatalError extends Error {}

/** Polls fn until it returns something other than undefined/false; throws after timeoutMs. */
export async function until<T>(
  what: string,
  timeoutMs: number,
  fn: () => Promise<T | undefined | false>,
  everyMs = 200,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined && v !== false) return v as T;
    } catch (e) {
      if (e instanceof FatalError) throw e;
      last = e;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs / 1000} s waiting for ${what}${last ? ` (last error: ${(last as Error).message})` : ''}`,
      );
    await sleep(everyMs);
  }
}

function httpCall(
  method: string,
  url: string,
  body?: Buffer,
  headers: Record<string, string> = {},
  timeoutMs = 5000,
): Promise<any> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method, timeout: timeoutMs, headers: body ? { ...headers, 'content-length': String(body.length) } : headers },
      (res) => {
        let d = '';
        res.setEncoding('utf8');
        res.on('data', (c) => {
          d += c;
        });
        res.on('end', () => {
          if ((res.statusCode ?? 0) >= 300) {
            reject(new Error(`${method} ${url}: HTTP ${res.statusCode}: ${d.slice(0, 600)}`));
            return;
          }
          try {
            resolve(d ? JSON.parse(d) : undefined);
          } catch (e) {
            reject(e);
          }
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error(`${method} ${url}: timeout`)));
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}

export const httpJson = (url: string) => httpCall('GET', url);
export const httpPostJson = (url: string, body: unknown, timeoutMs = 60_000) =>
  httpCall('POST', url, Buffer.from(JSON.stringify(body)), { 'content-type': 'application/json' }, timeoutMs);

/** POST multipart/form-data with one file field (Flink's /jars/upload wants the field "jarfile"). */
export function httpPostFile(
  url: string,
  field: string,
  file: string,
  contentType = 'application/x-java-archive',
): Promise<any> {
  const boundary = `----e2e${Date.now().toString(16)}`;
  const body = Buffer.concat([
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${path.basename(file)}"\r\nContent-Type: ${contentType}\r\n\r\n`,
    ),
    fs.readFileSync(file),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return httpCall('POST', url, body, { 'content-type': `multipart/form-data; boundary=${boundary}` }, 60_000);
}

/** True when a TCP connection to host:port succeeds (what a tcpSocket readiness probe checks). */
export function tcpOpen(host: string, port: number, timeoutMs = 1000): Promise<boolean> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const net = require('net') as typeof import('net');
  return new Promise((resolve) => {
    const s = net.connect({ host, port });
    const done = (ok: boolean) => {
      s.destroy();
      resolve(ok);
    };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
  });
}

export const secs = (ms: number) => (ms / 1000).toFixed(1);
export function median(xs: number[]): number | undefined {
  if (!xs.length) return undefined;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
}
