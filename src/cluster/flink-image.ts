import { FlinkImageProps, ImagePullPolicy } from './props';
import { FlinkVersionTraits } from '../config/flink-version';
import { requireEnum, requireString } from '../config/values';
import { fail } from '../errors';

/** The image reference and pull settings, resolved once. */
export interface ResolvedImage {
  readonly reference: string;
  readonly pullPolicy: ImagePullPolicy;
  readonly pullSecrets: string[];
}

const REPOSITORY = /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-][a-z0-9]+)*)*$/;
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[a-f0-9]{64}$/;
const SECRET_NAME = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/** Resolves the Flink image, rejecting a tag that names another Flink version. */
export function resolveFlinkImage(props: FlinkImageProps | undefined, traits: FlinkVersionTraits): ResolvedImage {
  const repository = props?.repository ?? 'flink';
  if (typeof repository !== 'string' || !REPOSITORY.test(repository)) {
    fail('image.repository', repository, 'is not an image repository; write e.g. "flink" or "registry.example.com/team/flink" (no tag, no digest)');
  }
  const tag = props?.tag ?? traits.version;
  if (typeof tag !== 'string' || !TAG.test(tag)) {
    fail('image.tag', tag, 'is not a valid image tag (letters, digits, "_", "." and "-", at most 128 characters)');
  }
  const tagVersion = /^v?(\d+)\.(\d+)(?=$|[._-])/.exec(tag);
  if (tagVersion && `${tagVersion[1]}.${tagVersion[2]}` !== traits.version) {
    fail('image.tag', tag, `names Flink ${tagVersion[1]}.${tagVersion[2]} but flinkVersion is ${traits.version}; set flinkVersion to match the image, or use a ${traits.version}.x tag`);
  }
  let reference = `${repository}:${tag}`;
  if (props?.digest !== undefined) {
    if (typeof props.digest !== 'string' || !DIGEST.test(props.digest)) {
      fail('image.digest', props.digest, 'must be "sha256:" followed by 64 lowercase hex digits');
    }
    reference += `@${props.digest}`;
  }
  const pullSecrets = props?.pullSecrets ?? [];
  if (!Array.isArray(pullSecrets)) fail('image.pullSecrets', pullSecrets, 'must be a list of Secret names');
  pullSecrets.forEach((s, i) => {
    if (!SECRET_NAME.test(requireString(`image.pullSecrets[${i}]`, s))) fail(`image.pullSecrets[${i}]`, s, 'is not a valid Secret name (lowercase DNS subdomain)');
  });
  return {
    reference,
    pullPolicy: requireEnum('image.pullPolicy', props?.pullPolicy ?? ImagePullPolicy.IF_NOT_PRESENT, ImagePullPolicy, 'ImagePullPolicy'),
    pullSecrets: [...pullSecrets],
  };
}
