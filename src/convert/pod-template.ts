import * as k8s from '../../imports/k8s';
import { childPath, FindingList } from './conversion-report';
import { podPropRejection } from './construct-rules';
import { ExtraVolume } from '../props/cluster-props';
import { isMap } from './manifest';
import { FlinkVersion } from '../flink/flink-version';

/** The operator's name for the Flink container in a pod template. */
export const MAIN_CONTAINER = 'flink-main-container';

/** A claim the Flink container mounts, which may hold a `file://` HA or checkpoint directory. */
export interface ClaimMount {
  readonly claimName: string;
  readonly mountPath: string;
  readonly volumeName: string;
}

/** What a pod template contributes to a JobManager or TaskManager, in the construct's terms. */
export interface PodTemplateProps {
  readonly nodeSelector: { [key: string]: string };
  readonly tolerations: k8s.Toleration[];
  readonly affinity?: k8s.Affinity;
  readonly env: k8s.EnvVar[];
  readonly envFrom: k8s.EnvFromSource[];
  /** Extra volumes with the path of the mount each came from. */
  readonly volumes: Array<ExtraVolume & { readonly path: string }>;
  readonly podLabels: { [key: string]: string };
  readonly podAnnotations: { [key: string]: string };
  readonly pullSecrets: string[];
  readonly claimMounts: ClaimMount[];
}

/** Pod spec fields the construct decides itself, with why. */
const CONSTRUCT_DECIDES: Readonly<Record<string, string>> = {
  serviceAccountName: 'the construct creates least-privilege service accounts for JobManagers and TaskManagers',
  serviceAccount: 'the construct creates least-privilege service accounts for JobManagers and TaskManagers',
  automountServiceAccountToken: 'the construct mounts the token only when HA needs the API',
  securityContext:
    'the construct applies the "restricted" Pod Security Standard (non-root uid 9999, no privilege escalation, RuntimeDefault seccomp)',
  enableServiceLinks: 'the construct disables service links',
};

/** Main-container fields the construct decides itself, with why. */
const MAIN_CONTAINER_DECIDES: Readonly<Record<string, string>> = {
  name: '',
  image: 'the image comes from spec.image',
  imagePullPolicy: 'the pull policy comes from spec.imagePullPolicy',
  ports: "the construct declares Flink's pinned ports",
  args: 'the construct starts Flink in standalone mode with its own arguments',
  command: 'the construct starts Flink in standalone mode with its own arguments',
  startupProbe: "the construct sets TCP probes on Flink's ports",
  livenessProbe: "the construct sets TCP probes on Flink's ports",
  readinessProbe: "the construct sets TCP probes on Flink's ports",
  securityContext: 'the construct applies the "restricted" Pod Security Standard',
};

const noInitContainers = () =>
  'is not supported: the construct runs its own init container and has no prop for more; not mapped';
const noPodSpecEquivalent = () =>
  "has no equivalent in the construct's pod props (nodeSelector, tolerations, affinity, env, envFrom, volumes, podLabels, podAnnotations); not mapped";
const volumeNotMounted = (name: unknown) =>
  `volume ${JSON.stringify(name)} is not mounted by ${MAIN_CONTAINER}; not mapped`;
const notMainContainer = (name: unknown, hasImage: boolean, resourcePath: string) =>
  `${JSON.stringify(name)} is not the operator's main container name (${MAIN_CONTAINER}): ${
    hasImage
      ? 'the operator would run it as a sidecar, and the construct has no prop for sidecars'
      : 'the operator would add it as a separate container, which has no image, so the API server would reject the pod'
  }; its settings (e.g. resources) would not apply to Flink. Not mapped; ${resourcePath} sizes the Flink container`;
const templateResources = (resourcePath: string) =>
  `is not mapped: ${resourcePath} sizes the Flink container (the operator overrides the template's resources with it too)`;
const noContainerEquivalent = () =>
  "has no equivalent in the construct's pod props (env, envFrom and volume mounts are mapped); not mapped";

