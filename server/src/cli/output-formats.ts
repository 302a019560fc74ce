/** The three shapes `kubeplan check` prints: text for people, JSON for scripts, SARIF for code-scanning tools. */
import type { Severity } from '../kube/findings';
import type { SkippedReason } from '../check/report';
import { ruleInfo } from '../rules/rule-config';

export interface CheckDiagnostic {
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  severity: Severity;
  rule: string;
  message: string;
  path: string;
  apiVersion: string;
  kind: string;
  name: string;
  namespace: string;
}

export interface CheckResult {
  files: number;
  objects: number;
  /** Files counted in `files` that were not validated, by why (`kubeplan check` counts them). */
  skipped?: Record<SkippedReason, number>;
  diagnostics: CheckDiagnostic[];
}

export const NOTHING_SKIPPED: Readonly<Record<SkippedReason, number>> = { 'too large': 0, 'not text': 0, template: 0 };

/** The documented JSON contract: files, objects and diagnostics (skipped files are counted only in the text summary). */
export function formatJson({ files, objects, diagnostics }: CheckResult): string {
  return JSON.stringify({ files, objects, diagnostics }, null, 2) + '\n';
}

/** One line per finding, then (unless `quiet`) the summary: files (and those skipped, by why), objects, errors, warnings. */
export function formatText(result: CheckResult, options: { color: boolean; quiet?: boolean }): string {
  const paint = (code: string, text: string) => (options.color ? `\u001b[${code}m${text}\u001b[0m` : text);
  const colors: Record<Severity, string> = { error: '31', warning: '33', information: '36', hint: '2' };
  const lines: string[] = [];
  for (const d of result.diagnostics) {
    if (d.severity === 'hint') continue;
    const object = d.kind ? ` (${d.kind}${d.name ? `/${d.name}` : ''})` : '';
    lines.push(`${d.file}:${d.line}:${d.column}: ${paint(colors[d.severity], d.severity)}: ${d.message} [${d.rule}]${object}`);
  }
  const count = (severity: Severity) => result.diagnostics.filter((d) => d.severity === severity).length;
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  if (options.quiet) return lines.map((line) => `${line}\n`).join('');
  const skipped = Object.entries(result.skipped ?? NOTHING_SKIPPED)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${reason}`);
  const files = `${plural(result.files, 'file')}${skipped.length > 0 ? ` (skipped: ${skipped.join(', ')})` : ''}`;
  lines.push(`${files}, ${plural(result.objects, 'object')}: ${plural(count('error'), 'error')}, ${plural(count('warning'), 'warning')}`);
  return lines.join('\n') + '\n';
}

const SARIF_LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', information: 'note', hint: 'note' };

/** A rule's metadata: what it checks, its family and the level it reports at unless configured otherwise. */
function sarifRule(id: string): object {
  const info = ruleInfo(id);
  if (!info) return { id };
  return {
    id,
    shortDescription: { text: info.description },
    defaultConfiguration: info.defaultSeverity === 'off' ? { enabled: false } : { level: SARIF_LEVEL[info.defaultSeverity] },
    properties: { tags: [info.family] },
  };
}

export function formatSarif(result: CheckResult, toolVersion: string): string {
  const ruleIds = [...new Set(result.diagnostics.map((d) => d.rule))].sort();
  const sarif = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'kubeplan',
            version: toolVersion,
            rules: ruleIds.map(sarifRule),
          },
        },
        results: result.diagnostics.map((d) => ({
          ruleId: d.rule,
          ruleIndex: ruleIds.indexOf(d.rule),
          level: SARIF_LEVEL[d.severity],
          message: { text: d.message },
          locations: [
            {
              physicalLocation: {
                artifactLocation: { uri: d.file.split('\\').join('/') },
                region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
              },
              ...(d.kind ? { logicalLocations: [{ name: d.name, fullyQualifiedName: d.path ? `${d.kind}/${d.name}:${d.path}` : `${d.kind}/${d.name}`, kind: 'object' }] } : {}),
            },
          ],
        })),
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + '\n';
}
