/** The options of `kubeplan plan`, read from the command line. */
import { DEFAULT_VERSION, type KubernetesVersion } from '../schema/versions';
import type { ScenarioStep } from '../protocol/plan';
import { UsageError } from './usage-error';
import { clusterDomainProblem } from '../plan/cluster-domain';
import { colorFlag, type ColorMode } from './terminal-style';
import { PLAN } from './commands';
import { forFlag, scaleFlag } from './scenario-flags';
import { crdsFlag, kubernetesVersionFlag, kustomizeFlag, namespaceFlag, readFlags } from './flags';

export type PlanOutputFormat = 'text' | 'json' | 'markdown' | 'html';

export interface PlanArgs {
  kubernetesVersion: KubernetesVersion;
  output: PlanOutputFormat;
  /** Files with the cluster's Nodes, or snapshots of a cluster; none means the embedded default cluster. */
  cluster: string[];
  /** Manifests of what runs already, applied and settled before `paths`. */
  from: string[];
  /** Files and folders of reference CustomResourceDefinitions (`--crds`). */
  crds: string[];
  /** A Git revision whose version of `paths` runs now (`--base`); the working tree's is the change. */
  base: string | undefined;
  paths: string[];
  newPodsReady: boolean;
  /** Milliseconds since the epoch; the time the plan is made at (CronJob next runs count from it). */
  now: number | undefined;
  /** The zone cluster DNS serves; the plan's default (`cluster.local`) when undefined. */
  clusterDomain: string | undefined;
  /** The namespace of objects that name none (`-n`); `default` when undefined. */
  defaultNamespace: string | undefined;
  /** Steps played after the apply, in the order their flags were given (`--drain`, `--fail-node`, `--fail-zone`, `--scale`, `--for`, each repeatable). */
  scenario: ScenarioStep[];
  /** `--color`: whether text output is coloured. */
  color: ColorMode;
  /** The kustomization folder of `-k`, rendered instead of reading `paths`. */
  kustomize: string | undefined;
  /** `--allow-remote`: kustomize may fetch remote bases and files. */
  allowRemote: boolean;
  /** `--what-if nodes|zones`: each node's or zone's failure played alone from the state after the apply. */
  whatIf: 'nodes' | 'zones' | undefined;
  /** `--fail-on`: exit 3 when a `--what-if` failure has an outage (or, for `pending`, also leaves a replacement Pending). */
  failOn: 'outage' | 'pending' | undefined;
}

