import { k8s } from '../../imports/k8s';
import { childPath, FindingList } from './conversion-report';
import { isMap } from './manifest';
import { MAIN_CONTAINER, readContainer, readInitContainers } from './pod-container';
import { ExtraVolume } from '../props/cluster-props';
import { FlinkVersion } from '../flink/flink-version';

export { MAIN_CONTAINER };

/** A claim the Flink container mounts, which may hold a `file://` HA or checkpoint directory. */
export interface ClaimMount {
  readonly claimName: string;
  readonly mountPath: string;
  readonly volumeName: string;
}

/** A path in the Flink container whose content the conversion does not carry over, and why. */
export interface UnavailablePath {
  readonly mountPath: string;
  readonly why: string;
}

/** What a pod template contributes to a JobManager or TaskManager, in the construct's terms. */
export interface PodTemplateProps {
  readonly nodeSelector: { [key: string]: string };
  readonly tolerations: k8s.Toleration[];
  affinity?: k8s.Affinity;
  readonly env: k8s.EnvVar[];
  readonly envFrom: k8s.EnvFromSource[];
  /** Extra volumes with the path of the mount each came from. */
  readonly volumes: Array<ExtraVolume & { readonly path: string }>;
  readonly podLabels: { [key: string]: string };
  readonly podAnnotations: { [key: string]: string };
  readonly pullSecrets: string[];
  readonly claimMounts: ClaimMount[];
  /** Mounts of the Flink container that were not mapped, or that an init container fills. */
  readonly unavailablePaths: UnavailablePath[];
}

/** An empty PodTemplateProps. */
export const noPodTemplateProps = (): PodTemplateProps => ({
  nodeSelector: {},
  tolerations: [],
  env: [],
  envFrom: [],
  volumes: [],
  podLabels: {},
  podAnnotations: {},
  pullSecrets: [],
  claimMounts: [],
  unavailablePaths: [],
});

/** The pod template being read and where its findings go. */
export interface TemplateRead {
  readonly resourcePath: string;
  readonly flinkVersion: FlinkVersion;
  readonly out: PodTemplateProps;
  readonly findings: FindingList;
}

/** Pod spec fields the construct decides itself, with why. */
const CONSTRUCT_DECIDES: ReadonlyMap<string, string> = new Map([
  ['serviceAccountName', 'the construct creates least-privilege service accounts for JobManagers and TaskManagers'],
  ['serviceAccount', 'the construct creates least-privilege service accounts for JobManagers and TaskManagers'],
  ['automountServiceAccountToken', 'the construct mounts the token only when HA needs the API'],
  [
    'securityContext',
    'the construct applies the "restricted" Pod Security Standard (non-root uid 9999, no privilege escalation, RuntimeDefault seccomp)',
  ],
  ['enableServiceLinks', 'the construct disables service links'],
]);

const noPodSpecEquivalent = () =>
  "has no equivalent in the construct's pod props (nodeSelector, tolerations, affinity, env, envFrom, volumes, podLabels, podAnnotations); not mapped";
const volumeNotMounted = (name: unknown) =>
  `volume ${JSON.stringify(name)} is not mounted by ${MAIN_CONTAINER}; not mapped`;

/** Reports a field whose value has the wrong shape (the API server would reject it). */
export const wrongShape = (findings: FindingList, path: string, v: unknown, expected: string) =>
  findings.error(path, `${JSON.stringify(v)} is not ${expected}; not mapped`);

/**
 * Maps one pod template onto pod props. Only what has a prop is mapped; everything else
 * is reported by path.
 */
export function readPodTemplate(
  template: unknown,
  path: string,
  resourcePath: string,
  flinkVersion: FlinkVersion,
  findings: FindingList,
): PodTemplateProps {
  const read: TemplateRead = { resourcePath, flinkVersion, out: noPodTemplateProps(), findings };
  if (template === undefined || template === null) return read.out;
  if (!isMap(template)) {
    findings.error(path, 'must be a Pod template object; not mapped');
    return read.out;
  }
  for (const [field, value] of Object.entries(template)) {
    const p = childPath(path, field);
    if (field === 'apiVersion' || field === 'kind') continue;
    if (field === 'metadata') readMetadata(value, p, read);
    else if (field === 'spec') readSpec(value, p, read);
    else findings.error(p, 'is not part of a Pod template; not mapped');
  }
  return read.out;
}

function readMetadata(value: unknown, path: string, { out, findings }: TemplateRead): void {
  if (!isMap(value)) return wrongShape(findings, path, value, 'an object');
  for (const [field, v] of Object.entries(value)) {
    const p = childPath(path, field);
    if ((field === 'labels' || field === 'annotations') && !isMap(v))
      wrongShape(findings, p, v, 'a map of keys to values');
    else if (field === 'labels') Object.assign(out.podLabels, v);
    else if (field === 'annotations') Object.assign(out.podAnnotations, v);
    else if (field === 'name' || field === 'namespace') findings.info(p, 'is ignored: the construct names its pods');
    else findings.error(p, 'is not supported in pod templates by the construct; not mapped');
  }
}

function readSpec(value: unknown, path: string, read: TemplateRead): void {
  const { out, findings } = read;
  if (!isMap(value)) return findings.error(path, 'must be a Pod spec; not mapped');
  const volumes = Array.isArray(value.volumes) ? (value.volumes as unknown[]).filter(isMap) : [];
  const mounted = new Set<string>();
  for (const [field, v] of Object.entries(value)) {
    const p = childPath(path, field);
    if (field === 'nodeSelector') {
      if (isMap(v)) Object.assign(out.nodeSelector, v);
      else wrongShape(findings, p, v, 'a map of label keys to values');
    } else if (field === 'tolerations') {
      if (Array.isArray(v)) for (const t of v as k8s.Toleration[]) out.tolerations.push(t);
      else wrongShape(findings, p, v, 'a list of tolerations');
    } else if (field === 'affinity') {
      if (isMap(v)) out.affinity = v as k8s.Affinity;
      else wrongShape(findings, p, v, 'an affinity object');
    } else if (field === 'imagePullSecrets') readPullSecrets(v, p, read);
    else if (field === 'containers') {
      if (!Array.isArray(v)) findings.error(p, 'must be a list of containers; not mapped');
      else v.forEach((c, i) => readContainer(c, childPath(p, i), volumes, mounted, read));
    } else if (field === 'initContainers') readInitContainers(v, p, value, read);
    else if (field === 'volumes') continue;
    else if (CONSTRUCT_DECIDES.has(field)) findings.warning(p, `is not mapped: ${CONSTRUCT_DECIDES.get(field)}`);
    else findings.error(p, noPodSpecEquivalent());
  }
  volumes.forEach((vol, i) => {
    if (!mounted.has(String(vol.name)))
      findings.error(childPath(childPath(path, 'volumes'), i), volumeNotMounted(vol.name));
  });
}

function readPullSecrets(v: unknown, path: string, { out, findings }: TemplateRead): void {
  if (!Array.isArray(v)) return wrongShape(findings, path, v, 'a list of { name } references');
  v.forEach((ref, i) => {
    if (isMap(ref) && typeof ref.name === 'string') out.pullSecrets.push(ref.name);
    else wrongShape(findings, childPath(path, i), ref, 'a { name } reference');
  });
}
