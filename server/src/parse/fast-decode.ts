/**
 * The fast way to a document's value: js-yaml, with a schema that resolves scalars as go-yaml v2 does, is several
 * times quicker than building a full syntax tree. It gives no positions, so the tree is built only when a finding
 * needs a range. Anything it refuses (syntax errors, duplicate keys, unusual tags) takes the full path instead,
 * which reports it precisely.
 */
import { FAILSAFE_SCHEMA, Type, loadAll } from 'js-yaml';
import { resolvePlainScalar } from './go-yaml-scalars';

/** One implicit type for every non-string plain scalar, so resolution order is go-yaml's, not js-yaml's. */
const GO_PLAIN_SCALAR = new Type('tag:yaml.org,2002:int', {
  kind: 'scalar',
  resolve: (text: string | null) => resolvePlainScalar(text ?? '') !== undefined,
  construct: (text: string | null) => resolvePlainScalar(text ?? ''),
});

/** js-yaml merges the value of a key whose type has this tag. */
const MERGE_KEY = new Type('tag:yaml.org,2002:merge', { kind: 'scalar', resolve: (text: string | null) => text === '<<' });

const GO_YAML_SCHEMA = FAILSAFE_SCHEMA.extend({ implicit: [GO_PLAIN_SCALAR, MERGE_KEY] });

/** The documents of a chunk as js-yaml builds them (aliases share objects), or undefined when it refuses them. */
export function fastLoad(text: string): unknown[] | undefined {
  try {
    return loadAll(text, undefined, { schema: GO_YAML_SCHEMA });
  } catch {
    return undefined;
  }
}
