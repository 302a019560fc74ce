/**
 * The language server refreshes cross-object findings after each edit from what the edit changed (the index's
 * changes, the catalog's sets, what rules derive per kind kept between runs). After every step of a series of edits,
 * to open documents and to files on disk, its findings must be those `kubeplan check` computes from scratch over the
 * same texts, for each kind of cross-object rule.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { test, type TestContext } from 'node:test';
import type { WorkspaceObject } from '../../../server/src/catalog/workspace-object';
import { validateText } from '../../../server/src/check/validate-text';
import type { CrossFinding } from '../../../server/src/catalog/workspace-object';
import type { UnreadableDocument } from '../../../server/src/catalog/unreadable-documents';
import { toIndexed } from '../../../server/src/lsp/conversions';
import { LineIndex } from '../../../server/src/parse/line-index';
import { runCrossObjectRules } from '../../../server/src/rules/cross-object/run-cross-object-rules';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';
import { CrossFileChecker } from '../../../server/src/workspace/cross-file-findings';
import { DiskObject, SharedStrings } from '../../../server/src/workspace/disk-object';
import { FileFilter } from '../../../server/src/workspace/file-filter';
import { objectRefs } from '../../../server/src/workspace/object-refs';
import { WorkspaceIndex } from '../../../server/src/workspace/workspace-index';
import { deployment, service } from './workspace';

const OPT_IN = new Set(['pdb-missing']);

const podSpec = (serviceAccount: string, claim: string, config: string) => `      serviceAccountName: ${serviceAccount}
      containers:
        - name: app
          image: nginx:1.27
          ports: [{name: http, containerPort: 8080}]
          env:
            - {name: LEVEL, valueFrom: {configMapKeyRef: {name: ${config}, key: level}}}
            - {name: API, value: "http://api.default.svc.cluster.local:80"}
          envFrom: [{secretRef: {name: credentials}}]
          volumeMounts: [{name: data, mountPath: /data}]
      volumes:
        - name: data
          persistentVolumeClaim: {claimName: ${claim}}`;

const web = (labels = '{app: web}', name = 'web', config = 'settings') => deployment(name, labels, { replicas: 3, podSpec: podSpec('robot', 'data', config) });
const HPA = (target: string) =>
  `apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: ${target}}\n  minReplicas: 1\n  maxReplicas: 3\n`;
const PDB = (labels: string) => `apiVersion: policy/v1\nkind: PodDisruptionBudget\nmetadata: {name: web}\nspec:\n  maxUnavailable: 0\n  selector: {matchLabels: ${labels}}\n`;
const POLICY = (labels: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: NetworkPolicy\nmetadata: {name: web}\nspec:\n  podSelector: {matchLabels: ${labels}}\n  ingress:\n    - from: [{podSelector: {matchLabels: {app: api}}}]\n      ports: [{port: http}]\n`;
const BINDING = (role: string, account: string) =>
  `apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {name: robot}\nroleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ${role}}\nsubjects: [{kind: ServiceAccount, name: ${account}}]\n`;
const ROLE = 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: reader}\nrules: [{apiGroups: [""], resources: [pods], verbs: [get]}]\n';
const ACCOUNT = (name: string) => `apiVersion: v1\nkind: ServiceAccount\nmetadata: {name: ${name}}\n`;
const CLAIM = 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec:\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n';
const CONFIG = (name: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${name}}\ndata: {level: debug}\n`;
const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata: {name: credentials}\nstringData: {password: x}\n';
const INGRESS = (serviceName: string) =>
  `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend: {service: {name: ${serviceName}, port: {name: http}}}\n`;
const STATEFUL = `apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  serviceName: web\n  selector: {matchLabels: {app: db}}\n  template:\n    metadata: {labels: {app: db}}\n    spec:\n      containers: [{name: db, image: postgres:16}]\n`;
const CRD = (scope: string) => `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata: {name: backups.example.com}
spec:
  group: example.com
  scope: ${scope}
  names: {plural: backups, singular: backup, kind: Backup}
  versions:
    - name: v1
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          properties:
            spec:
              type: object
              properties:
                schedule: {type: string}
`;
const BACKUP = (schedule: string) => `apiVersion: example.com/v1\nkind: Backup\nmetadata: {name: nightly}\nspec:\n  schedule: ${schedule}\n`;

/** The language server's side: an index over files on disk with open documents over them, and one checker throughout. */
class Workspace {
  readonly root: string;
  readonly index: WorkspaceIndex;
  readonly checker = new CrossFileChecker();
  /** The text of each file as the server sees it: open documents' text over what is on disk. */
  private readonly disk = new Map<string, string>();
  private readonly open = new Map<string, string>();

