/**
 * `npm run bench`: kubeplan's engine, CLI and language server against yaml-language-server given the same
 * Kubernetes schema, in one bounded run. Prints tables, then the same results as JSON, and writes the JSON to
 * node_modules/.cache/kubeplan-bench/results.json.
 *
 * Options: --kubernetes-version X.Y (default 1.36), --edits N (default 30), --only SECTION,… to run only some of the
 * sections with a time goal of their own: plan, plan-scale (1,000 to 10,000 nodes, with and without constraints), crd,
 * np (NetworkPolicies), rbac (can-i), edit-large (edits deep inside very large documents in the language server),
 * lsp-index (the language server on 1,000 to 30,000 generated files), cli-scale (`kubeplan check` on 1,000 / 10,000 /
 * 30,000 files against the parse-and-validate floor). --baseline DIR: a build of the code before, which plan,
 * plan-scale, edit-large, lsp-index and cli-scale are measured side by side with.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { measureCliBestOf } from './cli-throughput';
import { measureCliScale } from './cli-scale';
import { corporaRoot, generateWorkspace, installFiles, type GeneratedWorkspace } from './corpus';
import { measureEditorRequests, type EditorRequestOptions } from './editor-requests';
import { measureEngine, type EngineThroughput } from './engine-throughput';
import { measureLatency, type LatencyOptions } from './lsp-latency';
import { LspSession } from './lsp-session';
import { measureOpenThroughput, type ThroughputOptions } from './lsp-throughput';
import { loadAverageNow, machineInfo } from './machine';
import { comparePlan, measurePlan, measurePlanBestOf, measurePlanScale, type PlanComparison } from './plan-throughput';
import { measureCrdRulesBestOf } from './crd-rules-throughput';
import { measureNetworkPoliciesBestOf } from './network-policy-throughput';
import { measureRbacBestOf } from './rbac-throughput';
import { applicationSetCrd, dashboardList, measureLargeDocumentEdits, type LargeDocument, type LargeDocumentEdits } from './large-document-edits';
import { DEFAULT_INDEX_SCALE, measureIndexScale } from './workspace-index-scale';
import { evaluateGoals, renderTables, type BenchResults, type PlanBaseline, type Section } from './report';
import { kubeplanServer, yamlLanguageServer, yamlLanguageServerScript, yamlLanguageServerVersion } from './servers';
import { writeDispatchSchema } from './yaml-ls-schema';
import { loadBundle } from '../server/src/schema/bundle';
import { parseKubernetesVersion } from '../server/src/schema/versions';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WARM_PASSES = 5;
const OBJECTS_PER_FILE = 10;
const CLI_RUNS = 2;
const PLAN_RUNS = 3;
/** Rounds of the side-by-side plan runs (`--baseline`): each round runs both builds once. */
const BASELINE_ROUNDS = 5;
/** Runs of each scale scenario (and of the code before where it is timed): the section stays under about 6 minutes. */
const PLAN_SCALE_RUNS = 2;

/** Sections `--only` can pick: each is timed on its own, in fresh processes. */
const ONLY_SECTIONS = ['plan', 'plan-scale', 'crd', 'np', 'rbac', 'edit-large', 'lsp-index', 'cli-scale'] as const;
type OnlySection = (typeof ONLY_SECTIONS)[number];

interface Args {
  kubernetesVersion: string;
  edits: number;
  /** Undefined: every section. */
  only: Set<OnlySection> | undefined;
  /** A built checkout of the code before (`--baseline DIR`): the plan scenarios are timed side by side with it. */
  baseline: string | undefined;
}

function parseArgs(argv: readonly string[]): Args {
  const args: Args = { kubernetesVersion: '1.36', edits: 30, only: undefined, baseline: undefined };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const value = argv[i + 1];
    if (flag === '--kubernetes-version' && value) args.kubernetesVersion = argv[++i]!;
    else if (flag === '--edits' && value) args.edits = Math.max(1, Number(argv[++i]));
    else if (flag === '--only' && value) {
      const names = argv[++i]!.split(',').map((name) => name.trim());
      const unknown = names.filter((name) => !(ONLY_SECTIONS as readonly string[]).includes(name));
      if (unknown.length > 0) throw new Error(`--only: unknown section ${unknown.join(', ')}; sections: ${ONLY_SECTIONS.join(', ')}`);
      args.only = new Set(names as OnlySection[]);
    } else if (flag === '--baseline' && value) args.baseline = path.resolve(argv[++i]!);
    else throw new Error(`unknown argument ${flag}; options: --kubernetes-version X.Y, --edits N, --only ${ONLY_SECTIONS.join(',')}, --baseline DIR`);
  }
  return args;
}

