/**
 * An open values file of a Helm chart checked as `kubeplan check CHART` checks it: a chart's `values.yaml` with the
 * chart (and, for a subchart's, with the chart that holds it), a `values-*.yaml` beside `Chart.yaml` as a `-f` file
 * merged over the chart's `values.yaml`. Only the findings placed in the file itself are its diagnostics.
 */
import * as path from 'node:path';
import { chartValuesFindings } from '../check/helm-values';
import { isChartFolder, isSubchartFolder, readChart } from '../files/helm-chart';
import type { FileFinding } from '../kube/findings';

/** The names `helm template -f` files go by beside a chart (values-prod.yaml, values.prod.yaml, values_prod.yaml). */
const OVERRIDE_VALUES = /^values[-._].+\.ya?ml$/;

/**
 * The findings of the values file at `file` (its text `text`); none when it is not a chart's values file.
 * `openText` gives the text of another file open in the editor, used instead of the one on disk.
 */
export function valuesFileFindings(file: string, text: string, openText: (file: string) => string | undefined): FileFinding[] {
  const name = path.basename(file);
  const folder = path.dirname(file);
  const isDefaults = name === 'values.yaml';
  if ((!isDefaults && !OVERRIDE_VALUES.test(name)) || !isChartFolder(folder)) return [];
  let top = folder;
  if (isDefaults) while (isSubchartFolder(top)) top = path.dirname(path.dirname(top));
  const texts = (other: string): string | undefined => (other === file ? text : openText(other));
  const read = readChart(top, texts);
  if (!read) return [];
  const placed = chartValuesFindings(read.chart, isDefaults ? [] : [{ file, text }]);
  return placed.filter((one) => one.file === file).map((one) => one.finding);
}
