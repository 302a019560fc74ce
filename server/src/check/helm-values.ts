/**
 * A chart's values as Helm computes them before it renders, checked against each chart's values.schema.json, with
 * every failure placed in the file that supplied the value.
 *
 * Helm reads the `-f` files in order and merges each into the last (helm/helm pkg/cli/values/options.go,
 * MergeValues, with pkg/chart/v2/loader/load.go MergeMaps: maps merged key by key, anything else replaced, `null`
 * kept); each file's YAML documents are merged the same way (LoadValues). It then coalesces the chart's values.yaml
 * and its subcharts' under them (pkg/chart/common/util/coalesce.go, CoalesceValues): the user's value wins, a `null`
 * removes the chart's default, the chart's own `null` defaults are dropped, a subchart's section takes the parent's
 * `global:` values (coalesceGlobals). It validates the result against the chart's schema and each subchart's section
 * against the subchart's schema (jsonschema.go, ValidateAgainstSchema).
 */
import type { FileFinding, OffsetRange } from '../kube/findings';
import { isObject, type Keys, type PlainValue } from '../kube/plain-values';
import { splitDocuments } from '../parse/split-documents';
import { parseYamlChunk } from '../parse/yaml-documents';
import { compileValuesSchema, HELM_VALUES_RULE, valuesFailureMessage } from './helm-values-schema';

/** A file's path (as it is shown) and its text. */
export interface SourceText {
  file: string;
  text: string;
}

/** What Helm reads of a chart for its values: its name, values.yaml, values.schema.json and unpacked subcharts. */
export interface ChartValuesSource {
  /** Chart.yaml's `name`: the subchart's key in its parent's values, and the name Helm prints. */
  name: string;
  /** Chart.yaml: where a failure of values no file wrote is placed. */
  chartFile: SourceText;
  values?: SourceText;
  schema?: SourceText;
  dependencies: readonly ChartValuesSource[];
}

/** A finding and the text of the file it is in. */
export interface PlacedFinding {
  file: string;
  text: string;
  finding: FileFinding;
}

/** The document of a values file a value came from, and where a field path is written in it. */
interface ValuesDocument {
  source: SourceText;
  locate(keys: Keys, prefer: 'key' | 'value'): OffsetRange;
}

/** Where a value was written: a document and the keys within it. */
interface Origin {
  document: ValuesDocument;
  keys: Keys;
}

/** A value with where it came from; tables keep the origin of each entry, anything else is one value. */
type Node = { table: Map<string, Node>; origin: Origin } | { value: PlainValue; origin: Origin };
type Table = Extract<Node, { table: unknown }>;

/**
 * The findings of a chart's values with the `-f` files given: syntax errors of any values file (Helm stops there),
 * else each schema failure of the chart and its subcharts.
 */
export function chartValuesFindings(chart: ChartValuesSource, userFiles: readonly SourceText[]): PlacedFinding[] {
  const problems: PlacedFinding[] = [];
  const user = userFiles.map((file) => readValues(file, problems));
  const defaults = new Map<ChartValuesSource, Table>();
  const readDefaults = (of: ChartValuesSource): void => {
    defaults.set(of, of.values ? readValues(of.values, problems) : emptyTable(chartOrigin(of)));
    of.dependencies.forEach(readDefaults);
  };
  readDefaults(chart);
  if (problems.length > 0) return problems;
  // The user's values start empty; what no file wrote is blamed on the chart's values.yaml.
  let values = emptyTable(defaults.get(chart)!.origin);
  for (const file of user) values = mergeMaps(values, file);
  const mismatches: PlacedFinding[] = [];
  coalesce(chart, values, false, defaults, mismatches);
  if (mismatches.length > 0) return mismatches;
  const found: PlacedFinding[] = [];
  validate(chart, values, found);
  return found;
}

