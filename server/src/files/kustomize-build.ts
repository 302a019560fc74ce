/**
 * Rendering a kustomization with the user's own kustomize: the `kustomize` program (`kustomize build`), else
 * kubectl's built-in one (`kubectl kustomize`), found on PATH and never downloaded. kustomize is asked to record
 * where each object came from (`buildMetadata: [originAnnotations]`, api/types/kustomization.go) by rendering a
 * kustomization of our own, in a temporary folder, that lists the user's folder as its one resource: the user's
 * files are never written. The build metadata of the outer kustomization is the one used for every base
 * (api/internal/target/kusttarget.go, accumulateDirectory). Neither program is given --enable-alpha-plugins,
 * --enable-exec or --enable-helm, so kustomize runs no KRM function, exec plugin or Helm (their defaults are off).
 * Used by `kubeplan check|plan -k` and by the editor's "Plan this overlay", which runs it in the extension only
 * in a trusted workspace.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { RenderedKustomization, RenderedObject, RenderedOrigin } from '../protocol/plan-request';
import { isObject, type PlainObject } from '../kube/plain-values';
import { parseYamlChunk } from '../parse/yaml-documents';
import { splitDocuments } from '../parse/split-documents';
import { readKustomizationTree, type RemoteReference } from './kustomization-tree';
import { findProgram } from './program-on-path';
import { UnreadableInputError } from './read-text';

/** kustomize's annotation key for an object's origin (api/internal/utils/annotations.go, OriginAnnotationKey). */
export const ORIGIN_ANNOTATION = 'config.kubernetes.io/origin';

/** A render that takes longer than this is given up: a local kustomization renders in well under a second. */
export const RENDER_TIMEOUT_MS = 60_000;
const MAX_OUTPUT_BYTES = 256 * 1024 * 1024;

export interface Renderer {
  /** The program's absolute path. */
  program: string;
  /** How the user would run it, for messages: `kustomize build` or `kubectl kustomize`. */
  command: string;
  args(folder: string): string[];
}

/** The `kustomize` program on PATH, else `kubectl` (whose `kustomize` command is kustomize built in); undefined when neither is there. */
export function findRenderer(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Renderer | undefined {
  const kustomize = findProgram('kustomize', env, platform);
  if (kustomize) return { program: kustomize, command: 'kustomize build', args: (folder) => ['build', folder] };
  const kubectl = findProgram('kubectl', env, platform);
  if (kubectl) return { program: kubectl, command: 'kubectl kustomize', args: (folder) => ['kustomize', folder] };
  return undefined;
}

export const NO_RENDERER =
  'rendering a kustomization needs kustomize: neither a kustomize program nor kubectl (for kubectl kustomize) was found on PATH; kubeplan uses the one you have installed and never downloads one';

export interface RenderOptions {
  /** Let kustomize fetch remote bases and files (Git repositories, http URLs); refused by default. */
  allowRemote: boolean;
  /** The renderer; found on PATH when absent. */
  renderer?: Renderer | undefined;
  timeoutMs?: number;
}

/** Renders the kustomization in `folder`; an UnreadableInputError with kustomize's own words when it cannot. */
export async function renderKustomization(folder: string, options: RenderOptions): Promise<RenderedKustomization> {
  let real: string;
  try {
    real = fs.realpathSync(folder);
  } catch {
    throw new UnreadableInputError(`cannot read ${folder}: no such directory`);
  }
  if (!fs.statSync(real).isDirectory()) throw new UnreadableInputError(`${folder} is not a directory: -k takes the folder that holds a kustomization.yaml`);
  const tree = readKustomizationTree(real);
  if (!options.allowRemote && tree.remote.length > 0) throw new UnreadableInputError(remoteRefusal(tree.remote));
  const renderer = 'renderer' in options ? options.renderer : findRenderer();
  if (!renderer) throw new UnreadableInputError(NO_RENDERER);
  // Real paths on both sides: kustomize resolves its root's symbolic links (a macOS temporary folder is one).
  const scratch = fs.mkdtempSync(path.join(fs.realpathSync(os.tmpdir()), 'kubeplan-kustomize-'));
  try {
    // kustomize takes only relative paths to other kustomizations ("new root cannot be absolute").
    const relative = path.relative(scratch, real).split(path.sep).join('/');
    if (path.isAbsolute(relative)) throw new UnreadableInputError(`${folder} cannot be rendered: it is on another drive than the temporary folder ${scratch}`);
    fs.writeFileSync(path.join(scratch, 'kustomization.yaml'), `resources:\n- ${JSON.stringify(relative)}\nbuildMetadata:\n- originAnnotations\n`);
    const output = await run(renderer, scratch, options.timeoutMs ?? RENDER_TIMEOUT_MS, relative, folder);
    return { folder: real, objects: renderedObjects(output, scratch) };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

function remoteRefusal(remote: readonly RemoteReference[]): string {
  const shown = (file: string) => (path.isAbsolute(path.relative(process.cwd(), file)) ? file : path.relative(process.cwd(), file));
  const listed = remote.map(({ file, field, reference }) => `  ${shown(file)}: ${field}: ${reference}`).join('\n');
  return `the kustomization names remote content, which kubeplan does not fetch (it works offline):\n${listed}\n--allow-remote lets kustomize fetch it`;
}

function run(renderer: Renderer, scratch: string, timeoutMs: number, relative: string, folder: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const options = { cwd: scratch, timeout: timeoutMs, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8' as const, windowsHide: true };
    execFile(renderer.program, renderer.args(scratch), options, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      if (error.killed) return reject(new UnreadableInputError(`${renderer.command} ${folder} did not finish within ${timeoutMs / 1000} s`));
      // The folder appears in kustomize's messages as the temporary kustomization names it: name it as the user did.
      // kustomize's words about our outer kustomization (the user's folder is not a file, so it was read as a
      // base) come first; what the user's kustomization did follows.
      const said = kustomizeMessage(stderr)
        .split(relative)
        .join(folder)
        .replace(/^accumulating resources: accumulation err='accumulating resources from '[^']*': '[^']*' must resolve to a file': recursed accumulation of path '[^']*': /, '');
      reject(new UnreadableInputError(`${renderer.command} ${folder} failed: ${said || error.message}`));
    });
  });
}

/**
 * kustomize's message without the logging around it: `Error: …` (kustomize's cobra) or `error: …` (kubectl), and
 * the klog line some kubectl builds print (`E1207 … "command failed" err="…"`).
 */
export function kustomizeMessage(stderr: string): string {
  const text = stderr.trim();
  const klog = /"command failed" err="((?:[^"\\]|\\.)*)"/.exec(text);
  if (klog) return JSON.parse(`"${klog[1]!}"`) as string;
  return text.replace(/^(Error|error): /, '');
}

