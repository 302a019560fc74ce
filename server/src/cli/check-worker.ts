/** Worker thread side of a parallel `kubeplan check`: validates the batches of files it is sent. */
import { parentPort, workerData } from 'node:worker_threads';
import { checkText, type CheckedFile } from './checked-file';
import type { CheckSettings } from '../check/check-texts';
import { readFailure, readManifest } from '../files/read-text';
import type { ManifestText } from '../parse/utf8';

export interface CheckBatch {
  batch: number;
  files: string[];
}

export type CheckBatchResult = { batch: number; checked: CheckedFile[] } | { batch: number; unreadable: { file: string; code: string } };

const settings = workerData as CheckSettings;

parentPort?.on('message', ({ batch, files }: CheckBatch) => {
  const checked: CheckedFile[] = [];
  for (const file of files) {
    let manifest: ManifestText;
    try {
      manifest = readManifest(file);
    } catch (error) {
      parentPort?.postMessage({ batch, unreadable: { file, code: readFailure(error) } } satisfies CheckBatchResult);
      return;
    }
    checked.push(checkText(file, manifest, settings));
  }
  parentPort?.postMessage({ batch, checked } satisfies CheckBatchResult);
});