async function attempt<T>(what: string, run: () => Promise<T>): Promise<Section<T>> {
  const started = Date.now();
  process.stderr.write(`bench: ${what}…`);
  try {
    const result = await run();
    process.stderr.write(` ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
    return { status: 'ok', result };
  } catch (error) {
    const reason = firstLines((error as Error).message);
    process.stderr.write(` skipped: ${reason}\n`);
    return { status: 'skipped', reason };
  }
}

function skipped<T>(reason: string): Section<T> {
  return { status: 'skipped', reason };
}

function firstLines(text: string): string {
  return text
    .split('\n')
    .filter((line) => line.trim())
    .slice(0, 3)
    .join(' | ');
}

/**
 * The kubeplan server is started once just to see whether it comes up; a server that cannot start is reported
 * as a skipped section with its own words (first lines of stderr), not as a bench failure.
 */
async function serverProblem(start: () => Promise<LspSession>): Promise<string | undefined> {
  try {
    const session = await start();
    await session.close();
    return undefined;
  } catch (error) {
    return (error as Error).message;
  }
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-bench-'));
  const cleanup = () => {
    LspSession.killAll();
    fs.rmSync(scratch, { recursive: true, force: true });
  };
  process.once('exit', cleanup);
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      cleanup();
      process.exit(130);
    });
  }

  const results: BenchResults = {
    startedAt: new Date(started).toISOString(),
    durationMs: 0,
    machine: machineInfo(),
    loadAverageAtEnd: 0,
    kubernetesVersion: args.kubernetesVersion,
    yamlLanguageServerVersion: yamlLanguageServerVersion(REPO_ROOT),
    engine: skipped('not run'),
    engineNotes: [],
    cli: skipped('not run'),
    latency: { kubeplan: skipped('not run'), kubeplanOutsideFolder: skipped('not run'), kubeplanInWorkspace: skipped('not run'), yamlLs: skipped('not run') },
    editorRequests: { kubeplan: skipped('not run'), yamlLs: skipped('not run') },
    throughput: { kubeplan: skipped('not run'), yamlLs: skipped('not run') },
    plan: { placement: skipped('not run'), rollingUpdate: skipped('not run'), whatIfNodes: skipped('not run') },
    planScale: skipped('not run'),
    crdRules: skipped('not run'),
    networkPolicies: skipped('not run'),
    rbac: skipped('not run'),
    largeDocumentEdits: skipped('not run'),
    lspIndex: skipped('not run'),
    goals: [],
  };

  // 4. The plan engine at scale, measured first: its goal is an absolute time, and after a minute of both cores
  // busy with the language servers this machine runs up to a third slower. The best of three, as for the CLI: on a
  // shared machine the slowest run says more about the neighbours.
  const runs = (section: OnlySection) => !args.only || args.only.has(section);
  if (runs('plan')) {
    results.plan.placement = await attempt('kubeplan plan, 10,000 pods on 1,000 nodes', () => measurePlanBestOf('placement', PLAN_RUNS, 180_000));
    results.plan.rollingUpdate = await attempt('kubeplan plan, rolling update of 10,000 replicas', () => measurePlanBestOf('rolling-update', PLAN_RUNS, 300_000));
    results.plan.whatIfNodes = await attempt('kubeplan plan --what-if nodes, 100 nodes × 2,000 pods', () => measurePlan('what-if-nodes', 900_000));
    if (args.baseline) results.planBaseline = await attempt(`kubeplan plan side by side with ${args.baseline}`, () => compareWithBaseline(args.baseline!));
  }
  if (runs('plan-scale')) {
    results.planScale = await attempt('kubeplan plan at scale, 1,000 to 10,000 nodes', async () => ({
      runs: PLAN_SCALE_RUNS,
      baseline: args.baseline,
      rows: await measurePlanScale(PLAN_SCALE_RUNS, 600_000, args.baseline),
    }));
  }

  // 5–7. CRD rules, NetworkPolicies, can-i: absolute times too, so measured while the machine is quiet.
  if (runs('crd')) results.crdRules = await attempt('custom resources, 50 CEL rules × 1,000 objects', () => measureCrdRulesBestOf(PLAN_RUNS, 60_000));
  if (runs('np')) results.networkPolicies = await attempt('plan reachability, 500 workloads × 200 NetworkPolicies', () => measureNetworkPoliciesBestOf(PLAN_RUNS, 180_000));
  if (runs('rbac')) results.rbac = await attempt('kubeplan can-i over 1,000 RBAC objects', () => measureRbacBestOf(REPO_ROOT, PLAN_RUNS, 60_000));
  if (runs('edit-large')) results.largeDocumentEdits = await attempt('edits deep inside large documents, in the language server', () => largeDocumentEdits(args, scratch));
  if (runs('lsp-index')) {
    const baseline = args.baseline ? { dir: args.baseline, commit: gitCommit(args.baseline) } : undefined;
    results.lspIndex = await attempt(`kubeplan LSP on ${DEFAULT_INDEX_SCALE.sizes.join(' / ')} generated files${baseline ? ` side by side with ${baseline.dir}` : ''}`, () =>
      measureIndexScale(REPO_ROOT, baseline, scratch, { ...DEFAULT_INDEX_SCALE, kubernetesVersion: args.kubernetesVersion }),
    );
  }
  if (runs('cli-scale'))
    results.cliScale = await attempt('kubeplan check on 1,000 / 10,000 / 30,000 files against the floor', () => measureCliScale(REPO_ROOT, scratch, args.kubernetesVersion, args.baseline));
  if (args.only) return finish(results, started, false);

  // 1a. Engine on the corpora's install files.
  const corpora = corporaRoot(REPO_ROOT);
  const install = fs.existsSync(corpora) ? installFiles(corpora) : { found: [], missing: [`${corpora} not found`] };
  if (install.found.length === 0) results.engine = skipped(`no corpora: ${install.missing.join('; ')}`);
  else {
    results.engine = await attempt('engine throughput', async () => {
      const measured: EngineThroughput[] = [];
      for (const file of install.found) measured.push(await measureEngine(file, args.kubernetesVersion, WARM_PASSES, args.edits, 120_000));
      return measured;
    });
    results.engineNotes.push(
      'cold = require(engine) + schema bundle and generated validators load + validate, timed inside a fresh process;',
      `warm = median of ${WARM_PASSES} further passes in that process, each document given a unique comment so the per-document cache misses;`,
      'cold incl. Node start = from the worker process start (performance.timeOrigin) to the cold result;',
      `edit p50/p95 = validateText of the whole file after each of ${args.edits} one-value edits (the LSP latency edits; unchanged documents come from the cache).`,
    );
    for (const missing of install.missing) results.engineNotes.push(`missing: ${missing}`);
  }

  // 1b. CLI on a generated workspace.
  let workspace: GeneratedWorkspace | undefined;
  try {
    workspace = generateWorkspace(path.join(scratch, 'workspace'));
    results.workspace = { files: workspace.files.length, objects: workspace.objects, bytes: workspace.bytes, plantedErrors: workspace.planted.length };
  } catch (error) {
    results.cli = skipped(`could not generate the workspace: ${(error as Error).message}`);
  }
  if (workspace) {
    const ws = workspace;
    results.cli = await attempt('kubeplan check on the generated workspace', () => measureCliBestOf(CLI_RUNS, REPO_ROOT, ws, args.kubernetesVersion, 120_000));
  }

  // Servers.
  const argo = install.found.find((f) => f.label === 'argo-cd install.yaml');
  const kubeplan = kubeplanServer(REPO_ROOT, args.kubernetesVersion);
  const emptyRoot = path.join(scratch, 'empty-root');
  fs.mkdirSync(emptyRoot);
  const kubeplanDown = await serverProblem(async () => (await LspSession.start(kubeplan.session(emptyRoot), pathToFileURL(emptyRoot).href, 20_000)).session);
  const kubeplanReason = kubeplanDown ? `the kubeplan language server did not start: ${firstLines(kubeplanDown)}` : undefined;

  let yamlLsReason: string | undefined;
  let yamlLs: ReturnType<typeof yamlLanguageServer> | undefined;
  if (!fs.existsSync(yamlLanguageServerScript(REPO_ROOT))) yamlLsReason = 'yaml-language-server is not installed (npm ci installs it as a devDependency)';
  else {
    try {
      const version = parseKubernetesVersion(args.kubernetesVersion);
      if (!version) throw new Error('not a supported version');
      const bundle = loadBundle(version);
      const schemaFile = path.join(scratch, `kubernetes-${args.kubernetesVersion}.schema.json`);
      results.schemaForYamlLs = { kinds: Object.keys(bundle.kinds).length, bytes: writeDispatchSchema(bundle, schemaFile) };
      yamlLs = yamlLanguageServer(REPO_ROOT, schemaFile);
    } catch (error) {
      yamlLsReason = `no schema bundle for Kubernetes ${args.kubernetesVersion}: ${(error as Error).message}`;
    }
  }

  // 2–3. Latency on the argo-cd install file.
  const latencyKubeplan: LatencyOptions = { edits: args.edits, startTimeoutMs: 20_000, openTimeoutMs: 30_000, editTimeoutMs: 10_000, gapMs: 20 };
  // yaml-language-server waits 200 ms before validating and takes over a second on this file.
  const latencyYamlLs: LatencyOptions = { ...latencyKubeplan, openTimeoutMs: 60_000, editTimeoutMs: 30_000 };
  if (!argo) {
    const reason = `argo-cd install.yaml not found under ${corpora}`;
    results.latency = { kubeplan: skipped(reason), kubeplanOutsideFolder: skipped(reason), kubeplanInWorkspace: skipped(reason), yamlLs: skipped(reason) };
  } else {
    results.latency.kubeplan = kubeplanReason
      ? skipped(kubeplanReason)
      : await attempt('kubeplan LSP latency', () => measureLatency(kubeplan, argo.path, path.join(scratch, 'argo-kubeplan'), latencyKubeplan));
    results.latency.kubeplanOutsideFolder = kubeplanReason
      ? skipped(kubeplanReason)
      : await attempt('kubeplan LSP latency, file outside the workspace folder', () =>
          measureLatency(kubeplan, argo.path, path.join(scratch, 'argo-kubeplan-outside'), latencyKubeplan, emptyRoot),
        );
    results.latency.kubeplanInWorkspace = kubeplanReason
      ? skipped(kubeplanReason)
      : !workspace
        ? skipped('no generated workspace')
        : await attempt('kubeplan LSP latency, file inside the 1,000-file workspace', async () => {
            // A folder of its own inside the workspace, removed afterwards: later sections use the workspace as generated.
            const folder = path.join(workspace.dir, 'argo-cd');
            try {
              return await measureLatency(kubeplan, argo.path, folder, latencyKubeplan, workspace.dir);
            } finally {
              fs.rmSync(folder, { recursive: true, force: true });
            }
          });
    results.latency.yamlLs = yamlLs
      ? await attempt('yaml-language-server LSP latency', () => measureLatency(yamlLs!, argo.path, path.join(scratch, 'argo-yaml-ls'), latencyYamlLs))
      : skipped(yamlLsReason!);
  }

  // 2b. Hover and completion on the argo-cd install file.
  const requestOptions: EditorRequestOptions = { positions: 10, rounds: 5, startTimeoutMs: 20_000, openTimeoutMs: 60_000, requestTimeoutMs: 10_000 };
  if (!argo) {
    const reason = `argo-cd install.yaml not found under ${corpora}`;
    results.editorRequests = { kubeplan: skipped(reason), yamlLs: skipped(reason) };
  } else {
    results.editorRequests.kubeplan = kubeplanReason
      ? skipped(kubeplanReason)
      : await attempt('kubeplan hover and completion', () => measureEditorRequests(kubeplan, argo.path, path.join(scratch, 'argo-requests-kubeplan'), requestOptions));
    results.editorRequests.yamlLs = yamlLs
      ? await attempt('yaml-language-server hover and completion', () => measureEditorRequests(yamlLs!, argo.path, path.join(scratch, 'argo-requests-yaml-ls'), requestOptions))
      : skipped(yamlLsReason!);
  }

  // 3b. Open-throughput on the generated workspace.
  const throughputOptions: ThroughputOptions = { inFlight: 50, startTimeoutMs: 20_000, perFileTimeoutMs: 30_000, budgetMs: 90_000 };
  if (!workspace) {
    results.throughput = { kubeplan: skipped('no generated workspace'), yamlLs: skipped('no generated workspace') };
  } else {
    const files = workspace.files;
    results.throughput.kubeplan = kubeplanReason
      ? skipped(kubeplanReason)
      : await attempt('kubeplan LSP open-throughput', () => measureOpenThroughput(kubeplan, emptyRoot, files, OBJECTS_PER_FILE, throughputOptions));
    results.throughput.yamlLs = yamlLs
      ? await attempt('yaml-language-server LSP open-throughput', () => measureOpenThroughput(yamlLs!, emptyRoot, files, OBJECTS_PER_FILE, throughputOptions))
      : skipped(yamlLsReason!);
  }

  finish(results, started, true);
}

/**
 * Goals judged, tables printed, the JSON written; bench/RESULTS.md only after a full run, so a run of some sections
 * (`--only`) never replaces the full results kept in the repository.
 */
/** The placement and rolling-update scenarios, side by side with the build of the code before in `dir`. */
async function compareWithBaseline(dir: string): Promise<PlanBaseline> {
  const worker = path.join(dir, 'out', 'bench', 'plan-throughput.js');
  if (!fs.existsSync(worker)) throw new Error(`${worker} not found: check out the code before in ${dir} and build it there (npm ci, or npx tsc -p . after linking node_modules)`);
  const commit = gitCommit(dir);
  const scenarios: PlanComparison[] = [];
  for (const scenario of ['placement', 'rolling-update'] as const) scenarios.push(await comparePlan(scenario, BASELINE_ROUNDS, 300_000, worker));
  return { dir, commit, scenarios };
}

/** The ApplicationSet CRD and a generated dashboard List, edited in the language server (and yaml-language-server). */
async function largeDocumentEdits(args: Args, scratch: string): Promise<LargeDocumentEdits> {
  const documents: LargeDocument[] = [];
  const crd = applicationSetCrd(corporaRoot(REPO_ROOT), scratch);
  if (crd) documents.push(crd);
  documents.push(dashboardList(scratch));
  const baseline = args.baseline ? { dir: args.baseline, commit: gitCommit(args.baseline) } : undefined;
  if (baseline && !fs.existsSync(path.join(baseline.dir, 'dist', 'lsp-entry.js')))
    throw new Error(`${baseline.dir}/dist/lsp-entry.js not found: build the code before there (npx tsc -p . && npm run bundle)`);
  let yamlLs: ReturnType<typeof yamlLanguageServer> | undefined;
  const version = parseKubernetesVersion(args.kubernetesVersion);
  if (fs.existsSync(yamlLanguageServerScript(REPO_ROOT)) && version) {
    const schemaFile = path.join(scratch, `kubernetes-${args.kubernetesVersion}.edit-large.schema.json`);
    writeDispatchSchema(loadBundle(version), schemaFile);
    yamlLs = yamlLanguageServer(REPO_ROOT, schemaFile);
  }
  return measureLargeDocumentEdits(REPO_ROOT, documents, scratch, {
    edits: args.edits,
    memoryEdits: 500,
    memoryCapBytes: 1024 * 1024 * 1024,
    ...(baseline ? { baseline } : {}),
    ...(yamlLs ? { yamlLs } : {}),
  });
}

function gitCommit(dir: string): string | undefined {
  try {
    return execFileSync('git', ['-C', dir, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8', timeout: 10_000, stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    return undefined;
  }
}

function finish(results: BenchResults, started: number, full: boolean): void {
  results.durationMs = Date.now() - started;
  results.loadAverageAtEnd = loadAverageNow();
  results.goals = evaluateGoals(results);

  const json = JSON.stringify(results, null, 2);
  const cacheDir = path.join(REPO_ROOT, 'node_modules', '.cache', 'kubeplan-bench');
  let written: string | undefined;
  try {
    fs.mkdirSync(cacheDir, { recursive: true });
    written = path.join(cacheDir, 'results.json');
    fs.writeFileSync(written, `${json}\n`);
  } catch {
    written = undefined;
  }
  const tables = renderTables(results);
  if (full) fs.writeFileSync(path.join(REPO_ROOT, 'bench', 'RESULTS.md'), resultsMarkdown(tables));
  process.stdout.write(`${tables}\n\n`);
  process.stdout.write(`JSON${written ? ` (also written to ${path.relative(REPO_ROOT, written)})` : ''}:\n${json}\n`);
}

/** bench/RESULTS.md: the latest run's tables, kept in the repository with the machine they were measured on. */
function resultsMarkdown(tables: string): string {
  return [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts): the latest run, with the machine it ran on in its first lines. Every',
    'figure with a goal is printed beside the goal; ratios are against yaml-language-server measured in the same run.',
    '',
    '```text',
    tables,
    '```',
    '',
  ].join('\n');
}

main().catch((error: unknown) => {
  LspSession.killAll();
  process.stderr.write(`bench failed: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
