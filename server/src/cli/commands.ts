/**
 * What each `kubeplan` command accepts and how it is described: the source of `--help`, of the suggestions for a
 * mistyped command or flag, and of the short forms (`-o`, `-f`) the parser expands.
 */
import { DEFAULT_VERSION, SUPPORTED_VERSIONS } from '../schema/versions';
import { commandSuggestions } from '../schema/did-you-mean';
import { DEFAULT_MAX_BYTES } from '../check/validate-text';
import { UsageError } from './usage-error';
import { plain, textOf, wrapStyled } from '../text/styled-text';

export interface FlagSpec {
  name: string;
  short?: string;
  /** What the value is (`FILE`, `X.Y`); absent for a switch. */
  value?: string;
  description: string;
}

export interface CommandSpec {
  name: string;
  summary: string;
  usage: string;
  description: string[];
  flags: FlagSpec[];
  examples: string[];
  exitStatus: string;
}

const HELP_FLAG: FlagSpec = { name: '--help', short: '-h', description: 'print this help' };
const VERSION_FLAG: FlagSpec = { name: '--kubernetes-version', value: 'X.Y', description: `the Kubernetes API to check against: ${SUPPORTED_VERSIONS.join(', ')} (default ${DEFAULT_VERSION})` };
export const FILENAME_FLAG: FlagSpec = {
  name: '--filename',
  short: '-f',
  value: 'PATH',
  description: 'a file, folder or - to read, as kubectl -f takes them; repeatable, and the same as a PATH argument',
};

const COLOR_FLAG: FlagSpec = {
  name: '--color',
  value: 'WHEN',
  description: 'colour the text output: auto (on a terminal, unless NO_COLOR is set), always or never (default auto)',
};
/** kubectl's `-k`: one kustomization folder instead of files (kubectl apply -k). */
export const KUSTOMIZE_FLAG: FlagSpec = {
  name: '--kustomize',
  short: '-k',
  value: 'DIR',
  description: 'render the kustomization in DIR with your own kustomize (kustomize build, else kubectl kustomize) and use its output; findings are placed in the files the fields come from',
};
export const ALLOW_REMOTE_FLAG: FlagSpec = {
  name: '--allow-remote',
  description: 'with -k, let kustomize fetch remote bases and files (Git repositories, http URLs); refused by default, as kubeplan works offline',
};

/** CRDs the cluster already has, as schemas for the custom resources among the inputs. */
export const CRDS_FLAG: FlagSpec = {
  name: '--crds',
  value: 'PATH',
  description:
    'CustomResourceDefinitions to validate custom resources against: a file, a folder, or the output of `kubectl get crd -o yaml`; repeatable. They are not checked themselves, and a CRD among the inputs wins over one here for the same group and kind',
};

const NAMESPACE_FLAG: FlagSpec = { name: '--namespace', short: '-n', value: 'NAMESPACE', description: 'the namespace of objects that name none, as kubectl apply -n sets it (default: default)' };