/** A values file's documents merged in order (LoadValues); a document that is not a map is a finding. */
function readValues(source: SourceText, problems: PlacedFinding[]): Table {
  let table: Table = emptyTable({ document: { source, locate: () => ({ start: 0, end: 0 }) }, keys: [] });
  for (const chunk of splitDocuments(source.text)) {
    for (const parsed of parseYamlChunk(chunk.text)) {
      const shift = (range: OffsetRange): OffsetRange => ({ start: range.start + chunk.offset, end: range.end + chunk.offset });
      const errors = parsed.problems.filter((problem) => problem.severity === 'error');
      if (errors.length > 0) {
        for (const problem of errors) problems.push({ ...source, finding: { ...problem, range: shift(problem.range) } });
        continue;
      }
      if (parsed.value === undefined || parsed.value === null) continue;
      const document: ValuesDocument = { source, locate: (keys, prefer) => (keys.length === 0 ? shift({ start: 0, end: 0 }) : shift(parsed.locate(keys, prefer))) };
      if (!isObject(parsed.value)) {
        // sigs.k8s.io/yaml into map[string]interface{}, as LoadValues unmarshals each document.
        const message = `cannot unmarshal yaml document: error unmarshaling JSON: json: cannot unmarshal ${goJsonType(parsed.value)} into Go value of type map[string]interface {}`;
        problems.push({ ...source, finding: valuesFinding(message, document.locate([], 'value')) });
        continue;
      }
      table = mergeMaps(table, tag(parsed.value, { document, keys: [] }) as Table);
    }
  }
  return table;
}

function tag(value: PlainValue, origin: Origin): Node {
  if (!isObject(value)) return { value, origin };
  const table = new Map<string, Node>();
  for (const [key, entry] of Object.entries(value)) table.set(key, tag(entry, { document: origin.document, keys: [...origin.keys, key] }));
  return { table, origin };
}

function emptyTable(origin: Origin): Table {
  return { table: new Map(), origin };
}

function isTable(node: Node | undefined): node is Table {
  return node !== undefined && 'table' in node;
}

function isNull(node: Node | undefined): boolean {
  return node !== undefined && !isTable(node) && node.value === null;
}

/** A deep copy, as Helm copies a chart's values before coalescing them (copystructure.Copy). */
function copy(node: Node): Node {
  return isTable(node) ? { table: new Map([...node.table].map(([key, entry]) => [key, copy(entry)])), origin: node.origin } : node;
}

/** loader.MergeMaps: b's entries over a's, tables merged, anything else replaced; the table is b's from then on. */
function mergeMaps(a: Table, b: Table): Table {
  const out = new Map(a.table);
  for (const [key, value] of b.table) {
    const under = out.get(key);
    out.set(key, isTable(value) && isTable(under) ? mergeMaps(under, value) : value);
  }
  return { table: out, origin: b.origin };
}

/** coalesce: the chart's defaults under `values`, then each subchart's under its section. */
function coalesce(chart: ChartValuesSource, values: Table, merge: boolean, defaults: ReadonlyMap<ChartValuesSource, Table>, mismatches: PlacedFinding[]): void {
  coalesceValues(chart, values, merge, copy(defaults.get(chart)!) as Table);
  for (const sub of chart.dependencies) {
    const section = values.table.get(sub.name);
    if (section === undefined) values.table.set(sub.name, emptyTable(defaults.get(sub)!.origin));
    else if (!isTable(section)) {
      // coalesceDeps returns this error and Helm renders nothing.
      mismatches.push(placed(section.origin, [], `type mismatch on ${sub.name}: ${goBoolVerb(section.value)}`));
      continue;
    }
    const table = values.table.get(sub.name) as Table;
    coalesceGlobals(table, values);
    coalesce(sub, table, merge, defaults, mismatches);
  }
}

/** coalesceValues: each default the user left unset is copied in; a user's `null` removes it. */
function coalesceValues(chart: ChartValuesSource, values: Table, merge: boolean, chartDefaults: Table): void {
  for (const [key, fallback] of chartDefaults.table) {
    const value = values.table.get(key);
    if (value !== undefined) {
      if (isNull(value) && !merge) values.table.delete(key);
      else if (isTable(value) && isTable(fallback)) {
        // A subchart's section keeps its nulls until the subchart's own defaults are coalesced under it.
        const mergeSection = merge || chart.dependencies.some((sub) => sub.name === key);
        if (!mergeSection) dropNulls(fallback);
        coalesceTables(value, fallback, mergeSection);
      }
    } else {
      if (!merge) {
        if (isNull(fallback)) continue;
        if (isTable(fallback)) dropNulls(fallback);
      }
      values.table.set(key, fallback);
    }
  }
}

/** coalesceTablesFullKey: `from`'s entries under `into`'s; `into`'s null removes an entry `from` sets. */
function coalesceTables(into: Table, from: Table, merge: boolean): void {
  for (const [key, fallback] of from.table) {
    const value = into.table.get(key);
    if (value === undefined) into.table.set(key, fallback);
    else if (!merge && isNull(value) && !isNull(fallback)) into.table.delete(key);
    else if (isTable(fallback) && isTable(value)) coalesceTables(value, fallback, merge);
  }
}

