/**
 * `kubeplan can-i` over 1,000 RBAC objects in 20 namespaces: 100 ClusterRoles (10 aggregating others by label, 70
 * labelled for them or for the default view/edit/admin roles, 20 plain), 300 Roles, 400 RoleBindings and 200
 * ClusterRoleBindings to users, groups and ServiceAccounts.
 *
 * Timed in a fresh Node process, the way the CLI computes an answer once it has the decoded objects: the request
 * resolved against the chosen release's resources (its schema bundle loaded), the authorizer built from the objects
 * (the default roles beneath them, every ClusterRole aggregated), the decision; then `--list` the same way. Node's
 * start and reading the YAML are not in that figure; the CLI's end-to-end time (spawn to exit, files read and checked)
 * is measured beside it on the same objects written to files.
 *
 * Usage as a worker: node rbac-throughput.js   (prints one JSON line)
 */
import { execFile } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { performance } from 'node:perf_hooks';
import { canIListOf, canIOf } from '../server/src/cli/can-i-command';
import type { PlainObject } from '../server/src/kube/plain-values';
import { median } from './stats';

export interface RbacThroughput {
  objects: number;
  /** The question asked, as its command line's arguments. */
  question: string;
  answer: string;
  answerMs: number;
  listQuestion: string;
  listRows: number;
  listMs: number;
  /** `node bin/kubeplan.js can-i …` on the objects written to 21 files, spawn to exit. */
  cliMs?: number;
  cliAnswer?: string;
  runsMs?: number[];
  medianMs?: number;
  listRunsMs?: number[];
  listMedianMs?: number;
  cliRunsMs?: number[];
  cliMedianMs?: number;
}

const NAMESPACES = 20;
const RBAC = 'rbac.authorization.k8s.io/v1';
const AGGREGATE_TO = (index: number) => `bench.example.com/aggregate-to-platform-${index}`;
const DEFAULT_AGGREGATIONS = ['view', 'edit', 'admin'].map((role) => `rbac.authorization.k8s.io/aggregate-to-${role}`);
const KUBERNETES_VERSION = '1.36';
/** The question: a ServiceAccount that holds much, asking for what none of it grants, so every binding is visited. */
const QUESTION = { verb: 'delete', target: 'secrets', namespace: 'team-07', user: 'system:serviceaccount:team-07:deployer' };
const LIST_QUESTION = { namespace: 'team-07', user: 'alice-7' };

function namespaceName(index: number): string {
  return `team-${String(index).padStart(2, '0')}`;
}

function rule(verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PlainObject {
  return resourceNames ? { verbs, apiGroups, resources, resourceNames } : { verbs, apiGroups, resources };
}

function clusterRoles(): PlainObject[] {
  const roles: PlainObject[] = [];
  for (let i = 0; i < 10; i++) {
    roles.push({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: `platform-${i}` },
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [AGGREGATE_TO(i)]: 'true' } }, { matchExpressions: [{ key: 'bench.example.com/tier', operator: 'In', values: [`t${i}`] }] }] },
      rules: [],
    });
  }
  for (let i = 0; i < 70; i++) {
    const group = `crd${i % 14}.example.com`;
    const labels: PlainObject = { [AGGREGATE_TO(i % 10)]: 'true', 'bench.example.com/tier': `t${(i * 3) % 10}` };
    if (i % 5 === 0) labels[DEFAULT_AGGREGATIONS[i % 3]!] = 'true';
    const verbs = i % 2 === 0 ? ['get', 'list', 'watch'] : ['get', 'list', 'watch', 'create', 'update', 'patch', 'delete'];
    roles.push({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: `${group}-${i % 2 === 0 ? 'reader' : 'editor'}-${i}`, labels },
      rules: [rule(verbs, [group], [`widgets${i}`, `widgets${i}/status`]), rule(['get'], [group], [`gadgets${i}`], [`gadget-${i}`])],
    });
  }
  for (let i = 0; i < 20; i++) {
    roles.push({
      apiVersion: RBAC,
      kind: 'ClusterRole',
      metadata: { name: `cluster-reader-${i}` },
      rules: [
        rule(['get', 'list', 'watch'], [''], ['nodes', 'namespaces', 'persistentvolumes']),
        rule(['get', 'list'], ['storage.k8s.io'], ['storageclasses']),
        { verbs: ['get'], nonResourceURLs: [`/metrics/${i}`, '/debug/*'] },
      ],
    });
  }
  return roles;
}

function roles(ns: string): PlainObject[] {
  return Array.from({ length: 15 }, (_, i) => ({
    apiVersion: RBAC,
    kind: 'Role',
    metadata: { name: `role-${i}`, namespace: ns },
    rules: [
      rule(['get', 'list', 'watch'], [''], ['pods', 'pods/log', 'services', 'configmaps']),
      rule(['get', 'update'], ['apps'], ['deployments', 'deployments/scale'], [`app-${i}`, `app-${i + 1}`]),
      rule(i % 3 === 0 ? ['*'] : ['create', 'delete'], ['batch'], ['jobs', 'cronjobs']),
      rule(['get'], [''], ['secrets'], [`app-${i}-tls`]),
    ],
  }));
}

function subjects(ns: string, index: number, i: number): PlainObject[] {
  const all: PlainObject[] = [
    { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: `alice-${(index + i) % 10}` },
    { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: `${ns}-devs` },
    { kind: 'ServiceAccount', name: i % 4 === 0 ? 'deployer' : `sa-${i}`, namespace: ns },
  ];
  return all.slice(0, 1 + (i % 3));
}

