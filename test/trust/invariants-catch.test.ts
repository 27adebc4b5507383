import { INVARIANTS, clusterView } from '../support/invariants';
import { find, K8sObject, synthCluster } from '../support/synth';
import { exampleProps } from '../support/scenarios';

/** Each invariant must fail on objects broken the way it guards against; otherwise it proves nothing. */
const { cluster, objects } = synthCluster(exampleProps());
const jm = (o: K8sObject[]) => find(o, 'Deployment', 'my-flink-cluster-jobmanager');
const tm = (o: K8sObject[]) => find(o, 'Deployment', 'my-flink-cluster-taskmanager');
const flink = (d: K8sObject) => d.spec.template.spec.containers[0];

const BREAKS: Array<[invariant: string, what: string, mutate: (o: K8sObject[]) => void, expected: RegExp]> = [
  [
    'Flink ports are containerPorts',
    'blob port not exposed',
    (o) => {
      flink(jm(o)).ports = flink(jm(o)).ports.filter((p: any) => p.name !== 'blob');
    },
    /blob\.server\.port=6124 is not a containerPort/,
  ],
  [
    'Flink ports are containerPorts',
    'data port not exposed',
    (o) => {
      flink(tm(o)).ports[1].containerPort = 7000;
    },
    /taskmanager\.data\.port=6121/,
  ],
  [
    'named ports resolve',
    'probe names a missing port',
    (o) => {
      flink(tm(o)).readinessProbe.tcpSocket.port = 'nope';
    },
    /readinessProbe names port "nope"/,
  ],
  [
    'Services reach pods',
    'selector matches nothing',
    (o) => {
      find(o, 'Service', 'my-flink-cluster-rest').spec.selector['app.kubernetes.io/component'] = 'web';
    },
    /matches no pod template/,
  ],
  [
    'Services reach pods',
    'targetPort not exposed',
    (o) => {
      find(o, 'Service', 'my-flink-cluster-rest').spec.ports[0].targetPort = 'http';
    },
    /targets "http", which Deployment\/my-flink-cluster-jobmanager does not expose/,
  ],
  [
    'selectors match templates',
    'PDB selects nothing',
    (o) => {
      find(o, 'PodDisruptionBudget', 'my-flink-cluster-taskmanager').spec.selector.matchLabels[
        'app.kubernetes.io/instance'
      ] = 'other';
    },
    /selects no pod template/,
  ],
  [
    'NetworkPolicies admit cluster traffic',
    'data port closed',
    (o) => {
      find(o, 'NetworkPolicy', 'my-flink-cluster-taskmanager').spec.ingress[0].ports.splice(1, 1);
    },
    /TaskManager -> TaskManager.*taskmanager\.data\.port=6121/,
  ],
  [
    'NetworkPolicies admit cluster traffic',
    'peer from another namespace only',
    (o) => {
      find(o, 'NetworkPolicy', 'my-flink-cluster-jobmanager').spec.ingress[0].from = [
        { namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'other' } } },
      ];
    },
    /TaskManager -> JobManager/,
  ],
  [
    'pod references resolve',
    'ConfigMap not emitted',
    (o) => {
      jm(o).spec.template.spec.volumes[0].configMap.name = 'missing';
    },
    /ConfigMap "missing" is neither emitted nor declared/,
  ],
  [
    'pod references resolve',
    'claim not emitted',
    (o) => {
      jm(o).spec.template.spec.volumes.find((v: any) => v.persistentVolumeClaim).persistentVolumeClaim.claimName =
        'gone';
    },
    /PersistentVolumeClaim "gone"/,
  ],
  [
    'pod references resolve',
    'mount of a missing volume',
    (o) => {
      flink(jm(o)).volumeMounts.push({ name: 'ghost', mountPath: '/ghost' });
    },
    /mounts unknown volume "ghost"/,
  ],
  [
    'memory fits limits',
    'limit below process size',
    (o) => {
      flink(tm(o)).resources.limits.memory = '512Mi';
    },
    /taskmanager\.memory\.process\.size=1024m exceeds the container limit 512Mi/,
  ],
  [
    'pods meet the restricted PSS',
    'privilege escalation in the init container',
    (o) => {
      jm(o).spec.template.spec.initContainers[0].securityContext.allowPrivilegeEscalation = true;
    },
    /container prepare-flink does not set allowPrivilegeEscalation: false/,
  ],
  [
    'pods meet the restricted PSS',
    'hostPath volume',
    (o) => {
      tm(o).spec.template.spec.volumes.push({ name: 'h', hostPath: { path: '/' } });
    },
    /volume "h" uses hostPath/,
  ],
  [
    'pods meet the restricted PSS',
    'added capability in the sidecar',
    (o) => {
      jm(o).spec.template.spec.containers[1].securityContext.capabilities.add = ['SYS_ADMIN'];
    },
    /container ha-agent adds capability SYS_ADMIN/,
  ],
  [
    'pods meet the restricted PSS',
    'root override in a container',
    (o) => {
      flink(tm(o)).securityContext.runAsNonRoot = false;
    },
    /does not run as non-root/,
  ],
  [
    'pods meet the restricted PSS',
    'host network',
    (o) => {
      tm(o).spec.template.spec.hostNetwork = true;
    },
    /hostNetwork is true/,
  ],
  [
    'RBAC is least privilege',
    'wildcard verb',
    (o) => {
      find(o, 'Role', 'my-flink-cluster-jobmanager').rules[0].verbs = ['*'];
    },
    /wildcard in verbs/,
  ],
  [
    'RBAC is least privilege',
    'TaskManagers may write ConfigMaps',
    (o) => {
      find(o, 'Role', 'my-flink-cluster-taskmanager').rules[0].verbs.push('update');
    },
    /grants update on core\/configmaps to taskmanager pods/,
  ],
  [
    'RBAC is least privilege',
    'binding to a missing Role',
    (o) => {
      find(o, 'RoleBinding', 'my-flink-cluster-taskmanager').roleRef.name = 'admin';
    },
    /is not an emitted Role/,
  ],
  [
    'objects are labelled',
    'label missing',
    (o) => {
      delete find(o, 'Service', 'my-flink-cluster-rest').metadata.labels!['app.kubernetes.io/managed-by'];
    },
    /Service\/my-flink-cluster-rest: missing labels app\.kubernetes\.io\/managed-by/,
  ],
  [
    'no Secrets rendered',
    'a Secret object',
    (o) => {
      o.push({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 's3', namespace: 'flink' },
        stringData: { AWS_SECRET_ACCESS_KEY: 'x' },
      } as K8sObject);
    },
    /Secret\/s3: a Secret in the output/,
  ],
  [
    'no Secrets rendered',
    'a credential in the Flink config',
    (o) => {
      const cm = find(o, 'ConfigMap', 'my-flink-cluster-flink-config');
      cm.data!['config.yaml'] += 's3.secret-key: x\n';
    },
    /s3\.secret-key holds a credential inline/,
  ],
  [
    'objects are labelled',
    'namespace missing',
    (o) => {
      delete find(o, 'ConfigMap', 'my-flink-cluster-flink-config').metadata.namespace;
    },
    /namespace undefined instead of "flink"/,
  ],
];

test('every invariant has a break that it catches', () => {
  expect(Object.keys(INVARIANTS).filter((name) => !BREAKS.some(([i]) => i === name))).toEqual([]);
});

test.each(BREAKS)('%s catches: %s', (invariant, _what, mutate, expected) => {
  const broken = JSON.parse(JSON.stringify(objects)) as K8sObject[];
  expect(INVARIANTS[invariant](clusterView(broken, cluster))).toEqual([]);
  mutate(broken);
  expect(INVARIANTS[invariant](clusterView(broken, cluster)).join('\n')).toMatch(expected);
});
