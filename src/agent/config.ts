import { isIP } from 'net';
import { AGENT_PORT, AgentEnv, leaderLeaseName } from './contract';

/** The agent's settings, from its environment (set by the construct; see contract.ts). */
export interface AgentConfig {
  readonly podName: string;
  readonly namespace: string;
  readonly podIp: string;
  readonly clusterId: string;
  readonly haClusterId: string;
  readonly storageDir: string;
  /** Local mount of the HA storage; unset for object stores (no filesystem checks). */
  readonly storagePath?: string;
  readonly flinkVersion?: string;
  readonly leaseName: string;
  readonly leaseDurationSeconds: number;
  readonly port: number;
  readonly storageIntervalSeconds: number;
  readonly minFreeBytes: number;
  readonly flinkUid: number;
  readonly flinkGid: number;
}

export class ConfigError extends Error {}

const outOfRange = (name: string, raw: string, min: number, max: number) =>
  `${name}=${JSON.stringify(raw)} must be a number >= ${min}${max < Number.MAX_SAFE_INTEGER ? ` and <= ${max}` : ''}`;

/** Reads and validates the environment up front, naming every problem at once. */
export function configFromEnv(env: NodeJS.ProcessEnv): AgentConfig {
  const problems: string[] = [];
  const required = (name: string) => {
    const v = env[name];
    if (!v) problems.push(`${name} is required`);
    return v ?? '';
  };
  const number = (name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < min || n > max) problems.push(outOfRange(name, raw, min, max));
    return n;
  };
  const clusterId = required(AgentEnv.CLUSTER_ID);
  const config: AgentConfig = {
    podName: required(AgentEnv.POD_NAME),
    namespace: required(AgentEnv.POD_NAMESPACE),
    podIp: required(AgentEnv.POD_IP),
    clusterId,
    haClusterId: env[AgentEnv.HA_CLUSTER_ID] || clusterId,
    storageDir: required(AgentEnv.HA_STORAGE_DIR),
    storagePath: env[AgentEnv.HA_STORAGE_PATH] || undefined,
    flinkVersion: env[AgentEnv.FLINK_VERSION] || undefined,
    leaseName: env[AgentEnv.LEASE_NAME] || leaderLeaseName(clusterId),
    leaseDurationSeconds: number(AgentEnv.LEASE_DURATION_SECONDS, 15, 1),
    port: number(AgentEnv.PORT, AGENT_PORT, 0, 65535),
    storageIntervalSeconds: number('HA_AGENT_STORAGE_INTERVAL_SECONDS', 30, 1),
    minFreeBytes: number('HA_AGENT_MIN_FREE_MIB', 100, 0) * 1024 * 1024,
    flinkUid: number('HA_AGENT_FLINK_UID', 9999, 0),
    flinkGid: number('HA_AGENT_FLINK_GID', 9999, 0),
  };
  // The role decision compares this with the IP in Flink's leader entry.
  if (config.podIp && !isIP(config.podIp))
    problems.push(`${AgentEnv.POD_IP}=${JSON.stringify(config.podIp)} is not an IP address (set it from status.podIP)`);
  if (problems.length) throw new ConfigError(`invalid agent environment: ${problems.join('; ')}`);
  return config;
}
