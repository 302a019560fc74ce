/** The three shapes `kubeplan check` prints: text for people, JSON for scripts, SARIF for code-scanning tools. */
import { renderedName } from '../plan/html/page-parts';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Severity } from '../kube/findings';
import type { SkippedReason } from '../check/report';
import type { RenderedFrom } from '../check/helm-sources';
import { ruleInfo } from '../rules/rule-config';
import { STDIN_NAME } from './checked-file';
import { counted } from '../text/counted';
import { plain, wrappedLines, type Styled, type TerminalStyle, type Tone } from '../text/styled-text';

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
  /** In Helm's rendered output, the chart template the finding's document came from; absent elsewhere. */
  renderedFrom?: RenderedFrom;
}

export interface CheckResult {
  files: number;
  objects: number;
  /** Files counted in `files` that were not validated, by why (`kubeplan check` counts them). */
  skipped?: Record<SkippedReason, number>;
  diagnostics: CheckDiagnostic[];
}

export const NOTHING_SKIPPED: Readonly<Record<SkippedReason, number>> = { 'too large': 0, 'not text': 0, template: 0 };

/** The counts a report ends with, kept as its findings are written. */
export interface CheckTotals {
  files: number;
  objects: number;
  skipped?: Record<SkippedReason, number>;
  errors: number;
  warnings: number;
  /** Information notes (the text report lists them; hints it does not). */
  notes: number;
}

/**
 * A report written as it goes: `start` once, `diagnostics` for each group of findings in the order they are listed,
 * `end` with the counts. Each returns the text to write next; the pieces joined are the whole document.
 */
export interface ReportWriter {
  start(files: number): string;
  diagnostics(diagnostics: readonly CheckDiagnostic[]): string;
  end(totals: CheckTotals): string;
}

/** The whole report of a result, as the streamed pieces make it. */
function written(writer: ReportWriter, result: CheckResult): string {
  return writer.start(result.files) + writer.diagnostics(result.diagnostics) + writer.end(totalsOf(result));
}

export function totalsOf(result: CheckResult): CheckTotals {
  const count = (severity: Severity) => result.diagnostics.filter((d) => d.severity === severity).length;
  return { files: result.files, objects: result.objects, ...(result.skipped ? { skipped: result.skipped } : {}), errors: count('error'), warnings: count('warning'), notes: count('information') };
}

/**
 * The documented JSON contract: files, diagnostics and objects (skipped files are counted only in the text summary).
 * Objects come last, as they are counted while the diagnostics are written.
 */
export function formatJson(result: CheckResult): string {
  return written(jsonWriter(), result);
}

/** JSON.stringify(…, null, 2) of the whole document, written one diagnostic at a time. */
export function jsonWriter(): ReportWriter {
  let written = 0;
  return {
    start: (files) => `{\n  "files": ${files},\n  "diagnostics": [`,
    diagnostics: (diagnostics) => diagnostics.map((d) => `${written++ === 0 ? '' : ','}\n    ${JSON.stringify(d, null, 2).replaceAll('\n', '\n    ')}`).join(''),
    end: (totals) => `${written === 0 ? ']' : '\n  ]'},\n  "objects": ${totals.objects}\n}\n`,
  };
}

const SEVERITY_TONE: Record<Severity, Tone> = { error: 'bad', warning: 'warn', information: 'dim', hint: 'dim' };

/**
 * One line per finding (`file:line:column: severity: message [rule] (Kind/name)`, a long message wrapped onto
 * indented lines at the style's width), then (unless `quiet`) the summary line. A finding in Helm's rendered output
 * starts with the chart template and the line within its rendered document, the file to change:
 * `mychart/templates/web.yaml (rendered, line 12), <stdin>:40:7: error: …`.
 */
export function formatText(result: CheckResult, options: { style: TerminalStyle; quiet?: boolean }): string {
  return written(textWriter(options), result);
}

export function textWriter(options: { style: TerminalStyle; quiet?: boolean }): ReportWriter {
  return {
    start: () => '',
    diagnostics: (diagnostics) => {
      let text = '';
      for (const d of diagnostics) {
        if (d.severity === 'hint') continue;
        const object = d.kind ? ` (${d.kind}${d.name ? `/${d.name}` : ''})` : '';
        const template = d.renderedFrom ? `${renderedName(d.renderedFrom)}, ` : '';
        const finding: Styled = [{ text: `${template}${d.file}:${d.line}:${d.column}: ` }, { text: d.severity, tone: SEVERITY_TONE[d.severity] }, { text: `: ${d.message} [${d.rule}]${object}` }];
        for (const line of wrappedLines(finding, options.style)) text += `${line}\n`;
      }
      return text;
    },
    end: (totals) =>
      options.quiet
        ? ''
        : wrappedLines(plain(checkSummary(totals)), options.style)
            .map((line) => `${line}\n`)
            .join(''),
  };
}

/**
 * Files (and those skipped, by why), objects, errors, warnings, and information notes when there are any: `3 files
 * (skipped: 1 template), 2 objects: 0 errors, 1 warning, 1 note`.
 */
