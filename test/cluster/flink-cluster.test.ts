import { Chart, Duration, JsonPatch, Testing, Yaml } from 'cdk8s';
import { AccessMode, FlinkCluster, FlinkClusterProps, FlinkVersion, HaStorage, ROLE_LABEL } from '../../src';
import { SCENARIOS, exampleProps } from '../support/scenarios';
import { find, forSnapshot, K8sObject, ofKind, synthCluster } from '../support/synth';

const containerOf = (d: K8sObject, name = 'flink-main-container') =>
  d.spec.template.spec.containers.find((c: any) => c.name === name);
const configOf = (objects: K8sObject[], id: string) => {
  const cm = find(objects, 'ConfigMap', `${id}-flink-config`);
  return cm.data['config.yaml'] ?? cm.data['flink-conf.yaml'];
};

describe('snapshots', () => {
  // One snapshot per scenario; the semantic tests below hold whatever the snapshots show.
  test.each(Object.keys(SCENARIOS))('%s', (name) => {
    const { objects } = synthCluster(SCENARIOS[name]());
    expect(Yaml.stringify(...forSnapshot(objects))).toMatchSnapshot();
  });
});

describe('the example app (seed article)', () => {
  const { cluster, objects } = synthCluster(exampleProps());

  test('emits every object a production HA cluster needs, with explicit names', () => {
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual([
      'ConfigMap/my-flink-cluster-flink-config',
      expect.stringMatching(/^ConfigMap\/my-flink-cluster-ha-agent-[0-9a-f]{10}$/),
      'Deployment/my-flink-cluster-jobmanager',
      'Deployment/my-flink-cluster-taskmanager',
      'NetworkPolicy/my-flink-cluster-jobmanager',
      'NetworkPolicy/my-flink-cluster-taskmanager',
      'PersistentVolumeClaim/my-flink-cluster-ha',
      'PodDisruptionBudget/my-flink-cluster-jobmanager',
      'PodDisruptionBudget/my-flink-cluster-taskmanager',
      'Role/my-flink-cluster-jobmanager',
      'Role/my-flink-cluster-taskmanager',
      'RoleBinding/my-flink-cluster-jobmanager',
      'RoleBinding/my-flink-cluster-taskmanager',
      'Service/my-flink-cluster-rest',
      'Service/my-flink-cluster-rest-leader',
      'ServiceAccount/my-flink-cluster-jobmanager',
      'ServiceAccount/my-flink-cluster-taskmanager',
      'ValidatingAdmissionPolicy/flink.my-flink-cluster.flink-jobmanager',
      'ValidatingAdmissionPolicyBinding/flink.my-flink-cluster.flink-jobmanager',
    ]);
  });

  test('every object carries the namespace (cluster-scoped ones none) and app.kubernetes.io labels', () => {
    for (const o of objects) {
      expect(o.metadata.namespace).toBe(o.kind.startsWith('ValidatingAdmissionPolicy') ? undefined : 'flink');
      expect(o.metadata.labels).toMatchObject({
        'app.kubernetes.io/name': 'flink',
        'app.kubernetes.io/instance': 'my-flink-cluster',
        'app.kubernetes.io/managed-by': 'cdk8s-flink',
        'app.kubernetes.io/version': '1.19',
        'app.kubernetes.io/component': expect.any(String),
      });
    }
  });

  test('Flink config sets HA, ids, namespace, pinned ports, memory, slots, parallelism, restarts', () => {
    expect(cluster.flinkConfig).toMatchObject({
      'high-availability.type': 'kubernetes',
      'high-availability.storageDir': 'file:///opt/flink/ha',
      // Namespace-qualified: one id in two namespaces never shares HA files.
      'high-availability.cluster-id': 'flink.my-flink-cluster',
      'kubernetes.cluster-id': 'my-flink-cluster',
      'kubernetes.namespace': 'flink',
      'jobmanager.rpc.port': '6123',
      'high-availability.jobmanager.port': '6123',
      'blob.server.port': '6124',
      'taskmanager.rpc.port': '6122',
      'taskmanager.data.port': '6121',
      'rest.port': '8081',
      'metrics.internal.query-service.port': '6125',
      'jobmanager.bind-host': '0.0.0.0',
      'taskmanager.bind-host': '0.0.0.0',
      'rest.bind-address': '0.0.0.0',
      'jobmanager.memory.process.size': '1024m',
      'taskmanager.memory.process.size': '1024m',
      'taskmanager.numberOfTaskSlots': '1',
      'parallelism.default': '2',
      'restart-strategy.type': 'failure-rate',
      'restart-strategy.failure-rate.max-failures-per-interval': '3',
      'restart-strategy.failure-rate.failure-rate-interval': '5 min',
      'restart-strategy.failure-rate.delay': '1 min',
      'high-availability.kubernetes.leader-election.lease-duration': '15 s',
    });
    expect(cluster.flinkConfig).not.toHaveProperty('high-availability');
    const text = configOf(objects, 'my-flink-cluster');
    expect(text).toContain('high-availability.type: kubernetes\n');
    expect(find(objects, 'ConfigMap', 'my-flink-cluster-flink-config').data).toHaveProperty([
      'log4j-console.properties',
    ]);
  });

  test('JobManagers: 2 candidates advertising their pod IP, app mode with a stable job id', () => {
    const jm = find(objects, 'Deployment', 'my-flink-cluster-jobmanager');
    expect(jm.spec.replicas).toBe(2);
    const c = containerOf(jm);
    expect(c.args).toEqual([
      'standalone-job',
      '-Djobmanager.rpc.address=$(POD_IP)',
      '--job-classname',
      'org.apache.flink.streaming.examples.wordcount.WordCount',
      '--job-id',
      cluster._model.job!.jobId,
    ]);
    expect(cluster._model.job!.jobId).toMatch(/^[0-9a-f]{32}$/);
    expect(cluster._model.job!.jobId).not.toBe('0'.repeat(32));
    expect(c.env[0]).toEqual({
      name: 'POD_IP',
      valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } },
    });
    expect(c.ports.map((p: any) => [p.name, p.containerPort])).toEqual([
      ['rpc', 6123],
      ['blob', 6124],
      ['rest', 8081],
      ['metric-query', 6125],
      ['metrics', 9249],
    ]);
    expect(c.resources.requests.memory).toBe(c.resources.limits.memory);
    expect(c.resources.limits.memory).toBe('1024Mi');
    expect(c.livenessProbe.tcpSocket.port).toBe('rpc');
    expect(c.readinessProbe.tcpSocket.port).toBe('rest');
    expect(c.startupProbe).toBeDefined();
    // The seed's jar lives in the image and is copied into usrlib before start.
    const init = jm.spec.template.spec.initContainers[0];
    // The jar path is the script's "$1", never part of the script text.
    expect(init.command[2]).toContain('cp -- "$1" /work/usrlib/');
    expect(init.command.slice(3)).toEqual(['prepare-flink', '/opt/flink/examples/streaming/WordCount.jar']);
    expect(c.volumeMounts).toContainEqual({ name: 'usrlib', mountPath: '/opt/flink/usrlib' });
  });

  test('config is copied into a writable emptyDir, the stale config file removed, plugins preserved', () => {
    const jm = find(objects, 'Deployment', 'my-flink-cluster-jobmanager');
    const spec = jm.spec.template.spec;
    const script: string = spec.initContainers[0].command[2];
    expect(script.split('\n')).toEqual(
      expect.arrayContaining([
        'cp -R /opt/flink/conf/. /work/conf/',
        'rm -f /work/conf/flink-conf.yaml',
        'cp /flink-config-src/* /work/conf/',
      ]),
    );
    expect(spec.volumes).toContainEqual({ name: 'flink-config', emptyDir: {} });
    expect(containerOf(jm).volumeMounts).toContainEqual({ name: 'flink-config', mountPath: '/opt/flink/conf' });
    expect(containerOf(jm).volumeMounts.find((m: any) => m.name === 'flink-config-src')).toBeUndefined();
  });

  test('a config change rolls the pods (checksum annotation)', () => {
    const jm = find(objects, 'Deployment', 'my-flink-cluster-jobmanager');
    const before = jm.spec.template.metadata.annotations['flink.cdk8s.io/config-checksum'];
    const changed = synthCluster({ ...exampleProps(), flinkConfiguration: { 'pipeline.max-parallelism': 64 } }).objects;
    const after = find(changed, 'Deployment', 'my-flink-cluster-jobmanager').spec.template.metadata.annotations[
      'flink.cdk8s.io/config-checksum'
    ];
    expect(before).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
    expect(
      find(objects, 'Deployment', 'my-flink-cluster-taskmanager').spec.template.metadata.annotations[
        'flink.cdk8s.io/config-checksum'
      ],
    ).toBe(before);
  });

  test('RBAC: least privilege, by name wherever the name is known, no wildcards', () => {
    const jmRole = find(objects, 'Role', 'my-flink-cluster-jobmanager');
    const tmRole = find(objects, 'Role', 'my-flink-cluster-taskmanager');
    const lock = 'my-flink-cluster-cluster-config-map';
    const jobConfigMap = `my-flink-cluster-${cluster._model.job!.jobId}-config-map`;
    expect(tmRole.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], resourceNames: [lock], verbs: ['get', 'list', 'watch'] },
    ]);
    expect(jmRole.rules).toEqual([
      { apiGroups: [''], resources: ['configmaps'], verbs: ['create'] },
      {
        apiGroups: [''],
        resources: ['configmaps'],
        resourceNames: [lock, jobConfigMap],
        verbs: ['delete', 'get', 'list', 'patch', 'update', 'watch'],
      },
      { apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['create'] },
      {
        apiGroups: ['coordination.k8s.io'],
        resources: ['leases'],
        resourceNames: ['my-flink-cluster-jobmanager-leader'],
        verbs: ['get', 'update'],
      },
      { apiGroups: [''], resources: ['pods'], verbs: ['patch'] },
      { apiGroups: [''], resources: ['events'], verbs: ['create'] },
    ]);
    for (const role of ofKind(objects, 'Role')) {
      expect(JSON.stringify(role.rules)).not.toContain('*');
    }
    expect(ofKind(objects, 'ClusterRole')).toEqual([]);
    for (const name of ['my-flink-cluster-jobmanager', 'my-flink-cluster-taskmanager']) {
      const binding = find(objects, 'RoleBinding', name);
      expect(binding.roleRef).toEqual({ apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name });
      expect(binding.subjects).toEqual([{ kind: 'ServiceAccount', name, namespace: 'flink' }]);
      expect(find(objects, 'ServiceAccount', name).automountServiceAccountToken).toBe(false);
    }
  });

  test('TaskManagers need no address of their own or of the leader with HA', () => {
    expect(containerOf(find(objects, 'Deployment', 'my-flink-cluster-taskmanager')).env).toBeUndefined();
  });

  test('both Deployments use their own service account with a token (TaskManagers watch the leader)', () => {
    for (const [d, sa] of [
      ['jobmanager', 'jobmanager'],
      ['taskmanager', 'taskmanager'],
    ]) {
      const spec = find(objects, 'Deployment', `my-flink-cluster-${d}`).spec.template.spec;
      expect(spec.serviceAccountName).toBe(`my-flink-cluster-${sa}`);
      expect(spec.automountServiceAccountToken).toBe(true);
    }
  });

  test('selectors: Deployments, Services, PDBs and policies select the right pods', () => {
    const jmSel = {
      'app.kubernetes.io/name': 'flink',
      'app.kubernetes.io/instance': 'my-flink-cluster',
      'app.kubernetes.io/component': 'jobmanager',
    };
    const tmSel = { ...jmSel, 'app.kubernetes.io/component': 'taskmanager' };
    const jm = find(objects, 'Deployment', 'my-flink-cluster-jobmanager');
    const tm = find(objects, 'Deployment', 'my-flink-cluster-taskmanager');
    expect(jm.spec.selector.matchLabels).toEqual(jmSel);
    expect(tm.spec.selector.matchLabels).toEqual(tmSel);
    expect(jm.spec.template.metadata.labels).toMatchObject(jmSel);
    expect(tm.spec.template.metadata.labels).toMatchObject(tmSel);
    expect(jm.spec.selector.matchLabels).not.toHaveProperty(['app.kubernetes.io/version']);
    expect(find(objects, 'Service', 'my-flink-cluster-rest').spec.selector).toEqual(jmSel);
    expect(find(objects, 'Service', 'my-flink-cluster-rest-leader').spec.selector).toEqual({
      ...jmSel,
      [ROLE_LABEL]: 'leader',
    });
    expect(find(objects, 'PodDisruptionBudget', 'my-flink-cluster-jobmanager').spec).toEqual({
      maxUnavailable: 1,
      selector: { matchLabels: jmSel },
    });
    expect(find(objects, 'PodDisruptionBudget', 'my-flink-cluster-taskmanager').spec.selector.matchLabels).toEqual(
      tmSel,
    );
    expect(find(objects, 'NetworkPolicy', 'my-flink-cluster-jobmanager').spec.podSelector.matchLabels).toEqual(jmSel);
  });

  test("network policies: Flink ports only from the cluster's own pods", () => {
    const own = {
      podSelector: {
        matchLabels: { 'app.kubernetes.io/name': 'flink', 'app.kubernetes.io/instance': 'my-flink-cluster' },
      },
    };
    const jmPolicy = find(objects, 'NetworkPolicy', 'my-flink-cluster-jobmanager').spec;
    expect(jmPolicy.policyTypes).toEqual(['Ingress']);
    const tcp = (ports: number[]) => ports.map((port) => ({ protocol: 'TCP', port }));
    // Nobody outside the cluster's pods, not even a metrics scraper, unless named in metrics.allowedFrom.
    expect(jmPolicy.ingress).toEqual([{ from: [own], ports: tcp([6123, 6124, 8081, 6125, 9249, 8090]) }]);
    const tmPolicy = find(objects, 'NetworkPolicy', 'my-flink-cluster-taskmanager').spec;
    expect(tmPolicy.ingress).toEqual([{ from: [own], ports: tcp([6122, 6121, 6125, 9249]) }]);
    const scrapers = [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } } }];
    const named = synthCluster({ ...exampleProps(), metrics: { allowedFrom: scrapers } }).objects;
    expect(find(named, 'NetworkPolicy', 'my-flink-cluster-jobmanager').spec.ingress[1]).toEqual({
      from: scrapers,
      ports: tcp([9249, 8090]),
    });
  });

  test('every pod meets the restricted Pod Security Standard', () => {
    for (const d of ofKind(objects, 'Deployment')) {
      const spec = d.spec.template.spec;
      expect(spec.securityContext).toMatchObject({
        runAsNonRoot: true,
        runAsUser: 9999,
        runAsGroup: 9999,
        fsGroup: 9999,
        seccompProfile: { type: 'RuntimeDefault' },
      });
      for (const c of [...spec.initContainers, ...spec.containers]) {
        expect([c.name, c.securityContext]).toEqual([
          c.name,
          {
            allowPrivilegeEscalation: false,
            capabilities: { drop: ['ALL'] },
            readOnlyRootFilesystem: true,
            runAsNonRoot: true,
            runAsUser: 9999,
            runAsGroup: 9999,
            seccompProfile: { type: 'RuntimeDefault' },
          },
        ]);
      }
      for (const v of spec.volumes) {
        expect(Object.keys(v).filter((k) => k !== 'name')).toEqual([
          expect.stringMatching(/^(configMap|secret|emptyDir|persistentVolumeClaim)$/),
        ]);
      }
      // Flink writes its config, logs, temp files and plugin links; all are emptyDirs.
      const mounts = containerOf(d).volumeMounts.map((m: any) => m.mountPath);
      expect(mounts).toEqual(
        expect.arrayContaining(['/opt/flink/conf', '/opt/flink/log', '/tmp', '/opt/flink/plugins']),
      );
    }
  });

  test('spreading is soft: pods never stay Pending on a one-node or one-zone cluster', () => {
    for (const d of ofKind(objects, 'Deployment')) {
      const spec = d.spec.template.spec;
      expect(spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution).toBeUndefined();
      expect(
        spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].podAffinityTerm.topologyKey,
      ).toBe('kubernetes.io/hostname');
      expect(spec.topologySpreadConstraints).toEqual([
        expect.objectContaining({ topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }),
      ]);
    }
  });

  test('HA volume: a ReadWriteMany claim mounted by the JobManagers only', () => {
    const pvc = find(objects, 'PersistentVolumeClaim', 'my-flink-cluster-ha');
    expect(pvc.spec).toEqual({ accessModes: ['ReadWriteMany'], resources: { requests: { storage: '1Gi' } } });
    const jm = find(objects, 'Deployment', 'my-flink-cluster-jobmanager').spec.template.spec;
    expect(jm.volumes).toContainEqual({
      name: 'ha-storage',
      persistentVolumeClaim: { claimName: 'my-flink-cluster-ha' },
    });
    expect(
      find(objects, 'Deployment', 'my-flink-cluster-taskmanager').spec.template.spec.volumes.map((v: any) => v.name),
    ).not.toContain('ha-storage');
  });

  test('image defaults to the official image of the version, pulled if not present', () => {
    const c = containerOf(find(objects, 'Deployment', 'my-flink-cluster-jobmanager'));
    expect([c.image, c.imagePullPolicy]).toEqual(['flink:1.19', 'IfNotPresent']);
  });
});

