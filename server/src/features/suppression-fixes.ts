/**
 * "Ignore this finding" fixes: a `# kubeplan-ignore <rule>` comment above the finding's line, or the rule id added
 * to the object's `kubeplan.dev/ignore` annotation — the two suppressions `rules/rule-config.ts` reads. An existing
 * comment or annotation is extended rather than repeated. No comment is offered where a new line would change a
 * value (inside a block or multi-line scalar) or where comments are not allowed (a JSON document).
 */
import { isMap, isScalar, visit, type Document, type YAMLMap } from 'yaml';
import { IGNORE_ANNOTATION, IGNORE_COMMENT } from '../rules/rule-config';
import { insertEntry, scalarText, type QuickFix, type TextEdit } from './yaml-edits';

export function suppressionFixes(text: string, document: Document, root: YAMLMap | undefined, at: number, rule: string): QuickFix[] {
  const fixes: QuickFix[] = [];
  const comment = ignoreComment(text, document, at, rule);
  if (comment) fixes.push({ title: `Ignore ${rule} on this line (# kubeplan-ignore comment)`, edits: [comment] });
  // A kustomization.yaml is not an object the annotation applies to.
  const annotation = root && rule !== 'kustomization' && document.errors.length === 0 ? ignoreAnnotation(text, root, rule, isMap(document.contents) && document.contents.flow === true) : undefined;
  if (annotation) fixes.push({ title: `Ignore ${rule} in this object (${IGNORE_ANNOTATION} annotation)`, edits: [annotation] });
  return fixes;
}

function ignoreComment(text: string, document: Document, at: number, rule: string): TextEdit | undefined {
  if (isMap(document.contents) && document.contents.flow) return undefined;
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEnd = text.indexOf('\n', at) === -1 ? text.length : text.indexOf('\n', at);
  // A comment already on the finding's line, or alone on the line above, suppresses for both: extend it.
  const own = extendComment(text, lineStart, lineEnd, rule);
  if (own) return own;
  if (lineStart > 0) {
    const aboveStart = text.lastIndexOf('\n', lineStart - 2) + 1;
    if (text.slice(aboveStart, lineStart).trimStart().startsWith('#')) {
      const above = extendComment(text, aboveStart, lineStart - 1, rule);
      if (above) return above;
    }
  }
  if (insideScalar(document, lineStart)) return undefined;
  const indentation = /^[ \t]*/.exec(text.slice(lineStart))![0];
  return { range: { start: lineStart, end: lineStart }, newText: `${indentation}# kubeplan-ignore ${rule}\n` };
}

/** `# kubeplan-ignore a, b` on the line → `# kubeplan-ignore a, b, rule`. */
function extendComment(text: string, start: number, end: number, rule: string): TextEdit | undefined {
  const line = text.slice(start, end);
  const match = IGNORE_COMMENT.exec(line);
  if (!match) return undefined;
  const listEnd = start + match.index + match[0].length;
  return { range: { start: listEnd, end: listEnd }, newText: `, ${rule}` };
}

/** Whether a line starting at the offset is part of a scalar's text (a block scalar's content, a folded plain or quoted scalar). */
function insideScalar(document: Document, lineStart: number): boolean {
  let inside = false;
  visit(document, {
    Scalar(_, scalar) {
      if (scalar.range && scalar.range[0] < lineStart && lineStart < scalar.range[1]) {
        inside = true;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return inside;
}

/** The rule added to `metadata.annotations["kubeplan.dev/ignore"]`, creating the annotations (and metadata) as needed. */
function ignoreAnnotation(text: string, root: YAMLMap, rule: string, json: boolean): TextEdit | undefined {
  // In a JSON document every new key and string is double-quoted, which YAML reads the same way.
  const quote = json ? (value: string) => JSON.stringify(value) : scalarText;
  const metadata = root.get('metadata', true);
  if (metadata === undefined) {
    return insertEntry(text, root, `${quote('metadata')}: {${quote('annotations')}: {${quote(IGNORE_ANNOTATION)}: ${quote(rule)}}}`);
  }
  if (!isMap(metadata)) return undefined;
  const annotations = metadata.get('annotations', true);
  if (annotations === undefined) {
    if (metadata.flow || json) return insertEntry(text, metadata, `${quote('annotations')}: {${quote(IGNORE_ANNOTATION)}: ${quote(rule)}}`);
    const first = metadata.items[0]?.key;
    if (!isScalar(first) || !first.range) return undefined;
    const column = first.range[0] - (text.lastIndexOf('\n', first.range[0] - 1) + 1);
    return { range: { start: first.range[0], end: first.range[0] }, newText: `annotations:\n${' '.repeat(column + 2)}${IGNORE_ANNOTATION}: ${quote(rule)}\n${' '.repeat(column)}` };
  }
  if (!isMap(annotations)) return undefined;
  const current = annotations.get(IGNORE_ANNOTATION, true);
  if (current === undefined) return insertEntry(text, annotations, `${quote(IGNORE_ANNOTATION)}: ${quote(rule)}`);
  if (!isScalar(current) || typeof current.value !== 'string' || !current.range || current.type === 'BLOCK_LITERAL' || current.type === 'BLOCK_FOLDED') return undefined;
  const ids = current.value.trim();
  const value = ids === '' ? rule : `${ids},${rule}`;
  // A plain scalar keeps its style where a comma is allowed in it (block context); otherwise it is quoted.
  const plain = current.type === 'PLAIN' && !annotations.flow && !json && /^[\w-]+(,[\w-]+)*$/.test(value);
  return { range: { start: current.range[0], end: current.range[1] }, newText: plain ? value : JSON.stringify(value) };
}
