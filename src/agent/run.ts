import { access } from 'fs/promises';
import { HaAgent } from './agent';
import { systemClock } from './runtime/clock';
import { AgentConfig } from './config';
import { startHttpServer } from './runtime/http-server';
import { Connection, HttpKubeClient } from './kube/kube-client';
import { Logger } from './runtime/log';
import { nodeFs } from './storage/storage-check';

/**
 * Runs the agent until SIGTERM or SIGINT, then steps down and exits the process: the
 * sidecar (`main.ts`, in-cluster credentials) and `cdk8s-flink ha agent` (a kubeconfig)
 * differ only in how they connect.
 */
export async function runAgent(
  config: AgentConfig,
  connection: Connection,
  log: Logger,
  /** Where the HTTP server listens: every interface in the pod (probes), loopback on a workstation. */
  host = '0.0.0.0',
): Promise<void> {
  const api = new HttpKubeClient(connection);
  const agent = new HaAgent({
    api,
    clock: systemClock,
    log,
    config,
    fs: nodeFs,
    // Only "no such file" means missing: EIO, ESTALE or EACCES say nothing about the pointer.
    exists: (p) =>
      access(p).then(
        () => true,
        (e: NodeJS.ErrnoException) => e.code !== 'ENOENT',
      ),
  });
  const server = await startHttpServer(
    config.port,
    {
      healthy: () => agent.healthy(),
      ready: () => agent.isReady(),
      metrics: () => agent.metrics.render(),
      status: () => agent.status(),
    },
    host,
  );
  for (const warning of config.warnings ?? []) log.log('warn', warning);
  const address = server.address();
  log.log('info', 'ha-agent started', {
    pod: config.podName,
    cluster: config.clusterId,
    host,
    port: typeof address === 'object' && address ? address.port : config.port,
  });

  const controller = new AbortController();
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.log('info', 'stopping', { signal });
    // The label first: the leader-only Service must stop routing here before anything else.
    await Promise.race([agent.shutdown(signal), systemClock.sleep(5000)]);
    controller.abort();
    server.close();
    api.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
  await agent.run(controller.signal);
}
