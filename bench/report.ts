/**
 * The bench's results as one serialisable object, and its rendering as plain-text tables. Every figure that has
 * a goal is printed next to the goal and whether it is met.
 */
import type { CliThroughput } from './cli-throughput';
import type { EditorRequestResult } from './editor-requests';
import type { EngineThroughput } from './engine-throughput';
import type { LatencyResult } from './lsp-latency';
import type { ThroughputResult } from './lsp-throughput';
import type { MachineInfo } from './machine';
import { SCALE_GOALS_MS, type PlanComparison, type PlanScaleRow, type PlanThroughput } from './plan-throughput';
import type { CrdRulesThroughput } from './crd-rules-throughput';
import type { NetworkPolicyThroughput } from './network-policy-throughput';
import type { RbacThroughput } from './rbac-throughput';
import { renderLargeDocumentEdits, type LargeDocumentEdits } from './large-document-edits';
import type { IndexRun, IndexScaleResult } from './workspace-index-scale';
import { cliScaleLines, type CliScale } from './cli-scale';

export type Section<T> = { status: 'ok'; result: T } | { status: 'skipped'; reason: string };

export interface Goal {
  figure: string;
  value: number | undefined;
  goal: string;
  met: boolean | undefined;
}

export interface BenchResults {
  startedAt: string;
  durationMs: number;
  machine: MachineInfo;
  loadAverageAtEnd: number;
  kubernetesVersion: string;
  yamlLanguageServerVersion: string | undefined;
  workspace?: { files: number; objects: number; bytes: number; plantedErrors: number };
  schemaForYamlLs?: { kinds: number; bytes: number };
  engine: Section<EngineThroughput[]>;
  engineNotes: string[];
  cli: Section<CliThroughput>;
  latency: {
    kubeplan: Section<LatencyResult>;
    kubeplanOutsideFolder: Section<LatencyResult>;
    /** The same file inside the generated 1,000-file workspace, with every cross-object rule looking at it all. */
    kubeplanInWorkspace: Section<LatencyResult>;
    yamlLs: Section<LatencyResult>;
  };
  /** Hover and completion on the argo-cd file, at the same positions for both servers. */
  editorRequests: { kubeplan: Section<EditorRequestResult>; yamlLs: Section<EditorRequestResult> };
  throughput: { kubeplan: Section<ThroughputResult>; yamlLs: Section<ThroughputResult> };
  /** `kubeplan plan`'s engine: 10,000 pods placed on 1,000 nodes, and a 10,000-replica rolling update. */
  plan: { placement: Section<PlanThroughput>; rollingUpdate: Section<PlanThroughput>; whatIfNodes: Section<PlanThroughput> };
  /** The plan scenarios side by side with a build of the code before (`--baseline DIR`); absent without it. */
  planBaseline?: Section<PlanBaseline>;
  /** `plan-scale`: 1,000 to 10,000 nodes of ten pods each, with and without the constraints real workloads carry. */
  planScale: Section<PlanScale>;
  /** Custom resources against a CRD with 50 x-kubernetes-validations rules evaluated with CEL. */
  crdRules: Section<CrdRulesThroughput>;
  /** The plan's NetworkPolicy sections: 500 Deployments, 500 Services, 200 NetworkPolicies. */
  networkPolicies: Section<NetworkPolicyThroughput>;
  /** `kubeplan can-i` and `--list` over 1,000 RBAC objects. */
  rbac: Section<RbacThroughput>;
  /** Edits deep inside the ApplicationSet CRD and a 25,000-line List in the language server, and its memory over 500 edits. */
  largeDocumentEdits: Section<LargeDocumentEdits>;
  /** The language server indexing 1,000 to 30,000 generated files and editing one, beside the code before. */
  lspIndex: Section<IndexScaleResult>;
  /** `kubeplan check` on 1,000 / 10,000 / 30,000 generated files against the parse-and-validate floor; absent when not run. */
  cliScale?: Section<CliScale>;
  goals: Goal[];
}

const MB = 1024 * 1024;

/** `--baseline DIR`: the plan scenarios timed alternately here and in the build in DIR. */
export interface PlanBaseline {
  dir: string;
  commit: string | undefined;
  scenarios: PlanComparison[];
}

export interface PlanScale {
  runs: number;
  /** The checkout of the code before timed beside, if any. */
  baseline: string | undefined;
  rows: PlanScaleRow[];
}

/** Minimum and median of some figure over runs. */
function spread(values: readonly number[]): { min: number; median: number } {
  const sorted = [...values].sort((a, b) => a - b);
  return { min: sorted[0] ?? Number.NaN, median: sorted[Math.floor(sorted.length / 2)] ?? Number.NaN };
}

