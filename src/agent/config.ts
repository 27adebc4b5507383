import { isIP } from 'net';
import { AGENT_PORT, AgentEnv, leaderLeaseName } from './contract';
import { isClusterId, isNamespace, isObjectName, NameRules } from './kube/names';
import { excerpt } from './runtime/json';
import { MAX_LEASE_SECONDS } from './runtime/timing';

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
  /** Settings the agent corrected (logged at start). */
  readonly warnings?: readonly string[];
}

export class ConfigError extends Error {}

const outOfRange = (name: string, raw: string, min: number, max: number) =>
  `${name}=${JSON.stringify(raw)} must be a number >= ${min}${max < Number.MAX_SAFE_INTEGER ? ` and <= ${max}` : ''}`;
const notInteger = (name: string, raw: string) => `${name}=${JSON.stringify(raw)} must be an integer`;
const leaseTooLong = (name: string, seconds: number) =>
  `${name}=${seconds} is more than a day; the agent uses ${MAX_LEASE_SECONDS} s`;

interface NumberRule {
  readonly min: number;
  readonly max?: number;
  readonly integer?: boolean;
}

/** Reads and validates the environment up front, naming every problem at once. */
export function configFromEnv(env: NodeJS.ProcessEnv): AgentConfig {
  const problems: string[] = [];
  const warnings: string[] = [];
  const required = (name: string) => {
    const value = env[name];
    if (!value) problems.push(`${name} is required`);
    return value ?? '';
  };
  const number = (name: string, fallback: number, rule: NumberRule) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const value = Number(raw);
    const max = rule.max ?? Number.MAX_SAFE_INTEGER;
    if (!Number.isFinite(value) || value < rule.min || value > max) problems.push(outOfRange(name, raw, rule.min, max));
    else if (rule.integer && !Number.isInteger(value)) problems.push(notInteger(name, raw));
    return value;
  };
  const clusterId = required(AgentEnv.CLUSTER_ID);
  const podName = required(AgentEnv.POD_NAME);
  const namespace = required(AgentEnv.POD_NAMESPACE);
  const podIp = required(AgentEnv.POD_IP);
  const storageDir = required(AgentEnv.HA_STORAGE_DIR);
  // A lease of days is Flink's business; the agent's periods stay within a day (see timing.ts).
  const lease = number(AgentEnv.LEASE_DURATION_SECONDS, 15, { min: 1 });
  if (lease > MAX_LEASE_SECONDS) warnings.push(leaseTooLong(AgentEnv.LEASE_DURATION_SECONDS, lease));
  const config: AgentConfig = {
    podName,
    namespace,
    podIp,
    clusterId,
    haClusterId: env[AgentEnv.HA_CLUSTER_ID] || clusterId,
    storageDir,
    storagePath: env[AgentEnv.HA_STORAGE_PATH] || undefined,
    flinkVersion: env[AgentEnv.FLINK_VERSION] || undefined,
    leaseName: env[AgentEnv.LEASE_NAME] || leaderLeaseName(clusterId),
    leaseDurationSeconds: Math.min(lease, MAX_LEASE_SECONDS),
    port: number(AgentEnv.PORT, AGENT_PORT, { min: 0, max: 65535, integer: true }),
    storageIntervalSeconds: number('HA_AGENT_STORAGE_INTERVAL_SECONDS', 30, { min: 1, max: MAX_LEASE_SECONDS }),
    minFreeBytes: number('HA_AGENT_MIN_FREE_MIB', 100, { min: 0, max: 2 ** 30 }) * 1024 * 1024,
    flinkUid: number('HA_AGENT_FLINK_UID', 9999, { min: 0, max: 2 ** 32 - 1, integer: true }),
    flinkGid: number('HA_AGENT_FLINK_GID', 9999, { min: 0, max: 2 ** 32 - 1, integer: true }),
    warnings,
  };
  // Names go into URLs, label selectors and comparisons: only well-formed ones.
  const named = (envName: string, value: string, valid: (v: string) => boolean, rule: string) => {
    if (value && !valid(value)) problems.push(`${envName}=${excerpt(JSON.stringify(value), 80)} ${rule}`);
  };
  named(AgentEnv.CLUSTER_ID, clusterId, isClusterId, NameRules.clusterId);
  named(AgentEnv.POD_NAME, podName, isObjectName, NameRules.objectName);
  named(AgentEnv.POD_NAMESPACE, namespace, isNamespace, NameRules.namespace);
  named(AgentEnv.LEASE_NAME, config.leaseName, isObjectName, NameRules.objectName);
  // The role decision compares this with the IP in Flink's leader entry.
  if (config.podIp && !isIP(config.podIp))
    problems.push(`${AgentEnv.POD_IP}=${JSON.stringify(config.podIp)} is not an IP address (set it from status.podIP)`);
  if (problems.length) throw new ConfigError(`invalid agent environment: ${problems.join('; ')}`);
  return config;
}
