/**
 * The `kubeplan` configuration section as the server uses it. Clients send whatever the user typed, so every
 * field is checked and falls back to its default; an unsupported Kubernetes version is reported, not guessed.
 */
import { readRuleSettings, type RuleSettings } from '../rules/rule-config';
import { DEFAULT_VERSION, parseKubernetesVersion, type KubernetesVersion } from '../schema/versions';
import { DEFAULT_EXCLUDE, DEFAULT_INCLUDE } from './file-filter';
import { DEFAULT_CLUSTER_DOMAIN } from '../cluster/plan-dns';
import { clusterDomainProblem } from '../plan/cluster-domain';

export interface Settings {
  enable: boolean;
  kubernetesVersion: KubernetesVersion;
  include: string[];
  exclude: string[];
  /** Severity per rule id (`kubeplan.rules`); over the workspace's `.kubeplan.yaml`. */
  rules: RuleSettings;
  /** The cluster model plans run on (`kubeplan.plan.cluster`): a file path, absolute or relative to the first workspace folder; "" for the embedded cluster. */
  planCluster: string;
  /** The zone cluster DNS serves in plans (`kubeplan.plan.clusterDomain`); an unusable value falls back to the default. */
  planClusterDomain: string;
  /** Hovers show decoded Secret values (`kubeplan.hover.revealSecrets`). */
  revealSecrets: boolean;
  /** Files, folders and globs of reference CustomResourceDefinitions (`kubeplan.crds`), relative to the workspace folders or absolute. */
  crds: string[];
  /** Which files get diagnostics (`kubeplan.diagnostics.scope`): the open documents, or every manifest of the workspace. */
  diagnosticsScope: DiagnosticsScope;
}

export type DiagnosticsScope = 'open' | 'workspace';

export const DEFAULT_SETTINGS: Settings = {
  enable: true,
  kubernetesVersion: DEFAULT_VERSION,
  include: DEFAULT_INCLUDE,
  exclude: DEFAULT_EXCLUDE,
  rules: {},
  planCluster: '',
  planClusterDomain: DEFAULT_CLUSTER_DOMAIN,
  revealSecrets: false,
  crds: [],
  diagnosticsScope: 'open',
};

export interface ReadSettings {
  settings: Settings;
  /** The configured version when kubeplan has no schemas for it. */
  unsupportedVersion?: string;
  /** `kubeplan.rules` entries that were ignored (unknown ids, bad severities), one line each. */
  ruleProblems: string[];
}

export function readSettings(section: unknown): ReadSettings {
  const raw = isRecord(section) ? section : {};
  const files = isRecord(raw['files']) ? raw['files'] : {};
  const plan = isRecord(raw['plan']) ? raw['plan'] : {};
  const planCluster = plan['cluster'] ?? raw['plan.cluster'];
  const planClusterDomain = plan['clusterDomain'] ?? raw['plan.clusterDomain'];
  const rules = readRuleSettings(raw['rules']);
  const settings: Settings = {
    enable: typeof raw['enable'] === 'boolean' ? raw['enable'] : DEFAULT_SETTINGS.enable,
    kubernetesVersion: DEFAULT_SETTINGS.kubernetesVersion,
    include: stringList(files['include'] ?? raw['files.include']) ?? DEFAULT_SETTINGS.include,
    exclude: stringList(files['exclude'] ?? raw['files.exclude']) ?? DEFAULT_SETTINGS.exclude,
    rules: rules.rules,
    planCluster: typeof planCluster === 'string' ? planCluster.trim() : DEFAULT_SETTINGS.planCluster,
    planClusterDomain: typeof planClusterDomain === 'string' && !clusterDomainProblem(planClusterDomain.trim()) ? planClusterDomain.trim() : DEFAULT_SETTINGS.planClusterDomain,
    revealSecrets: readRevealSecrets(raw),
    diagnosticsScope: readDiagnosticsScope(raw),
    crds: (stringList(raw['crds']) ?? DEFAULT_SETTINGS.crds).map((entry) => entry.trim()).filter((entry) => entry !== ''),
  };
  const ruleProblems = rules.problems;
  const version = raw['kubernetesVersion'];
  if (version === undefined || version === null || version === '') return { settings, ruleProblems };
  const parsed = typeof version === 'string' ? parseKubernetesVersion(version) : undefined;
  if (parsed) return { settings: { ...settings, kubernetesVersion: parsed }, ruleProblems };
  return { settings, unsupportedVersion: String(version), ruleProblems };
}

/** Clients send nested sections (`hover: {revealSecrets}`) or dotted keys, depending on how they read settings. */
function readRevealSecrets(raw: Record<string, unknown>): boolean {
  const hover = isRecord(raw['hover']) ? raw['hover'] : {};
  const value = hover['revealSecrets'] ?? raw['hover.revealSecrets'];
  return typeof value === 'boolean' ? value : DEFAULT_SETTINGS.revealSecrets;
}

/** Nested (`diagnostics: {scope}`) or dotted (`diagnostics.scope`); anything but `workspace` is the default. */
function readDiagnosticsScope(raw: Record<string, unknown>): DiagnosticsScope {
  const diagnostics = isRecord(raw['diagnostics']) ? raw['diagnostics'] : {};
  const value = diagnostics['scope'] ?? raw['diagnostics.scope'];
  return value === 'workspace' ? 'workspace' : DEFAULT_SETTINGS.diagnosticsScope;
}

function stringList(value: unknown): string[] | undefined {
  return Array.isArray(value) && value.every((item) => typeof item === 'string') ? value : undefined;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
