import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { App, Chart } from 'cdk8s';
import {
  FlinkCluster,
  FlinkClusterProps,
  FlinkValidationError,
  FlinkVersion,
  HaStorage,
  OutputLayout,
  synthGitOps,
} from '../../src';
import { main } from '../../src/cli';
import { exampleProps, SCENARIOS } from '../support/scenarios';
import { find, synthCluster } from '../support/synth';
import { cleanManifest } from '../convert/support';

/**
 * Findings of a security review that attacked the construct, the converter and the CLI.
 * Fixed ones are plain tests that failed before the fix; open ones are `test.failing`
 * (they pass while the problem exists) and say what would close them.
 */

type Props = FlinkClusterProps & Record<string, any>;
const props = (patch: (p: Props) => Record<string, unknown>): FlinkClusterProps => {
  const base = exampleProps() as Props;
  return { ...base, ...patch(base) } as FlinkClusterProps;
};
const refused = (p: FlinkClusterProps) => expect(() => synthCluster(p)).toThrow(FlinkValidationError);

describe('the JobManager admission policy', () => {
  const podRule = () => {
    const { objects } = synthCluster(exampleProps());
    const policy = find(objects, 'ValidatingAdmissionPolicy', 'flink.my-flink-cluster.flink-jobmanager');
    return (policy.spec.validations as Array<{ expression: string }>)[2].expression;
  };

  // Before: only spec and labels were compared, so the JobManager account (which Flink's user code
  // holds) could drop its pod's ownerReferences or point them at another object (the pod then
  // outlives the Deployment), add a finalizer, or set controller annotations such as
  // controller.kubernetes.io/pod-deletion-cost on its own pods. Checked with a CEL evaluator.
  test.each(['annotations', 'ownerReferences', 'finalizers'])(
    'Medium (fixed): a pod update must leave metadata.%s as it was',
    (field) => {
      const rule = podRule();
      expect(rule).toContain(`has(object.metadata.${field}) == has(oldObject.metadata.${field})`);
      expect(rule).toContain(`object.metadata.${field} == oldObject.metadata.${field}`);
    },
  );
});

describe("Flink's Kubernetes client settings outside the reserved KUBERNETES_* variables", () => {
  // The env names KUBECONFIG and KUBERNETES_* are refused because they could send the token
  // elsewhere or switch certificate checks off; fabric8 reads the same settings from system
  // properties (before the variables) and Flink's HA client from kubernetes.config.file/context.
  test('Medium (fixed): -Dkubernetes.trust.certificates in env.java.opts.jobmanager', () =>
    refused(
      props(() => ({ flinkConfiguration: { 'env.java.opts.jobmanager': '-Dkubernetes.trust.certificates=true' } })),
    ));
  test("Medium (fixed): -Dkubernetes.master in env.java.opts.all (appended to the construct's)", () =>
    refused(
      props(() => ({ flinkConfiguration: { 'env.java.opts.all': '-Xss2m -Dkubernetes.master=https://x.example' } })),
    ));
  test('Medium (fixed): -Dkubeconfig in the 1.x env.java.opts', () =>
    refused(props(() => ({ flinkConfiguration: { 'env.java.opts': '-Dkubeconfig=/opt/flink/extra/kc' } }))));
  test.each(['JAVA_TOOL_OPTIONS', 'JDK_JAVA_OPTIONS', '_JAVA_OPTIONS', 'JVM_ARGS'])(
    'Medium (fixed): -Dkubernetes.* through the env variable %s',
    (name) =>
      refused(props(() => ({ jobManager: { env: [{ name, value: '-Dkubernetes.trust.certificates=true' }] } }))),
  );
  test.each(['kubernetes.config.file', 'kubernetes.context'])(
    'Medium (fixed): flinkConfiguration["%s"] points Flink\'s HA client away from the agent',
    (key) => refused(props(() => ({ flinkConfiguration: { [key]: '/opt/flink/extra/kubeconfig' } }))),
  );
  test('Low (fixed): an envFrom prefix KUBERNETES_ makes every key of a Secret a fabric8 setting', () =>
    refused(props(() => ({ jobManager: { envFrom: [{ prefix: 'KUBERNETES_', secretRef: { name: 's' } }] } }))));
  test("a -D option that is not the client's, and a Kubernetes-sounding env value, stay allowed", () => {
    synthCluster(
      props(() => ({ flinkConfiguration: { 'env.java.opts.all': '-Dkubernetes-like=1 -Dfoo.kubernetes.x=1' } })),
    );
    synthCluster(props(() => ({ jobManager: { env: [{ name: 'NOTE', value: 'runs on kubernetes.io' }] } })));
  });
});