/** cleanNilValues. */
function dropNulls(table: Table): void {
  for (const [key, value] of table.table) {
    if (isNull(value)) table.table.delete(key);
    else if (isTable(value)) dropNulls(value);
  }
}

/** coalesceGlobals: the parent's `global:` entries over the subchart section's. */
function coalesceGlobals(section: Table, parent: Table): void {
  const own = section.table.get('global');
  const given = parent.table.get('global');
  if ((own !== undefined && !isTable(own)) || (given !== undefined && !isTable(given))) return;
  const globals: Table = own ?? emptyTable(given?.origin ?? section.origin);
  for (const [key, value] of given?.table ?? []) {
    const under = globals.table.get(key);
    if (isTable(value)) {
      const copied = copy(value) as Table;
      if (under === undefined) globals.table.set(key, copied);
      else if (isTable(under)) {
        coalesceTables(copied, under, true);
        globals.table.set(key, copied);
      }
    } else if (!isTable(under)) globals.table.set(key, value);
  }
  section.table.set('global', globals);
}

/** ValidateAgainstSchema: the chart's values against its schema, then each subchart's section against its own. */
function validate(chart: ChartValuesSource, values: Table, found: PlacedFinding[]): void {
  if (chart.schema) {
    const schema = compileValuesSchema(chart.schema.text);
    if ('problem' in schema) {
      found.push({ ...chart.schema, finding: valuesFinding(`values.schema.json of chart ${chart.name} cannot be used: ${schema.problem}`, { start: 0, end: 0 }) });
    } else {
      const failures = schema.check(plain(values)).map((failure) => ({
        failure,
        place: placed(originAt(values, failure.keys), [], valuesFailureMessage(chart.name, failure), failure.atKey ? 'key' : 'value'),
      }));
      // The library lists failures in the order Go's map iteration gives, which varies; the files' order does not.
      found.push(...failures.map(({ place }) => place).sort((a, b) => a.file.localeCompare(b.file) || a.finding.range.start - b.finding.range.start));
    }
  }
  for (const sub of chart.dependencies) {
    const section = values.table.get(sub.name);
    if (isTable(section)) validate(sub, section, found);
  }
}

/** Where the value at `keys` was written: the deepest node on the way, and the keys that remain below it. */
function originAt(root: Node, keys: Keys): Origin {
  let node = root;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!isTable(node)) return { document: node.origin.document, keys: [...node.origin.keys, ...keys.slice(i)] };
    const next = node.table.get(String(key));
    if (next === undefined) return node.origin;
    node = next;
  }
  return node.origin;
}

function placed(origin: Origin, below: Keys, message: string, prefer: 'key' | 'value' = 'value'): PlacedFinding {
  const { source, locate } = origin.document;
  return { ...source, finding: valuesFinding(message, locate([...origin.keys, ...below], prefer)) };
}

function chartOrigin(chart: ChartValuesSource): Origin {
  return { document: { source: chart.chartFile, locate: () => ({ start: 0, end: 0 }) }, keys: [] };
}

function valuesFinding(message: string, range: OffsetRange): FileFinding {
  return { severity: 'error', rule: HELM_VALUES_RULE, message, path: '', range };
}

function plain(node: Node): PlainValue {
  if (!isTable(node)) return node.value;
  const out: Record<string, PlainValue> = {};
  for (const [key, value] of node.table) out[key] = plain(value);
  return out;
}

/** encoding/json's name for a JSON value's type in an UnmarshalTypeError. */
function goJsonType(value: PlainValue): string {
  if (Array.isArray(value)) return 'array';
  return typeof value === 'string' ? 'string' : typeof value === 'number' ? 'number' : 'bool';
}

/** Go's %t of a decoded YAML value: a bool as itself, anything else as fmt's bad-verb form. */
function goBoolVerb(value: PlainValue): string {
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return `%!t(string=${value})`;
  if (typeof value === 'number') return Number.isInteger(value) ? `%!t(int=${value})` : `%!t(float64=${value})`;
  if (value === null) return '%!t(<nil>)';
  return `%!t([]interface {}=[${(value as PlainValue[]).map((item) => (typeof item === 'object' ? '…' : String(item))).join(' ')}])`;
}