/** The rolling update's wall-time minimum here over the code before's: at most 1 is "not slower". */
function rollingUpdateRatio(baseline: PlanBaseline | undefined): number | undefined {
  const rolling = baseline?.scenarios.find((comparison) => comparison.scenario === 'rolling-update');
  if (!rolling || rolling.now.length === 0 || rolling.before.length === 0) return undefined;
  return spread(rolling.now.map((run) => run.planMs)).min / spread(rolling.before.map((run) => run.planMs)).min;
}

export function evaluateGoals(results: BenchResults): Goal[] {
  const k = ok(results.latency.kubeplan);
  const cli = ok(results.cli);
  const yThroughput = ok(results.throughput.yamlLs);
  const kThroughput = ok(results.throughput.kubeplan);
  const cliRatio = cli && yThroughput ? cli.objectsPerSecond / yThroughput.objectsPerSecond : undefined;
  const lspRatio = kThroughput && yThroughput ? kThroughput.objectsPerSecond / yThroughput.objectsPerSecond : undefined;
  const yCpu = yThroughput ? perCpuSecond(yThroughput.objects, yThroughput.cpuMs) : undefined;
  const cliCpu = cli ? perCpuSecond(cli.objects, cli.cpuMs) : undefined;
  const lspCpu = kThroughput ? perCpuSecond(kThroughput.objects, kThroughput.cpuMs) : undefined;
  const cliCpuRatio = cliCpu !== undefined && yCpu ? cliCpu / yCpu : undefined;
  const lspCpuRatio = lspCpu !== undefined && yCpu ? lspCpu / yCpu : undefined;
  const rss = k?.peakRssBytes;
  const w = ok(results.latency.kubeplanInWorkspace);
  const workspaceRss = w?.peakRssBytes;
  const requests = ok(results.editorRequests.kubeplan);
  const placement = ok(results.plan.placement);
  const whatIf = ok(results.plan.whatIfNodes);
  const rollingRatio = rollingUpdateRatio(results.planBaseline ? ok(results.planBaseline) : undefined);
  const crdRules = ok(results.crdRules);
  const np = ok(results.networkPolicies);
  const rbac = ok(results.rbac);
  return [
    { figure: 'plan: reachability of 500 workloads × 200 NetworkPolicies', value: np?.policiesMs, goal: '< 2000 ms', met: np ? np.policiesMs < 2000 : undefined },
    { figure: 'can-i over 1,000 RBAC objects: one answer (authorizer built)', value: rbac?.answerMs, goal: '< 200 ms', met: rbac ? rbac.answerMs < 200 : undefined },
    { figure: 'can-i --list over 1,000 RBAC objects (authorizer built)', value: rbac?.listMs, goal: '< 200 ms', met: rbac ? rbac.listMs < 200 : undefined },
    { figure: 'CRD with 50 CEL rules: 1,000 objects validated', value: crdRules?.validateMs, goal: '< 1000 ms', met: crdRules ? crdRules.validateMs < 1000 : undefined },
    { figure: 'plan: 1,000 nodes × 10,000 pods (engine wall time)', value: placement?.planMs, goal: '< 2000 ms', met: placement ? placement.planMs < 2000 : undefined },
    ...(results.planBaseline
      ? [{ figure: 'plan: 10,000-replica rollout ÷ the code before (minimum wall times)', value: rollingRatio, goal: '≤ 1.00×', met: rollingRatio === undefined ? undefined : rollingRatio <= 1 }]
      : []),
    ...planScaleGoals(results.planScale),
    {
      figure: 'plan --what-if nodes: 100 nodes × 2,000 pods (engine wall time, s)',
      value: whatIf === undefined ? undefined : whatIf.planMs / 1000,
      goal: '< 10 s',
      met: whatIf ? whatIf.planMs < 10_000 : undefined,
    },
    { figure: 'edit→diagnostics p95 (kubeplan LSP, argo-cd install.yaml)', value: k?.p95Ms, goal: '< 50 ms', met: k && !k.stopped ? k.p95Ms < 50 : undefined },
    { figure: 'server peak RSS (kubeplan LSP, same session)', value: rss === undefined ? undefined : rss / MB, goal: '< 200 MB', met: rss === undefined ? undefined : rss < 200 * MB },
    { figure: 'edit→diagnostics p95 (same file in a 1,000-file workspace)', value: w?.p95Ms, goal: '< 50 ms', met: w && !w.stopped ? w.p95Ms < 50 : undefined },
    {
      figure: 'server peak RSS (same file in a 1,000-file workspace)',
      value: workspaceRss === undefined ? undefined : workspaceRss / MB,
      goal: '< 200 MB',
      met: workspaceRss === undefined ? undefined : workspaceRss < 200 * MB,
    },
    { figure: 'hover p95 (kubeplan LSP, argo-cd install.yaml)', value: requests?.hover.p95Ms, goal: '< 20 ms', met: requests ? requests.hover.p95Ms < 20 : undefined },
    { figure: 'completion p95 (kubeplan LSP, argo-cd install.yaml)', value: requests?.completion.p95Ms, goal: '< 50 ms', met: requests ? requests.completion.p95Ms < 50 : undefined },
    { figure: 'throughput ratio: kubeplan CLI ÷ yaml-ls LSP (objects/s)', value: cliRatio, goal: '≥ 5×', met: cliRatio === undefined ? undefined : cliRatio >= 5 },
    { figure: 'throughput ratio: kubeplan LSP ÷ yaml-ls LSP (objects/s)', value: lspRatio, goal: '≥ 5×', met: lspRatio === undefined ? undefined : lspRatio >= 5 },
    { figure: 'throughput ratio: kubeplan CLI ÷ yaml-ls LSP (objects/CPU-s)', value: cliCpuRatio, goal: '≥ 5×', met: cliCpuRatio === undefined ? undefined : cliCpuRatio >= 5 },
    { figure: 'throughput ratio: kubeplan LSP ÷ yaml-ls LSP (objects/CPU-s)', value: lspCpuRatio, goal: '≥ 5×', met: lspCpuRatio === undefined ? undefined : lspCpuRatio >= 5 },
  ];
}

