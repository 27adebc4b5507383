import { createHash } from 'crypto';
import { Construct } from 'constructs';
import { k8s } from '../../imports/k8s';
import { loadAgentBundle } from './agent-bundle';
import { assertConfigMapSize } from './asserts';
import { HA_VOLUME } from './flink-pod';
import { Component, metadata } from '../model/labels';
import { containerSecurityContext } from './pod-security';
import { ClusterModel } from '../model/cluster-model';
import {
  AGENT_BUNDLE_FILE,
  AGENT_BUNDLE_MOUNT_PATH,
  AGENT_CONTAINER_NAME,
  AGENT_PORT,
  AGENT_PORT_NAME,
  AgentEnv,
  HaRole,
  ROLE_LABEL,
} from '../agent/contract';

/**
 * The HA agent sidecar of the JobManager pods: by default the bundled agent, shipped in
 * an immutable ConfigMap whose name carries the bundle's hash (so a new agent version
 * rolls the pods), run on the official Node.js image; or a prebuilt agent image.
 */
export class HaAgentSidecar extends Construct {
  public readonly container: k8s.Container;
  public readonly volumes: k8s.Volume[] = [];
  public readonly leaseName: string;
  /** Pods start as "unknown" until their agent knows better. */
  public readonly podLabels = { [ROLE_LABEL]: HaRole.UNKNOWN };

  constructor(scope: Construct, id: string, m: ClusterModel) {
    super(scope, id);
    this.leaseName = m.names.leaderLease;
    const storageDir = m.highAvailability.storage?.storageDir.uri ?? '';
    const claim = m.haClaim;
    const mounts: k8s.VolumeMount[] = [];
    let image = m.agent.image;
    let command: string[] | undefined;
    if (!image) {
      const bundle = loadAgentBundle();
      const hash = createHash('sha256').update(bundle).digest('hex').slice(0, 10);
      const name = `${m.names.agentBundle}-${hash}`;
      assertConfigMapSize(name, { [AGENT_BUNDLE_FILE]: bundle });
      new k8s.KubeConfigMap(this, 'Bundle', {
        metadata: metadata(m.meta, name, Component.HA_AGENT),
        immutable: true,
        data: { [AGENT_BUNDLE_FILE]: bundle },
      });
      this.volumes.push({ name: 'ha-agent', configMap: { name } });
      mounts.push({ name: 'ha-agent', mountPath: AGENT_BUNDLE_MOUNT_PATH, readOnly: true });
      image = m.agent.nodeImage;
      command = ['node', `${AGENT_BUNDLE_MOUNT_PATH}/${AGENT_BUNDLE_FILE}`];
    }
    // The agent probes the HA volume (write, fsync, read back) and checks Flink's pointer files on it.
    if (claim) mounts.push({ name: HA_VOLUME, mountPath: claim.mountPath });

    const field = (fieldPath: string): k8s.EnvVarSource => ({ fieldRef: { apiVersion: 'v1', fieldPath } });
    const env: k8s.EnvVar[] = [
      { name: AgentEnv.POD_NAME, valueFrom: field('metadata.name') },
      { name: AgentEnv.POD_NAMESPACE, valueFrom: field('metadata.namespace') },
      { name: AgentEnv.POD_IP, valueFrom: field('status.podIP') },
      { name: AgentEnv.CLUSTER_ID, value: m.clusterId },
      { name: AgentEnv.HA_CLUSTER_ID, value: m.haClusterId },
      { name: AgentEnv.HA_STORAGE_DIR, value: storageDir },
      ...(claim ? [{ name: AgentEnv.HA_STORAGE_PATH, value: claim.mountPath }] : []),
      { name: AgentEnv.FLINK_VERSION, value: m.traits.version },
      { name: AgentEnv.LEASE_NAME, value: this.leaseName },
      {
        name: AgentEnv.LEASE_DURATION_SECONDS,
        value: String(Math.ceil(m.highAvailability.leaseDurationMs / 1000)),
      },
      { name: AgentEnv.PORT, value: String(AGENT_PORT) },
    ];
    const http = (path: string) => ({ httpGet: { path, port: k8s.IntOrString.fromString(AGENT_PORT_NAME) } });
    this.container = {
      name: AGENT_CONTAINER_NAME,
      image,
      imagePullPolicy: m.image.pullPolicy,
      ...(command ? { command } : {}),
      env,
      ports: [{ name: AGENT_PORT_NAME, containerPort: AGENT_PORT }],
      // Liveness only: a readiness probe would make Flink's pods unready whenever the API
      // server is, and take the REST Service and disruption budgets down with it.
      livenessProbe: { ...http('/healthz'), periodSeconds: 10, failureThreshold: 3 },
      resources: {
        requests: { cpu: k8s.Quantity.fromString('20m'), memory: k8s.Quantity.fromString('64Mi') },
        limits: { memory: k8s.Quantity.fromString('128Mi') },
      },
      volumeMounts: mounts,
      securityContext: containerSecurityContext(),
    };
  }
}