  constructor(t: TestContext, files: Record<string, string>) {
    this.root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubeplan-refresh-'));
    t.after(() => fs.rmSync(this.root, { recursive: true, force: true }));
    for (const [name, text] of Object.entries(files)) this.write(name, text);
    const strings = new SharedStrings();
    // The reader of the server, on this thread: the objects it finds, as the index keeps them.
    const read = async (file: string) => {
      const { objects, unreadable } = structuredClone(objectRefs(fs.readFileSync(file, 'utf8'), file));
      return { objects: objects.map((object) => new DiskObject(file, object, strings)), unreadable };
    };
    this.index = new WorkspaceIndex({ read, maxBytes: 1024 * 1024 });
    this.index.configure([this.root], new FileFilter());
  }

  key(name: string): string {
    return path.join(this.root, name);
  }

  write(name: string, text: string): void {
    fs.writeFileSync(this.key(name), text);
    this.disk.set(name, text);
  }

  async changeOnDisk(name: string, text: string): Promise<void> {
    this.write(name, text);
    this.index.fileChanged(this.key(name));
    await this.index.whenIdle();
  }

  async deleteOnDisk(name: string): Promise<void> {
    fs.rmSync(this.key(name));
    this.disk.delete(name);
    this.index.fileDeleted(this.key(name));
    await this.index.whenIdle();
  }

  /** Opens or edits a document, as the server does once it has validated it. */
  edit(name: string, text: string): void {
    this.open.set(name, text);
    const lines = new LineIndex(text);
    const report = validateText(text, { kubernetesVersion: DEFAULT_VERSION });
    this.index.setOpenDocument(
      this.key(name),
      report.objects.map((object) => toIndexed(object, lines)),
      report.unreadable,
    );
  }

  async close(name: string): Promise<void> {
    this.open.delete(name);
    this.index.closeDocument(this.key(name));
    await this.index.whenIdle();
  }

  /** The findings about the open documents, refreshed from what changed since the last refresh. */
  incremental(): string[] {
    const shown = [...this.open.keys()].map((name) => this.key(name));
    const { byFile } = this.checker.run(this.index, shown, OPT_IN);
    return describe([...byFile.values()].flat());
  }

  /** The same findings computed from scratch over every text, as `kubeplan check` computes them. */
  fromScratch(): string[] {
    const texts = new Map(this.disk);
    for (const [name, text] of this.open) texts.set(name, text);
    const objects: WorkspaceObject[] = [];
    const unreadable = new Map<string, UnreadableDocument[]>();
    for (const [name, text] of texts) {
      const report = validateText(text, { kubernetesVersion: DEFAULT_VERSION });
      for (const object of report.objects) objects.push({ ...object, file: this.key(name) });
      if (report.unreadable) unreadable.set(this.key(name), report.unreadable);
    }
    const shown = new Set([...this.open.keys()].map((name) => this.key(name)));
    return describe(runCrossObjectRules(objects, { optIn: OPT_IN, reportOn: shown }, unreadable));
  }
}

function describe(findings: readonly CrossFinding[]): string[] {
  return findings.map((finding) => `${path.basename(finding.file)} ${finding.rule} ${finding.path} ${finding.range.start}-${finding.range.end} ${finding.message}`).sort();
}

/** Checks that both agree, and returns the rules that fired. */
function agree(workspace: Workspace, step: string): string[] {
  const incremental = workspace.incremental();
  assert.deepEqual(incremental, workspace.fromScratch(), step);
  return incremental.map((line) => line.split(' ')[1]!);
}