type RequestFigures = EditorRequestResult['hover'];

/** The scale scenarios' goals, judged on the minimum wall time of their runs. */
function planScaleGoals(section: Section<PlanScale>): Goal[] {
  const rows = section.status === 'ok' ? section.result.rows : [];
  return Object.entries(SCALE_GOALS_MS).map(([scenario, goalMs]) => {
    const row = rows.find((candidate) => candidate.scenario === scenario);
    const best = row && row.now.length > 0 ? spread(row.now.map((run) => run.planMs)).min : undefined;
    return { figure: `plan: ${scaleLabel(scenario)} (engine wall time, minimum)`, value: best, goal: `< ${goalMs} ms`, met: best === undefined ? undefined : best < goalMs! };
  });
}

function scaleLabel(scenario: string): string {
  const [, nodes, mixed] = /^scale-(\d+)(-mixed)?$/.exec(scenario) ?? [];
  const count = Number(nodes);
  return `${count.toLocaleString('en-US')} nodes × ${(count * 10).toLocaleString('en-US')} pods${mixed ? ', constraint mix' : ''}`;
}

function planScaleTable(section: Section<PlanScale>): string[] {
  const out = ['4c. kubeplan plan at scale (planApply, each run in a fresh Node process): N nodes in 3 zones, N/10 Deployments × 100'];
  out.push('    mix: of every 20 Deployments, 4 spread over zones (DoNotSchedule), 2 prefer and 1 requires pod anti-affinity on the hostname');
  if (section.status === 'skipped') return [...out, `    skipped: ${section.reason}`, ''];
  const { runs, baseline, rows } = section.result;
  const tableRows = rows.map((row) => {
    const wall = spread(row.now.map((run) => run.planMs));
    const cpu = spread(row.now.map((run) => run.planCpuMs));
    const rss = spread(row.now.map((run) => run.peakRssBytes / MB));
    const goal = SCALE_GOALS_MS[row.scenario];
    const before = row.before.length > 0 ? spread(row.before.map((run) => run.planMs)) : undefined;
    const scheduled = Math.min(...row.now.map((run) => run.scheduledPods));
    return [
      scaleLabel(row.scenario),
      `${scheduled}/${row.now[0]?.pods ?? 0}`,
      `${ms(wall.min)} / ${ms(wall.median)}`,
      `${ms(cpu.min)} / ${ms(cpu.median)}`,
      rss.median.toFixed(0),
      goal === undefined ? '' : `< ${goal}`,
      goal === undefined ? '' : wall.min < goal ? 'met' : 'NOT MET',
      before ? `${ms(before.min)} / ${ms(before.median)}` : '',
      before ? `${(wall.min / before.min).toFixed(2)}×` : '',
    ];
  });
  out.push(table(['scenario', 'pods bound', 'wall ms min / median', 'CPU ms min / median', 'peak RSS MB', 'goal ms', '', 'before: wall ms min / median', 'now ÷ before (min)'], tableRows));
  out.push(
    `    ${runs} runs per scenario${baseline ? `; the code before (${baseline}) alternating with them at 1,000 nodes and at 5,000 unmixed only: with the mix at 5,000 nodes it takes minutes` : '; --baseline DIR times the code before beside them'}.`,
    '',
  );
  return out;
}

