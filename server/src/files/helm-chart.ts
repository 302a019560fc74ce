/**
 * What Helm reads of a chart folder for its values (helm/helm pkg/chart/v2/loader/load.go, LoadFiles): Chart.yaml,
 * values.yaml, values.schema.json, and each subchart in `charts/`. A packed subchart (`charts/*.tgz`) is not
 * unpacked here; the caller is told, so that it can say its values were not checked.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ChartValuesSource, SourceText } from '../check/helm-values';
import { isObject } from '../kube/plain-values';
import { parseYamlChunk } from '../parse/yaml-documents';
import { readManifest } from './read-text';

export const CHART_FILE = 'Chart.yaml';

export interface ChartRead {
  chart: ChartValuesSource;
  /** Packed subcharts found in a `charts/` folder, whose values were not read. */
  packed: string[];
}

/**
 * The chart in `folder`, or undefined when it holds no Chart.yaml. `texts` gives the text of a file to use instead
 * of the one on disk (a document open in the editor); `display` names a path as findings show it.
 */
export function readChart(folder: string, texts: (file: string) => string | undefined = () => undefined, display: (file: string) => string = (file) => file): ChartRead | undefined {
  const packed: string[] = [];
  const chart = readChartFolder(folder, texts, display, packed, 0);
  return chart && { chart, packed };
}

/** Subcharts nest; a chart folder linked into itself must not recurse for ever. */
const MAX_NESTING = 16;

function readChartFolder(folder: string, texts: (file: string) => string | undefined, display: (file: string) => string, packed: string[], depth: number): ChartValuesSource | undefined {
  const chartFile = source(path.join(folder, CHART_FILE), texts, display);
  if (!chartFile) return undefined;
  const values = source(path.join(folder, 'values.yaml'), texts, display);
  const schema = source(path.join(folder, 'values.schema.json'), texts, display);
  const dependencies: ChartValuesSource[] = [];
  const charts = path.join(folder, 'charts');
  if (depth < MAX_NESTING) {
    for (const entry of entries(charts)) {
      if (entry.isDirectory()) {
        const sub = readChartFolder(path.join(charts, entry.name), texts, display, packed, depth + 1);
        if (sub) dependencies.push(sub);
      } else if (entry.name.endsWith('.tgz')) packed.push(display(path.join(charts, entry.name)));
    }
  }
  return { name: chartName(chartFile.text, folder), chartFile, ...(values ? { values } : {}), ...(schema ? { schema } : {}), dependencies };
}

function source(file: string, texts: (file: string) => string | undefined, display: (file: string) => string): SourceText | undefined {
  const given = texts(file);
  if (given !== undefined) return { file: display(file), text: given };
  try {
    return { file: display(file), text: readManifest(file).text };
  } catch {
    return undefined;
  }
}

function entries(folder: string): fs.Dirent[] {
  try {
    return fs.readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  } catch {
    return [];
  }
}

/** Chart.yaml's `name`, as Helm prints it and keys a subchart's values; the folder's name when it has none. */
function chartName(chartYaml: string, folder: string): string {
  const [chart] = parseYamlChunk(chartYaml);
  const name = isObject(chart?.value) ? chart.value['name'] : undefined;
  return typeof name === 'string' && name !== '' ? name : path.basename(path.resolve(folder));
}

/** Whether `folder` is a chart: a folder holding Chart.yaml. */
export function isChartFolder(folder: string): boolean {
  return fs.existsSync(path.join(folder, CHART_FILE));
}

/** Whether `folder` is a subchart: unpacked in the `charts/` folder of a chart. */
export function isSubchartFolder(folder: string): boolean {
  const parent = path.dirname(path.resolve(folder));
  return path.basename(parent) === 'charts' && fs.existsSync(path.join(path.dirname(parent), CHART_FILE));
}
