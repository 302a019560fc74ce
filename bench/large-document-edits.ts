/**
 * Edits deep inside very large documents, in the real language server over stdio: argo-cd's ApplicationSet
 * CustomResourceDefinition (23,000 lines, one document) and a generated 25,000-line v1 List of ConfigMaps whose data
 * values are embedded JSON (as kube-prometheus ships its Grafana dashboards). Each edit introduces an error at a deep
 * position or clears it again; edit→diagnostics is timed, with the server's peak memory. A second run makes 500 such
 * edits and compares the server's resident memory after 10 and after 500, each read once the server has been idle
 * long enough for V8 to give back what the edits' garbage took (and, for comparison, 1.5 s into that pause). With `--baseline DIR`, the build in DIR is measured
 * the same way, each run interleaved with the current build's.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LSP_EXEC_ARGV } from '../server/src/protocol/lsp-exec-argv';
import { LspSession, type Publication } from './lsp-session';
import { KUBEPLAN_DEFAULT_SETTINGS, type ServerSpec } from './servers';
import { percentile } from './stats';

/** One edited value: where it is, and the text that breaks it on the n-th edit. */
export interface DeepEdit {
  /** 0-based line and column of the value. */
  line: number;
  character: number;
  original: string;
  /** A text the API server refuses, different for every n, so that no edit is answered from a cache. */
  broken: (n: number) => string;
}

export interface LargeDocument {
  label: string;
  file: string;
  lines: number;
  bytes: number;
  edit: DeepEdit;
}

export interface EditSeries {
  server: string;
  build: string;
  document: string;
  openMs: number;
  edits: number;
  /** Every edit, introducing and clearing. */
  p50Ms: number;
  p95Ms: number;
  /** Only the edits that introduce the error (each a text the server has not seen). */
  introduceP95Ms: number;
  peakRssBytes: number | undefined;
  /** Edits whose publication did not show (introduced) or clear (cleared) a diagnostic on the edited line. */
  wrongContent: number;
  stopped?: string;
}

export interface MemoryStability {
  build: string;
  document: string;
  /** VmRSS after 10 edits and after the last, each read `SETTLED_MS` into a pause with nothing to do. */
  rssAfter10Bytes: number | undefined;
  rssAfterLastBytes: number | undefined;
  /** The same, read `EARLY_MS` into the pause: garbage V8 has not yet collected is still counted. */
  earlyRssAfter10Bytes: number | undefined;
  earlyRssAfterLastBytes: number | undefined;
  edits: number;
  peakRssBytes: number | undefined;
  stopped?: string;
}

export interface LargeDocumentEdits {
  documents: { label: string; lines: number; bytes: number; editLine: number }[];
  series: EditSeries[];
  memory: MemoryStability[];
  baseline?: { dir: string; commit: string | undefined };
}

export interface LargeDocumentOptions {
  edits: number;
  memoryEdits: number;
  /** A build of the code before, measured the same way and interleaved. */
  baseline?: { dir: string; commit: string | undefined };
  yamlLs?: ServerSpec;
  /** Stop a memory run whose server goes past this (the code before grows without bound). */
  memoryCapBytes: number;
}

const START_TIMEOUT_MS = 30_000;
const OPEN_TIMEOUT_MS = 90_000;
const EDIT_TIMEOUT_MS = 30_000;
const GAP_MS = 20;
/** A series slower than this (yaml-language-server on these files, or a loaded machine) stops early and says so. */
const SERIES_BUDGET_MS = 30_000;
/** The memory runs of a build that is slow on these files stop early too, as do those that pass the memory cap. */
const MEMORY_BUDGET_MS = 45_000;
/**
 * An idle server's resident memory is read this long after its last publication. V8 shrinks its heap and gives the
 * pages back only once allocation has been low for a while (its memory reducer waits 8 s after the last full
 * collection); before that, a reading counts garbage or free heap pages that the last edits happened to leave, which
 * depends on where in its cycle the collector was. On the 25,000-line List after 200 edits, VmRSS was about 210 MB
 * for 7 s and then about 106 MB; with the server's own collection once edits pause (lsp/idle-collection.ts), 145 MB
 * from 1 s and then 106 MB. 12 s leaves room for the memory reducer on a loaded machine, where it may still not run.
 */