export const CHECK: CommandSpec = {
  name: 'check',
  summary: 'validate manifests as the API server does',
  usage: 'kubeplan check [flags] PATH... | -k DIR',
  description: [
    'Validate manifests: files, folders (searched for *.yaml, *.yml and *.json, skipping node_modules and .git),',
    'or - for standard input. Rule severities come from --config, or else the nearest .kubeplan.yaml from the',
    'current directory up. -k DIR checks what kustomize renders from DIR instead. Custom resources are validated',
    'against their CustomResourceDefinition, among the inputs or given with --crds; one with neither gets a no-schema',
    'finding (a hint; set no-schema: error in .kubeplan.yaml to fail on it). A Helm chart folder gets its values',
    'checked against values.schema.json as Helm merges them; after a chart folder, -f FILE gives a values file, as',
    'helm template CHART -f FILE does.',
  ],
  flags: [
    FILENAME_FLAG,
    {
      name: '--values',
      value: 'FILE',
      description: 'a values file for the chart folder among the paths, as helm -f takes it; repeatable, later files win. After a chart folder, -f FILE means the same',
    },
    KUSTOMIZE_FLAG,
    ALLOW_REMOTE_FLAG,
    NAMESPACE_FLAG,
    CRDS_FLAG,
    { name: '--files-from', value: 'FILE', description: 'read the paths to check from FILE (- for standard input), one per line' },
    VERSION_FLAG,
    { name: '--output', short: '-o', value: 'FORMAT', description: 'text, json or sarif (default text)' },
    {
      name: '--sarif-root',
      value: 'DIR',
      description: 'SARIF file URIs are relative to DIR (default: the Git working tree the current directory is in, else the current directory)',
    },
    COLOR_FLAG,
    { name: '--config', value: 'FILE', description: 'the .kubeplan.yaml with the rule severities' },
    {
      name: '--max-file-size',
      value: 'SIZE',
      description: `files larger than this are skipped and counted in the summary: bytes, or a quantity such as 4Mi (default ${DEFAULT_MAX_BYTES / 1024 / 1024}Mi)`,
    },
    {
      name: '--jobs',
      short: '-j',
      value: 'N',
      description: 'worker threads that validate files beside the main one; 0 checks on one thread (default: one fewer than the cores, none on two cores or fewer, from 2,000 files)',
    },
    { name: '--allow-empty', description: 'exit 0 when the paths hold no Kubernetes object (by default that is exit 2)' },
    { name: '--quiet', short: '-q', description: 'print only the findings, without the summary line' },
    HELP_FLAG,
  ],
  examples: [
    '# Check a folder of manifests',
    'kubeplan check deploy/',
    '',
    '# Check against Kubernetes 1.32 and write SARIF for code scanning',
    'kubeplan check --kubernetes-version 1.32 -o sarif -f deploy/ > kubeplan.sarif',
    '',
    '# Check an overlay as kustomize renders it',
    'kubeplan check -k overlays/prod',
    '',
    "# Check a chart's values with production's overrides against values.schema.json",
    'kubeplan check charts/shop -f values-prod.yaml',
    '',
    '# Check custom resources against the CRDs of a cluster',
    'kubectl get crd -o yaml > crds.yaml',
    'kubeplan check --crds crds.yaml deploy/',
    '',
    '# Check the manifests a branch changed',
    'git diff --name-only main -- "*.yaml" | kubeplan check --allow-empty --files-from -',
  ],
  exitStatus: '0 no errors, 1 errors found, 2 usage or I/O error, or no Kubernetes object found',
};

