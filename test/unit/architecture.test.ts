/**
 * The layering of server/src and client/src, read from the imports of every source file (static `import … from`,
 * `export … from`, `import()`, `require()` and `import('…')` types): which folder may import which, where the editor
 * and language-server libraries may be used, what the extension takes from the server, no cycle between folders, and
 * no source file that no entry point reaches.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';
import { repoRoot } from '../helpers/repo-paths';

/**
 * Every folder of server/src with its tier, bottom first, and what it is. A folder imports from server/src only
 * folders of lower tiers: folders of one tier never import each other (the cluster model and the catalog, say), the
 * cluster model cannot reach the rules or the check, and nothing reaches the front ends (lsp/, cli/).
 * ARCHITECTURE.md states one invariant per layer.
 */
const LAYERS: readonly (readonly [folder: string, tier: number, what: string])[] = [
  ['protocol', 0, 'the wire contract'],
  ['kube', 0, 'Kubernetes primitives'],
  ['text', 0, 'text for people: counted nouns, wrapping, tables, colour'],
  ['parse', 1, 'YAML as kubectl decodes it'],
  ['schema', 2, 'schemas and the API server decoder wording'],
  ['defaulting', 2, 'API-server defaulting'],
  ['cron', 2, 'cron schedules'],
  ['cel', 2, 'CEL expressions'],
  ['cluster', 3, 'the cluster model'],
  ['catalog', 3, 'the workspace read model'],
  ['rbac', 3, 'the RBAC authorizer'],
  ['rules', 4, 'object and cross-object rules'],
  ['check', 5, 'the check use case'],
  ['plan', 6, 'the plan use case and its rendering'],
  ['files', 7, 'reading files'],
  ['features', 8, 'editor features'],
  ['workspace', 9, 'the language server workspace index'],
  ['lsp', 10, 'the language server'],
  ['cli', 11, 'the command line'],
];

/**
 * The server files the extension may import besides protocol/: the versions its picker offers, the plan page its
 * webview shows (the page `kubeplan plan --output html` writes), and finding and running the user's kubectl and
 * kustomize, which only the extension does in the editor (in a trusted workspace), never the language server.
 */
const CLIENT_MAY_IMPORT = ['server/src/schema/versions.ts', 'server/src/plan/html/plan-page.ts', 'server/src/files/program-on-path.ts', 'server/src/files/kustomize-build.ts'];

/** The plan page is bundled into the extension, so it reaches no further into the engine than the extension may. */
const PLAN_PAGE = 'server/src/plan/html';
/** Files outside protocol/ the plan page may import: they import nothing but protocol/ themselves. */
const PAGE_MAY_IMPORT = ['server/src/kube/quantity.ts', 'server/src/plan/service-endpoints.ts'];

/** The only folder that imports lsp/ from outside it, and only by dynamic import: `kubeplan lsp` starts the server. */
const STARTS_LANGUAGE_SERVER = 'cli';

const SOURCE_ROOTS = ['server/src', 'client/src'];
const CLIENT = 'client/src';

interface Import {
  /** The importing file, relative to the checkout, with `/` separators. */
  readonly file: string;
  readonly line: number;
  readonly specifier: string;
  readonly kind: 'import' | 'export' | 'dynamic import' | 'require' | 'import() type';
  /** The imported file, relative to the checkout, for a relative specifier. */
  readonly target: string | undefined;
}

const relative = (absolute: string): string => path.relative(repoRoot, absolute).split(path.sep).join('/');

function sourceFilesUnder(dir: string): string[] {
  return fs.readdirSync(path.join(repoRoot, dir), { withFileTypes: true }).flatMap((entry) => {
    const child = `${dir}/${entry.name}`;
    if (entry.isDirectory()) return sourceFilesUnder(child);
    return entry.name.endsWith('.ts') ? [child] : [];
  });
}

/** Resolves a relative specifier as TypeScript does for this project (node10): the file, `.ts`, `/index.ts`, or `.js` compiled from `.ts`. */
function resolveRelative(file: string, specifier: string): string {
  const base = path.resolve(repoRoot, path.dirname(file), specifier);
  const candidates = [`${base}.ts`, base, path.join(base, 'index.ts'), base.replace(/\.js$/, '.ts')];
  const found = candidates.find((candidate) => fs.existsSync(candidate) && fs.statSync(candidate).isFile());
  if (!found) throw new Error(`${file}: cannot resolve the import '${specifier}'`);
  return relative(found);
}

