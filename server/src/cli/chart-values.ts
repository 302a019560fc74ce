/**
 * The values of each chart among the files checked (a folder with Chart.yaml, unless it is a subchart of another
 * chart checked with it), as Helm merges and validates them before it renders; the `-f` values files given with a
 * chart folder merged over its values.yaml, as `helm template CHART -f FILE` merges them.
 */
import * as path from 'node:path';
import { chartValuesFindings, type PlacedFinding } from '../check/helm-values';
import { HELM_VALUES_RULE } from '../check/helm-values-schema';
import { CHART_FILE, isSubchartFolder, readChart } from '../files/helm-chart';
import { readInputFile } from '../files/read-text';
import { LineIndex } from '../parse/line-index';
import { applyRuleConfig, type RuleSettings } from '../rules/rule-config';
import { toDiagnostic } from './checked-file';
import type { CheckDiagnostic } from './output-formats';

/** `-f` values files and the chart folder they are for. */
export interface ChartValuesFiles {
  chart: string;
  files: readonly string[];
}

export function chartValuesDiagnostics(files: readonly string[], rules: RuleSettings | undefined, given?: ChartValuesFiles): CheckDiagnostic[] {
  const diagnostics: CheckDiagnostic[] = [];
  const chartFolders = files.filter((file) => path.basename(file) === CHART_FILE).map((file) => path.dirname(file));
  const checked = new Set(chartFolders.map((folder) => path.resolve(folder)));
  for (const folder of chartFolders) {
    // A subchart is checked with the chart that holds it when that chart is checked too.
    if (isSubchartFolder(folder) && checked.has(path.resolve(folder, '..', '..'))) continue;
    const read = readChart(folder);
    if (!read) continue;
    const valuesFiles = given && path.resolve(given.chart) === path.resolve(folder) ? given.files.map((file) => ({ file, text: readInputFile(file).text })) : [];
    const placed: PlacedFinding[] = chartValuesFindings(read.chart, valuesFiles);
    for (const packed of read.packed) {
      const message = `${path.basename(packed)} is a packed subchart: its values are not checked against its values.schema.json (unpack it into ${path.basename(path.dirname(packed))}/ to check them)`;
      placed.push({ file: packed, text: '', finding: { severity: 'information', rule: HELM_VALUES_RULE, message, path: '', range: { start: 0, end: 0 } } });
    }
    const byFile = new Map<string, PlacedFinding[]>();
    for (const one of placed) byFile.set(one.file, [...(byFile.get(one.file) ?? []), one]);
    for (const [file, found] of byFile) {
      const text = found[0]!.text;
      const lines = new LineIndex(text);
      const configured = applyRuleConfig(
        text,
        found.map((one) => one.finding),
        [],
        rules,
      );
      diagnostics.push(...configured.map((finding) => toDiagnostic(file, finding, lines)));
    }
  }
  return diagnostics;
}
