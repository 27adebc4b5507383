import { Duration, Size } from 'cdk8s';
import { FlinkClusterProps, FlinkValidationError, FlinkVersion, HaStorage, RestartStrategy } from '../../src';
import { clusterView, invariantViolations } from '../support/invariants';
import { schemaProblems } from '../support/k8s/schema';
import { exampleProps } from '../support/scenarios';
import { synthCluster } from '../support/synth';

/**
 * Product bugs the trust suite found, each kept as the test that proves it fixed: inputs
 * that used to yield objects Kubernetes would refuse, TypeErrors, silently ignored values,
 * or YAML that broke HA. A new finding goes here first (as `test.failing` until fixed).
 */

/** Either a FlinkValidationError, or objects that Kubernetes accepts and that meet every invariant. */
function rejectedCleanlyOrValid(props: () => unknown): void {
  let result: ReturnType<typeof synthCluster> | undefined;
  try {
    result = synthCluster(props() as FlinkClusterProps);
  } catch (e) {
    expect(e).toBeInstanceOf(FlinkValidationError);
    return;
  }
  expect([
    ...schemaProblems(result.objects),
    ...invariantViolations(clusterView(result.objects, result.cluster)),
  ]).toEqual([]);
}

/** Must throw a FlinkValidationError (silently ignoring the value is a bug too). */
function rejected(props: () => unknown): void {
  expect(() => synthCluster(props() as FlinkClusterProps)).toThrow(FlinkValidationError);
}

const base = exampleProps;
const tm = (extra: Record<string, unknown>) => () => ({ ...base(), taskManager: { replicas: 2, ...extra } });

describe('objects Kubernetes would reject', () => {
  test('nodeSelector keys are not validated as label keys (resolve.ts resolvePods)', () =>
    rejectedCleanlyOrValid(tm({ nodeSelector: { 'bad key': 'x' } })));
  test('podLabels are not validated as labels (resolve.ts resolvePods)', () =>
    rejectedCleanlyOrValid(tm({ podLabels: { 'bad key': 'x' } })));
  test('podAnnotations keys and values are not validated (resolve.ts resolvePods)', () =>
    rejectedCleanlyOrValid(tm({ podAnnotations: { 'bad key': 1 } })));
  test('env names are not validated (resolve.ts resolvePods)', () =>
    rejectedCleanlyOrValid(tm({ env: [{ name: '1X=', value: 'a' }] })));
  test('user volume names are not validated as DNS labels (resolve.ts resolvePods)', () =>
    rejectedCleanlyOrValid(tm({ volumes: [{ volume: { name: 'My_Vol', emptyDir: {} }, mountPath: '/data' }] })));
  test('two user volumes with one name are emitted (resolve.ts resolvePods)', () =>
    rejectedCleanlyOrValid(
      tm({
        volumes: [
          { volume: { name: 'd', emptyDir: {} }, mountPath: '/a' },
          { volume: { name: 'd', emptyDir: {} }, mountPath: '/b' },
        ],
      }),
    ));
  test('two user volumes on one mountPath are emitted (resolve.ts resolvePods)', () =>
    rejectedCleanlyOrValid(
      tm({
        volumes: [
          { volume: { name: 'a', emptyDir: {} }, mountPath: '/a' },
          { volume: { name: 'b', emptyDir: {} }, mountPath: '/a' },
        ],
      }),
    ));
  test('tolerations given as a string become an empty toleration {} (resolve.ts resolvePods)', () =>
    rejectedCleanlyOrValid(tm({ tolerations: 'dedicated' })));
  test('restAllowedFrom entries that are not peers become empty peers {} (resolve.ts resolveCluster)', () =>
    rejectedCleanlyOrValid(() => ({ ...base(), network: { restAllowedFrom: ['ingress-nginx'] } })));
  test('metrics.allowedFrom entries that are not peers become empty peers {} (resolve.ts resolveMetrics)', () =>
    rejectedCleanlyOrValid(() => ({ ...base(), metrics: { allowedFrom: ['monitoring'] } })));
  test('restIngress.annotations are not validated (resolve.ts resolveIngress)', () =>
    rejectedCleanlyOrValid(() => ({
      ...base(),
      network: { networkPolicies: false },
      restIngress: { host: 'flink.example.com', annotations: { 'bad key': 'x' } },
    })));
  test('restIngress.ingressClassName is not validated as a DNS subdomain (resolve.ts resolveIngress)', () =>
    rejectedCleanlyOrValid(() => ({
      ...base(),
      network: { networkPolicies: false },
      restIngress: { host: 'flink.example.com', ingressClassName: 'Bad Class' },
    })));
  test('HaStorage.newClaim storageClassName is not validated as a DNS subdomain (ha-storage.ts)', () =>
    rejectedCleanlyOrValid(() => ({
      ...base(),
      highAvailability: { storage: HaStorage.newClaim({ storageClassName: 'Fast_SSD' }) },
    })));
  test('Secret and claim names are not validated: envFromSecret (ha-storage.ts)', () =>
    rejectedCleanlyOrValid(() => ({
      ...base(),
      highAvailability: {
        storage: HaStorage.objectStore('s3://b/ha', { credentials: { envFromSecret: 'AWS_Creds' } }),
      },
    })));
  test('Secret and claim names are not validated: existingClaim (ha-storage.ts)', () =>
    rejectedCleanlyOrValid(() => ({ ...base(), highAvailability: { storage: HaStorage.existingClaim('Shared_HA') } })));
});