/** A string literal argument, or undefined for a computed one (`require(path.join(dir, name))` names no source file). */
const literalText = (node: ts.Node | undefined): string | undefined => (node && ts.isStringLiteralLike(node) ? node.text : undefined);

const parsed = new Map<string, ts.SourceFile>();

function parse(file: string): ts.SourceFile {
  const cached = parsed.get(file);
  if (cached) return cached;
  const kind = file.endsWith('.js') ? ts.ScriptKind.JS : ts.ScriptKind.TS;
  const source = ts.createSourceFile(file, fs.readFileSync(path.join(repoRoot, file), 'utf8'), ts.ScriptTarget.Latest, true, kind);
  parsed.set(file, source);
  return source;
}

const importCache = new Map<string, Import[]>();

function importsOf(file: string): Import[] {
  const cached = importCache.get(file);
  if (cached) return cached;
  const source = parse(file);
  const found: Import[] = [];
  const add = (node: ts.Node, specifier: string, kind: Import['kind']): void => {
    const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
    found.push({ file, line, specifier, kind, target: specifier.startsWith('.') ? resolveRelative(file, specifier) : undefined });
  };
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) {
      const specifier = literalText(node.moduleSpecifier);
      if (specifier !== undefined) add(node, specifier, ts.isImportDeclaration(node) ? 'import' : 'export');
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) {
      const specifier = literalText(node.moduleReference.expression);
      if (specifier !== undefined) add(node, specifier, 'require');
    } else if (ts.isCallExpression(node)) {
      const specifier = literalText(node.arguments[0]);
      if (specifier !== undefined && node.expression.kind === ts.SyntaxKind.ImportKeyword) add(node, specifier, 'dynamic import');
      if (specifier !== undefined && ts.isIdentifier(node.expression) && node.expression.text === 'require') add(node, specifier, 'require');
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      const specifier = literalText(node.argument.literal);
      if (specifier !== undefined) add(node, specifier, 'import() type');
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  importCache.set(file, found);
  return found;
}

/**
 * Worker threads a file starts by path, `new Worker(path.join(__dirname, 'name.js'))`: the compiled sibling of a
 * source file, which no import names.
 */