const SETTLED_MS = 12_000;
/** The earlier reading, shown beside the settled one: what the bench read before. */
const EARLY_MS = 1500;

/** The ApplicationSet CRD, from its own file or cut out of the install file. */
export function applicationSetCrd(corpora: string, scratch: string): LargeDocument | undefined {
  const own = path.join(corpora, 'argoproj__argo-cd', 'manifests', 'crds', 'applicationset-crd.yaml');
  let file = own;
  if (!fs.existsSync(own)) {
    const install = path.join(corpora, 'argoproj__argo-cd', 'manifests', 'install.yaml');
    if (!fs.existsSync(install)) return undefined;
    const document = fs
      .readFileSync(install, 'utf8')
      .split(/^---[^\n]*\n/m)
      .find((text) => /^kind: CustomResourceDefinition$/m.test(text) && /^ {2}name: applicationsets\.argoproj\.io$/m.test(text));
    if (!document) return undefined;
    file = path.join(scratch, 'applicationset-crd.yaml');
    fs.writeFileSync(file, document);
  }
  const text = fs.readFileSync(file, 'utf8');
  const lines = text.split('\n');
  // A `type: string` about 85 % of the way down, many levels deep in the schema.
  const from = Math.floor(lines.length * 0.85);
  for (let line = from; line < lines.length; line++) {
    const match = /^(\s+type: )(string)\s*$/.exec(lines[line]!);
    if (match) {
      const edit: DeepEdit = { line, character: match[1]!.length, original: 'string', broken: (n) => `strin${n}` };
      return { label: 'argo-cd ApplicationSet CRD', file, lines: lines.length, bytes: Buffer.byteLength(text), edit };
    }
  }
  return undefined;
}

/** A v1 List of ConfigMaps holding dashboards as JSON in block scalars, about `targetLines` long. */
export function dashboardList(scratch: string, targetLines = 25_000): LargeDocument {
  const items: string[] = [];
  const panelLines = (d: number, p: number) => [
    '          {',
    `              "id": ${p + 1},`,
    `              "title": "Dashboard ${d} panel ${p}",`,
    '              "type": "timeseries",',
    '              "datasource": {"type": "prometheus", "uid": "${datasource}"},',
    '              "gridPos": {"h": 8, "w": 12, "x": 0, "y": 0},',
    '              "targets": [',
    `                  {"expr": "sum(rate(container_cpu_usage_seconds_total{namespace=\\"$namespace\\", pod=~\\"app-${p}.*\\"}[5m])) by (pod)", "legendFormat": "{{pod}}", "refId": "A"}`,
    '              ],',
    '              "fieldConfig": {"defaults": {"unit": "short", "min": 0}, "overrides": []}',
    `          }${p === 59 ? '' : ','}`,
  ];
  let lines = 3;
  for (let d = 0; lines < targetLines; d++) {
    const body = [
      '- apiVersion: v1',
      '  kind: ConfigMap',
      '  metadata:',
      `    name: grafana-dashboard-${d}`,
      '    namespace: monitoring',
      '    labels:',
      '      app.kubernetes.io/name: grafana',
      '  data:',
      `    dashboard-${d}.json: |-`,
      '      {',
      '          "editable": false,',
      '          "panels": [',
      ...Array.from({ length: 60 }, (_, p) => panelLines(d, p).map((line) => `    ${line}`)).flat(),
      '          ],',
      `          "title": "Dashboard ${d}",`,
      `          "uid": "dashboard-${d}"`,
      '      }',
    ];
    items.push(body.join('\n'));
    lines += body.length;
  }
  const text = `apiVersion: v1\nkind: List\nitems:\n${items.join('\n')}\n`;
  const file = path.join(scratch, 'grafana-dashboards.yaml');
  fs.writeFileSync(file, text);
  const all = text.split('\n');
  // The name of the last ConfigMap: the deepest item of the list.
  let line = all.length - 1;
  while (line > 0 && !/^ {4}name: grafana-dashboard-\d+$/.test(all[line]!)) line--;
  const original = all[line]!.slice(10);
  const edit: DeepEdit = { line, character: 10, original, broken: (n) => `Grafana_Dashboard_${n}` };
  return { label: 'List of 25 dashboard ConfigMaps', file, lines: all.length, bytes: Buffer.byteLength(text), edit };
}

