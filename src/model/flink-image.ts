import { FlinkImageProps, ImagePullPolicy } from '../props/cluster-props';
import { FlinkVersionTraits } from '../flink/flink-version';
import { requireDnsSubdomain, requireList } from '../validation/k8s-syntax';
import { requireEnum } from '../validation/values';
import { fail } from '../validation/errors';

/** The image reference and pull settings, resolved once. */
export interface ResolvedImage {
  readonly reference: string;
  readonly pullPolicy: ImagePullPolicy;
  readonly pullSecrets: string[];
}

const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;

/** Resolves the Flink image, rejecting a tag that names another Flink version. */
export function resolveFlinkImage(props: FlinkImageProps | undefined, traits: FlinkVersionTraits): ResolvedImage {
  const repository = props?.repository ?? 'flink';
  if (typeof repository !== 'string' || !REPOSITORY.test(repository)) {
    fail(
      'image.repository',
      repository,
      'is not an image repository; write e.g. "flink" or "registry.example.com/team/flink" (no tag, no digest)',
    );
  }
  const tag = props?.tag ?? traits.version;
  if (typeof tag !== 'string' || !TAG.test(tag)) {
    fail('image.tag', tag, 'is not a valid image tag (letters, digits, "_", "." and "-", at most 128 characters)');
  }
  const tagVersion = /^v?(\d+)\.(\d+)(?=$|[._-])/.exec(tag);
  if (tagVersion && `${tagVersion[1]}.${tagVersion[2]}` !== traits.version) {
    fail(
      'image.tag',
      tag,
      `names Flink ${tagVersion[1]}.${tagVersion[2]} but flinkVersion is ${traits.version}; set flinkVersion to match the image, or use a ${traits.version}.x tag`,
    );
  }
  let reference = `${repository}:${tag}`;
  if (props?.digest !== undefined) {
    if (typeof props.digest !== 'string' || !DIGEST.test(props.digest)) {
      fail('image.digest', props.digest, 'must be "sha256:" followed by 64 lowercase hex digits');
    }
    reference += `@${props.digest}`;
  }
  const pullSecrets = requireList(
    'image.pullSecrets',
    props?.pullSecrets ?? [],
    'Secret names',
    '["registry-credentials"]',
  );
  pullSecrets.forEach((s, i) => requireDnsSubdomain(`image.pullSecrets[${i}]`, s, 'Secret name'));
  return {
    reference,
    pullPolicy: requireEnum(
      'image.pullPolicy',
      props?.pullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT,
      ImagePullPolicy,
      'ImagePullPolicy',
    ),
    pullSecrets: [...pullSecrets],
  };
}
