import { ChildProcess, execFileSync, spawn } from 'child_process';
import { join } from 'path';
import { microTime } from '../../../src/agent/lease/microtime';

export const ROOT = join(__dirname, '..', '..', '..');
export const BUNDLE = join(ROOT, 'assets', 'ha-agent.js');

/** Builds assets/ha-agent.js, as the sidecar runs it. */
export function buildBundle(): void {
  execFileSync('node', [join(ROOT, 'scripts', 'bundle-agent.js')], { stdio: 'pipe' });
}

export interface AgentProcess {
  readonly pod: string;
  readonly child: ChildProcess;
  readonly port: Promise<number>;
  readonly output: string[];
}

/** Starts a real agent process against a fake API server. */
export function startAgent(
  apiUrl: string,
  pod: string,
  ip: string,
  leaseSeconds: number,
  extraEnv: Record<string, string> = {},
): AgentProcess {
  const child = spawn(process.execPath, [BUNDLE], {
    env: {
      PATH: process.env.PATH,
      KUBE_API_URL: apiUrl,
      KUBE_TOKEN: 'test-token',
      POD_NAME: pod,
      POD_NAMESPACE: 'flink',
      POD_IP: ip,
      FLINK_CLUSTER_ID: 'c',
      FLINK_HA_STORAGE_DIR: 's3://bucket/ha',
      HA_AGENT_LEASE_NAME: 'c-jobmanager-leader',
      HA_AGENT_LEASE_DURATION_SECONDS: String(leaseSeconds),
      HA_AGENT_PORT: '0',
      HA_AGENT_STORAGE_INTERVAL_SECONDS: '5',
      ...extraEnv,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const port = new Promise<number>((resolve, reject) => {
    let buffer = '';
    child.stdout!.on('data', (c) => {
      buffer += c;
      let nl;
      while ((nl = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        output.push(line);
        try {
          const j = JSON.parse(line);
          if (j.msg === 'ha-agent started') resolve(j.port);
        } catch {
          /* not JSON */
        }
      }
    });
    child.stderr!.on('data', (c) => output.push(String(c)));
    child.on('exit', (code) => reject(new Error(`agent ${pod} exited with ${code}: ${output.join('\n')}`)));
  });
  port.catch(() => undefined);
  return { pod, child, port, output };
}

/** Flink's lock ConfigMap with `ip` leading. */
export function flinkLock(ip: string, renewMs: number, leaseSeconds: number) {
  return {
    metadata: {
      name: 'c-cluster-config-map',
      labels: { app: 'c', type: 'flink-native-kubernetes', 'configmap-type': 'high-availability' },
      annotations: {
        'control-plane.alpha.kubernetes.io/leader': JSON.stringify({
          holderIdentity: `uuid-${ip}`,
          leaseDuration: `${leaseSeconds}.000000000`,
          acquireTime: microTime(renewMs),
          renewTime: microTime(renewMs),
          leaderTransitions: 0,
        }),
      },
    },
    data: {
      'org.apache.flink.k8s.leader.restserver': `4d5e6f70-1111-4222-8333-944455556666,http://${ip}:8081`,
      'org.apache.flink.k8s.leader.dispatcher': `4d5e6f70-1111-4222-8333-944455556667,pekko.tcp://flink@${ip}:6123/user/rpc/dispatcher_1`,
    },
  };
}

/** Polls `check` every `everyMs` until it holds or `ms` pass. */
export async function waitFor(check: () => boolean, ms: number, what: string, everyMs = 50): Promise<number> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (check()) return Date.now() - start;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${ms} ms waiting for ${what}`);
}