export const PLAN: CommandSpec = {
  name: 'plan',
  summary: 'dry-run applying manifests on a cluster model',
  usage: 'kubeplan plan [flags] PATH... | -k DIR',
  description: [
    'Dry-run applying the manifests on a cluster: where each pod lands (or why it stays Pending), how each',
    'Deployment rolls out step by step, Service endpoints, Ingress routes, CronJob next runs and the names',
    'cluster DNS answers. -k DIR plans what kustomize renders from DIR.',
  ],
  flags: [
    FILENAME_FLAG,
    KUSTOMIZE_FLAG,
    ALLOW_REMOTE_FLAG,
    NAMESPACE_FLAG,
    CRDS_FLAG,
    {
      name: '--cluster',
      value: 'PATH',
      description:
        'Node manifests, or a snapshot (the output of `kubectl get nodes,namespaces,deployments,…,pods -A -o yaml`); repeatable (default: a built-in cluster of one control-plane node and three workers in three zones)',
    },
    { name: '--from', value: 'PATH', description: 'manifests of what runs now, applied and settled first, so a changed pod template rolls out from the old ReplicaSet; repeatable' },
    {
      name: '--base',
      value: 'REF',
      description:
        'plan the change since a Git revision: the PATHs as REF holds them run now (as --from), the working tree is the change; adds the objects added, changed and removed, field by field, and what that does (rollouts, Pending pods, endpoints, routes, CronJob runs). Not with --from',
    },
    VERSION_FLAG,
    {
      name: '--output',
      short: '-o',
      value: 'FORMAT',
      description: "text, json, markdown or html (default text); html is the editor's plan page as one self-contained file, for a CI artifact",
    },
    COLOR_FLAG,
    { name: '--new-pods-ready', value: 'BOOL', description: '--new-pods-ready=false: pods of updated templates never become Ready (a stuck rollout)' },
    { name: '--now', value: 'TIME', description: 'ISO-8601 time the plan is made at (default: the current time)' },
    { name: '--cluster-domain', value: 'DOMAIN', description: "the zone cluster DNS serves, for the plan's DNS records (default: cluster.local)" },
    {
      name: '--drain',
      value: 'NODE',
      description: 'after the apply, drain NODE as `kubectl drain NODE --ignore-daemonsets` would: evictions under PodDisruptionBudgets, retries, outages and a verdict; repeatable, in order',
    },
    {
      name: '--fail-node',
      value: 'NODE',
      description:
        "after the apply, NODE stops responding: NotReady after the node monitor grace period, the unreachable taints, evictions after each pod's tolerationSeconds (300s by default), replacements, outages; repeatable, in order (consecutive failures happen together)",
    },
    {
      name: '--fail-zone',
      value: 'ZONE',
      description: 'as --fail-node, for every node whose topology.kubernetes.io/zone label is ZONE, with the zone disruption rules of the node lifecycle controller',
    },
    {
      name: '--what-if',
      value: 'nodes|zones',
      description:
        'after the apply, fail each node (or every node of each topology.kubernetes.io/zone) in turn, each alone from the same state, as --fail-node/--fail-zone do, and report per failure which Services and workloads lose every ready endpoint or replica, for how long and why. Not with --drain, --fail-node, --fail-zone, --scale or --for',
    },
    {
      name: '--fail-on',
      value: 'outage|pending',
      description: 'with --what-if, exit 3 when a failure does not survive (outage), or also when it leaves a replacement Pending (pending)',
    },
    {
      name: '--scale',
      value: '[NS/]KIND/NAME=N',
      description:
        'after the apply, `kubectl scale KIND/NAME --replicas=N` (a deployment, replicaset, replicationcontroller or statefulset; in -n or default unless NS/ is given): the scale, an autoscaler bringing it back within its bounds, outages; repeatable, in order',
    },
    {
      name: '--for',
      value: 'DURATION',
      description: 'after the apply, let DURATION pass (90s, 15m, 1h30m; at most 8760h): CronJobs fire on schedule and their Jobs run; repeatable, in order with --drain and --scale',
    },
    HELP_FLAG,
  ],
  examples: [
    '# Plan on the built-in cluster',
    'kubeplan plan deploy/',
    '',
    '# Plan an overlay as kustomize renders it',
    'kubeplan plan -k overlays/prod',
    '',
    '# Plan a change on a snapshot of a real cluster, as a pull-request comment',
    'kubectl get nodes,namespaces,deployments,replicasets,pods -A -o yaml > cluster.yaml',
    'kubeplan plan --cluster cluster.yaml --from cluster.yaml -o markdown deploy/',
    '',
    '# Keep the plan as a page to open in a browser',
    'kubeplan plan -o html deploy/ > plan.html',
    "# A pull request's change: deploy/ at the target branch runs now, the checkout is applied over it",
    'kubeplan plan --base origin/main -o markdown deploy/',
    '# Scale web to 6 replicas, then let a day pass for the CronJobs',
    'kubeplan plan --scale deployment/web=6 --for 24h deploy/',
    '# Fail the CI job when losing any one zone would take a Service down',
    'kubeplan plan --what-if zones --fail-on outage deploy/',
  ],
  exitStatus: '0 plan made, 1 the manifests have errors (listed as check lists them), 2 usage or I/O error, 3 with --fail-on: a --what-if failure did not survive',
};

