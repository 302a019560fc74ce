/**
 * Helm and other Go-template files are not Kubernetes manifests until rendered. A `{{` outside a quoted scalar
 * and outside a comment means the file is a template; inside a quoted string it is just text and the manifest is
 * still validated.
 */
export function findTemplateSyntax(text: string): number | undefined {
  let offset = 0;
  for (const line of text.split('\n')) {
    const column = templateColumn(line);
    if (column !== undefined) return offset + column;
    offset += line.length + 1;
  }
  return undefined;
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
