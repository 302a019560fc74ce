/** The `kubeplan` command line: `check`, `plan`, `can-connect`, `explain`, `can-i`, `lsp` and their options. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_VERSION, type KubernetesVersion } from '../schema/versions';
import { runCheck, runKustomizeCheck, type OutputFormat } from './check-command';
import { kustomizeSources } from './kustomize-input';
import type { ExplainOptions } from './explain-command';
import { UsageError } from './usage-error';
import { UnreadableInputError } from '../files/read-text';
import { loadConfig } from './config-file';
import { checkKustomizeUse, crdsFlag, kubernetesVersionFlag, kustomizeFlag, namespaceFlag, readFlags } from './flags';
import { readDefinitionFiles } from '../files/crd-files';
import { isChartFolder } from '../files/helm-chart';
import type { ChartValuesFiles } from './chart-values';
import type { ReferenceDefinition } from '../catalog/workspace-object';
import { CAN_I, CHECK, COMMANDS, EXPLAIN, LSP, commandHelp, rootHelp, unknownCommandError, unknownNameError, type CommandSpec } from './commands';
import { commandSuggestions } from '../schema/did-you-mean';
import { parseQuantity, unitValue } from '../kube/quantity';
import { DEFAULT_MAX_BYTES } from '../check/validate-text';
import { isManifestFile } from '../files/collect-files';
// plan, can-i, can-connect and explain load their modules when run: a check, the command CI runs most, does not
// pay for compiling the cluster model.
import type { CanIListOptions, CanIOptions } from './can-i-command';
import { colorFlag, outputWidth, terminalStyle, type ColorMode } from './terminal-style';
import { repositoryRoot } from '../files/repository-root';

function packageVersion(): string {
  let dir = __dirname;
  for (let i = 0; i < 6; i++) {
    const candidate = path.join(dir, 'package.json');
    if (fs.existsSync(candidate)) return (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { version: string }).version;
    dir = path.dirname(dir);
  }
  return '0.0.0';
}

interface ParsedCheckArgs {
  kubernetesVersion: KubernetesVersion;
  output: OutputFormat;
  config?: string;
  paths: string[];
  filesFrom?: string;
  maxBytes: number;
  jobs?: number;
  allowEmpty: boolean;
  quiet: boolean;
  defaultNamespace?: string;
  color: ColorMode;
  sarifRoot?: string;
  kustomize: string | undefined;
  allowRemote: boolean;
  crds: string[];
  values: ChartValuesFiles | undefined;
}

function parseCheckArgs(args: readonly string[]): ParsedCheckArgs {
  const parsed: ParsedCheckArgs = {
    kubernetesVersion: DEFAULT_VERSION,
    output: 'text',
    paths: [],
    maxBytes: DEFAULT_MAX_BYTES,
    allowEmpty: false,
    quiet: false,
    color: 'auto',
    kustomize: undefined,
    allowRemote: false,
    crds: [],
    values: undefined,
  };
  const valuesFiles: string[] = [];
  const givenWithFilename = new Set<number>();
  parsed.paths = readFlags(
    args,
    CHECK,
    (flag, value, arg) => {
      if (kustomizeFlag(parsed, flag, value, arg)) return true;
      if (flag === '--kubernetes-version') parsed.kubernetesVersion = kubernetesVersionFlag(value());
      else if (flag === '--output') {
        const raw = value();
        if (raw !== 'text' && raw !== 'json' && raw !== 'sarif') throw new UsageError(`--output must be text, json or sarif, not ${raw}`);
        parsed.output = raw;
      } else if (flag === '--config') parsed.config = value();
      else if (flag === '--files-from') parsed.filesFrom = value();
      else if (flag === '--namespace') parsed.defaultNamespace = namespaceFlag(value());
      else if (flag === '--max-file-size') parsed.maxBytes = byteSize(flag, value());
      else if (flag === '--jobs') parsed.jobs = jobCount(flag, value());
      else if (flag === '--allow-empty') parsed.allowEmpty = switchValue(flag, value, arg);
      else if (flag === '--quiet') parsed.quiet = switchValue(flag, value, arg);
      else if (flag === '--color') parsed.color = colorFlag(value());
      else if (flag === '--sarif-root') parsed.sarifRoot = directoryFlag(flag, value());
      else if (flag === '--crds') parsed.crds.push(crdsFlag(value()));
      else if (flag === '--values') valuesFiles.push(value());
      else return false;
      return true;
    },
    givenWithFilename,
  );
  ({ paths: parsed.paths, values: parsed.values } = chartValuesArgs(parsed.paths, givenWithFilename, valuesFiles));
  checkKustomizeUse(parsed, parsed.filesFrom === undefined ? parsed.paths : [...parsed.paths, parsed.filesFrom]);
  if (parsed.paths.length === 0 && parsed.filesFrom === undefined && parsed.kustomize === undefined)
    throw new UsageError("check needs at least one file, folder or -\nSee 'kubeplan check --help' for usage.");
  if (parsed.filesFrom === '-' && parsed.paths.includes('-')) throw new UsageError('- (standard input) can be given only once');
  return parsed;
}

/**
 * Helm's `-f`: with a chart folder among the PATH arguments, `-f FILE` gives a values file for it, as
 * `helm template CHART -f FILE` does; without one, `-f` names a file to check, as kubectl's does. `--values FILE`
 * is always a values file.
 */
