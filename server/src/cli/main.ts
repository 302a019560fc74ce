/** The `kubeplan` command line: `check`, `lsp` and their options. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_VERSION, SUPPORTED_VERSIONS, type KubernetesVersion } from '../schema/versions';
import { runCheck, type OutputFormat } from './check-command';
import { runExplain, type ExplainOptions } from './explain-command';
import { UsageError } from './usage-error';
import { UnreadableInputError } from '../files/read-text';
import { loadConfig } from './config-file';
import { kubernetesVersionFlag, parsePlanArgs, readFlags } from './plan-args';
import { runPlan } from './plan-command';

const USAGE = `Usage:
  kubeplan check [--kubernetes-version X.Y] [--output text|json|sarif] [--config FILE] PATH...
      Validate manifests (files, folders searched for *.yaml/*.yml/*.json, or - for stdin).
      Rule severities come from FILE, or else the nearest .kubeplan.yaml from the current directory up.
      Exit status: 0 no errors, 1 errors found, 2 usage or I/O error.
  kubeplan plan [--cluster PATH]... [--from PATH]... [--kubernetes-version X.Y] [--new-pods-ready=false]
                [--output text|json|markdown] [--now TIME] [--cluster-domain DOMAIN] [--drain NODE]... PATH...
      Dry-run applying the manifests on a cluster: where each pod lands (or why it stays Pending), how each
      Deployment rolls out step by step, Service endpoints, Ingress routes, CronJob next runs and
      the names cluster DNS answers.
      --cluster   Node manifests, or a snapshot: the output of \`kubectl get nodes,namespaces,deployments,
                  replicasets,…,pods -A -o yaml\`, taken as it is (default: a built-in cluster of one
                  control-plane node and three workers in three zones)
      --from      manifests of what runs now; they are applied and settled first, so a changed pod
                  template rolls out from the old ReplicaSet. A snapshot here is read as --cluster reads it
      --new-pods-ready=false   pods of updated templates never become Ready (a stuck rollout)
      --now       ISO-8601 time the plan is made at (default: the current time)
      --cluster-domain   the zone cluster DNS serves, for the plan's DNS records (default: cluster.local)
      --drain     after the apply, drain NODE as \`kubectl drain NODE --ignore-daemonsets\` would (repeatable, in
                  order): evictions under PodDisruptionBudgets, retries, Service outages and a verdict
      Exit status: 0 plan made, 1 the manifests have errors (listed as check lists them), 2 usage or I/O error.
  kubeplan explain [--kubernetes-version X.Y] [--api-version GROUP/VERSION] [--recursive] RESOURCE[.FIELD...]
      Document a kind or one of its fields, as kubectl explain does, from the bundled schemas (offline).
      RESOURCE as kubectl names it: deployment, deployments, deploy, svc, po, cm, cj, ing ...
      Exit status: 0 documented, 2 unknown resource or field, or usage error.
  kubeplan lsp --stdio
      Start the language server on standard input/output.
  kubeplan --version | --help

Kubernetes versions: ${SUPPORTED_VERSIONS.join(', ')} (default ${DEFAULT_VERSION}).
`;

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
}

function parseCheckArgs(args: readonly string[]): ParsedCheckArgs {
  let kubernetesVersion: KubernetesVersion = DEFAULT_VERSION;
  let output: OutputFormat = 'text';
  let config: string | undefined;
  const paths = readFlags(args, (flag, value) => {
    if (flag === '--kubernetes-version') kubernetesVersion = kubernetesVersionFlag(value());
    else if (flag === '--output' || flag === '-o') {
      const raw = value();
      if (raw !== 'text' && raw !== 'json' && raw !== 'sarif') throw new UsageError(`--output must be text, json or sarif, not ${raw}`);
      output = raw;
    } else if (flag === '--config') config = value();
    else return false;
    return true;
  });
  if (paths.length === 0) throw new UsageError('check needs at least one file, folder or -');
  return { kubernetesVersion, output, config, paths };
}

function parseExplainArgs(args: readonly string[]): ExplainOptions {
  let kubernetesVersion: KubernetesVersion = DEFAULT_VERSION;
  let apiVersion: string | undefined;
  let recursive = false;
  const targets = readFlags(args, (flag, value, arg) => {
    if (flag === '--kubernetes-version') kubernetesVersion = kubernetesVersionFlag(value());
    else if (flag === '--api-version') apiVersion = value();
    else if (arg === '--recursive') recursive = true;
    else if (flag === '--recursive') recursive = booleanArg(flag, value());
    else return false;
    return true;
  });
  if (targets.length !== 1) throw new UsageError('explain needs exactly one RESOURCE[.FIELD...], e.g. deployment.spec.strategy');
  return { kubernetesVersion, apiVersion, recursive, target: targets[0]! };
}

function booleanArg(flag: string, value: string): boolean {
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw new UsageError(`${flag} must be true or false, not ${value}`);
}

export async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check': {
        const { config, ...args } = parseCheckArgs(rest);
        const loaded = loadConfig(config, process.cwd());
        for (const problem of loaded.problems) process.stderr.write(`kubeplan: warning: ${loaded.file}: ${problem}; ignored\n`);
        const { exitCode, stdout } = await runCheck({ ...args, rules: loaded.rules, color: Boolean(process.stdout.isTTY) && !process.env['NO_COLOR'], toolVersion: packageVersion() });
        await writeAll(stdout);
        return exitCode;
      }
      case 'plan': {
        const args = parsePlanArgs(rest);
        const loaded = loadConfig(undefined, process.cwd());
        for (const problem of loaded.problems) process.stderr.write(`kubeplan: warning: ${loaded.file}: ${problem}; ignored\n`);
        const { exitCode, stdout } = runPlan({ ...args, now: args.now ?? Date.now(), rules: loaded.rules });
        await writeAll(stdout);
        return exitCode;
      }
      case 'explain': {
        const result = runExplain(parseExplainArgs(rest));
        if (result.exitCode !== 0) {
          process.stderr.write(result.stderr);
          return result.exitCode;
        }
        await writeAll(result.stdout);
        return 0;
      }
      case 'lsp': {
        const { startServer } = await import('../lsp/server');
        startServer();
        return -1; // keeps running until the client disconnects
      }
      case '--version':
      case '-v':
        await writeAll(`${packageVersion()}\n`);
        return 0;
      case undefined:
      case '--help':
      case '-h':
      case 'help':
        await writeAll(USAGE);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
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

/** Writes and waits for the pipe to drain, so that large outputs are not cut when the process exits. */
function writeAll(text: string): Promise<void> {
  return new Promise((resolve) => process.stdout.write(text, () => resolve()));
}
