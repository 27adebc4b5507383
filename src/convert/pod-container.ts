import { k8s } from '../../imports/k8s';
import { childPath } from './conversion-report';
import { podPropRejection } from './construct-rules';
import { isMap, Obj } from './manifest';
import type { TemplateRead } from './pod-template';
import { ExtraVolume } from '../props/cluster-props';

/** The operator's name for the Flink container in a pod template. */
export const MAIN_CONTAINER = 'flink-main-container';

/** Main-container fields the construct decides itself, with why ('' for fields that need no word). */
const MAIN_CONTAINER_DECIDES: ReadonlyMap<string, string> = new Map([
  ['name', ''],
  ['image', 'the image comes from spec.image'],
  ['imagePullPolicy', 'the pull policy comes from spec.imagePullPolicy'],
  ['ports', "the construct declares Flink's pinned ports"],
  ['args', 'the construct starts Flink in standalone mode with its own arguments'],
  ['command', 'the construct starts Flink in standalone mode with its own arguments'],
  ['startupProbe', "the construct sets TCP probes on Flink's ports"],
  ['livenessProbe', "the construct sets TCP probes on Flink's ports"],
  ['readinessProbe', "the construct sets TCP probes on Flink's ports"],
  ['securityContext', 'the construct applies the "restricted" Pod Security Standard'],
]);

/** Resources of the main container the operator replaces (Flink sets requests and limits from the spec). */
const OVERRIDDEN_RESOURCES = ['cpu', 'memory'];

const notMainContainer = (name: unknown, hasImage: boolean, resourcePath: string) =>
  `${JSON.stringify(name)} is not the operator's main container name (${MAIN_CONTAINER}): ${
    hasImage
      ? 'the operator would run it as a sidecar, and the construct has no prop for sidecars'
      : 'the operator would add it as a separate container, which has no image, so the API server would reject the pod'
  }; its settings (e.g. resources) would not apply to Flink. Not mapped; ${resourcePath} sizes the Flink container`;
const overriddenResource = (resource: string, resourcePath: string) =>
  `is replaced by the operator (Flink sets the ${resource} request and limit from ${resourcePath}, or its default), and so by the conversion`;
const keptResource = (resource: string) =>
  `is kept by the operator on the Flink container, but the construct has no prop for a ${resource} request or limit; not mapped`;
const noContainerEquivalent = () =>
  "has no equivalent in the construct's pod props (env, envFrom and volume mounts are mapped); not mapped";
const initContainer = (name: unknown) =>
  `${JSON.stringify(name)} is not carried over: the construct runs its own init container and has no prop for more`;
const filledByInitContainer = (name: unknown) =>
  `init container ${JSON.stringify(name)}, which is not carried over, writes it`;
const mountNotMapped = (path: string) => `its mount (${path}) is not mapped`;

/** One container of a pod template: the main container is mapped, any other reported. */
export function readContainer(
  raw: unknown,
  path: string,
  volumes: Obj[],
  mounted: Set<string>,
  read: TemplateRead,
): void {
  const { out, findings, resourcePath } = read;
  if (!isMap(raw)) return findings.error(path, 'must be a container; not mapped');
  if (raw.name !== MAIN_CONTAINER)
    return findings.error(childPath(path, 'name'), notMainContainer(raw.name, raw.image !== undefined, resourcePath));
  for (const [field, v] of Object.entries(raw)) {
    const p = childPath(path, field);
    if ((field === 'env' || field === 'envFrom' || field === 'volumeMounts') && !Array.isArray(v)) {
      findings.error(p, `${JSON.stringify(v)} is not a list; not mapped`);
    } else if (field === 'env' || field === 'envFrom') {
      // Checked by the construct itself, on an otherwise minimal cluster: the whole list at
      // once, and entry by entry only when the list is rejected, to name the culprits.
      const entries = v as unknown[];
      if (!podPropRejection(read.flinkVersion, { [field]: entries }))
        for (const e of entries) (out[field] as unknown[]).push(e);
      else
        entries.forEach((e, i) => {
          const rejection = podPropRejection(read.flinkVersion, { [field]: [e] });
          if (rejection) findings.error(childPath(p, i), `not mapped: ${rejection.reason}`);
          else (out[field] as unknown[]).push(e);
        });
    } else if (field === 'volumeMounts') {
      (v as unknown[]).forEach((m, i) => readMount(m, childPath(p, i), volumes, mounted, read));
    } else if (field === 'resources') {
      readTemplateResources(v, p, read);
    } else if (MAIN_CONTAINER_DECIDES.has(field)) {
      const why = MAIN_CONTAINER_DECIDES.get(field);
      if (why) findings.warning(p, `is not mapped: ${why}`);
    } else findings.error(p, noContainerEquivalent());
  }
}

