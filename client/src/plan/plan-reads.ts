/**
 * What a plan request reads, so that the plan panel can plan again when one of those files changes: the texts it
 * was given, the files and folders it named (the server reads every manifest under a folder, open documents from
 * the editor), and for a kustomization the folders its objects came from. Pure: URIs in, a yes or no out.
 */
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { PlanManifests, PlanParams } from '../../../server/src/protocol/plan-request';

export class PlanReads {
  private readonly files = new Set<string>();
  /** Folder URIs, each ending in `/`: every file below them is read (or could be, once created). */
  private readonly folders: string[] = [];
  /**
   * Whether the plan reads the editor's unsaved text. A kustomization is rendered from the files as saved on disk,
   * so typing in one of them changes nothing until it is saved.
   */
  readonly readsUnsavedText: boolean;

  constructor(params: PlanParams, cluster?: string) {
    for (const manifests of [params, params.from, params.baseline]) if (manifests) this.addManifests(manifests);
    const { kustomization } = params;
    if (kustomization) {
      this.addFolder(pathToFileURL(kustomization.folder).href);
      // Bases and generators' files outside the overlay's folder: their folders hold the kustomization files too.
      for (const { origin } of kustomization.objects) {
        for (const file of [origin.file, origin.configuredIn]) {
          if (file !== undefined && origin.repo === undefined && path.isAbsolute(file)) this.addFolder(pathToFileURL(path.dirname(file)).href);
        }
      }
    }
    if (cluster !== undefined) this.files.add(comparable(cluster));
    this.readsUnsavedText = kustomization === undefined;
  }

  /** Whether the file `uri` is read by the plan, or would be if it were created. */
  includes(uri: string): boolean {
    const key = comparable(uri);
    return this.files.has(key) || this.folders.some((folder) => key.startsWith(folder));
  }

  private addManifests({ uris, texts }: PlanManifests): void {
    for (const text of texts ?? []) this.files.add(comparable(text.uri));
    // A URI names a file or a folder; which one it is matters not: a file below it can only exist if it is a folder.
    for (const uri of uris ?? []) {
      this.files.add(comparable(uri));
      this.addFolder(uri);
    }
  }

  private addFolder(uri: string): void {
    const key = comparable(uri);
    this.folders.push(key.endsWith('/') ? key : `${key}/`);
  }
}

/**
 * A file URI by its decoded path: VS Code's `Uri.toString()` and Node's `pathToFileURL` escape different
 * characters (`@`, `[`), so the same file can be written two ways. Other schemes are compared as written.
 */
function comparable(uri: string): string {
  if (!uri.startsWith('file:')) return uri;
  try {
    return `file://${decodeURIComponent(new URL(uri).pathname)}`;
  } catch {
    return uri;
  }
}