describe('versions', () => {
  test.each([
    [FlinkVersion.V1_18, 'flink-conf.yaml', ['-Djobmanager.rpc.address=$(POD_IP)'], 'state.checkpoints.dir'],
    [FlinkVersion.V1_19, 'config.yaml', ['-Djobmanager.rpc.address=$(POD_IP)'], 'state.checkpoints.dir'],
    [FlinkVersion.V1_20, 'config.yaml', ['-Djobmanager.rpc.address=$(POD_IP)'], 'execution.checkpointing.dir'],
    [FlinkVersion.V2_0, 'config.yaml', ['-Djobmanager.rpc.address=$(POD_IP)'], 'execution.checkpointing.dir'],
    [FlinkVersion.V2_1, 'config.yaml', ['-Djobmanager.rpc.address=$(POD_IP)'], 'execution.checkpointing.dir'],
    [FlinkVersion.V2_2, 'config.yaml', ['-Djobmanager.rpc.address=$(POD_IP)'], 'execution.checkpointing.dir'],
  ])('%s: %s, host args %j, %s, Java module options', (version, file, hostArgs, dirKey) => {
    const { cluster, objects } = synthCluster(SCENARIOS[`version ${version}`]());
    const cm = find(objects, 'ConfigMap', 'my-flink-cluster-flink-config');
    expect(Object.keys(cm.data).sort()).toEqual([file, 'log4j-console.properties'].sort());
    const args = containerOf(find(objects, 'Deployment', 'my-flink-cluster-jobmanager')).args;
    expect(args.slice(0, 1 + hostArgs.length)).toEqual(['standalone-job', ...hostArgs]);
    expect(cluster.flinkConfig[dirKey]).toBe('file:///opt/flink/ha/checkpoints');
    // The distribution's own env.java.opts.all: without it Flink cannot run on Java 17.
    expect(cluster.flinkConfig['env.java.opts.all']).toContain('--add-opens=java.base/java.util=ALL-UNNAMED');
    expect(cluster.flinkConfig['env.java.opts.all'].includes('sun.net.util')).toBe(version < '2.1');
    const stale = file === 'config.yaml' ? 'flink-conf.yaml' : 'config.yaml';
    expect(
      find(objects, 'Deployment', 'my-flink-cluster-jobmanager').spec.template.spec.initContainers[0].command[2],
    ).toContain(`rm -f /work/conf/${stale}`);
    expect(containerOf(find(objects, 'Deployment', 'my-flink-cluster-jobmanager')).image).toBe(`flink:${version}`);
  });

  test('checkpoints on the HA volume mount it on the TaskManagers too', () => {
    const { objects } = synthCluster(SCENARIOS['version 1.20']());
    const tm = find(objects, 'Deployment', 'my-flink-cluster-taskmanager').spec.template.spec;
    expect(tm.volumes).toContainEqual({
      name: 'ha-storage',
      persistentVolumeClaim: { claimName: 'my-flink-cluster-ha' },
    });
    expect(containerOf({ spec: { template: { spec: tm } } } as any).volumeMounts).toContainEqual({
      name: 'ha-storage',
      mountPath: '/opt/flink/ha',
    });
  });
});