/** A kubeplan server as VS Code starts it: the bundled server over stdio, with the extension's Node options. */
export function bundledKubeplan(checkout: string, name: string): ServerSpec {
  const settings = { kubeplan: { ...KUBEPLAN_DEFAULT_SETTINGS } };
  return {
    name,
    session: (cwd) => ({
      command: process.execPath,
      args: [...LSP_EXEC_ARGV, path.join(checkout, 'dist', 'lsp-entry.js'), '--stdio'],
      cwd,
      configuration: (section) => (section === 'kubeplan' ? settings.kubeplan : section ? undefined : settings),
      settings,
    }),
  };
}

interface Opened {
  session: LspSession;
  uri: string;
  openMs: number;
}

async function open(spec: ServerSpec, document: LargeDocument, folder: string): Promise<Opened> {
  fs.mkdirSync(folder, { recursive: true });
  const local = path.join(folder, path.basename(document.file));
  fs.copyFileSync(document.file, local);
  const text = fs.readFileSync(local, 'utf8');
  const uri = pathToFileURL(local).href;
  const { session } = await LspSession.start(spec.session(folder), pathToFileURL(folder).href, START_TIMEOUT_MS);
  const opened = session.waitForDiagnostics(uri, (p) => p.version === undefined || p.version >= 1, OPEN_TIMEOUT_MS);
  const sent = performance.now();
  session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
  const first = await opened;
  return { session, uri, openMs: first.at - sent };
}

/**
 * Edits 1, 3, 5, … write a new broken value, edits 2, 4, … put the original back; each is timed from didChange to the
 * publication of its version (or, for a server that does not version its publications, the first that reflects it).
 */
async function editSeries(
  opened: Opened,
  document: LargeDocument,
  edits: number,
  budgetMs: number,
  onEdit?: (edit: number) => Promise<boolean>,
): Promise<{ introduceMs: number[]; clearMs: number[]; wrong: number; stopped?: string }> {
  const deadline = performance.now() + budgetMs;
  const { session, uri } = opened;
  const { line, character, original } = document.edit;
  const introduceMs: number[] = [];
  const clearMs: number[] = [];
  let wrong = 0;
  let current = original;
  for (let edit = 1; edit <= edits; edit++) {
    const introduce = edit % 2 === 1;
    const next = introduce ? document.edit.broken(edit) : original;
    const version = edit + 1;
    const showsEdit = (p: Publication) => p.diagnostics.some((d) => d.range.start.line <= line && d.range.end.line >= line);
    const reflects = (p: Publication) => (introduce ? showsEdit(p) : !showsEdit(p));
    const published = session.waitForDiagnostics(uri, (p) => (p.version === undefined ? reflects(p) : p.version >= version), EDIT_TIMEOUT_MS);
    const sent = performance.now();
    session.notify('textDocument/didChange', {
      textDocument: { uri, version },
      contentChanges: [{ range: { start: { line, character }, end: { line, character: character + current.length } }, text: next }],
    });
    current = next;
    try {
      const publication = await published;
      (introduce ? introduceMs : clearMs).push(publication.at - sent);
      if (!reflects(publication)) wrong++;
    } catch (error) {
      return { introduceMs, clearMs, wrong, stopped: `edit ${edit}: ${(error as Error).message}` };
    }
    if (onEdit && !(await onEdit(edit))) return { introduceMs, clearMs, wrong, stopped: `stopped after edit ${edit}: over the memory cap` };
    if (performance.now() > deadline && edit < edits) return { introduceMs, clearMs, wrong, stopped: `stopped after edit ${edit}: over the ${budgetMs / 1000} s budget` };
    await new Promise((resolve) => setTimeout(resolve, GAP_MS));
  }
  return { introduceMs, clearMs, wrong };
}