describe('credentials and tokens', () => {
  // Before: accepted and written into the ConfigMap, FLINK_HA_STORAGE_DIR of the agent and /status.
  test('Low (fixed): a storage URI with "<key>:<secret>@" user info is refused without echoing it', () => {
    const p = props(() => ({ highAvailability: { storage: HaStorage.objectStore('s3://AKIAX:wJalrXUt@bucket/ha') } }));
    expect(() => synthCluster(p)).toThrow(/"\(hidden\)" - carries a credential in its user info/);
    expect(() => synthCluster(p)).not.toThrow(/wJalrXUt/);
  });
  test('an Azure URI with container@account is not user info', () => {
    synthCluster(
      props(() => ({
        highAvailability: { storage: HaStorage.objectStore('abfss://ha@account.dfs.core.windows.net/flink') },
      })),
    );
  });
  test.each(['/var/run/secrets/kubernetes.io/serviceaccount', '/run/secrets/kubernetes.io', '/var/run'])(
    'Low (fixed): a user volume over the service-account token (%s)',
    (mountPath) =>
      refused(props(() => ({ jobManager: { volumes: [{ volume: { name: 'tok', emptyDir: {} }, mountPath }] } }))),
  );
});

describe('cdk8s-flink convert', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'cdk8s-flink-attack-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  // Before: the manifest's names and keys reached stderr raw (OSC title, clear screen, C1 CSI).
  test('Low (fixed): a hostile manifest cannot write terminal escape sequences', async () => {
    const m = cleanManifest();
    m.metadata.name = 'orders\u001b]0;PWNED\u0007\u001b[2J';
    m.spec.flinkConfiguration['x\u009b2J'] = 'y';
    const file = join(dir, 'evil.json');
    writeFileSync(
      file,
      `${JSON.stringify(m)}\n---\n${JSON.stringify({ apiVersion: 'v1', kind: 'Conf\u001b[2Jig', metadata: { name: 'x' } })}\n`,
    );
    const out: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => out.push(s) } };
    await main(['convert', file, '-o', join(dir, 'out')], io);
    // eslint-disable-next-line no-control-regex -- the point
    expect(out.join('')).not.toMatch(/[\u001b\u0007\u009b]/);
    expect(out.join('')).toContain('\\u001b]0;PWNED');
  });
});

describe('open', () => {
  // synthGitOps sets kustomization.yaml after the chart files: the chart's file is replaced by
  // the kustomization, which then lists itself; every object of the chart is silently lost.
  test('Low (fixed): FILE_PER_CHART with a chart named "kustomization" is refused, not lost', () => {
    const outdir = mkdtempSync(join(tmpdir(), 'cdk8s-flink-attack-'));
    try {
      const app = new App();
      new FlinkCluster(new Chart(app, 'kustomization', { namespace: 'flink' }), 'F', exampleProps());
      expect(() => synthGitOps(app, { outdir, layout: OutputLayout.FILE_PER_CHART })).toThrow(
        'a chart written to kustomization.yaml would be replaced by the kustomization itself',
      );
      // Without the kustomization the chart's file is written.
      synthGitOps(app, { outdir, layout: OutputLayout.FILE_PER_CHART, kustomization: false });
      expect(readFileSync(join(outdir, 'kustomization.yaml'), 'utf8')).toContain('kind: Deployment');
    } finally {
      rmSync(outdir, { recursive: true, force: true });
    }
  });

  // A session cluster's job ConfigMaps have unknown names, so the Role grants unnamed get; the
  // admission policy sees no reads. Accepted and documented (README, Security): in session mode the
  // JobManagers can read, not change, other ConfigMaps of the namespace. Application mode names them.
  test('Low (documented): only a session cluster grants an unnamed ConfigMap get', () => {
    const unnamedGet = (objects: any[], role: string) =>
      find(objects, 'Role', role).rules.filter(
        (r: { resources: string[]; verbs: string[]; resourceNames?: string[] }) =>
          r.resources.includes('configmaps') && r.verbs.includes('get') && !r.resourceNames,
      );
    const session = synthCluster({ ...SCENARIOS['session mode'](), flinkVersion: FlinkVersion.V1_20 }).objects;
    expect(unnamedGet(session, 'session-jobmanager')).toHaveLength(1);
    expect(unnamedGet(synthCluster(exampleProps()).objects, 'my-flink-cluster-jobmanager')).toEqual([]);
  });
});