describe('TypeErrors instead of FlinkValidationErrors', () => {
  test('tolerations given as an object (resolve.ts resolvePods: spread of a non-iterable)', () =>
    rejected(tm({ tolerations: { key: 'dedicated' } })));
  test('job: null (resolve.ts resolveJob reads j.jarUri)', () => rejected(() => ({ ...base(), job: null })));
  test('RestartStrategy.exponentialDelay(null) (restart-strategy.ts reads props.initialBackoff)', () =>
    rejected(() => ({ ...base(), restartStrategy: RestartStrategy.exponentialDelay(null as any) })));
  test('HaStorage.newClaim(null) (ha-storage.ts ClaimStorage._resolve reads props.accessMode)', () =>
    rejected(() => ({ ...base(), highAvailability: { storage: HaStorage.newClaim(null as any) } })));
  test('HaStorage.objectStore(uri, null) (ha-storage.ts ObjectStoreStorage._resolve reads props.credentials)', () =>
    rejected(() => ({ ...base(), highAvailability: { storage: HaStorage.objectStore('s3://b/ha', null as any) } })));
});

describe('wrong types from JavaScript callers silently ignored', () => {
  test('nodeSelector given as a string becomes {"0": ...} (resolve.ts resolvePods)', () =>
    rejected(tm({ nodeSelector: 'pool=flink' })));
  test('image given as a string is ignored (flink-image.ts)', () =>
    rejected(() => ({ ...base(), image: 'flink:1.19' })));
  test('metrics given as a string is ignored (resolve.ts resolveMetrics)', () =>
    rejected(() => ({ ...base(), metrics: 'off' })));
  test('network given as a string is ignored (resolve.ts)', () => rejected(() => ({ ...base(), network: 'off' })));
  test('affinity given as a string is ignored (flink-pod.ts spreadAffinity)', () =>
    rejected(tm({ affinity: 'spread' })));
});

describe('errors from inside cdk8s', () => {
  test('a PodMonitor interval that is not whole seconds (pod-monitor.ts called Duration.toSeconds())', () =>
    rejectedCleanlyOrValid(() => ({ ...base(), metrics: { podMonitor: { interval: Duration.millis(1500) } } })));
});

describe('valid configurations refused', () => {
  test("Flink 1.x: a user key beside one of the construct's (1.18 state.backend with checkpointing) is fine in flat config files", () => {
    const props = {
      ...base(FlinkVersion.V1_18),
      checkpointing: { interval: Duration.seconds(30) },
      flinkConfiguration: { 'state.backend': 'rocksdb' },
    };
    const { cluster } = synthCluster(props);
    expect(cluster.flinkConfig).toMatchObject({ 'state.backend': 'rocksdb', 'state.backend.incremental': 'false' });
    // 2.x nests its config.yaml, where the pair cannot exist.
    expect(() =>
      synthCluster({ ...base(FlinkVersion.V2_0), flinkConfiguration: { 'rest.port.range': '8081' } }),
    ).toThrow(FlinkValidationError);
  });
});