test('a JobManager on a claim only one pod can mount is replaced, not surged (the new pod would wait for the claim)', () => {
  const strategy = (accessMode: AccessMode) =>
    find(
      synthCluster({
        ...exampleProps(),
        jobManager: { replicas: 1 },
        highAvailability: { storage: HaStorage.newClaim({ accessMode }) },
      }).objects,
      'Deployment',
      'my-flink-cluster-jobmanager',
    ).spec.strategy;
  expect(strategy(AccessMode.READ_WRITE_ONCE)).toEqual({ type: 'Recreate' });
  expect(strategy(AccessMode.READ_WRITE_ONCE_POD)).toEqual({ type: 'Recreate' });
  expect(strategy(AccessMode.READ_WRITE_MANY)).toEqual({
    type: 'RollingUpdate',
    rollingUpdate: { maxSurge: 1, maxUnavailable: 0 },
  });
});

test('a finished job is not run again: the JobManager stays up, cancelled jobs keep their checkpoints', () => {
  const app = synthCluster({ ...exampleProps(), checkpointing: { interval: Duration.seconds(30) } }).cluster
    .flinkConfig;
  expect(app['execution.shutdown-on-application-finish']).toBe('false');
  expect(app['execution.checkpointing.externalized-checkpoint-retention']).toBe('RETAIN_ON_CANCELLATION');
  const opted = synthCluster({
    ...exampleProps(),
    job: { ...exampleProps().job!, shutdownOnFinish: true },
    checkpointing: { interval: Duration.seconds(30), retainOnCancellation: false },
  }).cluster.flinkConfig;
  expect(opted['execution.shutdown-on-application-finish']).toBe('true');
  expect(opted['execution.checkpointing.externalized-checkpoint-retention']).toBe('DELETE_ON_CANCELLATION');
  // Session clusters have no application to finish.
  expect(synthCluster(SCENARIOS['session mode']()).cluster.flinkConfig).not.toHaveProperty([
    'execution.shutdown-on-application-finish',
  ]);
  expect(() =>
    synthCluster({ ...exampleProps(), flinkConfiguration: { 'execution.shutdown-on-application-finish': true } }),
  ).toThrow('is set by the construct; use job.shutdownOnFinish instead');
});