function chartValuesArgs(paths: readonly string[], givenWithFilename: ReadonlySet<number>, valuesFiles: readonly string[]): { paths: string[]; values: ChartValuesFiles | undefined } {
  const charts = paths.filter((file, i) => !givenWithFilename.has(i) && file !== '-' && isChartFolder(file));
  // A folder given with -f is still a folder to check: values come in files.
  const asValues = (i: number): boolean => givenWithFilename.has(i) && !isFolder(paths[i]!);
  const withFilename = paths.filter((_, i) => asValues(i));
  if (charts.length === 0) {
    if (valuesFiles.length > 0) throw new UsageError('--values needs a chart folder (one holding Chart.yaml) among the paths');
    return { paths: [...paths], values: undefined };
  }
  const files = [...withFilename, ...valuesFiles];
  if (files.length === 0) return { paths: [...paths], values: undefined };
  if (charts.length > 1)
    throw new UsageError(`-f and --values give values files to one chart folder, as helm template does; ${charts.length} were given (${charts.join(', ')}): check each chart on its own`);
  for (const file of files) if (file === '-') throw new UsageError('a values file cannot be - (standard input); give its path');
  return { paths: paths.filter((_, i) => !asValues(i)), values: { chart: charts[0]!, files } };
}

function isFolder(file: string): boolean {
  try {
    return fs.statSync(file).isDirectory();
  } catch {
    return false;
  }
}

/** The CRDs of `--crds`; each one that cannot be used is a warning, and the run goes on without it. */
function referenceDefinitions(paths: readonly string[]): ReferenceDefinition[] {
  if (paths.length === 0) return [];
  const read = readDefinitionFiles(paths);
  for (const problem of read.problems) process.stderr.write(`kubeplan: warning: --crds ${problem}\n`);
  return read.definitions;
}

/** A size in bytes: a whole number, or a quantity with a suffix as Kubernetes writes them (`4Mi`, `500k`). */
function byteSize(flag: string, raw: string): number {
  const parsed = parseQuantity(raw);
  const bytes = parsed.ok ? unitValue(parsed.quantity) : -1n;
  if (bytes <= 0n || bytes > BigInt(Number.MAX_SAFE_INTEGER)) throw new UsageError(`${flag} must be a positive size in bytes, such as 1048576 or 16Mi, not ${raw}`);
  return Number(bytes);
}

/** The most worker threads `--jobs` accepts: more would only share the cores of any machine a check runs on. */
const MAX_JOBS = 64;

