/**
 * What a document's lenses plan beyond the document itself: the files that hold the workloads its Services select.
 * A Service's endpoints are those workloads' pods; planned without them, it would seem to select nothing.
 */
import type { Catalog } from '../catalog/catalog';
import { compileSetSelector, labelsOf } from '../kube/label-selectors';
import { objectAt } from '../kube/plain-values';

/**
 * The other files (as the catalog names them) holding the workloads that the document's Services select, for the
 * Services that select none in the document itself. A workload written in several files (copies, overlays) is taken
 * from the first file the catalog lists, so that one broken copy does not keep the others from being planned.
 */
export function selectedWorkloadFiles(file: string, catalog: Catalog): string[] {
  const fileOf = new Map<string, string>();
  for (const service of catalog.ofKind('Service')) {
    if (service.file !== file) continue;
    const selector = labelsOf(objectAt(service.value, 'spec')?.['selector']);
    if (Object.keys(selector).length === 0) continue;
    const selects = compileSetSelector(selector);
    const selected = catalog.podTemplates(catalog.namespaceOf(service)).filter((template) => selects(template.labels));
    if (selected.some((template) => template.owner.file === file)) continue;
    for (const { owner } of selected) {
      const key = `${owner.kind}/${catalog.namespaceOf(owner)}/${owner.name}`;
      if (!fileOf.has(key)) fileOf.set(key, owner.file);
    }
  }
  return [...new Set(fileOf.values())].sort();
}
