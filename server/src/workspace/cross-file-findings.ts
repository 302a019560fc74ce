/**
 * Cross-object findings for the open documents, over every object the index holds. Objects of files on disk take
 * part in lookups only: their findings are not shown until their file is opened.
 */
import type { PlainObject } from '../kube/plain-values';
import { WorkspaceCatalog, type Catalog, type CatalogFile } from '../catalog/catalog';
import { diskLocator } from './disk-locate';
import { ownFindingFilter, runOverCatalog, type OwnFindingStands } from '../rules/cross-object/run-cross-object-rules';
import type { CrossFinding, ReferenceDefinition, WorkspaceObject } from '../catalog/workspace-object';
import type { IndexedFile } from './workspace-index';
import type { IndexedObject } from './indexed-object';

export interface CrossFileResult {
  /** Findings per file key, for the files `shown` accepts. */
  byFile: Map<string, CrossFinding[]>;
  /** Whether an open document's own finding stands with the workspace known (see ownFindingFilter). */
  ownFindingStands: OwnFindingStands;
}

/** Keeps the catalog between runs, so that a run redoes only the files that changed since the last. */
export class CrossFileChecker {
  private readonly catalog = new WorkspaceCatalog();
  /** Conversions are kept per objects array: the index replaces a file's array when the file changes. */
  private readonly converted = new WeakMap<IndexedObject[], CatalogFile>();
  private readonly byValue = new WeakMap<PlainObject, WorkspaceObject>();

  /** The reference CRDs (`kubeplan.crds`) custom kinds take their schema from when the workspace defines them not. */
  useDefinitions(definitions: readonly ReferenceDefinition[]): this {
    this.catalog.useReferenceDefinitions(definitions);
    return this;
  }

  /** `optIn`: the rules off by default that the settings turn on. */
  run(files: readonly IndexedFile[], shown: (key: string) => boolean, optIn: ReadonlySet<string>): CrossFileResult {
    this.catalogOf(files);
    const byFile = new Map<string, CrossFinding[]>();
    for (const finding of runOverCatalog(this.catalog, { reportFor: shown, optIn })) {
      const same = byFile.get(finding.file);
      if (same) same.push(finding);
      else byFile.set(finding.file, [finding]);
    }
    return { byFile, ownFindingStands: ownFindingFilter(this.catalog) };
  }

  /** The catalog holding exactly these files, for editor features that look objects up. */
  catalogOf(files: readonly IndexedFile[]): Catalog {
    return this.catalog.update(files.map((file) => this.catalogFile(file)));
  }

  private catalogFile(file: IndexedFile): CatalogFile {
    const cached = this.converted.get(file.objects);
    if (cached && cached.key === file.key) return cached;
    const objects: WorkspaceObject[] = [];
    for (const object of file.objects) {
      const { apiVersion, kind, name, namespace, value, locate } = object;
      if (!value) continue;
      // Files on disk are placed only when asked (navigation into them): findings are shown for open documents only.
      const place = locate ?? diskLocator(file.key, object.range.start);
      // An unchanged document of an edited file decodes to the same value: the catalog keeps its object, which
      // only learns where it is written now.
      const previous = this.byValue.get(value);
      if (previous && previous.file === file.key && previous.apiVersion === apiVersion && previous.kind === kind && previous.name === name && previous.namespace === namespace) {
        previous.locate = place;
        objects.push(previous);
        continue;
      }
      const converted: WorkspaceObject = { apiVersion, kind, name, namespace, value, file: file.key, locate: place };
      this.byValue.set(value, converted);
      objects.push(converted);
    }
    const converted = { key: file.key, objects };
    this.converted.set(file.objects, converted);
    return converted;
  }
}
