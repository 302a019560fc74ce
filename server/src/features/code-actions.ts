/**
 * Quick fixes for findings whose fix is clear, computed from the document text with the `yaml` parser's ranges.
 * Each fix edits only the text it is about; when the text is not shaped as expected (aliases, a value that is not
 * a mapping), no fix is offered rather than a guess. Knows nothing of LSP: offsets in, offsets out.
 */
import { isMap, isScalar, isSeq, parseDocument, visit, type Pair, type Scalar, type YAMLMap } from 'yaml';
import type { OffsetRange } from '../kube/findings';
import { splitDocuments } from '../parse/split-documents';
import { fixApiType } from './api-type-fixes';
import { suppressionFixes } from './suppression-fixes';
import { fixEnumCase, fixQuantity, fixReferenceName, unquoteInteger } from './value-fixes';
import { addEntry, mergeInsertions, nodeAt, parsePath, removeEntry, scalarEntries, scalarText, type QuickFix, type TextEdit } from './yaml-edits';

export type { QuickFix, TextEdit } from './yaml-edits';

/** What a fix needs to know about a finding. */
export interface FixableFinding {
  rule: string;
  message: string;
  path: string;
  range: OffsetRange;
}

/** Fixes for every finding: the rule's own fix when its fix is clear, then the two ways to ignore it. */
export function quickFixes(text: string, finding: FixableFinding): QuickFix[] {
  const chunk = splitDocuments(text)
    .filter((candidate) => candidate.offset <= finding.range.start)
    .pop();
  if (!chunk) return [];
  const document = parseDocument(chunk.text, { uniqueKeys: false });
  const at = finding.range.start - chunk.offset;
  const root = objectRoot(document.contents, at);
  const fixes = root ? (FIXES[finding.rule]?.({ text: chunk.text, root, at, path: parsePath(finding.path), message: finding.message }) ?? []) : [];
  fixes.push(...suppressionFixes(chunk.text, document, root, at, finding.rule));
  return fixes.map((fix) => ({ title: fix.title, edits: fix.edits.map((edit) => ({ ...edit, range: { start: edit.range.start + chunk.offset, end: edit.range.end + chunk.offset } })) }));
}

interface FixContext {
  /** The document's text; ranges below are offsets into it. */
  text: string;
  /** The object's mapping (a `kind: List` item when the finding is inside one). */
  root: YAMLMap;
  /** Where the finding starts. */
  at: number;
  path: (string | number)[];
  message: string;
}

const FIXES: Readonly<Record<string, (context: FixContext) => QuickFix[]>> = {
  'unknown-field': renameToNearMiss,
  'required-field': addPathType,
  'job-restart-policy': restartPolicyOnFailure,
  'selector-mismatch': addSelectorLabels,
  'invalid-base64': encodeOrMoveSecretValue,
  'field-type': ({ root, at, message }) => unquoteInteger(root, at, message),
  'unsupported-value': ({ root, at, message }) => fixEnumCase(root, at, message),
  'unknown-api': ({ root, path, message }) => fixApiType(root, path, message),
  'invalid-quantity': ({ root, at, message }) => fixQuantity(root, at, message),
  'missing-config-reference': ({ root, at, message }) => fixReferenceName(root, at, message),
  'ingress-missing-service': ({ root, at, message }) => fixReferenceName(root, at, message),
  'ingress-missing-port': ({ root, at, message }) => fixReferenceName(root, at, message),
  'service-target-port': ({ root, at, message }) => fixReferenceName(root, at, message),
};

