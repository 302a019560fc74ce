/**
 * A snapshot of the cluster the current kubectl context points at, for plans to run on: the one read-only
 * `kubectl get … -A -o yaml` of every kind the cluster model reads, saved where the extension keeps its state.
 * Nothing here imports `vscode`, so that it is tested as plain Node; the command around it checks workspace trust.
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findProgram } from '../../../server/src/files/program-on-path';

/** The kinds a plan reads from a cluster, in the order `kubectl get` lists them. */
export const SNAPSHOT_RESOURCES = 'nodes,namespaces,deployments,replicasets,statefulsets,daemonsets,jobs,pods,services,pvc,pv,limitranges,resourcequotas,hpa,pdb';

/** The arguments of the one command run: a read of the current context's cluster, all namespaces, as YAML. */
export const KUBECTL_ARGS: readonly string[] = ['get', SNAPSHOT_RESOURCES, '-A', '-o', 'yaml'];

/** The snapshot's file name inside the extension's storage folder. */
export const SNAPSHOT_FILE = 'kubectl-snapshot.yaml';

/** A cluster of thousands of pods prints hundreds of megabytes; a read that takes longer than this is given up. */
const KUBECTL_TIMEOUT_MS = 120_000;
const MAX_OUTPUT_BYTES = 1024 * 1024 * 1024;

/** Why no snapshot was taken; the message is for the user. */
export class SnapshotUnavailable extends Error {}

/** What running a program gives: its standard output, or the error with what it wrote to standard error. */
export type RunProgram = (program: string, args: readonly string[], options: { cwd: string }) => Promise<string>;

/** The kubectl program on PATH, as an absolute path, or undefined. */
export function findKubectl(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string | undefined {
  return findProgram('kubectl', env, platform);
}

/**
 * Runs `kubectl get … -A -o yaml` with the given kubectl, from the storage folder, and saves its output there;
 * the snapshot file's path. The file is replaced only once kubectl has answered, so a failed read keeps the last one.
 */
export async function takeSnapshot(kubectl: string | undefined, storageFolder: string, run: RunProgram = runProgram): Promise<string> {
  if (!kubectl) throw new SnapshotUnavailable('kubectl was not found on PATH: install it, or choose a cluster file instead');
  fs.mkdirSync(storageFolder, { recursive: true });
  let yaml: string;
  try {
    yaml = await run(kubectl, KUBECTL_ARGS, { cwd: storageFolder });
  } catch (error) {
    throw new SnapshotUnavailable(`kubectl get ${SNAPSHOT_RESOURCES} -A -o yaml failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  const file = path.join(storageFolder, SNAPSHOT_FILE);
  const partial = `${file}.partial`;
  fs.writeFileSync(partial, yaml);
  fs.renameSync(partial, file);
  return file;
}

function runProgram(program: string, args: readonly string[], options: { cwd: string }): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(program, [...args], { cwd: options.cwd, timeout: KUBECTL_TIMEOUT_MS, maxBuffer: MAX_OUTPUT_BYTES, encoding: 'utf8', windowsHide: true }, (error, stdout, stderr) => {
      if (!error) return resolve(stdout);
      const said = stderr.trim().split('\n').slice(0, 3).join(' ');
      reject(new Error(said || (error.killed ? `no answer within ${KUBECTL_TIMEOUT_MS / 1000} s` : error.message)));
    });
  });
}
