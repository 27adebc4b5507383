/** An image reference split into the construct's image props. */
export interface ImageReference {
  readonly repository: string;
  readonly tag?: string;
  readonly digest?: string;
}

/**
 * Splits `repo[:tag][@digest]`. A colon only starts the tag after the last slash, so
 * registry ports (`registry:5000/flink:1.19`) stay in the repository.
 */
export function parseImageReference(image: string): ImageReference {
  const at = image.indexOf('@');
  const digest = at >= 0 ? image.slice(at + 1) : undefined;
  const name = at >= 0 ? image.slice(0, at) : image;
  const colon = name.lastIndexOf(':');
  const tag = colon > name.lastIndexOf('/') ? name.slice(colon + 1) : undefined;
  return { repository: tag === undefined ? name : name.slice(0, colon), tag, digest };
}

/** The Flink `major.minor` an image tag starts with (`1.19.0-java17` -> `1.19`), if any. */
export function tagFlinkVersion(tag: string | undefined): string | undefined {
  const m = tag === undefined ? null : /^v?(\d+)\.(\d+)(?=$|[._-])/.exec(tag);
  return m ? `${m[1]}.${m[2]}` : undefined;
}
