/**
 * Hover and completion latency on one large file: the same positions, asked of each server after the file is
 * open and validated. Positions are found in the text (keys and values every manifest has), spread over the file,
 * so that a server which is fast only near the top does not look fast.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspSession, withTimeout, type Position } from './lsp-session';
import type { ServerSpec } from './servers';
import { percentile } from './stats';

export interface EditorRequestOptions {
  /** Positions of each kind; each is asked `rounds` times. */
  positions: number;
  rounds: number;
  startTimeoutMs: number;
  openTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface RequestLatency {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Answers with something to show (hover contents, completion items), out of `samples`. */
  answered: number;
}

export interface EditorRequestResult {
  server: string;
  file: string;
  hover: RequestLatency;
  completion: RequestLatency;
  /** Where the requests were made, 1-based line:column, for repeating them by hand. */
  hoverAt: string[];
  completionAt: string[];
}

/** Keys whose hover has something to explain (a field's documentation, or a value worth computing). */
const HOVER_LINE = /^(\s*-?\s*)(replicas|image|containerPort|memory|cpu|apiVersion|kind|targetPort|imagePullPolicy|serviceAccountName):/;
/** Keys whose value has a fixed set of answers: completion offers them. */
const COMPLETION_LINE = /^(\s*-?\s*)(imagePullPolicy|protocol|type|restartPolicy):\s*\S/;

/**
 * Up to `count` positions of `pattern`'s key (or the start of its value), taken evenly from all its occurrences in
 * documents that are not CustomResourceDefinitions: inside a CRD's schema these keys are schema, not manifest.
 */
export function positionsIn(text: string, pattern: RegExp, count: number, on: 'key' | 'value'): Position[] {
  const all: Position[] = [];
  let documentLines: { line: string; number: number }[] = [];
  const flush = (): void => {
    if (!documentLines.some(({ line }) => /^kind:\s*CustomResourceDefinition\s*$/.test(line))) {
      for (const { line, number } of documentLines) {
        const match = pattern.exec(line);
        if (!match) continue;
        const keyStart = match[1]!.length;
        all.push({ line: number, character: on === 'key' ? keyStart + 1 : line.indexOf(':', keyStart) + 2 });
      }
    }
    documentLines = [];
  };
  text.split('\n').forEach((line, number) => {
    if (/^---/.test(line)) flush();
    else documentLines.push({ line, number });
  });
  flush();
  if (all.length <= count) return all;
  return Array.from({ length: count }, (_, i) => all[Math.floor((i * (all.length - 1)) / (count - 1))]!);
}

export async function measureEditorRequests(spec: ServerSpec, file: string, folder: string, options: EditorRequestOptions): Promise<EditorRequestResult> {
  fs.mkdirSync(folder, { recursive: true });
  const local = path.join(folder, path.basename(file));
  fs.copyFileSync(file, local);
  const text = fs.readFileSync(local, 'utf8');
  const uri = pathToFileURL(local).href;
  const hoverAt = positionsIn(text, HOVER_LINE, options.positions, 'key');
  const completionAt = positionsIn(text, COMPLETION_LINE, options.positions, 'value');
  const { session } = await LspSession.start(spec.session(folder), pathToFileURL(folder).href, options.startTimeoutMs);
  try {
    const opened = session.waitForDiagnostics(uri, () => true, options.openTimeoutMs);
    session.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'yaml', version: 1, text } });
    await opened;
    const ask = async (method: string, positions: Position[], hasAnswer: (answer: unknown) => boolean): Promise<RequestLatency> => {
      const times: number[] = [];
      let answered = 0;
      for (let round = 0; round < options.rounds; round++) {
        for (const position of positions) {
          const sent = performance.now();
          const answer = await withTimeout(session.request(method, { textDocument: { uri }, position }), options.requestTimeoutMs, method);
          times.push(performance.now() - sent);
          if (hasAnswer(answer)) answered++;
        }
      }
      return { samples: times.length, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95), maxMs: Math.max(...times), answered };
    };
    const hover = await ask('textDocument/hover', hoverAt, (answer) => answer !== null && typeof answer === 'object' && 'contents' in answer);
    const completion = await ask('textDocument/completion', completionAt, (answer) => completionItems(answer) > 0);
    const where = (positions: Position[]) => positions.map((p) => `${p.line + 1}:${p.character + 1}`);
    return { server: spec.name, file, hover, completion, hoverAt: where(hoverAt), completionAt: where(completionAt) };
  } finally {
    session.dispose();
  }
}

function completionItems(answer: unknown): number {
  if (Array.isArray(answer)) return answer.length;
  if (answer && typeof answer === 'object' && Array.isArray((answer as { items?: unknown }).items)) return (answer as { items: unknown[] }).items.length;
  return 0;
}