describe('props that break HA without an error', () => {
  test('a user env JOB_MANAGER_RPC_ADDRESS overrides the pod IP each JobManager must advertise (resolve.ts RESERVED_ENV)', () =>
    rejected(() => ({
      ...base(),
      jobManager: { env: [{ name: 'JOB_MANAGER_RPC_ADDRESS', value: 'flink-jobmanager' }] },
    })));
});

describe('unknown keys silently dropped (JavaScript and JSON callers)', () => {
  const peer = (p: Record<string, unknown>) => () => ({ ...base(), network: { restAllowedFrom: [p] } });
  test('a misspelt matchLabels inside a peer leaves {} selecting every pod (k8s-syntax.ts requirePeers)', () => {
    rejected(peer({ podSelector: { matchLabel: { app: 'ingress' } } }));
    rejected(peer({ namespaceSelector: { matchLables: { team: 'web' } } }));
  });
  test('a misspelt except or operator inside a peer is dropped (k8s-syntax.ts requirePeers)', () => {
    rejected(() => ({
      ...base(),
      metrics: { allowedFrom: [{ ipBlock: { cidr: '10.0.0.0/8', exept: ['10.1.0.0/16'] } }] },
    }));
    rejected(peer({ podSelector: { matchExpressions: [{ key: 'app', operater: 'In', values: ['x'] }] } }));
  });
  test('misspelt props at any depth are ignored (resolve-cluster.ts)', () => {
    rejected(() => ({ ...base(), flinkConfig: { 'pipeline.name': 'x' } }));
    rejected(tm({ replica: 3 }));
    rejected(tm({ resources: { memmory: '4Gi' } }));
    rejected(() => ({ ...base(), checkpointing: { interval: Duration.seconds(30), retain: 3 } }));
    rejected(() => ({
      ...base(),
      highAvailability: { ...base().highAvailability, leaseDurationn: Duration.seconds(60) },
    }));
  });
  test('misspelt HaStorage factory props are ignored (high-availability.ts)', () => {
    rejected(() => ({
      ...base(),
      highAvailability: { storage: HaStorage.newClaim({ sise: Size.gibibytes(5) } as any) },
    }));
    rejected(() => ({
      ...base(),
      highAvailability: {
        storage: HaStorage.objectStore('s3://b/ha', { credentials: { envFromSecrets: 'aws' } } as any),
      },
    }));
  });
  test('misspelt or wire-named fields of Kubernetes objects are dropped (pods.ts, pod-volumes.ts)', () => {
    rejected(tm({ tolerations: [{ key: 'spot', operater: 'Exists' }] }));
    rejected(
      tm({
        affinity: {
          nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preferance: {} }] },
        },
      }),
    );
    rejected(tm({ env: [{ name: 'A', valueFrom: { secretKeyRef: { nam: 's', key: 'k' } } }] }));
    rejected(tm({ envFrom: [{ secretRef: { name: 's' }, prefx: 'A_' }] }));
    rejected(tm({ volumes: [{ volume: { name: 'd', configMap: { name: 'c', itmes: [] } }, mountPath: '/d' }] }));
  });
  test('Kubernetes values of the wrong type are dropped or rendered wrong (pods.ts, pod-volumes.ts)', () => {
    rejected(tm({ volumes: [{ volume: { name: 'd', emptyDir: { sizeLimit: '1Gi' } }, mountPath: '/d' }] }));
    rejected(tm({ volumes: [{ volume: { name: 'd', emptyDir: undefined }, mountPath: '/d' }] }));
    rejected(peer({ podSelector: { matchLabels: { app: undefined } } }));
    rejected(tm({ resources: '4' }));
  });
  test('a label key "constructor" fails inside cdk8s (k8s-syntax.ts requireLabels)', () => {
    for (const where of ['podLabels', 'podAnnotations', 'nodeSelector'])
      rejected(tm({ [where]: { constructor: 'x' } }));
    rejected(() => ({ ...base(), metrics: { podMonitor: { labels: { constructor: 'x' } } } }));
    rejected(peer({ podSelector: { matchLabels: { constructor: 'x' } } }));
  });
});

