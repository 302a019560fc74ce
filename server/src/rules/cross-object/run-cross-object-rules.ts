/**
 * Runs every cross-object rule over the objects of a workspace and places each finding in its subject's file.
 * `reportOn` limits the findings to the files a caller will show (the language server's open documents), while
 * lookups still see every object: the work is that of those files' objects and their lookups, whatever the size of
 * the workspace, since what rules derive from every object of a kind is kept by the catalog between runs.
 */
import { autoscaledWorkloads, checkAutoscaler, checkStaticReplicas } from './autoscaling-rules';
import { buildCatalog, type Catalog } from '../../catalog/catalog';
import { checkCustomResource, checkDefinitionSchemas, schemaProblem } from './custom-resource-schema';
import { customResourceSchemas } from '../../catalog/custom-resource-definitions';
import { checkDisruptionBudget, checkMissingBudget } from './disruption-budget-rules';
import { duplicateReports } from './duplicate-objects';
import { checkIngress } from './ingress-rules';
import { checkNetworkPolicy } from './network-policy-rules';
import { checkPodReferences } from './pod-references';
import { checkBindingReferences } from './rbac-rules';
import { podTemplateOf } from '../../catalog/pod-templates';
import { checkServiceDnsNames } from './service-dns-names';
import { checkService } from './service-rules';
import { checkStatefulSetService } from './statefulset-rules';
import { fieldPath, type CrossFinding, type DefinitionSource, type ReferenceDefinition, type Report, type WorkspaceObject } from '../../catalog/workspace-object';
import type { PlainObject } from '../../kube/plain-values';
import type { UnreadableDocument } from '../../catalog/unreadable-documents';

export interface CrossObjectOptions {
  /**
   * The files whose objects findings are wanted about (the language server's open documents); all files when absent.
   * Lookups see every object either way.
   */
  reportOn?: Iterable<string>;
  /**
   * The rules that are off by default and turned on: only these of them run. Placing a finding may build a syntax
   * tree, and a rule nobody asked for would fire on most workloads.
   */
  optIn?: ReadonlySet<string>;
}

/** Over a list of objects, as `kubeplan check` has them, and the documents of each file that could not be read. */
export function runCrossObjectRules(
  objects: readonly WorkspaceObject[],
  options: CrossObjectOptions = {},
  unreadable: ReadonlyMap<string, readonly UnreadableDocument[]> = new Map(),
): CrossFinding[] {
  return runOverCatalog(buildCatalog(objects, [], unreadable), options);
}

export function runOverCatalog(catalog: Catalog, options: CrossObjectOptions = {}): CrossFinding[] {
  const optIn = options.optIn ?? new Set<string>();
  const subjects: WorkspaceObject[] = [];
  if (options.reportOn === undefined) for (const file of catalog.files()) subjects.push(...file.objects);
  else for (const key of options.reportOn) subjects.push(...(catalog.file(key)?.objects ?? []));
  const autoscaled = catalog.derived('autoscaled workloads', ['HorizontalPodAutoscaler'], autoscaledWorkloads);
  const duplicates = duplicateReports(catalog, subjects);
  const schemas = catalog.derived('custom resource schemas', [CRD_KIND], () => customResourceSchemas(catalog.customResourceDefinitions()));
  const referenceSchemas = catalog.derived('reference custom resource schemas', [CRD_KIND], () => customResourceSchemas(catalog.customResourceDefinitions().filter(isReference)));
  const findings: CrossFinding[] = [];
  for (const object of subjects) {
    const reports: Report[] = [...(duplicates.get(object) ?? [])];
    if (object.kind === 'Service') reports.push(...checkService(object, catalog));
    else if (object.kind === 'Ingress') reports.push(...checkIngress(object, catalog));
    else if (object.kind === 'HorizontalPodAutoscaler') reports.push(...checkAutoscaler(object, catalog));
    else if (object.kind === 'PodDisruptionBudget') reports.push(...checkDisruptionBudget(object, catalog, autoscaled));
    else if (object.kind === 'StatefulSet') reports.push(...checkStatefulSetService(object, catalog));
    else if (object.kind === 'NetworkPolicy') reports.push(...checkNetworkPolicy(object, catalog));
    else if (object.kind === 'RoleBinding' || object.kind === 'ClusterRoleBinding') reports.push(...checkBindingReferences(object, catalog));
    const template = podTemplateOf(object);
    if (template) reports.push(...checkPodReferences(template, catalog), ...checkServiceDnsNames(template, catalog));
    reports.push(...checkStaticReplicas(object, catalog, autoscaled));
    if (optIn.has('pdb-missing')) reports.push(...checkMissingBudget(object, catalog, autoscaled));
    reports.push(...checkCustomResource(object, schemas), ...unusableReference(object, referenceSchemas));
    reports.push(...checkDefinitionSchemas(object, catalog));
    for (const report of reports) {
      const { apiVersion, kind, name, namespace } = object;
      findings.push({
        file: object.file,
        rule: report.rule,
        severity: report.severity,
        message: report.message,
        path: fieldPath(report.at),
        range: object.locate(report.at, report.prefer ?? 'value'),
        object: { apiVersion, kind, name, namespace },
      });
    }
  }
  return findings;
}

const CRD_KIND = 'CustomResourceDefinition';

/** A reference CRD is not in any file: what cannot be compiled in it is said on each of its objects, or nobody would know. */
function isReference(definition: DefinitionSource): definition is ReferenceDefinition {
  return !('locate' in definition);
}

function unusableReference(object: WorkspaceObject, referenceSchemas: Map<string, PlainObject>): Report[] {
  const schema = referenceSchemas.get(`${object.apiVersion}/${object.kind}`);
  const problem = schema && schemaProblem(schema);
  if (!problem) return [];
  const message = `${object.kind} objects of ${object.apiVersion} are not checked: the schema of their CustomResourceDefinition cannot be compiled (${problem})`;
  return [{ rule: 'custom-resource-schema', severity: 'information', message, at: ['kind'], prefer: 'value' }];
}

/** Whether a file's own finding about an object still stands once the whole catalog is known. */
export type OwnFindingStands = (rule: string, object: { apiVersion: string; kind: string } | undefined) => boolean;

/**
 * A custom kind's `no-schema` finding does not stand where a CustomResourceDefinition in the catalog, or a reference
 * one, gives the kind a schema: `custom-resource-schema` validates such objects against it. Every other finding stands.
 */
export function ownFindingFilter(catalog: Catalog): OwnFindingStands {
  const kindsWithSchema = catalog.derived('kinds with a schema', [CRD_KIND], () => new Set(customResourceSchemas(catalog.customResourceDefinitions()).keys()));
  return (rule, object) => rule !== 'no-schema' || object === undefined || !kindsWithSchema.has(`${object.apiVersion}/${object.kind}`);
}
