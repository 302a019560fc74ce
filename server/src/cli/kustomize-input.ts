/**
 * `-k DIR` on the command line: the kustomization rendered with the user's kustomize, and the findings about its
 * output placed in the files they come from, named relative to the current directory as the user gave DIR.
 */
import * as path from 'node:path';
import { LineIndex } from '../parse/line-index';
import { listedFindings, type CheckedText } from '../check/check-texts';
import { renderKustomization } from '../files/kustomize-build';
import { KustomizeSources } from '../files/kustomize-sources';
import { toDiagnostic } from './checked-file';
import type { CheckDiagnostic } from './output-formats';

export async function kustomizeSources(folder: string, allowRemote: boolean): Promise<KustomizeSources> {
  const rendered = await renderKustomization(folder, { allowRemote });
  return new KustomizeSources(rendered, folder);
}

/** The findings of the rendered output, each in the source file that produced its field. */
export function placedDiagnostics(checked: readonly CheckedText[], sources: KustomizeSources): CheckDiagnostic[] {
  const lines = new Map<string, LineIndex>();
  return listedFindings(checked).map(({ finding }) => {
    const place = sources.place(finding);
    let fileLines = lines.get(place.file);
    if (!fileLines) lines.set(place.file, (fileLines = new LineIndex(place.text)));
    return toDiagnostic(displayPath(place.file), { ...finding, message: place.message, range: place.range }, fileLines);
  });
}

/** A source file as the user would write it from the current directory. */
export function displayPath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative === '' || path.isAbsolute(relative) ? file : relative;
}
