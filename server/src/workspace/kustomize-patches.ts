/**
 * Which files the editor takes as kustomize patches: those a kustomization lists, the one beside the file on disk or
 * an open kustomization document (its unsaved text wins over the file). A patch is a partial object: its diagnostics
 * are a patch's (validateText's `patch`), and the workspace index takes no object from it.
 */
import * as path from 'node:path';
import { kustomizationFileIn, listedPatchFiles } from '../files/kustomization-tree';

/** An open kustomization document: its path and its text as edited. */
export interface OpenKustomization {
  file: string;
  text: string;
}

export function isListedPatch(file: string, open: readonly OpenKustomization[] = []): boolean {
  const resolved = path.resolve(file);
  if (open.some((kustomization) => listedPatchFiles(kustomization.file, kustomization.text).includes(resolved))) return true;
  const beside = kustomizationFileIn(path.dirname(resolved));
  if (beside === undefined || open.some((kustomization) => kustomization.file === beside)) return false;
  return listedPatchFiles(beside).includes(resolved);
}
