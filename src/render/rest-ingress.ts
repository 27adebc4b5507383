import { Construct } from 'constructs';
import { k8s } from '../../imports/k8s';
import { ClusterModel } from '../model/cluster-model';
import { Component, metadata } from '../model/labels';

/** An Ingress to the REST API / UI, routed to the leader-only Service when there is one. */
export class RestIngress extends Construct {
  constructor(scope: Construct, id: string, m: ClusterModel, serviceName: string) {
    super(scope, id);
    const props = m.restIngress!;
    new k8s.KubeIngress(this, 'Resource', {
      metadata: metadata(m.meta, m.names.rest, Component.JOBMANAGER, props.annotations && { ...props.annotations }),
      spec: {
        ...(props.ingressClassName ? { ingressClassName: props.ingressClassName } : {}),
        ...(props.tlsSecretName ? { tls: [{ hosts: [props.host], secretName: props.tlsSecretName }] } : {}),
        rules: [
          {
            host: props.host,
            http: {
              paths: [
                {
                  path: '/',
                  pathType: 'Prefix',
                  backend: { service: { name: serviceName, port: { name: 'rest' } } },
                },
              ],
            },
          },
        ],
      },
    });
  }
}