describe('credentials the deny-list missed (written into the GitOps repository)', () => {
  const conf = (c: Record<string, unknown>) => () => ({ ...base(), flinkConfiguration: c });
  test.each([
    'fs.s3a.bucket.orders.secret.key',
    'fs.s3a.bucket.orders.session.token',
    'fs.s3a.encryption.key',
    'fs.s3a.server-side-encryption.key',
    'fs.azure.sas.container.acct.blob.core.windows.net',
    'fs.gs.encryption.key',
    'metrics.reporter.dghttp.apikey',
    'metrics.reporter.promgateway.bearer-auth.token',
    'properties.sasl.jaas.config',
  ])('%s passed (key-rules.ts INLINE_CREDENTIALS was a list)', (key) => rejected(conf({ [key]: 'abc123SECRET' })));
  test('a credential of the wrong type was echoed in the error (key-rules.ts checkExtraKey)', () => {
    expect(() => synthCluster(conf({ 's3.secret-key': ['abc123SECRET'] })() as FlinkClusterProps)).toThrow(
      /^(?![\s\S]*abc123SECRET)/,
    );
  });
  test('a credential inside a value: -D JVM options or job parameters (key-rules.ts, pods.ts)', () => {
    rejected(conf({ 'env.java.opts.all': '-Djavax.net.ssl.trustStorePassword=changeit' }));
    rejected(conf({ 'pipeline.global-job-parameters': 'db.password:hunter2,topic:orders' }));
    rejected(tm({ env: [{ name: 'JAVA_TOOL_OPTIONS', value: '-Dfs.s3a.secret.key=abc123SECRET' }] }));
    rejectedCleanlyOrValid(conf({ 'env.java.opts.taskmanager': '-XX:+UseG1GC -Dfoo=bar' }));
  });
  test('a credential as an inline env value was written into the Deployment (pods.ts resolveEnv)', () =>
    rejected(tm({ env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'abc123SECRET' }] })));
});

describe('mount paths compared as written, not as the kernel resolves them', () => {
  const at = (mountPath: string, extra: Record<string, unknown> = {}) =>
    tm({ volumes: [{ volume: { name: 'd', emptyDir: {} }, mountPath, ...extra }] });
  test.each(['//opt/flink/conf', '/opt/flink/./conf', '/opt/flink/x/../conf', '/opt/flink//log/', '/opt/./flink'])(
    '%s shadows a mount of the construct (pod-volumes.ts resolveVolumes)',
    (path) => rejected(at(path)),
  );
  test('"/" was refused as "not absolute" instead of as shadowing every mount (pod-volumes.ts)', () =>
    expect(() => synthCluster(at('/')() as FlinkClusterProps)).toThrow(/overlaps a path the construct mounts/));
  test('a volume over /opt/flink/lib hides the Flink distribution (pod-volumes.ts)', () =>
    rejected(at('/opt/flink/lib')));
  test('readOnly "false" (a string) mounted the volume read-only (pod-volumes.ts)', () =>
    rejected(at('/data', { readOnly: 'false' })));
  test('the YAML carries the path the checks saw', () => {
    const { objects } = synthCluster(at('/data/./x//')() as FlinkClusterProps);
    const tmPod = objects.find((o) => o.kind === 'Deployment' && o.metadata.name.endsWith('-taskmanager'))!;
    expect(tmPod.spec.template.spec.containers[0].volumeMounts).toContainEqual({ name: 'd', mountPath: '/data/x' });
  });
});

describe('pod annotations that switch confinement off', () => {
  const ann = (a: Record<string, string>) => tm({ podAnnotations: a });
  test.each([
    ['container.apparmor.security.beta.kubernetes.io/flink-main-container', 'unconfined'],
    ['container.apparmor.security.beta.kubernetes.io/prepare-flink', 'Unconfined'],
    ['seccomp.security.alpha.kubernetes.io/pod', 'unconfined'],
    ['container.seccomp.security.alpha.kubernetes.io/flink-main-container', 'unconfined'],
    ['seccomp-profile.kubernetes.cri-o.io/POD', 'quay.io/x/profile:latest'],
    ['io.kubernetes.cri-o.Devices', '/dev/fuse'],
  ])('%s: %s passed (pods.ts resolvePods)', (key, value) => rejected(ann({ [key]: value })));
  test('confining values stay allowed', () =>
    rejectedCleanlyOrValid(
      ann({
        'container.apparmor.security.beta.kubernetes.io/flink-main-container': 'localhost/flink',
        'seccomp.security.alpha.kubernetes.io/pod': 'runtime/default',
      }),
    ));
});

