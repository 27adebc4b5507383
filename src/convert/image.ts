import { childPath, FindingList } from './conversion-report';
import { parseImageReference } from './image-reference';
import { isMap, Obj } from './manifest';
import { FlinkVersion } from '../flink/flink-version';
import { FlinkImageProps, ImagePullPolicy } from '../props/cluster-props';

type ImageFields = { repository?: string; tag?: string; digest?: string; pullPolicy?: ImagePullPolicy };

const objectImage = (fix: string) =>
  `an object {repository, tag, pullPolicy} is not part of the FlinkDeployment CRD, where image is a string "repository:tag[@digest]" (the API server rejects the object); converted as ${fix}`;
const notAnImage = (raw: unknown, flinkVersion: FlinkVersion) =>
  `${JSON.stringify(raw)} is not an image reference; not mapped (the construct uses flink:${flinkVersion})`;
const untagged = (flinkVersion: FlinkVersion) =>
  `has no tag, so it pulls "latest", which moves between Flink versions; converted with tag "latest" - pin a ${flinkVersion}.x tag`;
const badPolicy = (policy: unknown) => `${JSON.stringify(policy)} is not Always, IfNotPresent or Never; not mapped`;

/** `spec.image` and `spec.imagePullPolicy` as image props. */
export function readImage(spec: Obj, flinkVersion: FlinkVersion, findings: FindingList): FlinkImageProps | undefined {
  const raw = spec.image;
  let image: ImageFields | undefined;
  let policy: unknown = spec.imagePullPolicy;
  if (typeof raw === 'string') {
    const ref = parseImageReference(raw.trim());
    image = { repository: ref.repository, tag: ref.tag, digest: ref.digest };
  } else if (isMap(raw)) {
    image = readObjectImage(raw, findings);
    if (policy === undefined) policy = raw.pullPolicy;
  } else if (raw !== undefined) {
    findings.error('spec.image', notAnImage(raw, flinkVersion));
  }
  if (image && image.tag === undefined && image.digest === undefined) {
    findings.warning('spec.image', untagged(flinkVersion));
    image.tag = 'latest';
  }
  if (policy !== undefined) {
    if ((Object.values(ImagePullPolicy) as unknown[]).includes(policy))
      (image ??= {}).pullPolicy = policy as ImagePullPolicy;
    else findings.error('spec.imagePullPolicy', badPolicy(policy));
  }
  if (!image) return undefined;
  return Object.fromEntries(Object.entries(image).filter(([, v]) => v !== undefined && v !== '')) as FlinkImageProps;
}

/** The seed article's form: not the CRD's, but unambiguous. */
function readObjectImage(raw: Obj, findings: FindingList): ImageFields {
  const repository = String(raw.repository ?? '');
  const tag = raw.tag === undefined ? undefined : String(raw.tag);
  const fix = `image: ${repository}${tag ? `:${tag}` : ''}${raw.pullPolicy ? ` and imagePullPolicy: ${raw.pullPolicy}` : ''}`;
  findings.error('spec.image', objectImage(fix));
  for (const key of Object.keys(raw).filter((k) => !['repository', 'tag', 'pullPolicy'].includes(k)))
    findings.error(childPath('spec.image', key), 'is not an image field; not mapped');
  return { repository, tag };
}
