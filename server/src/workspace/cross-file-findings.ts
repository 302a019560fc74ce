/**
 * Cross-object findings for the open documents, over every object the index holds. Objects of files on disk take
 * part in lookups only: their findings are not shown until their file is opened.
 */
import type { PlainObject } from '../kube/plain-values';
import { WorkspaceCatalog, type Catalog, type CatalogFile } from '../catalog/catalog';
import { DiskObject } from './disk-object';
import { ownFindingFilter, runOverCatalog, type OwnFindingStands } from '../rules/cross-object/run-cross-object-rules';
import type { CrossFinding, ReferenceDefinition, WorkspaceObject } from '../catalog/workspace-object';
import type { WorkspaceIndex } from './workspace-index';
import type { IndexedContents } from './indexed-object';

/** What the checker reads of the index: the files whose objects changed since it last asked. */
export type IndexChanges = Pick<WorkspaceIndex, 'takeChanges'>;

export interface CrossFileResult {
  /** Findings per file key, for the files `shown` accepts. */
  byFile: Map<string, CrossFinding[]>;
  /** Whether an open document's own finding stands with the workspace known (see ownFindingFilter). */
  ownFindingStands: OwnFindingStands;
}

/**
 * Keeps the catalog between runs and brings it up to date with what the index changed since (see takeChanges), so
 * that a run after an edit costs what the edit touched, not what the workspace holds.
 */
export class CrossFileChecker {
  private readonly catalog = new WorkspaceCatalog();
  /**
   * Conversions are kept per objects array: the index replaces a file's array when the file changes, and a closed
   * document's file goes back to the array it had on disk.
   */
  private readonly converted = new WeakMap<IndexedContents, CatalogFile>();
  /** Open documents' objects by value: an unchanged document of an edited file keeps its catalog object. */
  private readonly byValue = new WeakMap<PlainObject, WorkspaceObject>();
  /**
   * Each file's objects as the catalog last had them, so that objects an edit dropped leave `byValue`. A decoded value
   * can outlive the document it came from (the pieces of a large document are kept by their text and shared between
   * versions), and an entry left behind would keep that old version's whole text alive through its `locate`.
   */
  private readonly lastOfFile = new Map<string, CatalogFile>();

  /** The reference CRDs (`kubeplan.crds`) custom kinds take their schema from when the workspace defines them not. */
  useDefinitions(definitions: readonly ReferenceDefinition[]): this {
    this.catalog.useReferenceDefinitions(definitions);
    return this;
  }

  /** Findings about the objects of the files keyed `shown`; `optIn`: the rules off by default that the settings turn on. */
  run(index: IndexChanges, shown: readonly string[], optIn: ReadonlySet<string>): CrossFileResult {
    const catalog = this.catalogOf(index);
    const byFile = new Map<string, CrossFinding[]>();
    for (const finding of runOverCatalog(catalog, { reportOn: shown, optIn })) {
      const same = byFile.get(finding.file);
      if (same) same.push(finding);
      else byFile.set(finding.file, [finding]);
    }
    return { byFile, ownFindingStands: ownFindingFilter(catalog) };
  }

  /** The catalog holding what the index holds, for editor features that look objects up. */
  catalogOf(index: IndexChanges): Catalog {
    const files: CatalogFile[] = [];
    const removed: string[] = [];
    for (const { key, contents } of index.takeChanges()) {
      if (contents) {
        const file = this.catalogFile(key, contents);
        this.forgetDropped(key, file.objects);
        this.lastOfFile.set(key, file);
        files.push(file);
      } else {
        this.forgetDropped(key, []);
        this.lastOfFile.delete(key);
        removed.push(key);
      }
    }
    return this.catalog.change(files, removed);
  }

  /** Takes out of `byValue` the objects the file last had that `now` does not hold. */
  private forgetDropped(key: string, now: readonly WorkspaceObject[]): void {
    const before = this.lastOfFile.get(key);
    if (!before || before.objects === now) return;
    const kept = new Set(now);
    for (const object of before.objects) {
      if (kept.has(object) || object instanceof DiskObject) continue;
      if (this.byValue.get(object.value) === object) this.byValue.delete(object.value);
    }
  }

  private catalogFile(key: string, contents: IndexedContents): CatalogFile {
    const cached = this.converted.get(contents);
    if (cached && cached.key === key) return cached;
    const objects: WorkspaceObject[] = [];
    for (const object of contents.objects) {
      // Files on disk are placed only when asked (navigation into them): findings are shown for open documents only.
      if (object instanceof DiskObject) {
        objects.push(object);
        continue;
      }
      const { apiVersion, kind, name, namespace, value, locate } = object;
      if (!value || !locate) continue;
      // An unchanged document of an edited file decodes to the same value: the catalog keeps its object, which
      // only learns where it is written now.
      const previous = this.byValue.get(value);
      if (previous && previous.file === key && previous.apiVersion === apiVersion && previous.kind === kind && previous.name === name && previous.namespace === namespace) {
        previous.locate = locate;
        objects.push(previous);
        continue;
      }
      const converted: WorkspaceObject = { apiVersion, kind, name, namespace, value, file: key, locate };
      this.byValue.set(value, converted);
      objects.push(converted);
    }
    const converted: CatalogFile = contents.unreadable?.length ? { key, objects, unreadable: contents.unreadable } : { key, objects };
    this.converted.set(contents, converted);
    return converted;
  }
}
