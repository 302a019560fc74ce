import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import { FileFilter, globToRegExp } from '../../server/src/workspace/file-filter';
import { WorkerObjectReader } from '../../server/src/workspace/object-reader';
import { WorkspaceIndex } from '../../server/src/workspace/workspace-index';

const DEPLOYMENT_AND_SERVICE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: shop
spec: {}
---
apiVersion: v1
kind: Service
metadata:
  name: web
`;

const CONFIG_MAP_LIST = `apiVersion: v1
kind: ConfigMapList
items:
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: one}
  - apiVersion: v1
    kind: ConfigMap
    metadata: {name: two}
`;

function workspace(t: TestContext, files: Record<string, string>): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-index-'));
  t.after(() => fs.rmSync(root, { recursive: true, force: true }));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    fs.writeFileSync(path.join(root, name), text);
  }
  return root;
}

function startIndex(t: TestContext, maxBytes = 1024 * 1024): WorkspaceIndex {
  const reader = new WorkerObjectReader(maxBytes);
  t.after(() => reader.dispose());
  return new WorkspaceIndex({ read: reader.read, maxBytes });
}

/** Each indexed file, relative to `root`, with its objects written as `Kind/namespace/name`. */
function summary(index: WorkspaceIndex, root: string): Record<string, string[]> {
  const result: Record<string, string[]> = {};
  for (const file of index.files().sort((a, b) => a.key.localeCompare(b.key))) {
    result[path.isAbsolute(file.key) ? path.relative(root, file.key).split(path.sep).join('/') : file.key] = file.objects.map((object) => `${object.kind}/${object.namespace}/${object.name}`);
  }
  return result;
}

test('the index holds the objects of every manifest under the workspace folders, List items included', async (t) => {
  const root = workspace(t, {
    'app/web.yaml': DEPLOYMENT_AND_SERVICE,
    'app/config/list.yml': CONFIG_MAP_LIST,
    'app/settings.json': '{"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "shop"}}',
    '.github/workflows/ci.yml': 'name: CI\non: push\njobs: {}\n',
    'chart/templates/web.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: {{ .Release.Name }}\n',
    'README.md': '# not a manifest\n',
  });
  const index = startIndex(t);
  index.configure([root], new FileFilter());
  await index.whenIdle();
  assert.deepEqual(summary(index, root), {
    '.github/workflows/ci.yml': [],
    'app/config/list.yml': ['ConfigMap//one', 'ConfigMap//two'],
    'app/settings.json': ['Namespace//shop'],
    'app/web.yaml': ['Deployment/shop/web', 'Service//web'],
    'chart/templates/web.yaml': [],
  });
  const service = index.files().find((file) => file.key.endsWith('web.yaml') && file.key.includes('app'))!.objects[1]!;
  assert.deepEqual(service.range.start, { line: 7, character: 0 });
});

test('the index skips node_modules, .git, excluded globs and files over the size limit', async (t) => {
  const root = workspace(t, {
    'web.yaml': DEPLOYMENT_AND_SERVICE,
    'node_modules/pkg/web.yaml': DEPLOYMENT_AND_SERVICE,
    '.git/web.yaml': DEPLOYMENT_AND_SERVICE,
    'generated/web.yaml': DEPLOYMENT_AND_SERVICE,
    'big.yaml': `${DEPLOYMENT_AND_SERVICE}# ${'x'.repeat(2000)}\n`,
  });
  const index = startIndex(t, 1000);
  index.configure([root], new FileFilter({ include: ['**/*.yaml'], exclude: ['generated/**'] }));
  await index.whenIdle();
  assert.deepEqual(Object.keys(summary(index, root)), ['web.yaml']);
});

test('the index survives a symlink loop', { skip: process.platform === 'win32' }, async (t) => {
  const root = workspace(t, { 'a/web.yaml': DEPLOYMENT_AND_SERVICE });
  fs.symlinkSync(root, path.join(root, 'a', 'loop'));
  fs.symlinkSync(path.join(root, 'missing'), path.join(root, 'dangling.yaml'));
  const index = startIndex(t);
  index.configure([root], new FileFilter());
  await index.whenIdle();
  assert.deepEqual(summary(index, root), { 'a/web.yaml': ['Deployment/shop/web', 'Service//web'] });
});