export function renderTables(results: BenchResults): string {
  const out: string[] = [];
  const m = results.machine;
  out.push(`kubeplan bench — Kubernetes ${results.kubernetesVersion}, yaml-language-server ${results.yamlLanguageServerVersion ?? '(not installed)'}`);
  out.push(`machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB, Node ${m.node}, ${m.platform}`);
  out.push(`started ${results.startedAt}, took ${(results.durationMs / 1000).toFixed(1)} s; 1-min load average ${m.loadAverage} at start, ${results.loadAverageAtEnd} at end`);
  out.push('');

  out.push('1a. Engine throughput on the largest install files (validateText in a fresh Node process per file)');
  if (results.engine.status === 'skipped') out.push(`    skipped: ${results.engine.reason}`);
  else {
    out.push(
      table(
        ['file', 'size', 'objects', 'cold ms', 'cold obj/s', 'cold MB/s', 'warm ms', 'warm obj/s', 'warm MB/s', 'cold incl. Node start ms', 'edit p50 ms', 'edit p95 ms'],
        results.engine.result.map((e) => [
          e.label,
          `${(e.bytes / MB).toFixed(2)} MB`,
          String(e.objects),
          ms(e.coldMs),
          rate(e.objects / (e.coldMs / 1000)),
          rate(e.bytes / MB / (e.coldMs / 1000)),
          ms(e.warmMedianMs),
          rate(e.objects / (e.warmMedianMs / 1000)),
          rate(e.bytes / MB / (e.warmMedianMs / 1000)),
          ms(e.coldSinceProcessStartMs),
          Number.isNaN(e.editP50Ms) ? '—' : ms(e.editP50Ms),
          Number.isNaN(e.editP95Ms) ? '—' : ms(e.editP95Ms),
        ]),
      ),
    );
  }
  for (const note of results.engineNotes) out.push(`    ${note}`);
  out.push('');

  const ws = results.workspace;
  out.push(
    `1b. kubeplan check --output json on a generated workspace${ws ? ` (${ws.files} files, ${ws.objects} objects, ${(ws.bytes / MB).toFixed(2)} MB, ${ws.plantedErrors} planted errors)` : ''}`,
  );
  if (results.cli.status === 'skipped') out.push(`    skipped: ${results.cli.reason}`);
  else {
    const c = results.cli.result;
    out.push(
      table(
        ['wall ms (best)', 'all runs ms', 'exit', 'files', 'objects (expected)', 'obj/s', 'MB/s', 'planted errors found', 'unexpected errors'],
        [
          [
            ms(c.wallMs),
            c.runsMs.map(ms).join(', '),
            String(c.exitCode),
            String(c.files),
            `${c.objects} (${c.objectsExpected})${c.objects === c.objectsExpected ? '' : ' MISMATCH'}`,
            rate(c.objectsPerSecond),
            rate(c.megabytesPerSecond),
            `${c.plantedFound}/${c.plantedTotal}`,
            String(c.unexpectedErrors),
          ],
        ],
      ),
    );
  }
  out.push('');

  const kl = results.latency.kubeplan;
  const ko = results.latency.kubeplanOutsideFolder;
  const kw = results.latency.kubeplanInWorkspace;
  const yl = results.latency.yamlLs;
  const anyLatency = ok(kl) ?? ok(ko) ?? ok(yl);
  out.push(
    `2–3. LSP latency on ${anyLatency ? `${anyLatency.lines} lines, ${(anyLatency.bytes / MB).toFixed(2)} MB: argo-cd install.yaml (edits on line ${anyLatency.edit.line}, ${anyLatency.edit.field}, ${anyLatency.editMs.length} edits)` : 'argo-cd install.yaml'}`,
  );
  for (const [name, section] of [
    ['kubeplan', kl],
    ['kubeplan (outside folder)', ko],
    ['kubeplan (1,000-file workspace)', kw],
    ['yaml-ls', yl],
  ] as const) {
    if (section.status === 'skipped') out.push(`    ${name} skipped: ${section.reason}`);
  }
  if (anyLatency) {
    const k = ok(kl);
    const o = ok(ko);
    const w = ok(kw);
    const y = ok(yl);
    const cell = (r: LatencyResult | undefined, pick: (r: LatencyResult) => number | undefined, format: (v: number) => string) => {
      const v = r ? pick(r) : undefined;
      return v === undefined ? '—' : format(v);
    };
    const row = (label: string, pick: (r: LatencyResult) => number | undefined, format: (v: number) => string, goal: string, isMet?: (v: number) => boolean) => {
      const kv = k ? pick(k) : undefined;
      const yv = y ? pick(y) : undefined;
      return [
        label,
        cell(k, pick, format),
        cell(o, pick, format),
        cell(w, pick, format),
        cell(y, pick, format),
        kv !== undefined && yv !== undefined && yv > 0 ? `${(kv / yv).toFixed(2)}×` : '—',
        goal,
        kv !== undefined && isMet ? (isMet(kv) ? 'met' : 'NOT MET') : '',
      ];
    };
    out.push(
      table(
        ['figure', 'kubeplan', 'kubeplan, file outside folder', 'kubeplan, 1,000-file workspace', 'yaml-ls', 'kubeplan ÷ yaml-ls', 'goal', ''],
        [
          row('initialize ms', (r) => r.initializeMs, ms, ''),
          row('open → diagnostics ms', (r) => r.openMs, ms, ''),
          row('diagnostics on open', (r) => r.openDiagnostics, String, ''),
          row('edit → diagnostics p50 ms', (r) => r.p50Ms, ms, ''),
          row(
            'edit → diagnostics p95 ms',
            (r) => r.p95Ms,
            ms,
            '< 50 ms',
            (v) => v < 50,
          ),
          row('edit → diagnostics max ms', (r) => r.maxMs, ms, ''),
          row('  server-reported validate p50 ms', (r) => r.serverValidateMs?.p50, ms, ''),
          row('  server-reported validate p95 ms', (r) => r.serverValidateMs?.p95, ms, ''),
          row('edits timed', (r) => r.editMs.length, String, ''),
          row(
            'peak RSS MB (VmHWM)',
            (r) => (r.peakRssBytes === undefined ? undefined : r.peakRssBytes / MB),
            (v) => v.toFixed(0),
            '< 200 MB',
            (v) => v < 200,
          ),
        ],
      ),
    );
    const schema = results.schemaForYamlLs;
    if (schema)
      out.push(
        `    yaml-ls schema: our ${results.kubernetesVersion} bundle as one JSON Schema (${schema.kinds} kinds dispatched on apiVersion + kind, ${(schema.bytes / MB).toFixed(2)} MB, x- keys and the quantity/byte formats removed).`,
      );
    out.push("    Each edit is sent 20 ms after the previous edit's diagnostics; yaml-ls waits a fixed 200 ms before validating, and that wait is included, as in an editor.");
    out.push('    kubeplan = the file inside the workspace folder (the server also indexes it from disk); goals are judged on this column.');
    out.push('    kubeplan, file outside folder = same file opened with an empty workspace folder: the open document only.');
    out.push('    kubeplan, 1,000-file workspace = same file inside the generated workspace (1b): the server indexes all of it and runs the cross-object rules over it.');
    for (const r of [k, o, w, y]) {
      if (!r) continue;
      if (r.stopped) out.push(`    ${r.server}: edit series stopped early: ${r.stopped}`);
      if (r.wrongContent > 0) out.push(`    ${r.server}: ${r.wrongContent} versioned publications did not reflect their edit`);
    }
    for (const r of [k ?? o, y]) {
      if (r)
        out.push(`    ${r.server}: publications ${r.versioned ? 'carry the document version (matched on version)' : 'carry no version (matched on content: the edited line flagged / cleared)'}`);
    }
  }
  out.push('');

  const kr = results.editorRequests.kubeplan;
  const yr = results.editorRequests.yamlLs;
  out.push('2b. Hover and completion on argo-cd install.yaml, after open, at the same positions for both servers');
  for (const [name, section] of [
    ['kubeplan', kr],
    ['yaml-ls', yr],
  ] as const)
    if (section.status === 'skipped') out.push(`    ${name} skipped: ${section.reason}`);
  const kReq = ok(kr);
  const yReq = ok(yr);
  if (kReq || yReq) {
    const requestRow = (label: string, pick: (r: EditorRequestResult) => RequestFigures, goal: number) => {
      const kv = kReq ? pick(kReq) : undefined;
      const yv = yReq ? pick(yReq) : undefined;
      return [
        label,
        kv ? `${ms(kv.p50Ms)} / ${ms(kv.p95Ms)} / ${ms(kv.maxMs)}` : '—',
        kv ? `${kv.answered}/${kv.samples}` : '—',
        yv ? `${ms(yv.p50Ms)} / ${ms(yv.p95Ms)} / ${ms(yv.maxMs)}` : '—',
        yv ? `${yv.answered}/${yv.samples}` : '—',
        kv && yv && yv.p95Ms > 0 ? `${(kv.p95Ms / yv.p95Ms).toFixed(2)}×` : '—',
        `p95 < ${goal} ms`,
        kv ? (kv.p95Ms < goal ? 'met' : 'NOT MET') : '',
      ];
    };
    out.push(
      table(
        ['request', 'kubeplan p50 / p95 / max ms', 'answered', 'yaml-ls p50 / p95 / max ms', 'answered', 'kubeplan ÷ yaml-ls (p95)', 'goal', ''],
        [requestRow('hover', (r) => r.hover, 20), requestRow('completion', (r) => r.completion, 50)],
      ),
    );
    const at = kReq ?? yReq!;
    out.push(`    hover at line:column ${at.hoverAt.join(', ')}`);
    out.push(`    completion at ${at.completionAt.join(', ')} (the start of an enum value)`);
  }
  out.push('');

  const kt = results.throughput.kubeplan;
  const yt = results.throughput.yamlLs;
  const cli = ok(results.cli);
  out.push('3b. Throughput on the generated workspace: open each file, wait for its diagnostics, close it');
  for (const [name, section] of [
    ['kubeplan LSP', kt],
    ['yaml-ls LSP', yt],
  ] as const)
    if (section.status === 'skipped') out.push(`    ${name} skipped: ${section.reason}`);
  const y = ok(yt);
  const yPerCpu = y ? perCpuSecond(y.objects, y.cpuMs) : undefined;
  const ratio = (v: number, base: number | undefined) => (base ? `${(v / base).toFixed(2)}×` : '—');
  const mark = (v: number | undefined, base: number | undefined) => (v !== undefined && base ? (v / base >= 5 ? 'met' : 'NOT MET') : '');
  const throughputRow = (label: string, files: string, objects: number, wallMs: number, cpuMs: number | undefined, mbps: number, errors: string, rss: number | undefined, isBase: boolean) => {
    const perSecond = objects / (wallMs / 1000);
    const perCpu = perCpuSecond(objects, cpuMs);
    return [
      label,
      files,
      String(objects),
      ms(wallMs),
      rate(perSecond),
      rate(mbps),
      cpuMs === undefined ? '—' : ms(cpuMs),
      perCpu === undefined ? '—' : rate(perCpu),
      errors,
      rss === undefined ? '—' : (rss / MB).toFixed(0),
      isBase ? '1.00×' : ratio(perSecond, y?.objectsPerSecond),
      isBase ? '' : mark(perSecond, y?.objectsPerSecond),
      isBase ? '1.00×' : perCpu === undefined ? '—' : ratio(perCpu, yPerCpu),
      isBase ? '' : mark(perCpu, yPerCpu),
    ];
  };
  const rows: string[][] = [];
  if (cli)
    rows.push(
      throughputRow(
        'kubeplan CLI (spawn to exit)',
        String(cli.files),
        cli.objects,
        cli.wallMs,
        cli.cpuMs,
        cli.megabytesPerSecond,
        `${cli.plantedFound}/${cli.plantedTotal} planted`,
        undefined,
        false,
      ),
    );
  for (const t of [ok(kt), y]) {
    if (!t) continue;
    rows.push(
      throughputRow(
        `${t.server} LSP (${t.inFlight} in flight)`,
        `${t.files}/${t.filesPlanned}`,
        t.objects,
        t.wallMs,
        t.cpuMs,
        t.megabytesPerSecond,
        `${t.filesWithErrors} files`,
        t.peakRssBytes,
        t === y,
      ),
    );
  }
  if (rows.length) {
    out.push(
      table(
        ['run', 'files', 'objects', 'wall ms', 'obj/s', 'MB/s', 'CPU ms', 'obj/CPU-s', 'errors found', 'peak RSS MB', 'obj/s ÷ yaml-ls', 'goal ≥ 5×', 'obj/CPU-s ÷ yaml-ls', 'goal ≥ 5×'],
        rows,
      ),
    );
    out.push('    CPU ms = user + system time of the server process (all threads) during the run, or of the CLI process; less sensitive to other load than wall time.');
  }
  for (const t of [ok(kt), y]) if (t?.stopped) out.push(`    ${t.server}: stopped early: ${t.stopped}`);
  out.push('');

  out.push('4. kubeplan plan engine (planApply on decoded objects, each scenario in a fresh Node process; run before the other sections)');
  const planRows: string[][] = [];
  for (const [label, section] of [
    ['1,000 nodes × 10,000 pods (100 Deployments × 100)', results.plan.placement],
    ['rolling update of 10,000 replicas on 1,000 nodes', results.plan.rollingUpdate],
    ['--what-if nodes: each of 100 nodes failed, 2,000 pods', results.plan.whatIfNodes],
  ] as const) {
    if (section.status === 'skipped') out.push(`    ${label} skipped: ${section.reason}`);
    else {
      const { pods, rolloutSteps, planMs, planCpuMs, peakRssBytes, runsMs } = section.result;
      planRows.push([label, String(pods), String(rolloutSteps), ms(planMs), (runsMs ?? [planMs]).map(ms).join(', '), ms(planCpuMs), (peakRssBytes / MB).toFixed(0)]);
    }
  }
  if (planRows.length > 0) {
    out.push(table(['scenario', 'pods at the end', 'rollout steps', 'plan wall ms (best)', 'all runs ms', 'plan CPU ms', 'peak RSS MB'], planRows));
    out.push('    CPU ms and peak RSS are those of the best run.');
  }
  out.push('');
  if (results.planBaseline) {
    const baseline = results.planBaseline;
    if (baseline.status === 'skipped') out.push(`4b. side by side with the code before: skipped: ${baseline.reason}`, '');
    else {
      const { dir, commit, scenarios } = baseline.result;
      out.push(`4b. the same scenarios side by side with the code before (${dir}${commit ? ` at ${commit}` : ''}), alternating fresh processes`);
      const rows = scenarios.flatMap((comparison) => {
        const figures = (runs: readonly PlanThroughput[]) => ({
          wall: spread(runs.map((run) => run.planMs)),
          cpu: spread(runs.map((run) => run.planCpuMs)),
          rss: spread(runs.map((run) => run.peakRssBytes / MB)),
        });
        const now = figures(comparison.now);
        const before = figures(comparison.before);
        const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
        return [
          [comparison.scenario, 'now', `${ms(now.wall.min)} / ${ms(now.wall.median)}`, `${ms(now.cpu.min)} / ${ms(now.cpu.median)}`, `${now.rss.min.toFixed(0)} / ${now.rss.median.toFixed(0)}`],
          [
            '',
            'before',
            `${ms(before.wall.min)} / ${ms(before.wall.median)}`,
            `${ms(before.cpu.min)} / ${ms(before.cpu.median)}`,
            `${before.rss.min.toFixed(0)} / ${before.rss.median.toFixed(0)}`,
          ],
          [
            '',
            'now ÷ before',
            `${ratio(now.wall.min, before.wall.min)} / ${ratio(now.wall.median, before.wall.median)}`,
            `${ratio(now.cpu.min, before.cpu.min)} / ${ratio(now.cpu.median, before.cpu.median)}`,
            `${ratio(now.rss.min, before.rss.min)} / ${ratio(now.rss.median, before.rss.median)}`,
          ],
        ];
      });
      out.push(table(['scenario', 'build', 'wall ms min / median', 'CPU ms min / median', 'peak RSS MB min / median'], rows));
      out.push(`    ${scenarios[0]?.now.length ?? 0} runs of each build per scenario; on a shared machine the minimums say the most.`, '');
    }
  }

  out.push(...planScaleTable(results.planScale));

  out.push('5. custom resources against a CRD with 50 x-kubernetes-validations rules (fresh Node process, rules compiled once)');
  if (results.crdRules.status === 'skipped') out.push(`    skipped: ${results.crdRules.reason}`);
  else {
    const { rules, objects, findings, validateMs, cpuMs, runsMs } = results.crdRules.result;
    out.push(
      table(
        ['rules', 'objects', 'findings', 'wall ms (best)', 'CPU ms (same run)', 'all runs ms'],
        [[String(rules), String(objects), String(findings), ms(validateMs), ms(cpuMs), (runsMs ?? [validateMs]).map(ms).join(', ')]],
      ),
    );
  }
  out.push('');

  out.push("6. the plan's NetworkPolicy sections on a settled cluster (fresh Node process per run)");
  if (results.networkPolicies.status === 'skipped') out.push(`    skipped: ${results.networkPolicies.reason}`);
  else {
    const n = results.networkPolicies.result;
    out.push(
      table(
        ['deployments', 'pods', 'services', 'policies', 'reachability rows', 'allowed', 'wall ms (best)', 'median ms', 'all runs ms', 'CPU ms', 'settle ms', 'peak RSS MB'],
        [
          [
            String(n.deployments),
            String(n.pods),
            String(n.services),
            String(n.policies),
            String(n.reachabilityRows),
            String(n.allowedRows),
            ms(n.policiesMs),
            ms(n.medianMs ?? n.policiesMs),
            (n.runsMs ?? [n.policiesMs]).map(ms).join(', '),
            ms(n.policiesCpuMs),
            ms(n.settleMs),
            (n.peakRssBytes / MB).toFixed(0),
          ],
        ],
      ),
    );
    out.push(`    ${n.namespaces} namespaces; timed: the view of the pods, the DNS note, networkPolicies and reachability, as planApply calls them; not timed: applying and settling (settle ms).`);
    if (n.refused > 0) out.push(`    ${n.refused} generated objects were refused on apply`);
  }
  out.push('');

  out.push('7. kubeplan can-i over 1,000 RBAC objects (fresh Node process per run: request resolved, authorizer built from the decoded objects, answered)');
  if (results.rbac.status === 'skipped') out.push(`    skipped: ${results.rbac.reason}`);
  else {
    const r = results.rbac.result;
    const row = (label: string, answer: string, best: number, median: number | undefined, runs: number[] | undefined) => [
      label,
      answer,
      ms(best),
      ms(median ?? best),
      (runs ?? [best]).map(ms).join(', '),
    ];
    out.push(
      table(
        ['question', 'answer', 'ms (best)', 'median ms', 'all runs ms'],
        [
          row(`can-i ${r.question}`, r.answer, r.answerMs, r.medianMs, r.runsMs),
          row(`can-i ${r.listQuestion}`, `${r.listRows} rows`, r.listMs, r.listMedianMs, r.listRunsMs),
          ...(r.cliMs === undefined ? [] : [row(`node bin/kubeplan.js can-i ${r.question} <21 files> (spawn to exit)`, r.cliAnswer ?? '', r.cliMs, r.cliMedianMs, r.cliRunsMs)]),
        ],
      ),
    );
  }
  out.push('');

  out.push('8. Edits deep inside very large documents (the bundled language server over stdio; each edit introduces or clears an error)');
  if (results.largeDocumentEdits.status === 'skipped') out.push(`    skipped: ${results.largeDocumentEdits.reason}`);
  else out.push(...renderLargeDocumentEdits(results.largeDocumentEdits.result));
  out.push(...renderIndexScale(results.lspIndex));
  out.push('');

  out.push('Goals');
  out.push(
    table(
      ['figure', 'value', 'goal', 'status'],
      results.goals.map((g) => [
        g.figure,
        g.value === undefined ? '—' : g.goal.includes('×') ? `${g.value.toFixed(2)}×` : g.value.toFixed(1),
        g.goal,
        g.met === undefined ? 'not measured' : g.met ? 'met' : 'NOT MET',
      ]),
    ),
  );
  if (results.cliScale) out.push(...cliScaleLines(results.cliScale));
  return out.join('\n');
}