test('application mode: JobManagers and TaskManagers both hold the job jar in usrlib (Flink ships none to TaskManagers)', () => {
  const { objects } = synthCluster(exampleProps());
  for (const name of ['my-flink-cluster-jobmanager', 'my-flink-cluster-taskmanager']) {
    const spec = find(objects, 'Deployment', name).spec.template.spec;
    expect(containerOf({ spec: { template: { spec } } } as any).volumeMounts).toContainEqual({
      name: 'usrlib',
      mountPath: '/opt/flink/usrlib',
    });
    const script: string = spec.initContainers[0].command[2];
    // The image's own usrlib first, then the jar: the emptyDir must not hide jars the image ships.
    expect(script.indexOf('cp -R /opt/flink/usrlib/. /work/usrlib/')).toBeGreaterThan(0);
    expect(script.indexOf('cp -- "$1" /work/usrlib/')).toBeGreaterThan(script.indexOf('cp -R /opt/flink/usrlib/.'));
  }
});

test('envFrom references reach the Flink container only, after the storage credentials', () => {
  const props = SCENARIOS['object-store HA']();
  const { objects } = synthCluster({
    ...props,
    taskManager: {
      ...props.taskManager,
      envFrom: [{ secretRef: { name: 'kafka' } }, { configMapRef: { name: 'settings' }, prefix: 'JOB_' }],
    },
  });
  const tm = find(objects, 'Deployment', `${props.clusterId}-taskmanager`).spec.template.spec;
  expect(containerOf({ spec: { template: { spec: tm } } } as any).envFrom).toEqual([
    { secretRef: { name: 'flink-s3' } },
    { secretRef: { name: 'kafka' } },
    { configMapRef: { name: 'settings' }, prefix: 'JOB_' },
  ]);
  expect(tm.initContainers.every((c: any) => c.envFrom === undefined)).toBe(true);
  const jm = find(objects, 'Deployment', `${props.clusterId}-jobmanager`).spec.template.spec;
  expect(containerOf({ spec: { template: { spec: jm } } } as any).envFrom).toEqual([
    { secretRef: { name: 'flink-s3' } },
  ]);
});