/**
 * Maps the pod templates that apply to one component (`spec.podTemplate`, then the
 * component's own, as the operator merges them) onto pod props. Only what has a prop is
 * mapped; everything else is reported by path.
 */
export function readPodTemplates(
  templates: ReadonlyArray<{ readonly template: unknown; readonly path: string }>,
  resourcePath: string,
  flinkVersion: FlinkVersion,
  findings: FindingList,
): PodTemplateProps {
  const out: PodTemplateProps = {
    nodeSelector: {},
    tolerations: [],
    env: [],
    envFrom: [],
    volumes: [],
    podLabels: {},
    podAnnotations: {},
    pullSecrets: [],
    claimMounts: [],
  };
  let affinity: k8s.Affinity | undefined;
  for (const { template, path } of templates) {
    if (template === undefined || template === null) continue;
    if (!isMap(template)) {
      findings.error(path, 'must be a Pod template object; not mapped');
      continue;
    }
    for (const [field, value] of Object.entries(template)) {
      const p = childPath(path, field);
      if (field === 'apiVersion' || field === 'kind') continue;
      if (field === 'metadata') readMetadata(value, p, out, findings);
      else if (field === 'spec') affinity = readSpec(value, p, resourcePath, flinkVersion, out, findings) ?? affinity;
      else findings.error(p, 'is not part of a Pod template; not mapped');
    }
  }
  return { ...out, affinity };
}

/** Reports a field whose value has the wrong shape (the API server would reject it). */
const wrongShape = (findings: FindingList, path: string, v: unknown, expected: string) =>
  findings.error(path, `${JSON.stringify(v)} is not ${expected}; not mapped`);