describe('the object-store credentials file (high-availability.ts checkCredentials)', () => {
  const file = (fileSecret: Record<string, string>) => () => ({
    ...base(),
    highAvailability: { storage: HaStorage.objectStore('gs://b/ha', { credentials: { fileSecret } as any }) },
  });
  test('a reserved variable name as fileEnv overrode what the construct sets', () => {
    rejected(file({ name: 'gcs', key: 'key.json', fileEnv: 'JOB_MANAGER_RPC_ADDRESS' }));
    rejected(file({ name: 'gcs', key: 'key.json', fileEnv: 'KUBERNETES_SERVICE_HOST' }));
  });
  test('a key "." or ".." passed', () => {
    rejected(file({ name: 'gcs', key: '..', fileEnv: 'GOOGLE_APPLICATION_CREDENTIALS' }));
    rejected(file({ name: 'gcs', key: '.', fileEnv: 'GOOGLE_APPLICATION_CREDENTIALS' }));
  });
});

describe('env names the image or Flink read passed (pods.ts RESERVED_ENV)', () => {
  test.each([
    'TASK_MANAGER_NUMBER_OF_TASK_SLOTS',
    'FLINK_HOME',
    'FLINK_CONF_DIR',
    'FLINK_LIB_DIR',
    'FLINK_PLUGINS_DIR',
    'FLINK_ENV_JAVA_OPTS',
    'KUBERNETES_SERVICE_HOST',
    'KUBERNETES_SERVICE_PORT',
    'KUBERNETES_TRUST_CERTIFICATES',
    'KUBECONFIG',
  ])('%s', (name) => rejected(tm({ env: [{ name, value: 'x' }] })));
  test('a variable set twice (the later silently wins)', () =>
    rejected(
      tm({
        env: [
          { name: 'TZ', value: 'UTC' },
          { name: 'TZ', value: 'CET' },
        ],
      }),
    ));
  test('variables Flink only adds to stay allowed', () =>
    rejectedCleanlyOrValid(
      tm({ env: ['JVM_ARGS', 'FLINK_ENV_JAVA_OPTS_TM', 'DISABLE_JEMALLOC'].map((name) => ({ name, value: 'x' })) }),
    ));
});

describe('lease timing of days (the agent spins, a failover waits out the lease)', () => {
  const ha = (extra: Record<string, unknown>) => () => ({
    ...base(),
    highAvailability: { ...base().highAvailability, ...extra },
  });
  test('leaseDuration of days passed (high-availability.ts)', () =>
    rejected(ha({ leaseDuration: Duration.days(2), renewDeadline: Duration.days(1) })));
  test('renewDeadline and retryPeriod are bounded through the lease', () => {
    rejected(ha({ renewDeadline: Duration.days(2) }));
    rejected(
      ha({ leaseDuration: Duration.minutes(5), renewDeadline: Duration.minutes(4), retryPeriod: Duration.days(1) }),
    );
    rejectedCleanlyOrValid(ha({ leaseDuration: Duration.minutes(5), renewDeadline: Duration.minutes(5) }));
  });
});

describe('Object.prototype names as keys', () => {
  test.each(['constructor', 'toString', 'valueOf', 'hasOwnProperty'])(
    'flinkConfiguration["%s"] was "removed in Flink undefined" (a plain lookup in the key history); now it is an unknown key',
    (key) => {
      const props = { ...base(), flinkConfiguration: { [key]: 'x' } };
      expect(() => synthCluster(props)).toThrow(`flinkConfiguration["${key}"]: "x" - is not an option of Flink 1.19`);
    },
  );
  test('other prototype names are valid label keys and reach the YAML', () => {
    const { objects } = synthCluster(tm({ podLabels: { toString: 'x', valueOf: 'y' } })() as FlinkClusterProps);
    const tmPod = objects.find((o) => o.kind === 'Deployment' && o.metadata.name.endsWith('-taskmanager'))!;
    expect(tmPod.spec.template.metadata.labels).toMatchObject({ toString: 'x', valueOf: 'y' });
  });
  test('"constructor" in restIngress annotations or dashboard labels fails inside cdk8s', () => {
    rejected(() => ({
      ...base(),
      network: { networkPolicies: false },
      restIngress: { host: 'flink.example.com', annotations: { constructor: 'x' } },
    }));
    rejected(() => ({ ...base(), metrics: { grafanaDashboard: { labels: { constructor: 'x' } } } }));
  });
});