async function measureSeries(spec: ServerSpec, build: string, document: LargeDocument, folder: string, edits: number): Promise<EditSeries> {
  const opened = await open(spec, document, folder);
  try {
    const { introduceMs, clearMs, wrong, stopped } = await editSeries(opened, document, edits, SERIES_BUDGET_MS);
    const all = [...introduceMs, ...clearMs];
    return {
      server: spec.name,
      build,
      document: document.label,
      openMs: opened.openMs,
      edits: all.length,
      p50Ms: percentile(all, 50),
      p95Ms: percentile(all, 95),
      introduceP95Ms: percentile(introduceMs, 95),
      peakRssBytes: opened.session.peakRssBytes(),
      wrongContent: wrong,
      ...(stopped ? { stopped } : {}),
    };
  } finally {
    await opened.session.close();
  }
}

/** VmRSS `EARLY_MS` and `SETTLED_MS` into a pause with nothing to do. */
async function idleReadings(session: LspSession): Promise<{ early: number | undefined; settled: number | undefined }> {
  await new Promise((resolve) => setTimeout(resolve, EARLY_MS));
  const early = rssBytes(session);
  await new Promise((resolve) => setTimeout(resolve, SETTLED_MS - EARLY_MS));
  return { early, settled: rssBytes(session) };
}

async function measureMemory(spec: ServerSpec, build: string, document: LargeDocument, folder: string, edits: number, capBytes: number): Promise<MemoryStability> {
  const opened = await open(spec, document, folder);
  let after10: { early: number | undefined; settled: number | undefined } = { early: undefined, settled: undefined };
  try {
    const { stopped, introduceMs, clearMs } = await editSeries(opened, document, edits, MEMORY_BUDGET_MS + SETTLED_MS, async (edit) => {
      if (edit === 10) after10 = await idleReadings(opened.session);
      return (rssBytes(opened.session) ?? 0) < capBytes;
    });
    const afterLast = await idleReadings(opened.session);
    return {
      build,
      document: document.label,
      rssAfter10Bytes: after10.settled,
      rssAfterLastBytes: afterLast.settled,
      earlyRssAfter10Bytes: after10.early,
      earlyRssAfterLastBytes: afterLast.early,
      edits: introduceMs.length + clearMs.length,
      peakRssBytes: opened.session.peakRssBytes(),
      ...(stopped ? { stopped } : {}),
    };
  } finally {
    await opened.session.close();
  }
}