export const EXPLAIN: CommandSpec = {
  name: 'explain',
  summary: 'document a kind or field, as kubectl explain does, offline',
  usage: 'kubeplan explain [flags] RESOURCE[.FIELD...]',
  description: ['Document a kind or one of its fields from the bundled schemas. RESOURCE as kubectl names it:', 'deployment, deployments, deploy, svc, po, cm, cj, ing ...'],
  flags: [
    VERSION_FLAG,
    { name: '--api-version', value: 'GROUP/VERSION', description: 'the version of a kind served in several (e.g. autoscaling/v1)' },
    { name: '--recursive', description: 'every field below, as a tree' },
    HELP_FLAG,
  ],
  examples: ['# The fields of a Deployment strategy', 'kubeplan explain deployment.spec.strategy', '', '# Every field of a pod spec', 'kubeplan explain --recursive pod.spec'],
  exitStatus: '0 documented, 2 unknown resource or field, or usage error',
};

export const LSP: CommandSpec = {
  name: 'lsp',
  summary: 'start the language server',
  usage: 'kubeplan lsp --stdio',
  description: ['Start the language server, speaking the Language Server Protocol on standard input and output.'],
  flags: [{ name: '--stdio', description: 'talk over standard input and output (the only transport; required)' }, HELP_FLAG],
  examples: ['# What an editor runs', 'kubeplan lsp --stdio'],
  exitStatus: '2 usage error; otherwise runs until the editor disconnects',
};

export const CAN_I: CommandSpec = {
  name: 'can-i',
  summary: 'whether a user may make a request, as the RBAC authorizer decides it (offline)',
  usage: 'kubeplan can-i VERB TYPE[/NAME] | VERB /URL --as USER [flags] PATH...',
  description: [
    'Whether USER (or system:serviceaccount:NS:NAME) may make the request, as kubectl auth can-i answers it, decided by',
    "the RBAC authorizer over the Roles, ClusterRoles and bindings in PATH and the cluster's default roles. Prints yes or",
    'no; the binding and rule that allow the request go to standard error. --list prints what USER may do in the',
    'namespace, as kubectl auth can-i --list prints it.',
  ],
  flags: [
    { name: '--as', value: 'USER', description: 'the user asking: a name, or system:serviceaccount:NAMESPACE:NAME (required)' },
    { name: '--as-group', value: 'GROUP', description: 'a group the user is in; repeatable' },
    { name: '--namespace', short: '-n', value: 'NAMESPACE', description: 'the namespace of the request (default: default)' },
    { name: '--all-namespaces', short: '-A', description: 'ask for every namespace' },
    { name: '--subresource', value: 'SUBRESOURCE', description: 'the subresource of the request (e.g. log)' },
    { name: '--list', description: 'list what the user may do in the namespace' },
    { name: '--no-headers', description: 'with --list, print no header row' },
    { name: '--quiet', short: '-q', description: 'print nothing; the exit status answers' },
    VERSION_FLAG,
    HELP_FLAG,
  ],
  examples: [
    '# May the CI service account list pods in its namespace?',
    'kubeplan can-i list pods -n team --as system:serviceaccount:team:ci rbac/',
    '',
    '# Everything alice may do in namespace shop',
    'kubeplan can-i --list -n shop --as alice rbac/',
  ],
  exitStatus: '0 yes (or the list), 1 no, 2 usage or I/O error',
};

export const CAN_CONNECT: CommandSpec = {
  name: 'can-connect',
  summary: "whether the manifests' NetworkPolicies let one workload connect to another",
  usage: 'kubeplan can-connect [plan flags] FROM TO[:PORT[/PROTOCOL]] PATH...',
  description: [
    'Plan the manifests, then answer whether their NetworkPolicies let FROM (namespace/workload or namespace/pod)',
    'connect to TO (namespace/service, namespace/workload or namespace/pod, looked up in that order) on PORT (a number',
    "or a port name; every port of TO when absent; TCP unless written). Prints yes or no, then each port's deciding",
    'policies.',
  ],
  flags: PLAN.flags,
  examples: ['# May the web pods reach the database on its port?', 'kubeplan can-connect shop/web shop/db:5432 manifests/'],
  exitStatus: '0 yes, 1 no, 2 usage or I/O error, unknown FROM or TO, or manifests with errors',
};

/** Below this a flag's text would wrap a word or two per line: past it, the terminal wraps the line itself. */
const MIN_HELP_TEXT_WIDTH = 30;

