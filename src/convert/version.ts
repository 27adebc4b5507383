import { FindingList } from './conversion-report';
import { CRD_FLINK_VERSIONS } from './crd-fields';
import { parseImageReference, tagFlinkVersion } from './image-reference';
import { isMap, Obj } from './manifest';
import { FlinkVersion } from '../flink/flink-version';

const supported = () => Object.keys(CRD_FLINK_VERSIONS).join(', ');
const unsupportedVersion = (raw: unknown) =>
  `${JSON.stringify(raw)} is not supported by the construct; use one of ${supported()} (with a matching image)`;
const inferredFromTag = (version: string, tag: string | undefined, crd: string | undefined) =>
  `is missing (the operator rejects the FlinkDeployment: "Flink Version must be defined."); inferred ${version} from the image tag ${tag}; add flinkVersion: ${crd}`;
const noVersion = () => `is missing and the image tag names no supported version; set one of ${supported()}`;

/** `spec.flinkVersion`, else the version the image tag names (an error either way when missing). */
export function readFlinkVersion(spec: Obj, findings: FindingList): FlinkVersion | undefined {
  const raw = spec.flinkVersion;
  if (raw !== undefined) {
    const version = Object.prototype.hasOwnProperty.call(CRD_FLINK_VERSIONS, String(raw))
      ? CRD_FLINK_VERSIONS[String(raw)]
      : undefined;
    if (!version) findings.error('spec.flinkVersion', unsupportedVersion(raw));
    return version as FlinkVersion | undefined;
  }
  const image =
    typeof spec.image === 'string'
      ? parseImageReference(spec.image)
      : isMap(spec.image)
        ? { tag: spec.image.tag === undefined ? undefined : String(spec.image.tag) }
        : {};
  const fromTag = tagFlinkVersion(image.tag);
  if (fromTag && Object.values(CRD_FLINK_VERSIONS).includes(fromTag)) {
    const crd = Object.keys(CRD_FLINK_VERSIONS).find((k) => CRD_FLINK_VERSIONS[k] === fromTag);
    findings.error('spec.flinkVersion', inferredFromTag(fromTag, image.tag, crd));
    return fromTag as FlinkVersion;
  }
  findings.error('spec.flinkVersion', noVersion());
  return undefined;
}