/** VmRSS of the server process. */
function rssBytes(session: LspSession): number | undefined {
  const pid = session.child.pid;
  if (pid === undefined || !session.alive) return undefined;
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

export async function measureLargeDocumentEdits(repoRoot: string, documents: readonly LargeDocument[], scratch: string, options: LargeDocumentOptions): Promise<LargeDocumentEdits> {
  const builds: { name: string; spec: ServerSpec }[] = [{ name: 'current', spec: bundledKubeplan(repoRoot, 'kubeplan') }];
  if (options.baseline) builds.push({ name: `before (${options.baseline.commit ?? path.basename(options.baseline.dir)})`, spec: bundledKubeplan(options.baseline.dir, 'kubeplan') });
  const result: LargeDocumentEdits = {
    documents: documents.map((d) => ({ label: d.label, lines: d.lines, bytes: d.bytes, editLine: d.edit.line + 1 })),
    series: [],
    memory: [],
    ...(options.baseline ? { baseline: options.baseline } : {}),
  };
  let run = 0;
  const folder = () => path.join(scratch, `edit-large-${run++}`);
  for (const document of documents) {
    // Two rounds, the builds taking turns, so that a change in the machine's load falls on both.
    for (let round = 0; round < 2; round++) {
      for (const build of builds) result.series.push(await measureSeries(build.spec, build.name, document, folder(), options.edits));
    }
    if (options.yamlLs) result.series.push(await measureSeries(options.yamlLs, 'yaml-language-server', document, folder(), options.edits));
  }
  for (const document of documents) {
    for (const build of builds) result.memory.push(await measureMemory(build.spec, build.name, document, folder(), options.memoryEdits, options.memoryCapBytes));
  }
  return result;
}

/** Goals: p95 edit→diagnostics under 50 ms, peak RSS under 200 MB, memory after 500 edits within 20 % of after 10. */
export const EDIT_P95_GOAL_MS = 50;
export const PEAK_RSS_GOAL_BYTES = 200 * 1024 * 1024;
export const MEMORY_GROWTH_GOAL = 0.2;

export function renderLargeDocumentEdits(result: LargeDocumentEdits): string[] {
  const mb = (bytes: number | undefined) => (bytes === undefined ? '—' : `${(bytes / 1024 / 1024).toFixed(0)} MB`);
  const ms = (value: number) => (Number.isNaN(value) ? '—' : value.toFixed(1));
  const out: string[] = [];
  for (const d of result.documents) out.push(`    ${d.label}: ${d.lines.toLocaleString('en-US')} lines, ${(d.bytes / 1024 / 1024).toFixed(2)} MB, edited at line ${d.editLine}`);
  out.push(
    `    ${'document'.padEnd(32)} ${'server'.padEnd(34)} ${'open ms'.padStart(8)} ${'edits'.padStart(5)} ${'p50 ms'.padStart(7)} ${'p95 ms'.padStart(7)} ${'intro p95'.padStart(9)} ${'peak RSS'.padStart(8)} goals (p95 < ${EDIT_P95_GOAL_MS} ms, peak < ${mb(PEAK_RSS_GOAL_BYTES)})`,
  );
  for (const s of result.series) {
    const server = s.server === 'kubeplan' ? `kubeplan ${s.build}` : s.server;
    const goals = s.server === 'kubeplan' ? `${s.p95Ms < EDIT_P95_GOAL_MS ? 'met' : 'MISSED'} / ${(s.peakRssBytes ?? Infinity) < PEAK_RSS_GOAL_BYTES ? 'met' : 'MISSED'}` : '';
    const notes = [s.wrongContent ? `${s.wrongContent} wrong` : '', s.stopped ?? ''].filter(Boolean).join('; ');
    out.push(
      `    ${s.document.padEnd(32)} ${server.padEnd(34)} ${ms(s.openMs).padStart(8)} ${String(s.edits).padStart(5)} ${ms(s.p50Ms).padStart(7)} ${ms(s.p95Ms).padStart(7)} ${ms(s.introduceP95Ms).padStart(9)} ${mb(s.peakRssBytes).padStart(8)} ${goals}${notes ? ` (${notes})` : ''}`,
    );
  }
  out.push(
    `    memory stability: VmRSS after 10 and after the last edit, each ${SETTLED_MS / 1000} s into a pause, once V8 has given back the edits' garbage (goal: within ${MEMORY_GROWTH_GOAL * 100} %); in brackets, the same ${EARLY_MS / 1000} s into the pause`,
  );
  const ratioOf = (first: number | undefined, last: number | undefined) => (first && last ? last / first : Number.NaN);
  const shown = (ratio: number) => (Number.isNaN(ratio) ? '—' : ratio.toFixed(2));
  for (const m of result.memory) {
    const ratio = ratioOf(m.rssAfter10Bytes, m.rssAfterLastBytes);
    const verdict = Number.isNaN(ratio) ? '' : ratio <= 1 + MEMORY_GROWTH_GOAL ? 'met' : 'MISSED';
    const early = `(${mb(m.earlyRssAfter10Bytes)} → ${mb(m.earlyRssAfterLastBytes)}, ${shown(ratioOf(m.earlyRssAfter10Bytes, m.earlyRssAfterLastBytes))})`;
    out.push(
      `    ${m.document.padEnd(32)} kubeplan ${m.build.padEnd(25)} after 10: ${mb(m.rssAfter10Bytes).padStart(7)}  after ${m.edits}: ${mb(m.rssAfterLastBytes).padStart(7)}  ratio ${shown(ratio)} ${verdict} ${early}  peak ${mb(m.peakRssBytes)}${m.stopped ? ` (${m.stopped})` : ''}`,
    );
  }
  return out;
}