describe('Kubernetes objects cdk8s cannot serialize or the API server refuses (found by fuzzing every field)', () => {
  test.each([
    ['a Date', () => new Date()],
    ['an object without a prototype', () => Object.create(null)],
  ])('%s inside an affinity, env source, volume or peer fails deep inside cdk8s', (_what, value) => {
    rejected(tm({ affinity: { nodeAffinity: value() } }));
    rejected(tm({ env: [{ name: 'A', valueFrom: value() }] }));
    rejected(tm({ volumes: [{ volume: { name: 'd', emptyDir: value() }, mountPath: '/d' }] }));
    rejected(() => ({ ...base(), network: { restAllowedFrom: [{ podSelector: value() }] } }));
  });
  test('toleration operator and effect outside their values (k8s-syntax.ts requireTolerations)', () => {
    rejected(tm({ tolerations: [{ key: 'spot', operator: 'exists' }] }));
    rejected(tm({ tolerations: [{ key: 'spot', operator: 'Exists', effect: 'NoScheduling' }] }));
  });
  test('tolerations the API server refuses across fields (k8s-syntax.ts requireTolerations)', () => {
    rejected(tm({ tolerations: [{ value: 'x', effect: 'NoSchedule' }] }));
    rejected(tm({ tolerations: [{ key: 'spot', operator: 'Exists', value: 'x' }] }));
    rejected(tm({ tolerations: [{ key: 'spot', operator: 'Exists', tolerationSeconds: 30 }] }));
  });
  test('references without the name the API server requires (known-fields.ts)', () => {
    rejected(tm({ env: [{ name: 'A', valueFrom: { secretKeyRef: { key: 'k' } } }] }));
    rejected(tm({ env: [{ name: 'A', valueFrom: { configMapKeyRef: { key: 'k' } } }] }));
    rejected(tm({ volumes: [{ volume: { name: 'd', configMap: {} }, mountPath: '/d' }] }));
    rejected(tm({ volumes: [{ volume: { name: 'd', secret: { optional: true } }, mountPath: '/d' }] }));
  });
  test('an ipBlock the API server refuses: a bad address or prefix, an except outside the CIDR (k8s-syntax.ts)', () => {
    const peer = (ipBlock: unknown) => () => ({ ...base(), network: { restAllowedFrom: [{ ipBlock }] } });
    rejected(peer({ cidr: '999.0.0.0/8' }));
    rejected(peer({ cidr: '10.0.0.0/40' }));
    rejected(peer({ cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] }));
    rejected(peer({ cidr: '10.0.0.0/8', except: ['10.0.0.0/8'] }));
    rejectedCleanlyOrValid(peer({ cidr: '10.0.0.0/8', except: ['10.1.0.0/16'] }));
  });
  test('numbers the API server refuses: fractions, weights above 100, file modes above 0777 (known-fields.ts)', () => {
    rejected(tm({ tolerations: [{ key: 'a', operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 1.5 }] }));
    rejected(
      tm({
        affinity: {
          nodeAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 500, preference: {} }] },
        },
      }),
    );
    rejected(
      tm({ volumes: [{ volume: { name: 'd', secret: { secretName: 's', defaultMode: 0o1777 } }, mountPath: '/d' }] }),
    );
  });
  test('env with both value and valueFrom, or a valueFrom with no or two sources (pods.ts resolveEnv)', () => {
    const ref = { configMapKeyRef: { name: 'c', key: 'k' } };
    rejected(tm({ env: [{ name: 'A', value: 'x', valueFrom: ref }] }));
    rejected(tm({ env: [{ name: 'A', valueFrom: {} }] }));
    rejected(tm({ env: [{ name: 'A', valueFrom: { ...ref, secretKeyRef: { name: 's', key: 'k' } } }] }));
    rejectedCleanlyOrValid(tm({ env: [{ name: 'A', valueFrom: ref }] }));
  });
  test('a terminal escape sequence in a label key reached the error message raw (k8s-syntax.ts requireLabels)', () => {
    let message = '';
    try {
      synthCluster(tm({ podLabels: { '\u001b]0;pwned\u0007': 'x' } })() as FlinkClusterProps);
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message).toContain('pwned');
    expect([...message].filter((c) => c === '\u001b' || c === '\u0007')).toEqual([]);
  });
  test('a file path inside a volume that is absolute or climbs out (known-fields.ts)', () => {
    const items = (path: string) =>
      tm({
        volumes: [{ volume: { name: 'c', configMap: { name: 'app', items: [{ key: 'k', path }] } }, mountPath: '/c' }],
      });
    rejected(items('../k'));
    rejected(items('/etc/k'));
    rejected(items('a/../../k'));
    rejectedCleanlyOrValid(items('conf/k.properties'));
  });
  test('a selector operator or volume mode outside its values (known-fields.ts)', () => {
    rejected(() => ({
      ...base(),
      network: {
        restAllowedFrom: [{ podSelector: { matchExpressions: [{ key: 'a', operator: 'in', values: ['x'] }] } }],
      },
    }));
    rejected(
      tm({
        volumes: [
          {
            volume: { name: 'd', ephemeral: { volumeClaimTemplate: { spec: { volumeMode: 'File' } } } },
            mountPath: '/d',
          },
        ],
      }),
    );
  });
});

