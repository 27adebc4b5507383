import { readFileSync } from 'fs';
import { configFromEnv } from './config';
import { Connection, inClusterConnection } from './kube/kube-client';
import { jsonLogger } from './runtime/log';
import { runAgent } from './run';

/**
 * The sidecar's entry point (bundled into assets/ha-agent.js). In the pod: the service
 * account. Elsewhere (tests, benchmarks): KUBE_API_URL with optional KUBE_TOKEN and
 * KUBE_CA_FILE. Kubeconfig files are for `cdk8s-flink ha agent`; reading them here would
 * put a YAML parser into the bundle.
 */
function connection(env: NodeJS.ProcessEnv): Connection {
  if (env.KUBE_API_URL) {
    const token = env.KUBE_TOKEN;
    return {
      server: env.KUBE_API_URL,
      token: token ? () => token : undefined,
      ca: env.KUBE_CA_FILE ? readFileSync(env.KUBE_CA_FILE) : undefined,
    };
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
  await runAgent(config, connection(process.env), log);
}

main().catch((e) => {
  process.stdout.write(
    JSON.stringify({
      time: new Date().toISOString(),
      level: 'error',
      msg: 'ha-agent failed',
      error: String(e?.stack ?? e),
    }) + '\n',
  );
  process.exit(1);
});