/** The main container's resources: cpu and memory give way to the spec, the rest is reported. */
function readTemplateResources(v: unknown, path: string, { findings, resourcePath }: TemplateRead): void {
  if (!isMap(v)) return findings.error(path, `${JSON.stringify(v)} is not a ResourceRequirements object; not mapped`);
  for (const [kind, amounts] of Object.entries(v)) {
    const p = childPath(path, kind);
    if ((kind !== 'requests' && kind !== 'limits') || !isMap(amounts)) {
      findings.error(p, 'is not a resource list the construct can map; not mapped');
      continue;
    }
    for (const resource of Object.keys(amounts)) {
      if (OVERRIDDEN_RESOURCES.includes(resource))
        findings.info(childPath(p, resource), overriddenResource(resource, resourcePath));
      else findings.error(childPath(p, resource), keptResource(resource));
    }
  }
}

function readMount(raw: unknown, path: string, volumes: Obj[], mounted: Set<string>, read: TemplateRead): void {
  const { out, findings } = read;
  if (!isMap(raw)) return findings.error(path, `${JSON.stringify(raw)} is not a volume mount; not mapped`);
  const unavailable = () =>
    typeof raw.mountPath === 'string' &&
    out.unavailablePaths.push({ mountPath: raw.mountPath, why: mountNotMapped(path) });
  const volume = volumes.find((v) => v.name === raw.name) as unknown as k8s.Volume | undefined;
  if (!volume) {
    unavailable();
    return findings.error(
      path,
      `mounts volume ${JSON.stringify(raw.name)}, which the template does not declare; not mapped`,
    );
  }
  mounted.add(String(raw.name));
  const extra = Object.keys(raw).filter((k) => !['name', 'mountPath', 'readOnly'].includes(k));
  if (extra.length) {
    unavailable();
    return findings.error(
      path,
      `uses ${extra.join(', ')}, which the construct's volumes prop has no field for; not mapped`,
    );
  }
  const claim = (volume.persistentVolumeClaim as { claimName?: string } | undefined)?.claimName;
  if (claim) out.claimMounts.push({ claimName: claim, mountPath: String(raw.mountPath), volumeName: volume.name });
  const entry: ExtraVolume = {
    volume,
    mountPath: String(raw.mountPath),
    ...(raw.readOnly === true ? { readOnly: true } : {}),
  };
  const rejection = podPropRejection(read.flinkVersion, { volumes: [entry] });
  if (!rejection) return void out.volumes.push({ ...entry, path });
  unavailable();
  findings.error(path, `not mapped: ${rejection.reason}`);
}

/** Init containers are not carried; whatever they write into the Flink container's volumes is missing. */
export function readInitContainers(v: unknown, path: string, spec: Obj, { out, findings }: TemplateRead): void {
  if (!Array.isArray(v)) return findings.error(path, 'must be a list of containers; not mapped');
  const mainMounts = mainContainerMounts(spec);
  v.forEach((c, i) => {
    const name = isMap(c) ? c.name : undefined;
    findings.error(childPath(path, i), initContainer(name));
    const mounts = isMap(c) && Array.isArray(c.volumeMounts) ? (c.volumeMounts as unknown[]).filter(isMap) : [];
    for (const m of mounts) {
      for (const main of mainMounts.filter((mm) => mm.name === m.name))
        out.unavailablePaths.push({ mountPath: main.mountPath, why: filledByInitContainer(name) });
    }
  });
}

function mainContainerMounts(spec: Obj): Array<{ name: unknown; mountPath: string }> {
  const containers = Array.isArray(spec.containers) ? (spec.containers as unknown[]).filter(isMap) : [];
  const main = containers.find((c) => c.name === MAIN_CONTAINER);
  const mounts = main && Array.isArray(main.volumeMounts) ? (main.volumeMounts as unknown[]).filter(isMap) : [];
  return mounts
    .filter((m) => typeof m.mountPath === 'string')
    .map((m) => ({ name: m.name, mountPath: String(m.mountPath) }));
}