describe('session mode', () => {
  const { cluster, objects } = synthCluster(SCENARIOS['session mode']());
  test('JobManagers run "jobmanager -D jobmanager.rpc.address=<pod IP>" and no job keys are set', () => {
    // jobmanager.sh passes "-D" through only as a word of its own; a positional host means --host.
    expect(containerOf(find(objects, 'Deployment', 'session-jobmanager')).args).toEqual([
      'jobmanager',
      '-D',
      'jobmanager.rpc.address=$(POD_IP)',
    ]);
    expect(cluster.flinkConfig).not.toHaveProperty(['parallelism.default']);
    expect(
      find(objects, 'Deployment', 'session-jobmanager').spec.template.spec.volumes.map((v: any) => v.name),
    ).not.toContain('usrlib');
  });
  test("the default parallelism is the user's to set (no job prop owns it), within the slots", () => {
    const session = SCENARIOS['session mode']();
    const slots = (session.taskManager!.replicas ?? 1) * (session.taskManager!.taskSlots ?? 1);
    const withParallelism = (n: number) => ({
      ...session,
      flinkConfiguration: { ...session.flinkConfiguration, 'parallelism.default': n },
    });
    expect(synthCluster(withParallelism(slots)).cluster.flinkConfig['parallelism.default']).toBe(String(slots));
    expect(() => synthCluster(withParallelism(slots + 1))).toThrow(
      `flinkConfiguration["parallelism.default"]: ${slots + 1} - exceeds the ${slots} task slots`,
    );
    expect(() => synthCluster(withParallelism(0))).toThrow(
      'flinkConfiguration["parallelism.default"]: 0 - must be a whole number between 1 and 32768',
    );
    // In application mode job.parallelism owns it.
    expect(() => synthCluster({ ...exampleProps(), flinkConfiguration: { 'parallelism.default': 2 } })).toThrow(
      'is set by the construct; use job.parallelism instead',
    );
  });

  test('slots and storage class', () => {
    expect(cluster.flinkConfig['taskmanager.numberOfTaskSlots']).toBe('4');
    expect(find(objects, 'PersistentVolumeClaim', 'session-ha').spec.storageClassName).toBe('nfs');
  });
});

