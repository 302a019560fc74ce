/**
 * Helm and other Go-template files are not Kubernetes manifests until rendered. A `{{` where a YAML node starts —
 * at the start of a line, after `key: `, `- ` or `? `, or as an item of a flow collection — is not YAML kubectl
 * could read as the author meant (it opens a flow mapping), so the file is a template. Anywhere else it is text:
 * inside quoted scalars, block scalars (`|`, `>`) and comments, and inside a plain scalar that started before it
 * (an alerting rule's `summary: Instance {{ $labels.instance }} down`, a workflow's `run: echo ${{ github.sha }}`),
 * and the manifest is still validated.
 */
const BLOCK_SCALAR_START = /(?:^|[:\-?]\s+|^\s*-\s+|^\s*)[|>][-+0-9]*\s*(?:#.*)?$/;

export function findTemplateSyntax(text: string): number | undefined {
  if (!text.includes('{{')) return undefined;
  let offset = 0;
  let blockParentIndent: number | undefined;
  for (const line of text.split('\n')) {
    const indent = line.length - line.trimStart().length;
    const blank = line.trim() === '';
    if (blockParentIndent !== undefined && (blank || indent > blockParentIndent)) {
      offset += line.length + 1;
      continue;
    }
    blockParentIndent = undefined;
    const column = templateColumn(line);
    if (column !== undefined) return offset + column;
    if (BLOCK_SCALAR_START.test(stripComment(line).trimEnd())) blockParentIndent = indent;
    offset += line.length + 1;
  }
  return undefined;
}

function stripComment(line: string): string {
  const hash = line.search(/(^|\s)#/);
  return hash === -1 ? line : line.slice(0, hash);
}

function templateColumn(line: string): number | undefined {
  if (!line.includes('{{')) return undefined;
  let quote: '"' | "'" | undefined;
  let flowDepth = 0;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return undefined;
    const startsNode = nodeStartsAt(line, i, flowDepth);
    if (ch === '{' && line[i + 1] === '{' && startsNode) return i;
    if ((ch === '"' || ch === "'") && startsNode) quote = ch;
    else if ((ch === '[' || ch === '{') && startsNode) flowDepth++;
    else if ((ch === ']' || ch === '}') && flowDepth > 0) flowDepth--;
  }
  return undefined;
}

/**
 * Whether a YAML node would start at `column`: nothing but indentation before it, or an indicator that ends where
 * a node begins (`key: `, `- `, `? `; in a flow collection also `[`, `{` and `,`). After any other character the
 * column is inside a plain scalar that started earlier.
 */
function nodeStartsAt(line: string, column: number, flowDepth: number): boolean {
  let before = column - 1;
  while (before >= 0 && (line[before] === ' ' || line[before] === '\t')) before--;
  if (before < 0) return true;
  const indicator = line[before]!;
  const spaced = before < column - 1;
  if (indicator === '[' || indicator === '{') return flowDepth > 0;
  if (indicator === ',') return flowDepth > 0;
  if (indicator === ':') return spaced || flowDepth > 0;
  if (indicator === '-' || indicator === '?') return spaced && (before === 0 || /\s/.test(line[before - 1]!));
  return false;
}
