import { LineIndex } from '../../server/src/parse/line-index';
import { validateText } from '../../server/src/check/validate-text';
import type { ManifestObject } from '../../server/src/check/report';
import type { Severity } from '../../server/src/kube/findings';
import { DEFAULT_VERSION, type KubernetesVersion } from '../../server/src/schema/versions';

/** A finding as a reader checks it: where it is (1-based, like the CLI) and the exact text it underlines. */
export interface PlacedFinding {
  rule: string;
  severity: Severity;
  message: string;
  path: string;
  line: number;
  column: number;
  /** The source text covered by the finding's range. */
  text: string;
  start: number;
  end: number;
  kind: string;
  name: string;
}

export interface CheckedText {
  objects: ManifestObject[];
  findings: PlacedFinding[];
}

/** `patch`: the text is a file a kustomization lists as a strategic-merge patch. */
export function checkText(text: string, version: KubernetesVersion = DEFAULT_VERSION, { patch = false }: { patch?: boolean } = {}): CheckedText {
  const report = validateText(text, { kubernetesVersion: version, patch });
  const lines = new LineIndex(text);
  return {
    objects: report.objects,
    findings: report.findings.map((f) => {
      const at = lines.positionAt(f.range.start);
      return {
        rule: f.rule,
        severity: f.severity,
        message: f.message,
        path: f.path,
        line: at.line + 1,
        column: at.character + 1,
        text: text.slice(f.range.start, f.range.end),
        start: f.range.start,
        end: f.range.end,
        kind: f.object?.kind ?? '',
        name: f.object?.name ?? '',
      };
    }),
  };
}

export function errorsIn(text: string, version: KubernetesVersion = DEFAULT_VERSION): PlacedFinding[] {
  return checkText(text, version).findings.filter((f) => f.severity === 'error');
}

/** The only finding of a text; fails with the whole list when there is not exactly one. */
export function onlyFinding(text: string, version: KubernetesVersion = DEFAULT_VERSION): PlacedFinding {
  const { findings } = checkText(text, version);
  if (findings.length !== 1) throw new Error(`expected exactly one finding, got ${findings.length}:\n${JSON.stringify(findings, null, 2)}`);
  return findings[0]!;
}

/**
 * Manifests written inline in tests, indented with the test code: strips the common indentation and the
 * leading newline so the YAML reads as it would in a file.
 */
export function yaml(strings: TemplateStringsArray, ...values: unknown[]): string {
  const raw = strings.reduce((out, s, i) => out + s + (i < values.length ? String(values[i]) : ''), '');
  const lines = raw
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indents = lines.filter((l) => l.trim()).map((l) => /^ */.exec(l)![0].length);
  const strip = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(strip)).join('\n');
}
