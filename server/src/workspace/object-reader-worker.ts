/** Worker thread side of the object reader: reads one file at a time and answers with the objects it holds. */
import * as fs from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { objectRefs } from './object-refs';
import type { ReadRequest, ReadResponse } from './object-reader';

const decoder = new TextDecoder('utf-8', { fatal: false });

parentPort?.on('message', (request: ReadRequest) => {
  let response: ReadResponse;
  try {
    const size = fs.statSync(request.file).size;
    response = size > request.maxBytes ? { id: request.id, objects: [], unreadable: [] } : { id: request.id, ...objectRefs(decoder.decode(fs.readFileSync(request.file)), request.file) };
  } catch (error) {
    // Only the error's kind and code travel back: messages from parsers can quote the file's text.
    const code = (error as NodeJS.ErrnoException).code;
    response = { id: request.id, error: code ?? (error instanceof Error ? error.name : 'Error') };
  }
  parentPort?.postMessage(response);
});
