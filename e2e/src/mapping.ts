/**
 * EVERYTHING a machine without containers needs to run the synthesized pods, in one place.
 * The rest of the pod runner (kubelet.ts) only reads the pod objects from the API server.
 *
 * 1. Images -> local files. An image is a root filesystem plus its config (ENV, ENTRYPOINT,
 *    CMD, WORKDIR). Each container gets a private mount namespace whose root is a tmpfs holding
 *    the machine's /usr, /etc, /dev, /proc, /sys (read-only) plus the image's own paths below;
 *    volumes are then mounted at their mountPaths and, with readOnlyRootFilesystem, the root is
 *    made read-only.
 *    - flink:<minor>[...]: /opt/flink = the Flink distribution fetched from PyPI for that minor
 *      (an overlay: mount points can be created in it, like an image layer), /opt/java/openjdk =
 *      the machine's JDK 17 (flink:2.x images are Java 17; flink:1.x default to Java 11, which
 *      this machine does not have), /docker-entrypoint.sh = ../image/docker-entrypoint.sh.
 *    - node:<...> (the HA agent): the machine's node from /usr/bin (node 20, the image has 24).
 * 2. Pod network: each pod gets its own loopback address 127.0.0.<10+n> as status.podIP; the
 *    kubelet writes "<podIP> <pod name>" into the pod's /etc/hosts and sets the UTS host name to the
 *    pod name (as a kubelet does); podnet.so (LD_PRELOAD) makes a wildcard bind (0.0.0.0, ::)
 *    bind the pod IP instead, and a connection to 127.0.0.1/::1 go to the pod IP (the pod's own
 *    loopback), which a network namespace would give for free.
 * 3. The API server's in-cluster address: KUBERNETES_SERVICE_HOST/PORT = the local apiserver at
 *    127.0.0.2 (in a cluster: the `kubernetes` Service's cluster IP, which kube-proxy would route;
 *    never 127.0.0.1, which inside a pod is the pod itself).
 * 4. PersistentVolumeClaims: <run dir>/pvc/<namespace>/<claim>, shared by all pods (ReadWriteMany).
 * 5. Controllers this machine does not run: the harness creates the Deployments' Pods (as the
 *    ReplicaSet controller would), and the kube-root-ca.crt ConfigMap in each namespace (as
 *    kube-controller-manager's root-ca publisher would).
 */
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as path from 'path';

export const E2E_DIR = path.resolve(__dirname, '..');
export const CACHE =
  process.env.CDK8S_FLINK_E2E_CACHE ?? path.join(process.env.HOME ?? '/root', '.cache', 'cdk8s-flink-e2e');

/** Flink minor (as in the image tag) -> full release fetched from PyPI (e2e/flink/versions.txt). */
export function flinkReleases(): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of fs.readFileSync(path.join(E2E_DIR, 'flink', 'versions.txt'), 'utf8').split('\n')) {
    const t = line.trim();
    if (!t || t.startsWith('#')) continue;
    const [release, minor] = t.split(/\s+/);
    m.set(minor, release);
  }
  return m;
}

export function flinkHome(release: string): string {
  return path.join(CACHE, 'flink', release, 'home');
}

export const HOST_JDK = process.env.E2E_JAVA_HOME ?? '/usr/lib/jvm/java-17-openjdk-amd64';
/** podnet.so, keyed by the hash of its source (kubelet/podnet.c) so that a changed source is rebuilt. */
export const PODNET_SO = path.join(
  CACHE,
  'podnet',
  `podnet-${crypto
    .createHash('sha256')
    .update(fs.readFileSync(path.join(E2E_DIR, 'kubelet', 'podnet.c')))
    .digest('hex')
    .slice(0, 12)}.so`,
);

export interface ImageConfig {
  readonly env: Record<string, string>;
  readonly entrypoint: string[];
  readonly cmd: string[];
  readonly workingDir: string;
  /** [container path, host path] the image provides; `overlay` ones are writable layers (until the root is made read-only). */
  readonly paths: Array<{ containerPath: string; hostPath: string; overlay?: boolean }>;
}

const BASE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function imageConfig(image: string): ImageConfig {
  const name = image.replace(/@sha256:.*$/, '');
  const repo = name.replace(/:[^:/]*$/, '');
  const tag = name.slice(repo.length + 1);
  const base = repo.split('/').pop();
  if (base === 'flink') {
    const minor = /^(\d+\.\d+)/.exec(tag)?.[1];
    const release = minor ? flinkReleases().get(minor) : undefined;
    if (!release) throw new Error(`image ${image}: no Flink release mapped for tag "${tag}" (e2e/flink/versions.txt)`);
    const home = flinkHome(release);
    if (!fs.existsSync(home))
      throw new Error(`image ${image}: Flink ${release} not fetched (${home}); run e2e/flink/fetch.sh ${release}`);
    return {
      env: {
        PATH: `/opt/java/openjdk/bin:/opt/flink/bin:${BASE_PATH}`,
        JAVA_HOME: '/opt/java/openjdk',
        LANG: 'en_US.UTF-8',
        LANGUAGE: 'en_US:en',
        LC_ALL: 'en_US.UTF-8',
        FLINK_HOME: '/opt/flink',
      },
      entrypoint: ['/docker-entrypoint.sh'],
      cmd: ['help'],
      workingDir: '/opt/flink',
      paths: [
        { containerPath: '/opt/flink', hostPath: home, overlay: true },
        { containerPath: '/opt/java/openjdk', hostPath: HOST_JDK },
        { containerPath: '/docker-entrypoint.sh', hostPath: path.join(E2E_DIR, 'image', 'docker-entrypoint.sh') },
      ],
    };
  }
  if (base === 'node') {
    return {
      env: { PATH: BASE_PATH },
      entrypoint: ['docker-entrypoint.sh'],
      cmd: ['node'],
      workingDir: '/',
      paths: [],
    };
  }
  throw new Error(`image ${image}: not mapped to anything on this machine (e2e/src/mapping.ts)`);
}

/** n-th pod (0-based) -> its pod IP. */
export function podIp(n: number): string {
  if (n > 240) throw new Error('too many pods for 127.0.0.0/24');
  return `127.0.0.${10 + n}`;
}

export function claimDir(runDir: string, namespace: string, claim: string): string {
  return path.join(runDir, 'pvc', namespace, claim);
}

export interface ApiAddress {
  host: string;
  port: number;
}
/** Environment the kubelet adds to every container for the `kubernetes` Service (enableServiceLinks or not). */
export function apiServiceEnv(api: ApiAddress): Record<string, string> {
  return {
    KUBERNETES_SERVICE_HOST: api.host,
    KUBERNETES_SERVICE_PORT: String(api.port),
    KUBERNETES_SERVICE_PORT_HTTPS: String(api.port),
    KUBERNETES_PORT: `tcp://${api.host}:${api.port}`,
    KUBERNETES_PORT_443_TCP: `tcp://${api.host}:${api.port}`,
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: String(api.port),
    KUBERNETES_PORT_443_TCP_ADDR: api.host,
  };
}

/**
 * 6. CustomResourceDefinitions of other projects that the examples' output uses (the Prometheus
 *    operator's PodMonitor). Installed as schema-less stand-ins (x-kubernetes-preserve-unknown-fields):
 *    the apply checks the object is accepted as that kind, not the operator's own schema.
 */
export const FOREIGN_CRDS = [
  { group: 'monitoring.coreos.com', version: 'v1', kind: 'PodMonitor', plural: 'podmonitors' },
];