function jobCount(flag: string, raw: string): number {
  const jobs = /^\d+$/.test(raw) ? Number(raw) : Number.NaN;
  if (!(jobs <= MAX_JOBS)) throw new UsageError(`${flag} must be a whole number of worker threads from 0 to ${MAX_JOBS}, not ${raw}`);
  return jobs;
}

/** A directory that exists, as an absolute path. */
function directoryFlag(flag: string, raw: string): string {
  const dir = path.resolve(raw);
  if (!fs.statSync(dir, { throwIfNoEntry: false })?.isDirectory()) throw new UsageError(`${flag} ${raw}: not a directory`);
  return dir;
}

/** A switch is on when written alone; `--flag=true` and `--flag=false` set it explicitly, as pflag allows. */
function switchValue(flag: string, value: () => string, arg: string): boolean {
  return arg.includes('=') ? booleanArg(flag, value()) : true;
}

/**
 * The paths a `--files-from` list names, one per line (`git diff --name-only` output): blank lines are ignored, and
 * so are files that are not *.yaml, *.yml or *.json, as a folder's are, since such a list names every changed file.
 */
function pathsFromList(list: string): string[] {
  let text: string;
  try {
    text = fs.readFileSync(list === '-' ? 0 : list, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read --files-from ${list}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
  return text
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line !== '' && isManifestFile(line));
}

function parseExplainArgs(args: readonly string[]): ExplainOptions {
  let kubernetesVersion: KubernetesVersion = DEFAULT_VERSION;
  let apiVersion: string | undefined;
  let recursive = false;
  const targets = readFlags(args, EXPLAIN, (flag, value, arg) => {
    if (flag === '--kubernetes-version') kubernetesVersion = kubernetesVersionFlag(value());
    else if (flag === '--api-version') apiVersion = value();
    else if (flag === '--recursive') recursive = switchValue(flag, value, arg);
    else return false;
    return true;
  });
  if (targets.length !== 1) throw new UsageError("explain needs exactly one RESOURCE[.FIELD...], e.g. deployment.spec.strategy\nSee 'kubeplan explain --help' for usage.");
  return { kubernetesVersion, apiVersion, recursive, target: targets[0]! };
}

type CanIArgs = ({ list: false } & CanIOptions) | ({ list: true } & CanIListOptions);

function parseCanIArgs(args: readonly string[]): CanIArgs {
  let kubernetesVersion: KubernetesVersion = DEFAULT_VERSION;
  let namespace = 'default';
  let allNamespaces = false;
  let subresource = '';
  let user: string | undefined;
  const groups: string[] = [];
  let quiet = false;
  let list = false;
  let noHeaders = false;
  const positional = readFlags(args, CAN_I, (flag, value, arg) => {
    if (flag === '--kubernetes-version') kubernetesVersion = kubernetesVersionFlag(value());
    else if (flag === '-n' || flag === '--namespace') namespace = value();
    else if (arg === '-A' || arg === '--all-namespaces') allNamespaces = true;
    else if (flag === '--subresource') subresource = value();
    else if (flag === '--as') user = value();
    else if (flag === '--as-group') groups.push(value());
    else if (arg === '-q' || arg === '--quiet') quiet = true;
    else if (arg === '--list') list = true;
    else if (arg === '--no-headers') noHeaders = true;
    else return false;
    return true;
  });
  if (user === undefined || user === '') throw new UsageError('can-i needs --as USER (a user name, or system:serviceaccount:NAMESPACE:NAME)');
  if (list) {
    // cani.go Validate: --list takes no request and none of the flags that shape one.
    if (quiet || allNamespaces || subresource !== '') throw new UsageError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
    if (positional.length === 0) throw new UsageError('can-i needs at least one file, folder or - holding the roles and bindings');
    return { list, kubernetesVersion, namespace, user, groups, noHeaders, paths: positional };
  }
  if (noHeaders) throw new UsageError('--no-headers cannot be set without --list specified');
  const [verb, target, ...paths] = positional;
  if (verb === undefined || target === undefined) throw new UsageError('can-i needs a verb and a resource (TYPE, TYPE/NAME or /URL), e.g. can-i get pods --as alice manifests/');
  if (paths.length === 0) throw new UsageError('can-i needs at least one file, folder or - holding the roles and bindings');
  return { list, kubernetesVersion, verb, target, subresource, namespace: allNamespaces ? '' : namespace, user, groups, quiet, paths };
}

function booleanArg(flag: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`${flag} must be true or false, not ${value}`);
}

