/**
 * The tag of a container image reference, as parsers.ParseImageName (pkg/util/parsers) reads it through the
 * distribution reference grammar: no tag and no digest means `latest`; a digest without a tag means no tag; a
 * reference the grammar refuses has no tag at all.
 */
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const PATH_COMPONENT = '[a-z0-9]+(?:(?:[._]|__|[-]+)[a-z0-9]+)*';
const NAME = `(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
/** NameTotalLengthMax in the reference package. */
const NAME_MAX = 255;

export interface ImageReference {
  /** The name as written, registry included when written: `ghcr.io/org/app`, `nginx`. */
  name: string;
  tag?: string;
  digest?: string;
}

/** The parts of a reference the grammar accepts; undefined for one it refuses. */
export function parseImageReference(image: string): ImageReference | undefined {
  const match = REFERENCE.exec(image);
  if (!match || match[1]!.length > NAME_MAX) return undefined;
  const [, name, tag, digest] = match;
  return { name: name!, tag, digest };
}

function imageTag(image: string): string | undefined {
  const reference = parseImageReference(image);
  if (!reference) return undefined;
  if (reference.tag !== undefined) return reference.tag;
  return reference.digest === undefined ? 'latest' : undefined;
}

/** SetDefaults_Container's imagePullPolicy: Always for `latest`, IfNotPresent for everything else. */
export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}