export const COMMANDS: readonly CommandSpec[] = [CHECK, PLAN, CAN_CONNECT, EXPLAIN, CAN_I, LSP];

/**
 * A command's help. With the terminal's `width` (or COLUMNS) the description, each flag's text and the exit status
 * wrap between words to fit, a flag's onto lines under its text, while usage and examples stay whole to be copied;
 * without a width, each keeps its line.
 */
export function commandHelp(command: CommandSpec, width?: number): string {
  const flagColumn = (flag: FlagSpec) => `${flag.short ? `${flag.short}, ` : '    '}${flag.name}${flag.value ? ` ${flag.value}` : ''}`;
  const column = Math.max(...command.flags.map((flag) => flagColumn(flag).length)) + 3;
  const wrapped = (text: string, at: number | undefined): string[] => wrapStyled(plain(text), at).map(textOf);
  const textWidth = width === undefined ? undefined : Math.max(width, MIN_HELP_TEXT_WIDTH);
  const descriptionWidth = width === undefined ? undefined : Math.max(width - 2 - column, MIN_HELP_TEXT_WIDTH);
  const flagLines = (flag: FlagSpec): string[] =>
    wrapped(flag.description, descriptionWidth).map((line, i) => (i === 0 ? `  ${flagColumn(flag).padEnd(column)}${line}` : `${' '.repeat(2 + column)}${line}`));
  return [
    `${command.summary[0]!.toUpperCase()}${command.summary.slice(1)}.`,
    '',
    ...(width === undefined ? command.description : wrapped(command.description.join(' '), textWidth)),
    '',
    'Usage:',
    `  ${command.usage}`,
    '',
    'Examples:',
    ...command.examples.map((line) => (line ? `  ${line}` : '')),
    '',
    'Flags:',
    ...command.flags.flatMap(flagLines),
    '',
    ...wrapped(`Exit status: ${command.exitStatus}.`, textWidth),
    '',
  ].join('\n');
}

export function rootHelp(version: string): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length)) + 3;
  return [
    `kubeplan ${version}: validate Kubernetes manifests as the API server does, and dry-run applying them.`,
    '',
    'Usage:',
    '  kubeplan COMMAND [flags]',
    '',
    'Commands:',
    ...COMMANDS.map((command) => `  ${command.name.padEnd(width)}${command.summary}`),
    '',
    'Examples:',
    '  kubeplan check deploy/',
    '  kubeplan plan -f deploy/',
    '  kubeplan explain deployment.spec.strategy',
    '',
    'Flags:',
    '  -h, --help      print this help',
    '  -v, --version   print the version',
    '',
    `Kubernetes versions: ${SUPPORTED_VERSIONS.join(', ')} (default ${DEFAULT_VERSION}).`,
    "Run 'kubeplan COMMAND --help' for a command's flags and examples.",
    '',
  ].join('\n');
}

/** A usage error naming what was wrong, the names it most likely meant (as cobra lists them), and where help is. */
export function unknownNameError(what: string, suggestions: readonly string[], helpCommand: string): UsageError {
  const meant = suggestions.length > 0 ? `\n\nDid you mean this?\n${suggestions.map((name) => `\t${name}\n`).join('')}\n` : '\n';
  return new UsageError(`${what}${meant}See '${helpCommand} --help' for usage.`);
}

export function unknownCommandError(typed: string): UsageError {
  return unknownNameError(
    `unknown command "${typed}"`,
    commandSuggestions(
      typed,
      COMMANDS.map((command) => command.name),
    ),
    'kubeplan',
  );
}

export function unknownFlagError(command: CommandSpec, typed: string): UsageError {
  const name = typed.includes('=') ? typed.slice(0, typed.indexOf('=')) : typed;
  const names = command.flags.flatMap((flag) => (name.startsWith('--') ? [flag.name] : flag.short ? [flag.short] : []));
  // Short flags are one letter: any other letter is within two edits, so only long flags get suggestions.
  return unknownNameError(`unknown flag: ${name}`, name.startsWith('--') ? commandSuggestions(name, names) : [], `kubeplan ${command.name}`);
}