function parseLspArgs(args: readonly string[]): void {
  let stdio = false;
  const rest = readFlags(args, LSP, (flag, value, arg) => {
    if (flag !== '--stdio') return false;
    stdio = switchValue(flag, value, arg);
    return true;
  });
  if (rest.length > 0) throw new UsageError(`lsp takes no arguments, not ${rest.join(' ')}\nSee 'kubeplan lsp --help' for usage.`);
  if (!stdio) throw new UsageError("lsp needs --stdio: the language server talks to its editor over standard input and output\nSee 'kubeplan lsp --help' for usage.");
}

function isHelpFlag(arg: string): boolean {
  return arg === '--help' || arg === '-h';
}

/** The command a name calls; `help COMMAND` is that command's help, as cobra's help command gives it. */
function commandNamed(name: string): CommandSpec | undefined {
  return COMMANDS.find((command) => command.name === name);
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    const spec = command === undefined ? undefined : commandNamed(command);
    if (spec && rest.some(isHelpFlag)) {
      await writeAll(commandHelp(spec, outputWidth(process.env, process.stdout)));
      return 0;
    }
    switch (command) {
      case 'check': {
        const { config, filesFrom, paths, allowEmpty, quiet, color, sarifRoot, kustomize, allowRemote, crds, values, ...args } = parseCheckArgs(rest);
        const loaded = loadConfig(config, process.cwd());
        for (const problem of loaded.problems) process.stderr.write(`kubeplan: warning: ${loaded.file}: ${problem}; ignored\n`);
        const settings = {
          ...args,
          rules: loaded.rules,
          definitions: referenceDefinitions(crds),
          style: terminalStyle(color),
          // SARIF names files relative to the repository they are in, as code scanning shows them.
          sarifRoot: { root: sarifRoot ?? repositoryRoot(process.cwd()) ?? process.cwd(), cwd: process.cwd() },
          quiet,
          toolVersion: packageVersion(),
        };
        let status: { exitCode: number; empty?: string };
        if (kustomize !== undefined) {
          const { stdout, ...outcome } = runKustomizeCheck(settings, await kustomizeSources(kustomize, allowRemote));
          await writeAll(stdout);
          status = outcome;
        } else {
          status = await runCheck({ ...settings, paths: [...paths, ...(filesFrom === undefined ? [] : pathsFromList(filesFrom))], ...(values ? { values } : {}) }, writeAll);
        }
        const { exitCode, empty } = status;
        if (empty && !allowEmpty) {
          process.stderr.write(`kubeplan: ${empty}; --allow-empty accepts a run with nothing to check\n`);
          return 2;
        }
        return exitCode;
      }
      case 'plan': {
        const { parsePlanArgs } = await import('./plan-args');
        const args = parsePlanArgs(rest);
        checkKustomizeUse(args, args.paths);
        const loaded = loadConfig(undefined, process.cwd());
        for (const problem of loaded.problems) process.stderr.write(`kubeplan: warning: ${loaded.file}: ${problem}; ignored\n`);
        const kustomization = args.kustomize === undefined ? undefined : await kustomizeSources(args.kustomize, args.allowRemote);
        const definitions = referenceDefinitions(args.crds);
        const { runPlan } = await import('./plan-command');
        const { exitCode, stdout, stderr } = runPlan(
          { ...args, now: args.now ?? Date.now(), rules: loaded.rules, definitions, ...(kustomization ? { kustomization } : {}) },
          terminalStyle(args.color),
        );
        process.stderr.write(stderr);
        await writeAll(stdout);
        return exitCode;
      }
      case 'can-connect': {
        const { parsePlanArgs } = await import('./plan-args');
        const args = parsePlanArgs(rest);
        if (args.kustomize !== undefined) throw new UsageError('can-connect does not take -k; render the kustomization with kubectl kustomize and give its output as a file');
        const [from, to, ...paths] = args.paths;
        if (from === undefined || to === undefined || paths.length === 0) throw new UsageError('can-connect needs FROM, TO[:PORT] and at least one file, folder or -');
        const { parseConnectionTarget, runCanConnect } = await import('./can-connect-command');
        const query = parseConnectionTarget(from, to);
        const loaded = loadConfig(undefined, process.cwd());
        for (const problem of loaded.problems) process.stderr.write(`kubeplan: warning: ${loaded.file}: ${problem}; ignored\n`);
        const result = runCanConnect({ ...args, paths, now: args.now ?? Date.now(), rules: loaded.rules, definitions: referenceDefinitions(args.crds) }, query, terminalStyle(args.color));
        process.stderr.write(result.stderr);
        await writeAll(result.stdout);
        return result.exitCode;
      }
      case 'explain': {
        const { runExplain } = await import('./explain-command');
        const result = runExplain(parseExplainArgs(rest));
        if (result.exitCode !== 0) {
          process.stderr.write(result.stderr);
          return result.exitCode;
        }
        await writeAll(result.stdout);
        return 0;
      }
      case 'can-i': {
        const args = parseCanIArgs(rest);
        const { runCanI, runCanIList } = await import('./can-i-command');
        if (args.list) {
          const listed = runCanIList(args);
          await writeAll(listed.stdout);
          return listed.exitCode;
        }
        const result = runCanI(args);
        process.stderr.write(result.stderr);
        await writeAll(result.stdout);
        return result.exitCode;
      }
      case 'lsp': {
        parseLspArgs(rest);
        const { startServer } = await import('../lsp/server');
        startServer();
        return -1; // keeps running until the client disconnects
      }
      case '--version':
      case '-v':
        await writeAll(`${packageVersion()}\n`);
        return 0;
      case 'help': {
        const [topic] = rest;
        const about = topic === undefined ? undefined : commandNamed(topic);
        if (topic !== undefined && !about) throw unknownCommandError(topic);
        await writeAll(about ? commandHelp(about, outputWidth(process.env, process.stdout)) : rootHelp(packageVersion()));
        return 0;
      }
      case undefined:
      case '--help':
      case '-h':
        await writeAll(rootHelp(packageVersion()));
        return command === undefined ? 2 : 0;
      default:
        if (command.startsWith('-')) throw unknownNameError(`unknown flag: ${command}`, commandSuggestions(command, ['--help', '--version']), 'kubeplan');
        throw unknownCommandError(command);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof UnreadableInputError) {
      process.stderr.write(`kubeplan: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`kubeplan: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    return 2;
  }
}

/**
 * Writes and waits for the pipe to drain, so that large outputs are not cut when the process exits. Pieces are
 * gathered into writes of about a megabyte, each waited for, so that an output larger than one string stays bounded.
 */
async function writeAll(text: string | Iterable<string>): Promise<void> {
  const write = (chunk: string) => new Promise<void>((resolve) => process.stdout.write(chunk, () => resolve()));
  if (typeof text === 'string') return write(text);
  let gathered: string[] = [];
  let length = 0;
  for (const piece of text) {
    gathered.push(piece);
    length += piece.length;
    if (length >= WRITE_CHUNK_CHARS) {
      await write(gathered.join(''));
      gathered = [];
      length = 0;
    }
  }
  if (length > 0) await write(gathered.join(''));
}

const WRITE_CHUNK_CHARS = 1 << 20;