/**
 * kustomize's output object by object, each with its origin read from the annotation and the annotation removed,
 * so that it causes no finding and is not applied. Origin paths are relative to the rendered kustomization's folder.
 */
export function renderedObjects(output: string, root: string): RenderedObject[] {
  const objects: RenderedObject[] = [];
  for (const chunk of splitDocuments(output)) {
    const [document] = parseYamlChunk(chunk.text);
    if (!isObject(document?.value)) continue;
    const annotations = document.value['metadata'];
    const annotation = isObject(annotations) && isObject(annotations['annotations']) ? annotations['annotations'][ORIGIN_ANNOTATION] : undefined;
    objects.push({ text: withoutOrigin(chunk.text), origin: typeof annotation === 'string' ? originOf(annotation, root) : {} });
  }
  return objects;
}

/** The annotation's fields (api/resource/origin.go, Origin: path, repo, ref, configuredIn, configuredBy). */
function originOf(annotation: string, root: string): RenderedOrigin {
  const [document] = parseYamlChunk(annotation);
  const value: PlainObject = isObject(document?.value) ? document.value : {};
  const text = (key: string) => (typeof value[key] === 'string' ? value[key] : undefined);
  const repo = text('repo');
  const ref = text('ref');
  const file = text('path');
  const configuredIn = text('configuredIn');
  const configuredBy = value['configuredBy'];
  const generator = isObject(configuredBy) && typeof configuredBy['kind'] === 'string' ? configuredBy['kind'] : undefined;
  // A remote object's path is inside its repository, not on this disk.
  const local = (relative: string) => (repo === undefined ? path.resolve(root, relative) : relative);
  return {
    ...(file !== undefined ? { file: local(file) } : {}),
    ...(configuredIn !== undefined ? { configuredIn: local(configuredIn) } : {}),
    ...(generator !== undefined ? { generator } : {}),
    ...(repo !== undefined ? { repo } : {}),
    ...(ref !== undefined ? { ref } : {}),
  };
}

/**
 * The document's text without the origin annotation's lines. kustomize prints it as a block scalar under
 * `metadata.annotations` (`config.kubernetes.io/origin: |` and the more indented lines after it); an `annotations`
 * map left empty reads as null, which decodes as unset.
 */
function withoutOrigin(text: string): string {
  const lines = text.split('\n');
  const at = lines.findIndex((line) => line.trimStart().startsWith(`${ORIGIN_ANNOTATION}:`));
  if (at === -1) return text;
  const indent = lines[at]!.length - lines[at]!.trimStart().length;
  let end = at + 1;
  while (end < lines.length && (lines[end]!.trim() === '' || lines[end]!.length - lines[end]!.trimStart().length > indent)) end++;
  // A trailing blank line belongs to the document, not to the annotation.
  if (end === lines.length && lines[end - 1] === '') end--;
  return [...lines.slice(0, at), ...lines.slice(end)].join('\n');
}
