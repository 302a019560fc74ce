/**
 * The resource names a container's `resources.requests` and `resources.limits` take, each with an example amount:
 * the standard container resources (pkg/apis/core/helper standardContainerResources: cpu, memory,
 * ephemeral-storage), huge pages (IsHugePageResourceName: `hugepages-<size>`, the page sizes of x86-64 and arm64
 * nodes), and the extended resources the workspace's other pod templates request (nvidia.com/gpu), as
 * validateContainerResourceName accepts them.
 */
import type { Catalog } from '../catalog/catalog';
import { listAt, objectAt } from '../kube/plain-values';
import { isExtended } from '../rules/resource-names';
import type { CompletionContext } from './completion-context';
import { escapeSnippet, type CompletionEntry } from './completion-entry';
import { endsWith } from './workspace-completion';

const CONTAINER_LISTS = ['containers', 'initContainers'] as const;
const RESOURCE_LISTS = ['requests', 'limits'] as const;

/** Example amounts: fractions of a CPU in millicores, memory in binary units, huge pages in whole pages. */
const STANDARD: readonly { name: string; example: string; note: string }[] = [
  { name: 'cpu', example: '500m', note: 'CPU cores; 500m is half a core' },
  { name: 'memory', example: '256Mi', note: 'bytes of memory' },
  { name: 'ephemeral-storage', example: '1Gi', note: 'bytes of local disk: container writable layer, logs, emptyDir' },
  // ValidateResourceRequirements: huge pages cannot be overcommitted, so requests equal limits.
  { name: 'hugepages-2Mi', example: '128Mi', note: 'bytes of 2Mi huge pages; requests must equal limits' },
  { name: 'hugepages-1Gi', example: '1Gi', note: 'bytes of 1Gi huge pages; requests must equal limits' },
];

/** Whether the context is a key of a container's `resources.requests` or `resources.limits`. */
function inContainerResources(context: CompletionContext): boolean {
  return context.position === 'key' && CONTAINER_LISTS.some((list) => RESOURCE_LISTS.some((field) => endsWith(context.path, [list, 0, 'resources', field])));
}

export function resourceNameCompletions(context: CompletionContext, catalog?: Catalog): CompletionEntry[] {
  if (!inContainerResources(context)) return [];
  const offered = [
    ...STANDARD.map((resource) => ({ ...resource, detail: `<Quantity>, e.g. ${resource.example}` })),
    ...[...extendedResources(catalog)]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      // ValidateResourceQuantityValue: an extended resource is a whole number, and (IsOvercommitAllowed) requests equal limits.
      .map(([name, owner]) => ({ name, example: '1', note: `extended resource, requested by ${owner}; whole numbers, requests must equal limits`, detail: '<Quantity>, e.g. 1' })),
  ];
  return offered
    .filter((resource) => !context.siblings.has(resource.name))
    .map((resource, i) => ({
      label: resource.name,
      kind: 'field',
      detail: resource.detail,
      documentation: resource.note,
      insertText: context.keyHasColon ? escapeSnippet(resource.name) : `${escapeSnippet(resource.name)}: \${1:${resource.example}}`,
      snippet: true,
      replace: context.replace,
      sortText: `0${String(i).padStart(3, '0')}`,
    }));
}

/** The extended resource names the workspace's pod templates request or limit, with the first object that does. */
function extendedResources(catalog: Catalog | undefined): Map<string, string> {
  const found = new Map<string, string>();
  if (!catalog) return found;
  for (const namespace of catalog.podTemplateNamespaces()) {
    for (const template of catalog.podTemplates(namespace)) {
      for (const list of CONTAINER_LISTS) {
        for (const container of listAt(template.spec, list)) {
          for (const field of RESOURCE_LISTS) {
            for (const name of Object.keys(objectAt(container, 'resources', field) ?? {})) {
              if (isExtended(name) && !found.has(name)) found.set(name, `${template.owner.kind} ${template.owner.name}`);
            }
          }
        }
      }
    }
  }
  return found;
}