function workersStartedBy(file: string): string[] {
  const workers: string[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isNewExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 'Worker') {
      const where = node.arguments?.[0];
      if (where && ts.isCallExpression(where) && where.arguments[0] && ts.isIdentifier(where.arguments[0]) && where.arguments[0].text === '__dirname') {
        const segments = where.arguments.slice(1).map(literalText);
        if (segments.every((segment) => segment !== undefined)) workers.push(resolveRelative(file, `./${segments.join('/')}`));
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(parse(file));
  return workers;
}

/** A compiled file under out/ back to its source (tsconfig: rootDir `.`, outDir `out`). */
function sourceOfCompiled(compiled: string): string {
  assert.ok(compiled.startsWith('out/') && compiled.endsWith('.js'), `${compiled} is not a compiled file under out/`);
  return compiled.slice('out/'.length).replace(/\.js$/, '.ts');
}

/**
 * The entry points, read from package.json so that they do not drift: the CLI the `bin` launchers require from out/,
 * the bundles `npm run bundle` builds (extension, language server, object-reader worker) and the build steps
 * `npm run build` runs with node (the schema generator). Worker threads are reached from the files that start them.
 */
function entryPoints(): string[] {
  const pkg = JSON.parse(fs.readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
  const entries = new Set<string>();
  for (const launcher of Object.values(pkg.bin)) {
    for (const imported of importsOf(path.posix.normalize(launcher))) {
      if (imported.target?.startsWith('out/')) entries.add(sourceOfCompiled(imported.target));
    }
  }
  for (const argument of (pkg.scripts['bundle'] ?? '').split(/\s+/)) if (argument.endsWith('.ts')) entries.add(argument);
  for (const step of (pkg.scripts['build'] ?? '').matchAll(/\bnode\s+(out\/\S+\.js)/g)) entries.add(sourceOfCompiled(step[1] ?? ''));
  return [...entries];
}

const sourceFiles = SOURCE_ROOTS.flatMap(sourceFilesUnder);
const allImports = sourceFiles.flatMap(importsOf);

/** The folder of server/src a file is in, or undefined outside server/src. */
function serverFolder(file: string): string | undefined {
  return file.startsWith('server/src/') ? file.split('/')[2] : undefined;
}

/** Where a file sits, for rules that name both roots: its server/src folder, or client/src. */
function placeOf(file: string): string {
  return serverFolder(file) ?? (file.startsWith(`${CLIENT}/`) ? CLIENT : file);
}

function describeImport(imported: Import): string {
  const target = imported.target ? ` (${imported.target})` : '';
  return `${imported.file}:${imported.line} ${imported.kind} '${imported.specifier}'${target}`;
}

function assertNoViolation(rule: string, violations: readonly Import[]): void {
  if (violations.length > 0) assert.fail(`${rule}; broken by ${violations.length} import(s):\n  ${violations.map(describeImport).join('\n  ')}`);
}

const LAYER_ORDER = LAYERS.map(([folder]) => folder);

test('every folder of server/src has a line in the layer table', () => {
  const folders = fs.readdirSync(path.join(repoRoot, 'server/src'));
  assert.deepEqual(
    folders.filter((folder) => !LAYER_ORDER.includes(folder)),
    [],
    'add the folder to LAYERS in test/unit/architecture.test.ts, at its place in the order',
  );
});

LAYERS.forEach(([layer, tier, what]) => {
  const below = LAYERS.filter(([, other]) => other < tier).map(([folder]) => folder);
  const rule = below.length === 0 ? `${layer}/ (${what}) imports nothing from server/src` : `${layer}/ (${what}) imports from server/src only ${below.map((folder) => `${folder}/`).join(', ')}`;
  test(rule, () => {
    const violations = allImports.filter((imported) => {
      const target = imported.target && serverFolder(imported.target);
      return serverFolder(imported.file) === layer && target !== undefined && target !== layer && !below.includes(target);
    });
    assertNoViolation(rule, violations);
  });
});

test('nothing outside cli/ imports cli/ (cli is a leaf)', () => {
  const violations = allImports.filter((imported) => imported.target && serverFolder(imported.target) === 'cli' && serverFolder(imported.file) !== 'cli');
  assertNoViolation('nothing outside cli/ imports cli/ (cli is a leaf)', violations);
});

test(`nothing outside lsp/ imports lsp/, but ${STARTS_LANGUAGE_SERVER}/ by dynamic import to start the server`, () => {
  const violations = allImports.filter((imported) => {
    if (!imported.target || serverFolder(imported.target) !== 'lsp') return false;
    const from = serverFolder(imported.file);
    return from !== 'lsp' && !(from === STARTS_LANGUAGE_SERVER && imported.kind === 'dynamic import');
  });
  assertNoViolation(`nothing outside lsp/ imports lsp/, but ${STARTS_LANGUAGE_SERVER}/ by dynamic import to start the server`, violations);
});

test('only lsp/ and client/src import vscode-languageserver*', () => {
  const violations = allImports.filter((imported) => imported.specifier.startsWith('vscode-languageserver') && !['lsp', CLIENT].includes(placeOf(imported.file)));
  assertNoViolation('only lsp/ and client/src import vscode-languageserver*', violations);
});

test('only client/src imports vscode and vscode-languageclient', () => {
  const editorOnly = (specifier: string): boolean => specifier === 'vscode' || specifier === 'vscode-languageclient' || specifier.startsWith('vscode-languageclient/');
  const violations = allImports.filter((imported) => editorOnly(imported.specifier) && placeOf(imported.file) !== CLIENT);
  assertNoViolation('only client/src imports vscode and vscode-languageclient', violations);
});

test(`client/src imports from server/src only protocol/ and ${CLIENT_MAY_IMPORT.join(', ')}`, () => {
  const violations = allImports.filter((imported) => {
    if (placeOf(imported.file) !== CLIENT || !imported.target?.startsWith('server/src/')) return false;
    return serverFolder(imported.target) !== 'protocol' && !CLIENT_MAY_IMPORT.includes(imported.target);
  });
  assertNoViolation(`client/src imports from server/src only protocol/ and ${CLIENT_MAY_IMPORT.join(', ')}`, violations);
});

test(`${PLAN_PAGE}/ imports from server/src only protocol/, kube/quantity.ts, plan/service-endpoints.ts and its own folder`, () => {
  const violations = allImports.filter((imported) => {
    if (!imported.file.startsWith(`${PLAN_PAGE}/`) || !imported.target?.startsWith('server/src/')) return false;
    return serverFolder(imported.target) !== 'protocol' && !PAGE_MAY_IMPORT.includes(imported.target) && !imported.target.startsWith(`${PLAN_PAGE}/`);
  });
  assertNoViolation(`${PLAN_PAGE}/ imports from server/src only protocol/, kube/quantity.ts, plan/service-endpoints.ts and its own folder`, violations);
});

/** Strongly connected components of a graph (Tarjan): the groups of nodes that reach each other. */
function stronglyConnected(nodes: readonly string[], edges: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  const connect = (node: string): void => {
    index.set(node, index.size);
    low.set(node, index.get(node) ?? 0);
    stack.push(node);
    onStack.add(node);
    for (const next of edges.get(node) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(node, Math.min(low.get(node) ?? 0, low.get(next) ?? 0));
      } else if (onStack.has(next)) {
        low.set(node, Math.min(low.get(node) ?? 0, index.get(next) ?? 0));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    for (let member = stack.pop(); member !== undefined; member = stack.pop()) {
      onStack.delete(member);
      component.push(member);
      if (member === node) break;
    }
    components.push(component.sort());
  };
  for (const node of nodes) if (!index.has(node)) connect(node);
  return components;
}

/** A shortest cycle from `start` back to itself through the given nodes, e.g. ['kube', 'parse', 'kube']. */
function cycleThrough(start: string, within: ReadonlySet<string>, edges: ReadonlyMap<string, ReadonlySet<string>>): string[] {
  const cameFrom = new Map<string, string>();
  const queue = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head] ?? start;
    for (const next of edges.get(node) ?? []) {
      if (!within.has(next)) continue;
      if (next === start) {
        const cycle = [start];
        for (let back: string | undefined = node; back !== undefined && back !== start; back = cameFrom.get(back)) cycle.unshift(back);
        return [start, ...cycle];
      }
      if (!cameFrom.has(next)) {
        cameFrom.set(next, node);
        queue.push(next);
      }
    }
  }
  return [start];
}

test('the folder dependency graph of server/src is acyclic', () => {
  const edges = new Map<string, Set<string>>();
  const importsBetween = new Map<string, Import[]>();
  for (const imported of allImports) {
    const from = serverFolder(imported.file);
    const to = imported.target && serverFolder(imported.target);
    if (from === undefined || to === undefined || from === to) continue;
    edges.set(from, (edges.get(from) ?? new Set()).add(to));
    const key = `${from} -> ${to}`;
    importsBetween.set(key, [...(importsBetween.get(key) ?? []), imported]);
  }
  const cycles = stronglyConnected([...edges.keys()].sort(), edges)
    .filter((component) => component.length > 1)
    .map((component) => {
      const members = new Set(component);
      const inside = [...importsBetween.entries()].filter(([key]) => {
        const [from = '', to = ''] = key.split(' -> ');
        return members.has(from) && members.has(to);
      });
      const cycle = cycleThrough(component[0] ?? '', members, edges).join(' -> ');
      const evidence = inside.map(([key, imports]) => `    ${key}: ${imports.length} import(s), e.g. ${imports[0] ? describeImport(imports[0]) : ''}`);
      return `${component.join(', ')} depend on each other (${cycle}):\n${evidence.join('\n')}`;
    });
  if (cycles.length > 0) assert.fail(`the folder dependency graph of server/src has ${cycles.length} cycle(s):\n  ${cycles.join('\n  ')}`);
});

test('every source file under server/src and client/src is reachable from an entry point', () => {
  const entries = entryPoints();
  for (const entry of entries) assert.ok(fs.existsSync(path.join(repoRoot, entry)), `entry point ${entry}, read from package.json, does not exist`);
  const reached = new Set<string>();
  const pending = [...entries];
  for (let file = pending.pop(); file !== undefined; file = pending.pop()) {
    if (reached.has(file) || !file.endsWith('.ts')) continue;
    reached.add(file);
    for (const imported of importsOf(file)) if (imported.target) pending.push(imported.target);
    pending.push(...workersStartedBy(file));
  }
  const unreached = sourceFiles.filter((file) => !reached.has(file));
  const from = `entry points ${entries.join(', ')} and the worker threads they start`;
  if (unreached.length > 0) assert.fail(`${unreached.length} source file(s) not reached by imports from the ${from}:\n  ${unreached.join('\n  ')}`);
});
