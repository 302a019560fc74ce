/** The snapshot of the current kubectl context: which kubectl runs, with which arguments, and what is saved. */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { after, test } from 'node:test';
import { findKubectl, KUBECTL_ARGS, SNAPSHOT_FILE, SnapshotUnavailable, takeSnapshot } from '../../../client/src/plan/kubectl-snapshot';

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-snapshot-'));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

function folder(name: string): string {
  const made = path.join(scratch, name);
  fs.mkdirSync(made, { recursive: true });
  return made;
}

/** A kubectl that writes its arguments and working folder beside itself and prints `output` (or fails with `error`). */
function fakeKubectl(name: string, behaviour: { output?: string; error?: string }): string {
  const bin = folder(name);
  const program = path.join(bin, 'kubectl');
  const body = behaviour.error ? `echo '${behaviour.error}' >&2\nexit 1` : `cat <<'YAML'\n${behaviour.output ?? ''}YAML`;
  fs.writeFileSync(program, `#!/bin/sh\nprintf '%s\\n' "$@" > "${bin}/args"\npwd > "${bin}/cwd"\n${body}\n`, { mode: 0o755 });
  return program;
}

test('the snapshot is the one read-only kubectl get of every kind the cluster model reads, all namespaces, as YAML', () => {
  assert.deepEqual(KUBECTL_ARGS, ['get', 'nodes,namespaces,deployments,replicasets,statefulsets,daemonsets,jobs,pods,services,pvc,pv,limitranges,resourcequotas,hpa,pdb', '-A', '-o', 'yaml']);
});

test('kubectl is found on PATH as an absolute path; relative and empty PATH entries, and files that cannot run, are passed over', { skip: process.platform === 'win32' }, () => {
  const program = fakeKubectl('found', { output: '' });
  const notExecutable = folder('not-executable');
  fs.writeFileSync(path.join(notExecutable, 'kubectl'), '', { mode: 0o644 });
  const env = { PATH: ['', '.', 'bin', notExecutable, path.dirname(program)].join(':') };
  assert.equal(findKubectl(env, 'linux'), program);
  assert.equal(findKubectl({ PATH: notExecutable }, 'linux'), undefined);
});

test('on Windows only kubectl.exe is taken', { skip: process.platform !== 'win32' }, () => {
  const bin = folder('windows');
  fs.writeFileSync(path.join(bin, 'kubectl.cmd'), '');
  assert.equal(findKubectl({ Path: bin }, 'win32'), undefined);
  fs.writeFileSync(path.join(bin, 'kubectl.exe'), '');
  assert.equal(findKubectl({ Path: bin }, 'win32'), path.join(bin, 'kubectl.exe'));
});

test('kubectl runs from the storage folder and its output is saved there', { skip: process.platform === 'win32' }, async () => {
  const program = fakeKubectl('ok', { output: 'apiVersion: v1\nkind: List\nitems: []\n' });
  const storage = path.join(scratch, 'storage', 'new');
  const file = await takeSnapshot(program, storage);
  assert.equal(file, path.join(storage, SNAPSHOT_FILE));
  assert.equal(fs.readFileSync(file, 'utf8'), 'apiVersion: v1\nkind: List\nitems: []\n');
  assert.deepEqual(
    fs
      .readFileSync(path.join(path.dirname(program), 'args'), 'utf8')
      .trim()
      .split('\n'),
    KUBECTL_ARGS,
  );
  assert.equal(fs.realpathSync(fs.readFileSync(path.join(path.dirname(program), 'cwd'), 'utf8').trim()), fs.realpathSync(storage));
});

test('without kubectl the message says so and nothing is written', async () => {
  const storage = folder('absent');
  await assert.rejects(takeSnapshot(undefined, storage), new SnapshotUnavailable('kubectl was not found on PATH: install it, or choose a cluster file instead'));
  assert.deepEqual(fs.readdirSync(storage), []);
});

test("a failing kubectl's message is passed on and the last snapshot is kept", { skip: process.platform === 'win32' }, async () => {
  const storage = folder('failing');
  fs.writeFileSync(path.join(storage, SNAPSHOT_FILE), 'kind: List\n');
  const program = fakeKubectl('failing-bin', { error: 'error: You must be logged in to the server (Unauthorized)' });
  await assert.rejects(takeSnapshot(program, storage), (error: unknown) => {
    assert.ok(error instanceof SnapshotUnavailable);
    assert.match(error.message, /-A -o yaml failed: error: You must be logged in to the server \(Unauthorized\)$/);
    return true;
  });
  assert.equal(fs.readFileSync(path.join(storage, SNAPSHOT_FILE), 'utf8'), 'kind: List\n');
});
