/**
 * What the JobManager ServiceAccount (the token Flink's user code holds) may and may not do, asked
 * of the real API server: every request is a dry run (`dryRun=All`, which runs RBAC and admission,
 * the ValidatingAdmissionPolicy included, and persists nothing), sent with a token minted for the
 * account and a User-Agent the audit check leaves out (these denials are the point).
 */
import { FlinkDeployment } from './cluster-ops';
import { ApiError, Kube, ns } from './kube';

export const PROBE_USER_AGENT = 'cdk8s-flink-e2e-rights-probe';

interface Probe {
  readonly what: string;
  readonly allowed: boolean;
  readonly method: string;
  readonly path: string;
  readonly body: unknown;
  readonly contentType?: string;
}

const MERGE = 'application/merge-patch+json';
const ROLE_LABEL = 'flink.cdk8s.io/ha-role';

function probes(d: FlinkDeployment, ownPod: string, otherPod: string): Probe[] {
  const n = d.namespace;
  const cm = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: n } });
  const patchPod = (pod: string, metadata: object) => ({
    method: 'PATCH',
    path: ns(n, 'pods', pod),
    body: { metadata },
    contentType: MERGE,
  });
  const lease = (name: string) => ({
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: { name, namespace: n },
    spec: { holderIdentity: 'x' },
  });
  return [
    {
      what: "set its own pod's role label",
      allowed: true,
      ...patchPod(ownPod, { labels: { [ROLE_LABEL]: 'standby' } }),
    },
    {
      what: 'create a job ConfigMap of its cluster',
      allowed: true,
      method: 'POST',
      path: ns(n, 'configmaps'),
      body: cm(`${d.clusterId}-${'0'.repeat(32)}-config-map`),
    },
    {
      what: 'set the role label of a TaskManager pod',
      allowed: false,
      ...patchPod(otherPod, { labels: { [ROLE_LABEL]: 'leader' } }),
    },
    {
      what: 'change another label of its own pod',
      allowed: false,
      ...patchPod(ownPod, { labels: { 'app.kubernetes.io/instance': 'x' } }),
    },
    {
      what: 'annotate its own pod',
      allowed: false,
      ...patchPod(ownPod, { annotations: { 'controller.kubernetes.io/pod-deletion-cost': '-1000' } }),
    },
    // The harness's pods have no owner (no controller-manager runs), so the probe adds one.
    {
      what: "point its own pod's ownerReferences at another object",
      allowed: false,
      ...patchPod(ownPod, {
        ownerReferences: [
          { apiVersion: 'v1', kind: 'ConfigMap', name: 'x', uid: '00000000-0000-0000-0000-000000000001' },
        ],
      }),
    },
    {
      what: 'add a finalizer to its own pod',
      allowed: false,
      ...patchPod(ownPod, { finalizers: ['example.com/hold'] }),
    },
    {
      what: 'create a ConfigMap of another cluster',
      allowed: false,
      method: 'POST',
      path: ns(n, 'configmaps'),
      body: cm('other-cluster-config-map'),
    },
    {
      what: "overwrite the construct's own config ConfigMap",
      allowed: false,
      method: 'PUT',
      path: ns(n, 'configmaps', `${d.clusterId}-flink-config`),
      body: cm(`${d.clusterId}-flink-config`),
    },
    {
      what: 'create a Lease of another name',
      allowed: false,
      method: 'POST',
      path: `/apis/coordination.k8s.io/v1/namespaces/${n}/leases`,
      body: lease('other-leader'),
    },
    {
      what: 'create a pod',
      allowed: false,
      method: 'POST',
      path: ns(n, 'pods'),
      body: {
        apiVersion: 'v1',
        kind: 'Pod',
        metadata: { name: 'x' },
        spec: { containers: [{ name: 'x', image: 'x' }] },
      },
    },
    { what: 'read a Secret', allowed: false, method: 'GET', path: ns(n, 'secrets', 'any'), body: undefined },
  ];
}

/** Runs every probe; throws naming each one whose answer differs from what the product promises. */
export async function probeJobManagerRights(admin: Kube, d: FlinkDeployment): Promise<string> {
  const sa = `${d.clusterId}-jobmanager`;
  const tr = await admin.request('POST', `${ns(d.namespace, 'serviceaccounts', sa)}/token`, {
    apiVersion: 'authentication.k8s.io/v1',
    kind: 'TokenRequest',
    spec: { expirationSeconds: 600 },
  });
  const asJobManager = new Kube({
    server: admin.conn.server,
    ca: admin.conn.ca,
    token: tr.status.token,
    userAgent: PROBE_USER_AGENT,
  });
  const wrong: string[] = [];
  let denied = 0;
  try {
    for (const p of probes(d, d.jms[0].name, d.tms[0].name)) {
      const sep = p.path.includes('?') ? '&' : '?';
      const path = p.method === 'GET' ? p.path : `${p.path}${sep}dryRun=All`;
      let answer: string;
      try {
        await asJobManager.request(p.method, path, p.body, p.contentType);
        answer = 'allowed';
      } catch (e) {
        if (!(e instanceof ApiError) || ![403, 404, 422].includes(e.status) || (e.status === 404 && p.allowed)) throw e;
        // A 404 for the Secret still means RBAC let the read through.
        answer = e.status === 404 ? 'allowed' : `denied (${e.status})`;
      }
      if ((answer === 'allowed') !== p.allowed)
        wrong.push(`${p.what}: ${answer}, expected ${p.allowed ? 'allowed' : 'denied'}`);
      if (answer !== 'allowed') denied++;
    }
  } finally {
    asJobManager.close();
  }
  if (wrong.length) throw new Error(`the JobManager ServiceAccount ${sa}: ${wrong.join('; ')}`);
  return `${sa} (dry runs): 2 allowed as promised, ${denied} denied (other pods, other labels, annotations, owner references, finalizers, other clusters' ConfigMaps, the construct's config, other Leases, pods, Secrets)`;
}