function renameToNearMiss({ root, at, message }: FixContext): QuickFix[] {
  const suggestion = /did you mean "([^"]+)"\?/.exec(message)?.[1];
  if (!suggestion) return [];
  let key: Scalar | undefined;
  visit(root, {
    Pair(_, pair) {
      if (isScalar(pair.key) && pair.key.range?.[0] === at) {
        key = pair.key;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  if (!key?.range) return [];
  return [{ title: `Rename to "${suggestion}"`, edits: [{ range: { start: key.range[0], end: key.range[1] }, newText: key.type === 'PLAIN' ? suggestion : JSON.stringify(suggestion) }] }];
}

function addPathType({ text, root, path }: FixContext): QuickFix[] {
  if (path[path.length - 1] !== 'pathType' || !path.includes('paths')) return [];
  const ingressPath = nodeAt(root, path.slice(0, -1));
  if (!isMap(ingressPath) || ingressPath.has('pathType')) return [];
  const edit = addEntry(text, ingressPath, 'pathType', 'Prefix');
  return edit ? [{ title: 'Add pathType: Prefix', edits: [edit] }] : [];
}

function restartPolicyOnFailure({ text, root, path }: FixContext): QuickFix[] {
  if (path[path.length - 1] !== 'restartPolicy') return [];
  const podSpec = nodeAt(root, path.slice(0, -1));
  if (!isMap(podSpec)) return [];
  const title = 'Set restartPolicy to OnFailure';
  const current = podSpec.get('restartPolicy', true);
  if (isScalar(current) && current.range) return [{ title, edits: [{ range: { start: current.range[0], end: current.range[1] }, newText: 'OnFailure' }] }];
  if (current !== undefined) return [];
  const edit = addEntry(text, podSpec, 'restartPolicy', 'OnFailure');
  return edit ? [{ title, edits: [edit] }] : [];
}

/** Adds the selector's matchLabels to the template's labels, changing the values that differ. */
function addSelectorLabels({ text, root, path }: FixContext): QuickFix[] {
  const specPath = path.slice(0, path.indexOf('template'));
  const selector = nodeAt(root, [...specPath, 'selector', 'matchLabels']);
  if (!isMap(selector) || path[path.length - 1] !== 'labels') return [];
  const wanted = scalarEntries(selector);
  if (!wanted) return [];
  const title = "Add the selector's labels to the template";
  const labels = nodeAt(root, path);
  if (labels === undefined) {
    const metadata = nodeAt(root, path.slice(0, -1));
    if (!isMap(metadata)) return [];
    const edit = addEntry(text, metadata, 'labels', `{${wanted.map(([key, value]) => `${scalarText(key)}: ${scalarText(value)}`).join(', ')}}`);
    return edit ? [{ title, edits: [edit] }] : [];
  }
  if (!isMap(labels)) return [];
  const edits: TextEdit[] = [];
  for (const [key, value] of wanted) {
    const current = labels.get(key, true);
    if (current === undefined) {
      const edit = addEntry(text, labels, key, scalarText(value));
      if (!edit) return [];
      edits.push(edit);
    } else if (isScalar(current) && current.range && String(current.value) !== value) {
      edits.push({ range: { start: current.range[0], end: current.range[1] }, newText: scalarText(value) });
    }
  }
  return edits.length > 0 ? [{ title, edits: mergeInsertions(edits) }] : [];
}

function encodeOrMoveSecretValue({ text, root, path }: FixContext): QuickFix[] {
  const [field, key] = path;
  if (field !== 'data' || typeof key !== 'string' || path.length !== 2) return [];
  const data = root.get('data', true);
  if (!isMap(data)) return [];
  const pair = data.items.find((item) => isScalar(item.key) && String(item.key.value) === key);
  const value = pair?.value;
  if (!pair || !isScalar(value) || !value.range || !isScalar(pair.key) || !pair.key.range) return [];
  const plain = String(value.value);
  const fixes: QuickFix[] = [];
  const valueText = text.slice(value.range[0], value.range[1]);
  // A block scalar's range ends after its line break, which the replacement must keep.
  const lineBreak = valueText.endsWith('\n') ? '\n' : '';
  fixes.push({
    title: 'Encode the value as base64',
    edits: [{ range: { start: value.range[0], end: value.range[1] }, newText: `"${Buffer.from(plain, 'utf8').toString('base64')}"${lineBreak}` }],
  });
  const removal = removeEntry(text, data, pair as Pair<Scalar, Scalar>);
  const stringData = root.get('stringData', true);
  const addition = isMap(stringData)
    ? addEntry(text, stringData, key, scalarText(plain))
    : stringData === undefined
      ? addEntry(
          text,
          root,
          'stringData',
          `{${scalarText(key)}: ${scalarText(plain)}}`,
          root.items.find((item) => isScalar(item.key) && item.key.value === 'data'),
        )
      : undefined;
  if (removal && addition) fixes.push({ title: 'Move the value to stringData', edits: mergeInsertions([removal, addition]) });
  return fixes;
}

/** The mapping of the object the offset is in: the document's, or a `kind: List` item's. */
function objectRoot(contents: unknown, at: number): YAMLMap | undefined {
  if (!isMap(contents)) return undefined;
  const items = contents.get('items', true);
  const kind = contents.get('kind');
  if (typeof kind === 'string' && kind.endsWith('List') && isSeq(items)) {
    const item = items.items.find((candidate) => isMap(candidate) && candidate.range && candidate.range[0] <= at && at <= candidate.range[2]);
    if (isMap(item)) return item;
  }
  return contents;
}