function roleBindings(ns: string, index: number): PlainObject[] {
  return Array.from({ length: 20 }, (_, i) => ({
    apiVersion: RBAC,
    kind: 'RoleBinding',
    metadata: { name: `binding-${i}`, namespace: ns },
    roleRef:
      i < 15
        ? { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `role-${i}` }
        : { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: i === 19 ? 'edit' : `platform-${(index + i) % 10}` },
    subjects: subjects(ns, index, i),
  }));
}

function clusterRoleBindings(): PlainObject[] {
  return Array.from({ length: 200 }, (_, i) => {
    const roleName = i % 4 === 0 ? `platform-${i % 10}` : i % 4 === 1 ? `cluster-reader-${i % 20}` : `crd${i % 14}.example.com-${i % 2 === 0 ? 'reader' : 'editor'}-${i % 70}`;
    const subject: PlainObject =
      i % 3 === 0
        ? { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: `operator-${i}` }
        : i % 3 === 1
          ? { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: `${namespaceName(i % NAMESPACES)}-devs` }
          : { kind: 'ServiceAccount', name: `controller-${i}`, namespace: namespaceName(i % NAMESPACES) };
    return {
      apiVersion: RBAC,
      kind: 'ClusterRoleBinding',
      metadata: { name: `crb-${i}` },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: roleName },
      subjects: [subject],
    };
  });
}

/** The 1,000 objects, per file: the cluster-scoped ones, then one file per namespace. */
export function rbacFiles(): { name: string; objects: PlainObject[] }[] {
  const files = [{ name: 'cluster.yaml', objects: [...clusterRoles(), ...clusterRoleBindings()] }];
  for (let index = 0; index < NAMESPACES; index++) {
    const ns = namespaceName(index);
    files.push({ name: `${ns}.yaml`, objects: [...roles(ns), ...roleBindings(ns, index)] });
  }
  return files;
}

/** One measurement in this process. */
export function measureRbac(): RbacThroughput {
  const objects = rbacFiles().flatMap((file) => file.objects);
  const started = performance.now();
  const answer = canIOf({ kubernetesVersion: KUBERNETES_VERSION, subresource: '', groups: [], quiet: false, ...QUESTION }, objects);
  const answered = performance.now();
  const listed = canIListOf({ kubernetesVersion: KUBERNETES_VERSION, groups: [], noHeaders: true, ...LIST_QUESTION }, objects);
  const ended = performance.now();
  return {
    objects: objects.length,
    question: questionArgs().join(' '),
    answer: answer.stdout.trim(),
    answerMs: answered - started,
    listQuestion: `--list -n ${LIST_QUESTION.namespace} --as ${LIST_QUESTION.user}`,
    listRows: listed.stdout.split('\n').filter((line) => line !== '').length,
    listMs: ended - answered,
  };
}

function questionArgs(): string[] {
  return [QUESTION.verb, QUESTION.target, '-n', QUESTION.namespace, '--as', QUESTION.user];
}

function runWorker(timeoutMs: number): Promise<RbacThroughput> {
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [__filename], { timeout: timeoutMs, killSignal: 'SIGKILL', maxBuffer: 1 << 20 }, (error, out, err) => {
      if (error) reject(new Error(`can-i: ${error.killed ? `killed after ${timeoutMs} ms` : error.message}${err ? `\n${err.slice(-1000)}` : ''}`));
      else resolve(JSON.parse(out.trim().split('\n').pop()!) as RbacThroughput);
    });
  });
}

/** `kubeplan can-i` from spawn to exit on the objects as YAML files (JSON is YAML); exit 1 is its "no". */
function runCli(repoRoot: string, dir: string, timeoutMs: number): Promise<{ ms: number; answer: string }> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [path.join(repoRoot, 'bin', 'kubeplan.js'), 'can-i', ...questionArgs(), dir], { timeout: timeoutMs, killSignal: 'SIGKILL' }, (error, out, err) => {
      const code = error ? error.code : 0;
      if (code !== 0 && code !== 1) reject(new Error(`kubeplan can-i exited ${String(code)}: ${err.slice(-1000)}`));
      else resolve({ ms: performance.now() - started, answer: out.trim() });
    });
  });
}

/** `runs` measurements, each in a fresh process, then the CLI as many times; the fastest of each, with every run and the medians. */
export async function measureRbacBestOf(repoRoot: string, runs: number, timeoutMs: number): Promise<RbacThroughput> {
  const results: RbacThroughput[] = [];
  for (let run = 0; run < runs; run++) results.push(await runWorker(timeoutMs));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-bench-rbac-'));
  const cli: { ms: number; answer: string }[] = [];
  try {
    for (const file of rbacFiles()) fs.writeFileSync(path.join(dir, file.name), file.objects.map((object) => JSON.stringify(object)).join('\n---\n'));
    for (let run = 0; run < runs; run++) cli.push(await runCli(repoRoot, dir, timeoutMs));
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  const best = results.reduce((a, b) => (b.answerMs < a.answerMs ? b : a));
  const fastestCli = cli.reduce((a, b) => (b.ms < a.ms ? b : a));
  return {
    ...best,
    runsMs: results.map((result) => result.answerMs),
    medianMs: median(results.map((result) => result.answerMs)),
    listMs: Math.min(...results.map((result) => result.listMs)),
    listRunsMs: results.map((result) => result.listMs),
    listMedianMs: median(results.map((result) => result.listMs)),
    cliMs: fastestCli.ms,
    cliAnswer: fastestCli.answer,
    cliRunsMs: cli.map((run) => run.ms),
    cliMedianMs: median(cli.map((run) => run.ms)),
  };
}

if (require.main === module) process.stdout.write(`${JSON.stringify(measureRbac())}\n`);