function renderIndexScale(section: Section<IndexScaleResult>): string[] {
  const out = ['9. kubeplan LSP on generated workspaces (fresh server per run: index the folder, then open one file and edit one value)'];
  if (section.status === 'skipped') return [...out, `    skipped: ${section.reason}`];
  const r = section.result;
  const figures: [string, (run: IndexRun) => number | undefined, (value: number) => string][] = [
    ['index ms', (run) => run.indexMs, ms],
    ['peak RSS MB', (run) => (run.peakRssBytes === undefined ? undefined : run.peakRssBytes / MB), (value) => value.toFixed(0)],
    ['edit p50 ms', (run) => run.editP50Ms, ms],
    ['edit p95 ms', (run) => run.editP95Ms, ms],
  ];
  const rows: string[][] = [];
  for (const row of r.rows) {
    for (const [label, figure, format] of figures) {
      const now = spread(defined(row.current.map(figure)));
      const before = row.before ? spread(defined(row.before.map(figure))) : undefined;
      const cells = [`${row.files} files, ${row.objects} objects`, label, `${format(now.min)} / ${format(now.median)}`];
      if (r.baseline) cells.push(before ? `${format(before.min)} / ${format(before.median)}` : '—', before ? `${(now.min / before.min).toFixed(2)}×` : '—');
      rows.push(cells);
    }
  }
  const header = ['workspace', 'figure', 'now min / median'];
  if (r.baseline) header.push('before min / median', 'ratio of minimums');
  out.push(table(header, rows));
  out.push(
    `    ${r.rounds} runs per build and size${r.baseline ? `, alternating with the build in ${r.baseline.dir} (${r.baseline.commit ?? 'commit unknown'})` : ''}; ${r.perFile} objects per file; ${r.edits} edits per run, p50/p95 per run.`,
  );
  const stopped = r.rows.flatMap((row) => [...row.current, ...(row.before ?? [])]).filter((run) => run.stopped);
  for (const run of stopped) out.push(`    stopped: ${run.stopped}`);
  return out;
}

function defined(values: readonly (number | undefined)[]): number[] {
  return values.filter((value): value is number => value !== undefined);
}

function perCpuSecond(objects: number, cpuMs: number | undefined): number | undefined {
  return cpuMs === undefined || cpuMs <= 0 ? undefined : objects / (cpuMs / 1000);
}

function ok<T>(section: Section<T>): T | undefined {
  return section.status === 'ok' ? section.result : undefined;
}

function ms(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1);
}

function rate(value: number): string {
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
}

function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => `    ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ')}`.trimEnd();
  return [line(header), `    ${widths.map((w) => '─'.repeat(w)).join('  ')}`, ...rows.map(line)].join('\n');
}
