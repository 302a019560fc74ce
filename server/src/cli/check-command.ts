/** `kubeplan check`: validate files and folders, print findings, exit 0 (clean), 1 (errors) or 2 (usage/I-O). */
import { LineIndex } from '../parse/line-index';
import { buildCatalog } from '../rules/cross-object/catalog';
import { kindsWithSchema, runOverCatalog } from '../rules/cross-object/run-cross-object-rules';
import type { CrossFinding, WorkspaceObject } from '../rules/cross-object/workspace-object';
import { validateText, type FileFinding, type ManifestObject } from '../validate-text';
import { applyRuleConfig, optInRules, type RuleSettings } from '../rules/rule-config';
import type { KubernetesVersion } from '../schema/versions';
import { collectFiles, UsageError } from './collect-files';
import { formatJson, formatSarif, formatText, type CheckDiagnostic, type CheckResult } from './output-formats';
import { readManifest } from './read-text';

export type OutputFormat = 'text' | 'json' | 'sarif';

export interface CheckOptions {
  kubernetesVersion: KubernetesVersion;
  output: OutputFormat;
  paths: string[];
  rules?: RuleSettings;
  color: boolean;
  toolVersion: string;
}

export function runCheck(options: CheckOptions): { exitCode: number; stdout: string } {
  const { result } = checkFiles(collectFiles(options.paths), options);
  const stdout =
    options.output === 'json' ? formatJson(result) : options.output === 'sarif' ? formatSarif(result, options.toolVersion) : formatText(result, { color: options.color });
  return { exitCode: hasErrors(result) ? 1 : 0, stdout };
}

export function hasErrors(result: CheckResult): boolean {
  return result.diagnostics.some((d) => d.severity === 'error');
}

export interface CheckedFiles {
  result: CheckResult;
  /** Every object decoded, file by file in the order read. */
  objects: ManifestObject[];
}

/** Reads and validates files (`-` is stdin), then runs the cross-object rules over all of them together. */
export function checkFiles(files: readonly string[], options: { kubernetesVersion: KubernetesVersion; rules?: RuleSettings }): CheckedFiles {
  const result: CheckResult = { files: 0, objects: 0, diagnostics: [] };
  const objects: ManifestObject[] = [];
  // Cross-object rules see the objects of every file checked, so their findings come after all files are read.
  const workspace: WorkspaceObject[] = [];
  const checked = new Map<string, { text: string; lines: LineIndex; objects: ManifestObject[] }>();
  for (const file of files) {
    const text = readOrFail(file);
    const displayName = file === '-' ? '<stdin>' : file;
    const report = validateText(text, { kubernetesVersion: options.kubernetesVersion, rules: options.rules });
    result.files++;
    result.objects += report.objects.length;
    objects.push(...report.objects);
    const lines = new LineIndex(text);
    checked.set(displayName, { text, lines, objects: report.objects });
    for (const object of report.objects) workspace.push({ ...object, file: displayName });
    for (const finding of report.findings) result.diagnostics.push(toDiagnostic(displayName, finding, lines));
  }
  const catalog = buildCatalog(workspace);
  const schemaKinds = kindsWithSchema(catalog);
  result.diagnostics = result.diagnostics.filter((diagnostic) => diagnostic.rule !== 'no-schema' || !schemaKinds.has(`${diagnostic.apiVersion}/${diagnostic.kind}`));
  const crossFindings = new Map<string, CrossFinding[]>();
  for (const finding of runOverCatalog(catalog, { optIn: optInRules(options.rules) })) {
    const same = crossFindings.get(finding.file);
    if (same) same.push(finding);
    else crossFindings.set(finding.file, [finding]);
  }
  for (const [file, findings] of crossFindings) {
    const { text, lines, objects: fileObjects } = checked.get(file)!;
    for (const finding of applyRuleConfig(text, findings, fileObjects, options.rules)) result.diagnostics.push(toDiagnostic(file, finding, lines));
  }
  return { result, objects };
}

/** The text of a file, or a usage error (exit 2) naming why it cannot be read. */
export function readOrFail(file: string): string {
  try {
    return readManifest(file);
  } catch (error) {
    throw new UsageError(`cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

function toDiagnostic(file: string, finding: FileFinding, lines: LineIndex): CheckDiagnostic {
  const start = lines.positionAt(finding.range.start);
  const end = lines.positionAt(finding.range.end);
  return {
    file,
    line: start.line + 1,
    column: start.character + 1,
    endLine: end.line + 1,
    endColumn: end.character + 1,
    severity: finding.severity,
    rule: finding.rule,
    message: finding.message,
    path: finding.path,
    apiVersion: finding.object?.apiVersion ?? '',
    kind: finding.object?.kind ?? '',
    name: finding.object?.name ?? '',
    namespace: finding.object?.namespace ?? '',
  };
}
