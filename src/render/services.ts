import { Construct } from 'constructs';
import { k8s } from '../../imports/k8s';
import { ClusterModel } from '../model/cluster-model';
import { Component, metadata, selectorLabels } from '../model/labels';
import { FlinkPorts } from '../flink/ports';
import { AGENT_PORT, AGENT_PORT_NAME, HaRole, ROLE_LABEL } from '../agent/contract';

/** The JobManagers' Services. */
export class FlinkServices extends Construct {
  /** REST/UI on every candidate; standbys answer through the leader. */
  public readonly restServiceName: string;
  /** REST/UI on the leader only (needs the HA agent's role label). */
  public readonly restLeaderServiceName?: string;

  constructor(scope: Construct, id: string, m: ClusterModel) {
    super(scope, id);
    const names = m.names;
    const jm = selectorLabels(m.clusterId, Component.JOBMANAGER);
    const rest: k8s.ServicePort = {
      name: 'rest',
      port: FlinkPorts.REST,
      targetPort: k8s.IntOrString.fromString('rest'),
      protocol: 'TCP',
    };

    this.restServiceName = names.rest;
    new k8s.KubeService(this, 'Rest', {
      metadata: metadata(m.meta, names.rest, Component.JOBMANAGER),
      spec: { type: 'ClusterIP', selector: jm, ports: [rest] },
    });

    if (m.agent.enabled) {
      this.restLeaderServiceName = names.restLeader;
      new k8s.KubeService(this, 'RestLeader', {
        metadata: metadata(m.meta, names.restLeader, Component.JOBMANAGER),
        spec: {
          type: 'ClusterIP',
          selector: { ...jm, [ROLE_LABEL]: HaRole.LEADER },
          ports: [
            rest,
            {
              name: AGENT_PORT_NAME,
              port: AGENT_PORT,
              targetPort: k8s.IntOrString.fromString(AGENT_PORT_NAME),
              protocol: 'TCP',
            },
          ],
        },
      });
    }

    if (!m.highAvailability.enabled) {
      // Without HA, TaskManagers find the single JobManager at this address.
      new k8s.KubeService(this, 'Rpc', {
        metadata: metadata(m.meta, names.jobManagerRpc, Component.JOBMANAGER),
        spec: {
          type: 'ClusterIP',
          selector: jm,
          ports: [
            { name: 'rpc', port: FlinkPorts.RPC, targetPort: k8s.IntOrString.fromString('rpc'), protocol: 'TCP' },
            { name: 'blob', port: FlinkPorts.BLOB, targetPort: k8s.IntOrString.fromString('blob'), protocol: 'TCP' },
          ],
        },
      });
    }
  }
}
