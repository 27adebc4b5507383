import { readFileSync } from 'fs';
import { access } from 'fs/promises';
import { HaAgent } from './agent';
import { systemClock } from './clock';
import { configFromEnv } from './config';
import { startHttpServer } from './http-server';
import { Connection, HttpKubeClient, inClusterConnection } from './kube-client';
import { jsonLogger } from './log';
import { nodeFs } from './storage-check';

/**
 * In the pod: the service account. Elsewhere (tests, benchmarks, a laptop):
 * KUBE_API_URL with optional KUBE_TOKEN and KUBE_CA_FILE. Kubeconfig files are the CLI's
 * business; reading them here would put a YAML parser into the sidecar bundle.
 */
function connection(env: NodeJS.ProcessEnv): Connection {
  if (env.KUBE_API_URL) {
    const token = env.KUBE_TOKEN;
    return { server: env.KUBE_API_URL, token: token ? () => token : undefined, ca: env.KUBE_CA_FILE ? readFileSync(env.KUBE_CA_FILE) : undefined };
  }
  return inClusterConnection(env);
}

async function main(): Promise<void> {
  const log = jsonLogger();
  let config;
  try {
    config = configFromEnv(process.env);
  } catch (e) {
    log.log('error', (e as Error).message);
    process.exit(2);
  }
  const api = new HttpKubeClient(connection(process.env));
  const agent = new HaAgent({
    api, clock: systemClock, log, config, fs: nodeFs,
    exists: (p) => access(p).then(() => true, () => false),
  });
  const server = await startHttpServer(config.port, {
    healthy: () => agent.healthy(),
    ready: () => agent.isReady(),
    metrics: () => agent.metrics.render(),
    status: () => agent.status(),
  });
  const address = server.address();
  log.log('info', 'ha-agent started', { pod: config.podName, cluster: config.clusterId, port: typeof address === 'object' && address ? address.port : config.port });

  const controller = new AbortController();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log('info', 'stopping', { signal });
    // The label first: the leader-only Service must stop routing here before anything else.
    await Promise.race([agent.shutdown(), systemClock.sleep(5000)]);
    controller.abort();
    server.close();
    api.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await agent.run(controller.signal);
}

main().catch((e) => {
  process.stdout.write(JSON.stringify({ time: new Date().toISOString(), level: 'error', msg: 'ha-agent failed', error: String(e?.stack ?? e) }) + '\n');
  process.exit(1);
});
