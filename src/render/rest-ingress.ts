import { Construct } from 'constructs';
import * as k8s from '../../imports/k8s';
import { Component, metadata, MetadataContext, objectNames } from '../model/labels';
import { RestIngressProps } from '../props/cluster-props';

/** An Ingress to the REST API / UI, routed to the leader-only Service when there is one. */
export class RestIngress extends Construct {
  constructor(scope: Construct, id: string, props: RestIngressProps & { ctx: MetadataContext; serviceName: string }) {
    super(scope, id);
    new k8s.KubeIngress(this, 'Resource', {
      metadata: metadata(props.ctx, objectNames(props.ctx.clusterId).rest, Component.JOBMANAGER, props.annotations),
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
                  backend: { service: { name: props.serviceName, port: { name: 'rest' } } },
                },
              ],
            },
          },
        ],
      },
    });
  }
}