export function checkSummary(totals: CheckResult | CheckTotals): string {
  const { errors, warnings, notes } = 'diagnostics' in totals ? totalsOf(totals) : totals;
  const skipped = Object.entries(totals.skipped ?? NOTHING_SKIPPED)
    .filter(([, n]) => n > 0)
    .map(([reason, n]) => `${n} ${reason}`);
  const files = `${counted(totals.files, 'file')}${skipped.length > 0 ? ` (skipped: ${skipped.join(', ')})` : ''}`;
  return `${files}, ${counted(totals.objects, 'object')}: ${counted(errors, 'error')}, ${counted(warnings, 'warning')}${notes > 0 ? `, ${counted(notes, 'note')}` : ''}`;
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

/** What SARIF artifact URIs are relative to: `root` (%SRCROOT%), absolute; `cwd`, what the file names are relative to. */
export interface SarifRoot {
  root: string;
  cwd: string;
}

/** The base SARIF names the source root by, as code scanning expects it (SARIF 2.1.0 §3.4.4, §3.14.14). */
const SOURCE_ROOT = '%SRCROOT%';

/**
 * A file's artifact location: a URI reference relative to the source root with `uriBaseId`, or, for a file outside
 * the root, an absolute `file:` URI without one (SARIF 2.1.0 §3.4.3: a `uriBaseId` goes only with a relative
 * reference). Standard input has no file: it keeps the name findings give it.
 */
function artifactLocation(file: string, { root, cwd }: SarifRoot): { uri: string; uriBaseId?: string } {
  if (file === STDIN_NAME) return { uri: file };
  const absolute = path.resolve(cwd, file);
  const relative = path.relative(root, absolute);
  const outside = relative === '' || relative === '..' || relative.startsWith(`..${path.sep}`) || path.isAbsolute(relative);
  if (outside) return { uri: pathToFileURL(absolute).href };
  return { uri: relative.split(path.sep).map(encodeURIComponent).join('/'), uriBaseId: SOURCE_ROOT };
}

/** A directory as the base URI of relative references: a `file:` URI ending in a slash (SARIF 2.1.0 §3.14.14). */
function directoryUri(dir: string): string {
  const href = pathToFileURL(dir).href;
  return href.endsWith('/') ? href : `${href}/`;
}

/**
 * The chart template of a finding in Helm's rendered output, as a SARIF location's annotation (SARIF 2.1.0 §3.28.5
 * `message`) and a property bag: the region stays the one in the rendered file, as the template's own lines are
 * not the rendered ones.
 */
function renderedLocation(rendered: RenderedFrom): object {
  return { message: { text: `rendered from ${renderedName(rendered)}` }, properties: { renderedFrom: rendered } };
}

/**
 * SARIF 2.1.0 written as the findings come: the run's results, then its tool with the rules they name. Each result
 * names its rule's index in that list (`ruleIndex`), so rules are listed in the order results first name them, and
 * nothing but those rules is kept until the end. JSON.stringify(…, null, 2) layout.
 */
export function sarifWriter(toolVersion: string, root: SarifRoot): ReportWriter {
  const ruleIndexes = new Map<string, number>();
  let written = 0;
  const result = (d: CheckDiagnostic): object => {
    let ruleIndex = ruleIndexes.get(d.rule);
    if (ruleIndex === undefined) {
      ruleIndex = ruleIndexes.size;
      ruleIndexes.set(d.rule, ruleIndex);
    }
    return {
      ruleId: d.rule,
      ruleIndex,
      level: SARIF_LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: artifactLocation(d.file, root),
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
          ...(d.renderedFrom ? renderedLocation(d.renderedFrom) : {}),
          ...(d.kind ? { logicalLocations: [{ name: d.name, fullyQualifiedName: d.path ? `${d.kind}/${d.name}:${d.path}` : `${d.kind}/${d.name}`, kind: 'object' }] } : {}),
        },
      ],
    };
  };
  const indented = (value: unknown, spaces: number): string => JSON.stringify(value, null, 2).replaceAll('\n', `\n${' '.repeat(spaces)}`);
  return {
    start: () =>
      `{\n  "$schema": "https://json.schemastore.org/sarif-2.1.0.json",\n  "version": "2.1.0",\n  "runs": [\n    {\n` +
      `      "originalUriBaseIds": ${indented({ [SOURCE_ROOT]: { uri: directoryUri(root.root) } }, 6)},\n      "results": [`,
    diagnostics: (diagnostics) => diagnostics.map((d) => `${written++ === 0 ? '' : ','}\n        ${indented(result(d), 8)}`).join(''),
    end: () => {
      const tool = { driver: { name: 'kubeplan', version: toolVersion, rules: [...ruleIndexes.keys()].map(sarifRule) } };
      return `${written === 0 ? ']' : '\n      ]'},\n      "tool": ${indented(tool, 6)}\n    }\n  ]\n}\n`;
    },
  };
}