describe('user labels and annotations the construct silently replaced with its own', () => {
  test.each([
    'app.kubernetes.io/name',
    'app.kubernetes.io/instance',
    'app.kubernetes.io/component',
    'flink.cdk8s.io/ha-role',
  ])('podLabels["%s"] (pods.ts)', (key) => rejected(tm({ podLabels: { [key]: 'mine' } })));
  test('podAnnotations["flink.cdk8s.io/config-checksum"] (pods.ts)', () =>
    rejected(tm({ podAnnotations: { 'flink.cdk8s.io/config-checksum': 'pinned' } })));
  test('PodMonitor and dashboard labels the construct sets on every object (observability.ts)', () => {
    rejected(() => ({ ...base(), metrics: { podMonitor: { labels: { 'app.kubernetes.io/instance': 'x' } } } }));
    rejected(() => ({ ...base(), metrics: { grafanaDashboard: { labels: { 'app.kubernetes.io/managed-by': 'x' } } } }));
  });
  test("labels the construct does not set stay the user's", () =>
    rejectedCleanlyOrValid(tm({ podLabels: { 'app.kubernetes.io/version': '3.1', team: 'data' } })));
});

describe('HA agent images (observability.ts resolveAgent)', () => {
  test.each(['node:24 alpine', 'Node:24', 'node@sha256:abc', 'a/b/../c'])(
    '%s is no image reference the kubelet can pull',
    (img) => {
      rejected(() => ({ ...base(), haAgent: { nodeImage: img } }));
      rejected(() => ({ ...base(), haAgent: { image: img } }));
    },
  );
  test('real references stay allowed', () =>
    rejectedCleanlyOrValid(() => ({
      ...base(),
      haAgent: { nodeImage: 'registry.example.com:5000/base/node:24.13.0-alpine3.23' },
    })));
});

describe('findings from the unknown-key sweep, fixed outside the validation rooms', () => {
  test('RestartStrategy factories ignore misspelt keys (restart-strategy.ts keeps no props to check later)', () =>
    rejected(() => ({
      ...base(),
      restartStrategy: RestartStrategy.fixedDelay({ attempts: 3, delay: Duration.seconds(10), delayy: 1 } as any),
    })));
  test('job.entryClass that is not a string passes the class-name RegExp (job.ts)', () =>
    rejected(() => ({ ...base(), job: { ...base().job!, entryClass: NaN as any } })));
  test('a file:// checkpoint directory climbing out of the HA volume with ".." counts as on it (shared-storage.ts)', () =>
    rejected(() => ({
      ...base(),
      highAvailability: { storage: HaStorage.newClaim() },
      checkpointing: { interval: Duration.seconds(30), directory: 'file:///opt/flink/ha/../../tmp/cp' },
    })));
  test("a user env variable named like credentials.fileSecret.fileEnv silently wins over the construct's", () =>
    rejected(() => ({
      ...base(),
      highAvailability: {
        storage: HaStorage.objectStore('gs://b/ha', {
          credentials: { fileSecret: { name: 'gcs', key: 'key.json', fileEnv: 'GOOGLE_APPLICATION_CREDENTIALS' } },
        }),
      },
      jobManager: { env: [{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/tmp/other.json' }] },
    })));
});

test('the helpers can tell a valid cluster from a rejected one', () => {
  rejectedCleanlyOrValid(base);
  rejected(() => ({ ...base(), checkpointing: { interval: Duration.millis(1) } }));
});