function readMetadata(value: unknown, path: string, out: PodTemplateProps, findings: FindingList): void {
  if (!isMap(value)) {
    wrongShape(findings, path, value, 'an object');
    return;
  }
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

function readSpec(
  value: unknown,
  path: string,
  resourcePath: string,
  flinkVersion: FlinkVersion,
  out: PodTemplateProps,
  findings: FindingList,
): k8s.Affinity | undefined {
  if (!isMap(value)) {
    findings.error(path, 'must be a Pod spec; not mapped');
    return undefined;
  }
  let affinity: k8s.Affinity | undefined;
  const volumes = Array.isArray(value.volumes) ? (value.volumes as unknown[]).filter(isMap) : [];
  const mountedVolumes = new Set<string>();
  for (const [field, v] of Object.entries(value)) {
    const p = childPath(path, field);
    switch (field) {
      case 'nodeSelector':
        if (isMap(v)) Object.assign(out.nodeSelector, v);
        else wrongShape(findings, p, v, 'a map of label keys to values');
        break;
      case 'tolerations':
        if (Array.isArray(v)) out.tolerations.push(...(v as k8s.Toleration[]));
        else wrongShape(findings, p, v, 'a list of tolerations');
        break;
      case 'affinity':
        // The component's template overrides the common one, as in the operator's merge.
        if (isMap(v)) affinity = v as k8s.Affinity;
        else wrongShape(findings, p, v, 'an affinity object');
        break;
      case 'imagePullSecrets':
        if (!Array.isArray(v)) {
          wrongShape(findings, p, v, 'a list of { name } references');
          break;
        }
        v.forEach((ref, i) => {
          if (isMap(ref) && typeof ref.name === 'string') out.pullSecrets.push(ref.name);
          else wrongShape(findings, childPath(p, i), ref, 'a { name } reference');
        });
        break;
      case 'volumes':
        break;
      case 'containers':
        if (!Array.isArray(v)) {
          findings.error(p, 'must be a list of containers; not mapped');
          break;
        }
        v.forEach((c, i) =>
          readContainer(c, childPath(p, i), resourcePath, volumes, flinkVersion, out, mountedVolumes, findings),
        );
        break;
      case 'initContainers':
        findings.error(p, noInitContainers());
        break;
      default:
        if (CONSTRUCT_DECIDES[field]) findings.warning(p, `is not mapped: ${CONSTRUCT_DECIDES[field]}`);
        else findings.error(p, noPodSpecEquivalent());
    }
  }
  volumes.forEach((vol, i) => {
    if (!mountedVolumes.has(String(vol.name))) {
      findings.error(childPath(childPath(path, 'volumes'), i), volumeNotMounted(vol.name));
    }
  });
  return affinity;
}

function readContainer(
  raw: unknown,
  path: string,
  resourcePath: string,
  volumes: Array<Record<string, unknown>>,
  flinkVersion: FlinkVersion,
  out: PodTemplateProps,
  mounted: Set<string>,
  findings: FindingList,
): void {
  if (!isMap(raw)) {
    findings.error(path, 'must be a container; not mapped');
    return;
  }
  if (raw.name !== MAIN_CONTAINER) {
    findings.error(childPath(path, 'name'), notMainContainer(raw.name, raw.image !== undefined, resourcePath));
    return;
  }
  for (const [field, v] of Object.entries(raw)) {
    const p = childPath(path, field);
    if ((field === 'env' || field === 'envFrom' || field === 'volumeMounts') && !Array.isArray(v)) {
      findings.error(p, `${JSON.stringify(v)} is not a list; not mapped`);
    } else if (field === 'env' || field === 'envFrom') {
      // Each entry is checked by the construct itself, on an otherwise minimal cluster.
      (v as unknown[]).forEach((e, i) => {
        const rejection = podPropRejection(flinkVersion, { [field]: [e] });
        if (rejection) findings.error(childPath(p, i), `not mapped: ${rejection.reason}`);
        else (out[field] as unknown[]).push(e);
      });
    } else if (field === 'volumeMounts') {
      (v as unknown[]).forEach((m, i) => readMount(m, childPath(p, i), volumes, flinkVersion, out, mounted, findings));
    } else if (field === 'resources') {
      findings.warning(p, templateResources(resourcePath));
    } else if (MAIN_CONTAINER_DECIDES[field] !== undefined) {
      if (MAIN_CONTAINER_DECIDES[field]) findings.warning(p, `is not mapped: ${MAIN_CONTAINER_DECIDES[field]}`);
    } else {
      findings.error(p, noContainerEquivalent());
    }
  }
}

function readMount(
  raw: unknown,
  path: string,
  volumes: Array<Record<string, unknown>>,
  flinkVersion: FlinkVersion,
  out: PodTemplateProps,
  mounted: Set<string>,
  findings: FindingList,
): void {
  if (!isMap(raw)) {
    wrongShape(findings, path, raw, 'a volume mount');
    return;
  }
  const index = volumes.findIndex((v) => v.name === raw.name);
  if (index < 0) {
    findings.error(path, `mounts volume ${JSON.stringify(raw.name)}, which the template does not declare; not mapped`);
    return;
  }
  mounted.add(String(raw.name));
  const extra = Object.keys(raw).filter((k) => !['name', 'mountPath', 'readOnly'].includes(k));
  if (extra.length) {
    findings.error(path, `uses ${extra.join(', ')}, which the construct's volumes prop has no field for; not mapped`);
    return;
  }
  const volume = volumes[index] as unknown as k8s.Volume;
  const claim = (volume.persistentVolumeClaim as { claimName?: string } | undefined)?.claimName;
  if (claim) out.claimMounts.push({ claimName: claim, mountPath: String(raw.mountPath), volumeName: volume.name });
  const entry: ExtraVolume = {
    volume,
    mountPath: String(raw.mountPath),
    ...(raw.readOnly === true ? { readOnly: true } : {}),
  };
  const rejection = podPropRejection(flinkVersion, { volumes: [entry] });
  if (rejection) findings.error(path, `not mapped: ${rejection.reason}`);
  else out.volumes.push({ ...entry, path });
}
