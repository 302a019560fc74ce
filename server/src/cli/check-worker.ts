/**
 * Worker thread side of a parallel `kubeplan check`: validates the batches of files it is sent, and places the
 * cross-object findings of the files it is sent once the main thread has run the rules over every object.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { checkText, placedCrossFindings, type CheckedFile, type PlacementRequest } from './checked-file';
import type { CheckSettings } from '../check/check-texts';
import type { CheckDiagnostic } from './output-formats';
import { readFailure, readManifest } from '../files/read-text';
import type { ManifestText } from '../parse/utf8';

export type WorkerTask = { check: string[] } | { place: PlacementRequest[] };

export type WorkerJob = WorkerTask & { job: number };

export type WorkerAnswer = { job: number; checked: CheckedFile[] } | { job: number; placed: CheckDiagnostic[][] } | { job: number; unreadable: { file: string; code: string } };

const settings = workerData as CheckSettings;

parentPort?.on('message', (message: WorkerJob) => {
  const { job } = message;
  const read = (file: string): ManifestText | undefined => {
    try {
      return readManifest(file);
    } catch (error) {
      parentPort?.postMessage({ job, unreadable: { file, code: readFailure(error) } } satisfies WorkerAnswer);
      return undefined;
    }
  };
  if ('check' in message) {
    const checked: CheckedFile[] = [];
    for (const file of message.check) {
      const manifest = read(file);
      if (!manifest) return;
      checked.push(checkText(file, manifest, settings));
    }
    parentPort?.postMessage({ job, checked } satisfies WorkerAnswer);
  } else {
    const placed: CheckDiagnostic[][] = [];
    for (const request of message.place) {
      const manifest = read(request.file);
      if (!manifest) return;
      placed.push(placedCrossFindings(manifest, settings, request));
    }
    parentPort?.postMessage({ job, placed } satisfies WorkerAnswer);
  }
});