export function parsePlanArgs(args: readonly string[]): PlanArgs {
  const parsed: PlanArgs = {
    kubernetesVersion: DEFAULT_VERSION,
    output: 'text',
    cluster: [],
    from: [],
    crds: [],
    base: undefined,
    paths: [],
    newPodsReady: true,
    now: undefined,
    clusterDomain: undefined,
    defaultNamespace: undefined,
    scenario: [],
    color: 'auto',
    kustomize: undefined,
    allowRemote: false,
    whatIf: undefined,
    failOn: undefined,
  };
  parsed.paths = readFlags(args, PLAN, (flag, value, arg) => {
    if (kustomizeFlag(parsed, flag, value, arg)) return true;
    switch (flag) {
      case '--kubernetes-version':
        parsed.kubernetesVersion = kubernetesVersionFlag(value());
        return true;
      case '--output': {
        const raw = value();
        if (raw !== 'text' && raw !== 'json' && raw !== 'markdown' && raw !== 'html') throw new UsageError(`--output must be text, json, markdown or html, not ${raw}`);
        parsed.output = raw;
        return true;
      }
      case '--color':
        parsed.color = colorFlag(value());
        return true;
      case '--namespace':
        parsed.defaultNamespace = namespaceFlag(value());
        return true;
      case '--cluster':
        parsed.cluster.push(value());
        return true;
      case '--from':
        parsed.from.push(value());
        return true;
      case '--crds':
        parsed.crds.push(crdsFlag(value()));
        return true;
      case '--base': {
        const ref = value();
        if (ref === '' || ref.startsWith('-')) throw new UsageError(`--base needs a Git revision (a branch, tag or commit), not ${JSON.stringify(ref)}`);
        parsed.base = ref;
        return true;
      }
      case '--drain': {
        const node = value();
        if (node === '' || node.startsWith('-')) throw new UsageError(`--drain needs a node name, not ${JSON.stringify(node)}`);
        parsed.scenario.push({ kind: 'drain', node });
        return true;
      }
      case '--fail-node': {
        const node = value();
        if (node === '' || node.startsWith('-')) throw new UsageError(`--fail-node needs a node name, not ${JSON.stringify(node)}`);
        parsed.scenario.push({ kind: 'fail-node', node });
        return true;
      }
      case '--fail-zone': {
        const zone = value();
        if (zone === '' || zone.startsWith('-')) throw new UsageError(`--fail-zone needs a zone (a topology.kubernetes.io/zone value), not ${JSON.stringify(zone)}`);
        parsed.scenario.push({ kind: 'fail-zone', zone });
        return true;
      }
      case '--what-if': {
        const raw = value();
        if (raw !== 'nodes' && raw !== 'zones') throw new UsageError(`--what-if must be nodes or zones, not ${raw}`);
        parsed.whatIf = raw;
        return true;
      }
      case '--fail-on': {
        const raw = value();
        if (raw !== 'outage' && raw !== 'pending') throw new UsageError(`--fail-on must be outage or pending, not ${raw}`);
        parsed.failOn = raw;
        return true;
      }
      case '--scale':
        parsed.scenario.push(scaleFlag(value()));
        return true;
      case '--for':
        parsed.scenario.push(forFlag(value()));
        return true;
      case '--new-pods-ready': {
        // A bare `--new-pods-ready` means true; a value must be written `--new-pods-ready=false`.
        const raw = arg.includes('=') ? value() : 'true';
        if (raw !== 'true' && raw !== 'false') throw new UsageError(`--new-pods-ready must be true or false, not ${raw}`);
        parsed.newPodsReady = raw === 'true';
        return true;
      }
      case '--cluster-domain': {
        const domain = value();
        const problem = clusterDomainProblem(domain);
        if (problem) throw new UsageError(`--cluster-domain: ${problem}`);
        parsed.clusterDomain = domain;
        return true;
      }
      case '--now': {
        const raw = value();
        const milliseconds = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(raw) ? Date.parse(raw) : NaN;
        if (Number.isNaN(milliseconds)) throw new UsageError(`--now must be an ISO-8601 time with a zone, e.g. 2026-01-01T00:00:00Z, not ${raw}`);
        parsed.now = milliseconds;
        return true;
      }
      default:
        return false;
    }
  });
  // `--scale KIND/NAME=N` names an object of the plan's namespace, which `-n` may set after it.
  for (const step of parsed.scenario) if (step.kind === 'scale' && step.namespace === '') step.namespace = parsed.defaultNamespace ?? 'default';
  if (parsed.paths.length === 0 && parsed.kustomize === undefined) throw new UsageError('plan needs at least one file, folder or -, or -k DIR');
  const stdinUses = [...parsed.cluster, ...parsed.from, ...parsed.paths].filter((path) => path === '-').length;
  if (stdinUses > 1) throw new UsageError('- (standard input) can be given only once');
  // Each failure starts from the state after the apply; steps before or after it would make that state another.
  if (parsed.whatIf !== undefined && parsed.scenario.length > 0)
    throw new UsageError('--what-if plays each failure alone from the state after the apply; it cannot be combined with --drain, --fail-node, --fail-zone, --scale or --for');
  if (parsed.failOn !== undefined && parsed.whatIf === undefined) throw new UsageError('--fail-on judges the failures of --what-if; give --what-if nodes or --what-if zones');
  if (parsed.base !== undefined) {
    // Both would say what runs now; with --base that is the revision's version of the same paths.
    if (parsed.from.length > 0) throw new UsageError('--base and --from both say what runs now: --base takes it from the Git revision, --from from other files; give one of them');
    if (parsed.paths.includes('-')) throw new UsageError('--base reads the paths at a Git revision, and - (standard input) has none; name files or folders');
    if (parsed.kustomize !== undefined) throw new UsageError('--base reads files at a Git revision, and -k renders a kustomization of the working tree; give one of them');
  }
  return parsed;
}
