/**
 * `kubeplan can-i VERB TYPE[/NAME] | VERB /URL`: whether a user may make a request, decided by the RBAC authorizer
 * over the Roles, ClusterRoles and bindings of the manifests and the cluster's default roles, offline, answered as
 * `kubectl auth can-i` answers (staging/src/k8s.io/kubectl/pkg/cmd/auth/cani.go): `yes` and exit 0, or `no` and
 * exit 1; the binding and role that allowed the request on stderr.
 */
import { checkTexts } from '../check/check-texts';
import { collectFiles } from '../files/collect-files';
import { readInputFile } from '../files/read-text';
import type { PlainObject } from '../kube/plain-values';
import { ACCESS_LIST_HEADERS, accessListRows } from '../rbac/access-list';
import { authorize, impersonatedUser, rbacPolicyOf, rulesFor } from '../rbac/authorizer';
import type { AccessRequest, PolicyRule } from '../rbac/policy-rules';
import { groupOf } from '../schema/api-versions';
import { loadBundle } from '../schema/bundle';
import { resolveResource } from '../schema/resource-names';
import type { KubernetesVersion } from '../schema/versions';
import { displayNameOf } from './checked-file';
import { UsageError } from './usage-error';

export interface CanIOptions {
  kubernetesVersion: KubernetesVersion;
  /** VERB and TYPE[/NAME] or a non-resource URL, as kubectl takes them. */
  verb: string;
  target: string;
  subresource: string;
  /** "" for --all-namespaces. */
  namespace: string;
  user: string;
  groups: readonly string[];
  quiet: boolean;
  paths: readonly string[];
}

/** cani.go resourceVerbs and nonResourceURLVerbs: verbs kubectl knows, warned about otherwise. */
const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_URL_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);
/** cani.go nonStandardResourceNames: resources no discovery lists (the impersonate verb's users and groups). */
const NON_STANDARD_RESOURCE_NAMES = new Set(['users', 'groups']);

export interface CanIListOptions {
  kubernetesVersion: KubernetesVersion;
  namespace: string;
  user: string;
  groups: readonly string[];
  noHeaders: boolean;
  paths: readonly string[];
}

/** `--list`: the rules the user holds in the namespace, as kubectl's table; always exit 0, as kubectl's. */
export function runCanIList(options: CanIListOptions): { exitCode: 0; stdout: string } {
  return canIListOf(options, readObjects(options.paths, options.kubernetesVersion));
}

/** `--list` over objects already read: the authorizer built from them, then the user's rules as kubectl's table. */
export function canIListOf(options: Omit<CanIListOptions, 'paths'>, objects: readonly PlainObject[]): { exitCode: 0; stdout: string } {
  const policy = rbacPolicyOf(objects);
  const granted = rulesFor(policy, impersonatedUser(options.user, options.groups), options.namespace).map(({ rule }) => rule);
  const rows = accessListRows(granted);
  return { exitCode: 0, stdout: tabwriter(options.noHeaders ? rows : [[...ACCESS_LIST_HEADERS], ...rows]) };
}

/**
 * Go's text/tabwriter as kubectl's printers.GetNewTabWriter sets it up (minwidth 6, padding 3, spaces): every cell
 * but a line's last padded to its column's widest cell plus 3, at least 6; the last cell as it is.
 */
function tabwriter(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) row.slice(0, -1).forEach((cell, column) => (widths[column] = Math.max(widths[column] ?? 6, [...cell].length + 3)));
  return rows.map((row) => row.map((cell, column) => (column < row.length - 1 ? cell + ' '.repeat(widths[column]! - [...cell].length) : cell)).join('') + '\n').join('');
}

export function runCanI(options: CanIOptions): { exitCode: number; stdout: string; stderr: string } {
  // The request is read first: a usage error is reported before any file is.
  const warnings: string[] = [];
  const request = accessRequestOf(options, warnings);
  return answerOf(options, request, warnings, readObjects(options.paths, options.kubernetesVersion));
}

/** One answer over objects already read: the request resolved, the authorizer built from the objects, the decision. */
export function canIOf(options: Omit<CanIOptions, 'paths'>, objects: readonly PlainObject[]): { exitCode: number; stdout: string; stderr: string } {
  const warnings: string[] = [];
  return answerOf(options, accessRequestOf(options, warnings), warnings, objects);
}