describe('object-store HA', () => {
  const { cluster, objects } = synthCluster(SCENARIOS['object-store HA']());
  const jm = find(objects, 'Deployment', 'orders-jobmanager');
  const tm = find(objects, 'Deployment', 'orders-taskmanager');
  test('storage dir, plugin enabled, credentials by reference, no PVC', () => {
    expect(cluster.flinkConfig['high-availability.storageDir']).toBe('s3://flink-state/orders');
    expect(cluster.flinkConfig['execution.checkpointing.dir']).toBe('s3://flink-state/orders/checkpoints');
    expect(ofKind(objects, 'PersistentVolumeClaim')).toEqual([]);
    for (const d of [jm, tm]) {
      const script: string = d.spec.template.spec.initContainers[0].command[2];
      expect(script).toContain(
        'mkdir -p /work/plugins/s3-fs-presto\ncp /opt/flink/opt/flink-s3-fs-presto-*.jar /work/plugins/s3-fs-presto/',
      );
      expect(script.match(/s3-fs-presto-\*/g)).toHaveLength(1);
      expect(containerOf(d).envFrom).toEqual([{ secretRef: { name: 'flink-s3' } }]);
    }
    expect(ofKind(objects, 'Secret')).toEqual([]);
  });
  test('job args cannot be taken for entrypoint options or expanded by Kubernetes', () => {
    const { objects } = synthCluster({
      ...exampleProps(),
      job: { ...exampleProps().job!, args: ['-host', 'example.com', '--date=$(date)'] },
    });
    const args: string[] = containerOf(find(objects, 'Deployment', 'my-flink-cluster-jobmanager')).args;
    expect(args.slice(args.indexOf('--'))).toEqual(['--', '-host', 'example.com', '--date=$$(date)']);
  });

  test('2.0 application mode passes the address as a dynamic property and job args last, after "--"', () => {
    expect(containerOf(jm).args).toEqual([
      'standalone-job',
      '-Djobmanager.rpc.address=$(POD_IP)',
      '--job-id',
      cluster._model.job!.jobId,
      '--',
      '--topic',
      'orders',
    ]);
  });
  test('timings and REST peers', () => {
    expect(cluster.flinkConfig['high-availability.kubernetes.leader-election.lease-duration']).toBe('30 s');
    const ingress = find(objects, 'NetworkPolicy', 'orders-jobmanager').spec.ingress;
    expect(ingress[1]).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress' } } }],
      ports: [{ protocol: 'TCP', port: 8081 }],
    });
  });
  test('the agent runs without filesystem checks', () => {
    const agent = containerOf(jm, 'ha-agent');
    expect(agent.env.map((e: any) => e.name)).not.toContain('FLINK_HA_STORAGE_PATH');
    expect(agent.env).toContainEqual({ name: 'FLINK_HA_STORAGE_DIR', value: 's3://flink-state/orders' });
  });
});

describe('existing claim', () => {
  const { objects } = synthCluster(SCENARIOS['existing claim']());
  test('mounts the named claim, creates none; custom image with pull secret', () => {
    expect(ofKind(objects, 'PersistentVolumeClaim')).toEqual([]);
    const spec = find(objects, 'Deployment', 'analytics-jobmanager').spec.template.spec;
    expect(spec.volumes).toContainEqual({
      name: 'ha-storage',
      persistentVolumeClaim: { claimName: 'shared-flink-ha' },
    });
    expect(spec.imagePullSecrets).toEqual([{ name: 'regcred' }]);
    expect(containerOf({ spec: { template: { spec } } } as any).image).toBe('registry.example.com/flink:2.1.0-java17');
    expect(find(objects, 'Deployment', 'analytics-jobmanager').spec.replicas).toBe(3);
  });
});

describe('without HA', () => {
  const { cluster, objects } = synthCluster(SCENARIOS['no HA']());
  test('one JobManager behind an RPC Service, no API access, no agent, no HA keys', () => {
    const jm = find(objects, 'Deployment', 'dev-jobmanager');
    expect(jm.spec.replicas).toBe(1);
    expect(jm.spec.strategy).toEqual({ type: 'Recreate' });
    expect(containerOf(jm).args).toEqual(['jobmanager']);
    expect(containerOf(jm).env).toContainEqual({ name: 'JOB_MANAGER_RPC_ADDRESS', value: 'dev-jobmanager-rpc' });
    expect(find(objects, 'Service', 'dev-jobmanager-rpc').spec.ports.map((p: any) => p.port)).toEqual([6123, 6124]);
    expect(ofKind(objects, 'Role')).toEqual([]);
    expect(jm.spec.template.spec.automountServiceAccountToken).toBe(false);
    expect(jm.spec.template.spec.containers).toHaveLength(1);
    expect(Object.keys(cluster.flinkConfig).filter((k) => k.startsWith('high-availability'))).toEqual([]);
    expect(find(objects, 'ConfigMap', 'dev-flink-config').data).toHaveProperty(['flink-conf.yaml']);
  });
});

