import { Construct } from 'constructs';
import { k8s } from '../../imports/k8s';
import { clusterPodLabels, Component, metadata, selectorLabels } from '../model/labels';
import { ClusterModel } from '../model/cluster-model';
import { FlinkPorts } from '../flink/ports';
import { AGENT_PORT } from '../agent/contract';

const tcp = (port: number): k8s.NetworkPolicyPort => ({ protocol: 'TCP', port: k8s.IntOrString.fromNumber(port) });

/**
 * Ingress to Flink's ports only from the cluster's own pods, and to REST from the peers
 * the user allows; everything else is denied (the policy selects the pods, so any
 * ingress not listed is dropped). Egress stays open: Flink talks to the API server,
 * storage and whatever its jobs read and write.
 */
export class FlinkNetworkPolicies extends Construct {
  constructor(scope: Construct, id: string, m: ClusterModel) {
    super(scope, id);
    const names = m.names;
    const ownPods: k8s.NetworkPolicyPeer = { podSelector: { matchLabels: clusterPodLabels(m.clusterId) } };

    const metrics = m.metrics.prometheus ? [FlinkPorts.METRICS] : [];
    const agent = m.agent.enabled ? [AGENT_PORT] : [];
    const jmIngress: k8s.NetworkPolicyIngressRule[] = [
      {
        from: [ownPods],
        ports: [FlinkPorts.RPC, FlinkPorts.BLOB, FlinkPorts.REST, FlinkPorts.METRIC_QUERY, ...metrics, ...agent].map(
          tcp,
        ),
      },
    ];
    if (m.network.restAllowedFrom.length)
      jmIngress.push({ from: [...m.network.restAllowedFrom], ports: [tcp(FlinkPorts.REST)] });
    if (metrics.length + agent.length && m.metrics.allowedFrom.length) {
      jmIngress.push({ from: [...m.metrics.allowedFrom], ports: [...metrics, ...agent].map(tcp) });
    }
    const tmIngress: k8s.NetworkPolicyIngressRule[] = [
      {
        from: [ownPods],
        ports: [FlinkPorts.TASKMANAGER_RPC, FlinkPorts.TASKMANAGER_DATA, FlinkPorts.METRIC_QUERY, ...metrics].map(tcp),
      },
    ];
    if (metrics.length && m.metrics.allowedFrom.length)
      tmIngress.push({ from: [...m.metrics.allowedFrom], ports: metrics.map(tcp) });
    new k8s.KubeNetworkPolicy(this, 'JobManager', {
      metadata: metadata(m.meta, names.jobManager, Component.JOBMANAGER),
      spec: {
        podSelector: { matchLabels: selectorLabels(m.clusterId, Component.JOBMANAGER) },
        policyTypes: ['Ingress'],
        ingress: jmIngress,
      },
    });
    new k8s.KubeNetworkPolicy(this, 'TaskManager', {
      metadata: metadata(m.meta, names.taskManager, Component.TASKMANAGER),
      spec: {
        podSelector: { matchLabels: selectorLabels(m.clusterId, Component.TASKMANAGER) },
        policyTypes: ['Ingress'],
        ingress: tmIngress,
      },
    });
  }
}
