/**
 * Helm and other Go-template files are not Kubernetes manifests until rendered. A `{{` in the YAML structure —
 * outside quoted scalars, block scalars (`|`, `>`) and comments — means the file is a template. Inside a string
 * it is just text (an alerting rule's `{{ $labels.instance }}`), and the manifest is still validated.
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
  for (let i = 0; i < line.length; i++) {
    const ch = line[i]!;
    if (quote) {
      if (ch === '\\' && quote === '"') i++;
      else if (ch === quote) quote = undefined;
      continue;
    }
    if (ch === '#' && (i === 0 || /\s/.test(line[i - 1]!))) return undefined;
    if ((ch === '"' || ch === "'") && (i === 0 || /[\s:[{,-]/.test(line[i - 1]!))) quote = ch;
    else if (ch === '{' && line[i + 1] === '{') return i;
  }
  return undefined;
}