function answerOf(options: Omit<CanIOptions, 'paths'>, request: AccessRequest, warnings: readonly string[], objects: readonly PlainObject[]): { exitCode: number; stdout: string; stderr: string } {
  const policy = rbacPolicyOf(objects);
  const decision = authorize(policy, impersonatedUser(options.user, options.groups), request);
  const stderr = warnings.map((warning) => `Warning: ${warning}\n`).join('') + (decision.allowed ? `${decision.reason}: ${describeRule(decision.rule!)}\n` : '');
  return { exitCode: decision.allowed ? 0 : 1, stdout: options.quiet ? '' : decision.allowed ? 'yes\n' : 'no\n', stderr };
}

/** Complete and Validate of cani.go: the request the arguments describe, with kubectl's warnings. */
function accessRequestOf(options: Omit<CanIOptions, 'paths'>, warnings: string[]): AccessRequest {
  if (options.target.startsWith('/')) {
    if (options.subresource !== '') throw new UsageError('--subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_URL_VERBS.has(options.verb)) warnings.push(`verb '${options.verb}' is not a known verb`);
    return { verb: options.verb, path: options.target };
  }
  const slash = options.target.indexOf('/');
  const [resourceArg, name] = slash === -1 ? [options.target, ''] : [options.target.slice(0, slash), options.target.slice(slash + 1)];
  const resource = resourceFor(resourceArg, options.kubernetesVersion, warnings);
  if (resource.namespaced === false && options.namespace !== '') {
    warnings.push(resource.group === '' ? `resource '${resource.resource}' is not namespace scoped` : `resource '${resource.resource}' is not namespace scoped in group '${resource.group}'`);
  }
  if (!RESOURCE_VERBS.has(options.verb)) warnings.push(`verb '${options.verb}' is not a known verb`);
  return { verb: options.verb, apiGroup: resource.group, resource: resource.resource, subresource: options.subresource, name, namespace: options.namespace };
}

/**
 * resourceFor: `*` as it is; otherwise the lower-cased argument as RESOURCE[.GROUP] resolved as kubectl's REST mapper
 * resolves names (plural, singular, kind, short names); a name the API does not have is sent as typed, with a warning.
 */
function resourceFor(resourceArg: string, version: KubernetesVersion, warnings: string[]): { group: string; resource: string; namespaced?: boolean } {
  if (resourceArg === '*') return { group: '', resource: '*' };
  const lower = resourceArg.toLowerCase();
  const dot = lower.indexOf('.');
  const [resource, group] = dot === -1 ? [lower, undefined] : [lower.slice(0, dot), lower.slice(dot + 1)];
  const bundle = loadBundle(version);
  // RESOURCE.GROUP: the resource as one of the group's versions serves it (events.events.k8s.io, not core events).
  const groupVersions = group === undefined ? [undefined] : [...new Set(Object.values(bundle.kinds).map((info) => info.apiVersion))].filter((apiVersion) => groupOf(apiVersion) === group);
  for (const apiVersion of groupVersions) {
    const resolved = resolveResource(bundle, resource, apiVersion);
    if (resolved.ok) return { group: groupOf(resolved.info.apiVersion), resource: resolved.info.plural, namespaced: resolved.info.namespaced };
  }
  if (!NON_STANDARD_RESOURCE_NAMES.has(dot === -1 ? lower : `${resource}.${group}`)) {
    warnings.push(group === undefined ? `the server doesn't have a resource type '${resource}'` : `the server doesn't have a resource type '${resource}' in group '${group}'`);
  }
  return { group: '', resource: resourceArg };
}

/** Every object the manifests decode to, errors or not: the authorizer reads what an apply would store. */
function readObjects(paths: readonly string[], kubernetesVersion: KubernetesVersion): PlainObject[] {
  const texts = collectFiles(paths).map((file) => ({ file: displayNameOf(file), ...readInputFile(file) }));
  return checkTexts(texts, { kubernetesVersion }).flatMap((text) => text.objects.map((object) => object.value));
}

function describeRule(rule: PolicyRule): string {
  const parts: string[] = [`verbs=[${rule.verbs.join(' ')}]`];
  if (rule.nonResourceURLs.length > 0) parts.push(`nonResourceURLs=[${rule.nonResourceURLs.join(' ')}]`);
  else parts.push(`apiGroups=[${rule.apiGroups.map((group) => (group === '' ? '""' : group)).join(' ')}]`, `resources=[${rule.resources.join(' ')}]`);
  if (rule.resourceNames.length > 0) parts.push(`resourceNames=[${rule.resourceNames.join(' ')}]`);
  return `rule ${parts.join(' ')}`;
}