describe('options', () => {
  test('agent disabled: no sidecar, no leader Service, no agent RBAC', () => {
    const { objects } = synthCluster({ ...exampleProps(), haAgent: { enabled: false } });
    expect(
      find(objects, 'Deployment', 'my-flink-cluster-jobmanager').spec.template.spec.containers.map((c: any) => c.name),
    ).toEqual(['flink-main-container']);
    expect(objects.find((o) => o.metadata.name === 'my-flink-cluster-rest-leader')).toBeUndefined();
    expect(JSON.stringify(find(objects, 'Role', 'my-flink-cluster-jobmanager').rules)).not.toContain('leases');
  });

  test('a prebuilt agent image replaces the bundle ConfigMap', () => {
    const { objects } = synthCluster({
      ...exampleProps(),
      haAgent: { image: 'registry.example.com/flink-ha-agent:0.1.0' },
    });
    const agent = containerOf(find(objects, 'Deployment', 'my-flink-cluster-jobmanager'), 'ha-agent');
    expect(agent.image).toBe('registry.example.com/flink-ha-agent:0.1.0');
    expect(agent.command).toBeUndefined();
    expect(ofKind(objects, 'ConfigMap').map((o) => o.metadata.name)).toEqual(['my-flink-cluster-flink-config']);
  });

  test('network policies can be turned off', () => {
    const { objects } = synthCluster({ ...exampleProps(), network: { networkPolicies: false } });
    expect(ofKind(objects, 'NetworkPolicy')).toEqual([]);
  });

  test('scheduling hooks, extra env, volumes and annotations reach the pods', () => {
    const { objects } = synthCluster({
      ...exampleProps(),
      taskManager: {
        replicas: 2,
        resources: { cpu: 0.5, cpuLimit: 2, memory: exampleProps().taskManager!.resources!.memory },
        nodeSelector: { pool: 'flink' },
        tolerations: [{ key: 'dedicated', operator: 'Equal', value: 'flink', effect: 'NoSchedule' }],
        affinity: {
          nodeAffinity: {
            requiredDuringSchedulingIgnoredDuringExecution: {
              nodeSelectorTerms: [{ matchExpressions: [{ key: 'arch', operator: 'In', values: ['amd64'] }] }],
            },
          },
        },
        env: [{ name: 'TZ', value: 'UTC' }],
        volumes: [
          {
            volume: { name: 'certs', secret: { secretName: 'kafka-certs' } },
            mountPath: '/opt/flink/extra/certs',
            readOnly: true,
          },
        ],
        podAnnotations: { 'example.com/team': 'data' },
      },
    });
    const tm = find(objects, 'Deployment', 'my-flink-cluster-taskmanager').spec.template;
    expect(tm.spec.nodeSelector).toEqual({ pool: 'flink' });
    expect(tm.spec.tolerations).toHaveLength(1);
    expect(tm.spec.affinity.nodeAffinity).toBeDefined();
    expect(tm.spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution).toHaveLength(1);
    expect(tm.metadata.annotations['example.com/team']).toBe('data');
    const c = tm.spec.containers[0];
    expect(c.env).toContainEqual({ name: 'TZ', value: 'UTC' });
    expect(c.volumeMounts).toContainEqual({ name: 'certs', mountPath: '/opt/flink/extra/certs', readOnly: true });
    expect(c.resources).toEqual({
      requests: { cpu: '500m', memory: '1024Mi' },
      limits: { cpu: '2', memory: '1024Mi' },
    });
  });

  test('a GCS credentials file is mounted from a Secret and pointed to by its variable', () => {
    const { objects } = synthCluster({
      ...exampleProps(),
      highAvailability: {
        storage: HaStorage.objectStore('gs://bucket/ha', {
          credentials: { fileSecret: { name: 'gcs-key', key: 'key.json', fileEnv: 'GOOGLE_APPLICATION_CREDENTIALS' } },
        }),
      },
    });
    const c = containerOf(find(objects, 'Deployment', 'my-flink-cluster-jobmanager'));
    expect(c.env).toContainEqual({
      name: 'GOOGLE_APPLICATION_CREDENTIALS',
      value: '/opt/flink/secrets/gcs-key/key.json',
    });
    expect(c.volumeMounts).toContainEqual({
      name: 'fs-credentials',
      mountPath: '/opt/flink/secrets/gcs-key',
      readOnly: true,
    });
  });

  test("the namespace prop wins over the chart's, and a chart namespace is enough", () => {
    expect(synthCluster({ ...exampleProps(), namespace: 'other' }).cluster.namespace).toBe('other');
    expect(
      synthCluster(exampleProps(), { namespace: 'team-a' })
        .objects.filter((o) => !o.kind.startsWith('ValidatingAdmissionPolicy'))
        .every((o) => o.metadata.namespace === 'team-a'),
    ).toBe(true);
  });

  test('cluster id derived from the construct id', () => {
    const { cluster } = synthCluster({ ...exampleProps(), clusterId: undefined }, { id: 'Orders_Stream' });
    expect(cluster.clusterId).toBe('orders-stream');
  });
});

describe('JVM options', () => {
  test("a user's env.java.opts.all comes after the module options Flink needs on Java 17", () => {
    const { cluster } = synthCluster({
      ...SCENARIOS['version 2.2'](),
      flinkConfiguration: { 'env.java.opts.all': '-XX:+UseG1GC' },
    });
    const opts = cluster.flinkConfig['env.java.opts.all'];
    expect(opts.startsWith('--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED ')).toBe(true);
    expect(opts.endsWith(' -XX:+UseG1GC')).toBe(true);
  });

  test("per-process options stay the user's own", () => {
    const { cluster } = synthCluster({
      ...SCENARIOS['version 1.20'](),
      flinkConfiguration: { 'env.java.opts.jobmanager': '-Xlog:gc' },
    });
    expect(cluster.flinkConfig['env.java.opts.jobmanager']).toBe('-Xlog:gc');
  });
});

