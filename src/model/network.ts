import { NetworkModel, RestIngressModel } from './cluster-model';
import { FlinkNetworkProps, RestIngressProps } from '../props/cluster-props';
import { fail } from '../validation/errors';
import { requireAnnotations, requireDnsSubdomain, requirePeers } from '../validation/k8s-syntax';
import { requireBoolean } from '../validation/values';

const HOST = /^(\*\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const submissionUndecided = () =>
  "must be set for a session cluster behind an Ingress: Flink's REST API has no authentication, so anyone who " +
  'reaches it could upload and run a jar. Set true with authentication in front (ingress annotations), or false';
const unreachableIngress = () =>
  "cannot reach the REST port: the NetworkPolicy only admits the cluster's own pods. Add your ingress controller " +
  'to network.restAllowedFrom, e.g. [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": ' +
  '"ingress-nginx" } } }]';

/** Rules: valid peers; an Ingress only where the NetworkPolicy lets its controller in. */
export function resolveNetwork(
  network: FlinkNetworkProps | undefined,
  ingress: RestIngressProps | undefined,
  sessionMode: boolean,
): { network: NetworkModel; restIngress?: RestIngressModel } {
  const restAllowedFrom = requirePeers('network.restAllowedFrom', network?.restAllowedFrom ?? []);
  const policies = requireBoolean('network.networkPolicies', network?.networkPolicies ?? true);
  const restIngress = ingress === undefined ? undefined : resolveIngress(ingress, sessionMode);
  if (restIngress && policies && restAllowedFrom.length === 0)
    fail('restIngress', restIngress.host, unreachableIngress());
  return { network: { policies, restAllowedFrom }, restIngress };
}

function resolveIngress(i: RestIngressProps, sessionMode: boolean): RestIngressModel {
  if (typeof i.host !== 'string' || !HOST.test(i.host) || i.host.length > 253)
    fail('restIngress.host', i.host, 'must be a DNS name such as flink.example.com');
  if (i.ingressClassName !== undefined)
    requireDnsSubdomain('restIngress.ingressClassName', i.ingressClassName, 'IngressClass name');
  if (i.tlsSecretName !== undefined) requireDnsSubdomain('restIngress.tlsSecretName', i.tlsSecretName, 'Secret name');
  if (sessionMode && i.jobSubmission === undefined) fail('restIngress.jobSubmission', undefined, submissionUndecided());
  return {
    host: i.host,
    jobSubmission: requireBoolean('restIngress.jobSubmission', i.jobSubmission ?? false),
    ingressClassName: i.ingressClassName,
    tlsSecretName: i.tlsSecretName,
    annotations: i.annotations === undefined ? undefined : requireAnnotations('restIngress.annotations', i.annotations),
  };
}