test('after each edit, the incremental refresh finds what a check from scratch finds, for every kind of cross-object rule', async (t) => {
  const workspace = new Workspace(t, {
    'deploy.yaml': web(),
    'svc.yaml': service('web', '  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]'),
    'hpa.yaml': HPA('web'),
    'pdb.yaml': PDB('{app: web}'),
    'policy.yaml': POLICY('{app: web}'),
    'rbac.yaml': `${ROLE}---\n${BINDING('reader', 'robot')}`,
    'account.yaml': ACCOUNT('robot'),
    // Another ServiceAccount, so that the workspace evidently holds the namespace's accounts when robot goes.
    'builder.yaml': ACCOUNT('builder'),
    'claim.yaml': CLAIM,
    'config.yaml': `${CONFIG('settings')}---\n${SECRET}`,
    'ingress.yaml': INGRESS('web'),
    'stateful.yaml': STATEFUL,
    'crd.yaml': CRD('Namespaced'),
    'backup.yaml': BACKUP('daily'),
  });
  await workspace.index.whenIdle();
  const fired = new Set<string>();
  const step = (name: string) => {
    for (const rule of agree(workspace, name)) fired.add(rule);
  };

  for (const name of ['deploy.yaml', 'svc.yaml', 'hpa.yaml', 'pdb.yaml', 'policy.yaml', 'rbac.yaml', 'ingress.yaml', 'stateful.yaml', 'backup.yaml']) {
    workspace.edit(name, fs.readFileSync(workspace.key(name), 'utf8'));
  }
  step('documents opened as they are on disk');

  // Service selectors, PDBs and NetworkPolicies: the pods they select change their labels.
  workspace.edit('deploy.yaml', web('{app: webb}'));
  step('the Deployment relabelled');
  workspace.edit('deploy.yaml', web());
  step('the Deployment labelled back');

  // References to ConfigMaps, Secrets, ServiceAccounts and PVCs: what they name comes and goes on disk.
  await workspace.deleteOnDisk('account.yaml');
  step('the ServiceAccount deleted');
  await workspace.changeOnDisk('config.yaml', `${CONFIG('other')}---\n${SECRET}`);
  step('the ConfigMap renamed on disk');
  await workspace.deleteOnDisk('claim.yaml');
  step('the claim deleted');
  workspace.edit('deploy.yaml', web('{app: web}', 'web', 'other'));
  step('the reference follows the ConfigMap');

  // HPA targets and the replicas they override.
  workspace.edit('deploy.yaml', web('{app: web}', 'frontend', 'other'));
  step('the Deployment renamed');
  workspace.edit('hpa.yaml', HPA('frontend'));
  step('the HPA follows');

  // RBAC bindings: the Role and the subject.
  workspace.edit('rbac.yaml', `${ROLE}---\n${BINDING('writer', 'robot')}`);
  step('the binding pointed at a Role not in the workspace');
  await workspace.changeOnDisk('account.yaml', ACCOUNT('robot'));
  step('the ServiceAccount back');

  // Ingress backends and StatefulSets' governing Service.
  workspace.edit('svc.yaml', service('api', '  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: http}]'));
  step('the Service renamed');
  workspace.edit('stateful.yaml', `${STATEFUL}---\n${STATEFUL}`);
  step('an object written twice in one file');

  // Custom resources: the CRD's schema and scope change on disk.
  workspace.edit('backup.yaml', BACKUP('[1, 2]'));
  step('the custom resource breaks its schema');
  await workspace.changeOnDisk('crd.yaml', CRD('Cluster'));
  step('the CRD becomes cluster-scoped');
  await workspace.deleteOnDisk('crd.yaml');
  step('the CRD deleted');

  // A document that cannot be read: what it held may be what the rules look for; once repaired, it is again.
  workspace.edit('deploy.yaml', web('{app: web}', 'frontend', 'other').replace('      containers:\n        - name: app', '      containers:\n\t- name: app'));
  step('the Deployment broken by a tab: its pods may still be selected');
  workspace.edit('deploy.yaml', web('{app: web}', 'frontend', 'other'));
  step('the Deployment repaired');
  await workspace.changeOnDisk('config.yaml', `${CONFIG('other')}---\n${SECRET}`.replace('kind: ConfigMap', 'kind ConfigMap'));
  step('the ConfigMap on disk broken where its kind is written');
  await workspace.changeOnDisk('config.yaml', `${CONFIG('other')}---\n${SECRET}`);
  step('the ConfigMap on disk repaired');

  await workspace.close('svc.yaml');
  step('a document closed: its file on disk stands for it again');
  await workspace.changeOnDisk('new.yaml', service('web', '  selector: {app: nothing}\n  ports: [{port: 80}]'));
  workspace.edit('new.yaml', service('web', '  selector: {app: nothing}\n  ports: [{port: 80}]'));
  step('a new file');

  // Each kind of rule fired at some step, so that the agreement above is about findings, not about silence.
  for (const rule of [
    'service-selects-nothing',
    'pdb-matches-nothing',
    'pdb-never-allows-eviction',
    'network-policy-selects-nothing',
    'missing-config-reference',
    'missing-reference',
    'hpa-target-missing',
    'hpa-static-replicas',
    'rbac-role-missing',
    'rbac-subject-missing',
    'service-dns-name-missing',
    'ingress-missing-service',
    'statefulset-service-not-headless',
    'duplicate-object',
    'custom-resource-schema',
    'target-in-unreadable-document',
  ]) {
    assert.ok(fired.has(rule), `${rule} never fired; fired: ${[...fired].sort().join(', ')}`);
  }
});