describe("hostile values never reach a shell or the kubelet's $(VAR) expansion", () => {
  const appWith = (job: Partial<NonNullable<FlinkClusterProps['job']>>) =>
    synthCluster({ ...exampleProps(), job: { ...exampleProps().job!, ...job } });

  test.each([
    'local:///opt/flink/usrlib/a.jar;touch${IFS}/tmp/x;.jar',
    'local:///opt/flink/usrlib/$(id).jar',
    'local:///opt/flink/usrlib/`id`.jar',
    'local:///opt/flink/usrlib/a b.jar',
    'local:///opt/flink/usrlib/*.jar',
    'local:///opt/flink/usrlib/a|b.jar',
    'local:///opt/flink/../../etc/x.jar',
  ])('jarUri %s is refused', (jarUri) => {
    expect(() => appWith({ jarUri })).toThrow(/job.jarUri: .* may contain only letters, digits/);
  });

  test('job args, entry class and savepoint path keep every "$" from the kubelet', () => {
    const { objects } = appWith({
      args: ['$(AWS_SECRET_ACCESS_KEY)', '$$(X)', 'a$b'],
      entryClass: 'org.example.Outer$Main',
      initialSavepointPath: 's3://bucket/savepoints/savepoint-1',
    });
    const args: string[] = containerOf(find(objects, 'Deployment', 'my-flink-cluster-jobmanager')).args;
    expect(args.slice(args.indexOf('--') + 1)).toEqual(['$$(AWS_SECRET_ACCESS_KEY)', '$$$$(X)', 'a$$b']);
    expect(args[args.indexOf('--job-classname') + 1]).toBe('org.example.Outer$$Main');
  });

  test.each(['s3://bucket/sp/$(SECRET)', 's3://bucket/sp/a"b', "s3://bucket/sp/a'b", 's3://bucket/sp#x'])(
    'savepoint path %s is refused',
    (initialSavepointPath) => {
      expect(() => appWith({ initialSavepointPath })).toThrow(/job.initialSavepointPath: .* may contain only/);
    },
  );
});

describe('line separators never reach the YAML', () => {
  test('a flinkConfiguration value with U+2028 is refused at construction', () => {
    expect(() => synthCluster({ ...exampleProps(), flinkConfiguration: { 'pipeline.name': 'a\u2028b' } })).toThrow(
      /flinkConfiguration\["pipeline.name"\]: .* contains a line break, control character or Unicode line separator/,
    );
  });

  test('an escape-hatch patch that brings one in fails at synth, naming the object and the path', () => {
    const app = Testing.app();
    const chart = new Chart(app, 'test', { namespace: 'flink' });
    const cluster = new FlinkCluster(chart, 'Flink', exampleProps());
    cluster.jobManager.deployment.addJsonPatch(
      JsonPatch.add('/metadata/annotations', { note: 'x\u2029flink-conf.yaml: evil' }),
    );
    expect(() => app.synth()).toThrow(
      /Deployment my-flink-cluster-jobmanager: metadata.annotations.note holds U\+0085/,
    );
  });
});

describe('the JobManager admission policy', () => {
  const { objects } = synthCluster(exampleProps());
  const policy = find(objects, 'ValidatingAdmissionPolicy', 'flink.my-flink-cluster.flink-jobmanager');
  const binding = find(objects, 'ValidatingAdmissionPolicyBinding', 'flink.my-flink-cluster.flink-jobmanager');

  test("applies to the JobManager service account in the cluster's namespace only, and denies", () => {
    expect(policy.spec.matchConditions).toEqual([
      {
        name: 'jobmanager-service-account',
        expression: "request.userInfo.username == 'system:serviceaccount:flink:my-flink-cluster-jobmanager'",
      },
    ]);
    expect(policy.spec.matchConstraints.namespaceSelector).toEqual({
      matchLabels: { 'kubernetes.io/metadata.name': 'flink' },
    });
    expect(policy.spec.failurePolicy).toBe('Fail');
    expect(binding.spec).toEqual({
      policyName: policy.metadata.name,
      validationActions: ['Deny'],
      matchResources: { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'flink' } } },
    });
  });

  test("ConfigMaps by this cluster's HA names, the agent's Lease, and only the role label of its own pods", () => {
    const rules: string[] = policy.spec.validations.map((v: { expression: string }) => v.expression);
    expect(rules[0]).toContain("variables.name == 'my-flink-cluster-cluster-config-map'");
    expect(rules[0]).toContain("variables.name.matches('^my-flink-cluster-[0-9a-f]{32}-config-map$')");
    expect(rules[1]).toContain("variables.name == 'my-flink-cluster-jobmanager-leader'");
    expect(rules[2]).toContain('object.spec == oldObject.spec');
    expect(rules[2]).toContain(
      "('app.kubernetes.io/instance' in oldObject.metadata.labels && oldObject.metadata.labels['app.kubernetes.io/instance'] == 'my-flink-cluster')",
    );
    expect(rules[2]).toContain(`k == '${ROLE_LABEL}'`);
  });

  test('off on request, and without HA (no pod has API rights then)', () => {
    const kinds = (o: { kind: string }[]) => o.map((x) => x.kind).filter((k) => k.startsWith('Validating'));
    expect(kinds(synthCluster({ ...exampleProps(), security: { admissionPolicy: false } }).objects)).toEqual([]);
    expect(kinds(synthCluster(SCENARIOS['no HA']()).objects)).toEqual([]);
  });
});