test('an open document replaces its file on disk in the index until it is closed', async (t) => {
  const root = workspace(t, { 'web.yaml': DEPLOYMENT_AND_SERVICE });
  const file = path.join(root, 'web.yaml');
  const index = startIndex(t);
  index.configure([root], new FileFilter());
  await index.whenIdle();

  const edited = { apiVersion: 'v1', kind: 'Service', name: 'api', namespace: '', range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } } };
  index.setOpenDocument(file, [edited]);
  index.setOpenDocument('untitled:Untitled-1', []);
  assert.deepEqual(summary(index, root), { 'web.yaml': ['Service//api'], 'untitled:Untitled-1': [] });

  index.closeDocument(file);
  index.closeDocument('untitled:Untitled-1');
  await index.whenIdle();
  assert.deepEqual(summary(index, root), { 'web.yaml': ['Deployment/shop/web', 'Service//web'] });
});

test('a file open in the editor is not read from disk until it is closed', async (t) => {
  const root = workspace(t, { 'web.yaml': DEPLOYMENT_AND_SERVICE, 'other.yaml': CONFIG_MAP_LIST });
  const file = path.join(root, 'web.yaml');
  const reader = new WorkerObjectReader(1024 * 1024);
  t.after(() => reader.dispose());
  const reads: string[] = [];
  const index = new WorkspaceIndex({
    read: (f) => {
      reads.push(path.basename(f));
      return reader.read(f);
    },
    maxBytes: 1024 * 1024,
  });
  index.setOpenDocument(file, []);
  index.configure([root], new FileFilter());
  await index.whenIdle();
  assert.deepEqual(reads, ['other.yaml']);

  index.closeDocument(file);
  await index.whenIdle();
  assert.deepEqual(reads, ['other.yaml', 'web.yaml']);
});

test('file events update the index: created and changed files are read again, deleted ones leave', async (t) => {
  const root = workspace(t, { 'web.yaml': DEPLOYMENT_AND_SERVICE });
  const index = startIndex(t);
  index.configure([root], new FileFilter());
  await index.whenIdle();

  fs.writeFileSync(path.join(root, 'list.yaml'), CONFIG_MAP_LIST);
  index.fileChanged(path.join(root, 'list.yaml'));
  fs.rmSync(path.join(root, 'web.yaml'));
  index.fileDeleted(path.join(root, 'web.yaml'));
  index.fileChanged(path.join(os.tmpdir(), 'elsewhere.yaml'));
  await index.whenIdle();
  assert.deepEqual(summary(index, root), { 'list.yaml': ['ConfigMap//one', 'ConfigMap//two'] });
});

test('settings globs match the way VS Code matches them', () => {
  assert.ok(globToRegExp('**/*.yaml').test('a/b/c.yaml'));
  assert.ok(globToRegExp('**/*.yaml').test('c.yaml'));
  assert.ok(!globToRegExp('**/*.yaml').test('c.yaml.bak'));
  assert.ok(globToRegExp('**/node_modules/**').test('node_modules/x/y.yaml'));
  assert.ok(globToRegExp('**/node_modules/**').test('a/node_modules/y.yaml'));
  assert.ok(!globToRegExp('**/node_modules/**').test('a/node_modules_old/y.yaml'));
  assert.ok(globToRegExp('k8s/*.{yaml,yml}').test('k8s/app.yml'));
  assert.ok(!globToRegExp('k8s/*.{yaml,yml}').test('k8s/sub/app.yml'));
  assert.ok(globToRegExp('env-[!p]*/*.yaml').test('env-dev/app.yaml'));
  assert.ok(!globToRegExp('env-[!p]*/*.yaml').test('env-prod/app.yaml'));
  assert.ok(globToRegExp('app?.yaml').test('app1.yaml'));
  assert.ok(!globToRegExp('a.yaml').test('axyaml'));
});
