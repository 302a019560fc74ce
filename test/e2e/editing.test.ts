/**
 * Editing with the packaged extension in a real VS Code (code-server) driven through Chromium: a completion chosen
 * at a list item's dash column, and each quick fix applied through the editor's Quick Fix menu, with the file as
 * saved checked after. Runs after `npm run test:e2e` has packaged the extension and prepared the editor:
 * `node --test --test-reporter=spec out/editor/test/e2e/editing.test.js`.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, describe, it } from 'node:test';
import { EditorSession, skipReason } from './editor-session';

const STEP_TIMEOUT_MS = 30_000;

const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  replicas: 3
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers:
        - name: web
          image: nginx:1.25
          imagePullPolicy: Always
`;

const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata: {name: storefront}\nspec:\n  selector: {app: web}\n  ports: [{name: http, port: 80, targetPort: 8080}]\n';

function ingress(service: string, port: string): string {
  return `apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: web}\nspec:\n  ingressClassName: nginx\n  rules:\n    - http:\n        paths:\n          - path: /\n            pathType: Prefix\n            backend:\n              service: {name: ${service}, port: {name: ${port}}}\n`;
}

interface FixCase {
  /** What the fix does, as the test's name. */
  name: string;
  text: string;
  /** The text the diagnostic underlines; the fix is asked for at its start. */
  at: string;
  title: string;
  /** The file as saved once the fix is applied. */
  fixed: string;
}

/**
 * Each quick fix the extension offers, with its expected result worked from the message it answers: apimachinery's
 * field errors (util/validation/field/errors.go), encoding/json's UnmarshalTypeError, resource.ParseQuantity, the
 * deprecated-API migration guide for removed apiVersions, and the references the cross-object rules name.
 */
const FIXES: FixCase[] = [
  {
    name: 'a finding is ignored by a comment above its line',
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\nzzzzzzzz: 1\n',
    at: 'zzzzzzzz',
    title: 'Ignore unknown-field on this line (# kubeplan-ignore comment)',
    fixed: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\n# kubeplan-ignore unknown-field\nzzzzzzzz: 1\n',
  },
  {
    name: "a finding is ignored by the object's annotation",
    text: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: Bad_Name\n',
    at: 'Bad_Name',
    title: 'Ignore object-name in this object (kubeplan.dev/ignore annotation)',
    fixed: 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  annotations:\n    kubeplan.dev/ignore: object-name\n  name: Bad_Name\n',
  },
  {
    name: 'a quoted integer loses its quotes',
    text: DEPLOYMENT.replace('replicas: 3', 'replicas: "3"'),
    at: '"3"',
    title: 'Remove the quotes from 3',
    fixed: DEPLOYMENT,
  },
  {
    name: 'an enum value in the wrong case gets the supported case',
    text: DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: always'),
    at: 'always',
    title: 'Change to "Always"',
    fixed: DEPLOYMENT,
  },
  {
    name: 'a misspelt kind is changed to its near miss',
    text: SERVICE.replace('kind: Service', 'kind: Servce'),
    at: 'Servce',
    title: 'Change kind to "Service"',
    fixed: SERVICE,
  },
  {
    name: 'a removed apiVersion is changed to its successor',
    text: 'apiVersion: batch/v1beta1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: busybox:1.36}]\n',
    at: 'batch/v1beta1',
    title: 'Change apiVersion to batch/v1',
    fixed:
      'apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly}\nspec:\n  schedule: "@daily"\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          restartPolicy: OnFailure\n          containers: [{name: c, image: busybox:1.36}]\n',
  },
  {
    name: 'a quantity in bytes gets the suffix it likely meant',
    text: DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          resources: {limits: {memory: 1GB}}'),
    at: '1GB',
    title: 'Change to 1Gi',
    fixed: DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          resources: {limits: {memory: 1Gi}}'),
  },
  {
    name: 'a ConfigMap reference is changed to the near name',
    text: `${DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          envFrom: [{configMapRef: {name: shop-setings}}]')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: shop-settings}\ndata: {level: debug}\n`,
    at: 'shop-setings',
    title: 'Change to "shop-settings"',
    fixed: `${DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          envFrom: [{configMapRef: {name: shop-settings}}]')}---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: shop-settings}\ndata: {level: debug}\n`,
  },
  {
    name: 'a Secret reference is changed to the near name',
    text: `${DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          envFrom: [{secretRef: {name: shop-db-pasword}}]')}---\napiVersion: v1\nkind: Secret\nmetadata: {name: shop-db-password}\nstringData: {password: x}\n`,
    at: 'shop-db-pasword',
    title: 'Change to "shop-db-password"',
    fixed: `${DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          envFrom: [{secretRef: {name: shop-db-password}}]')}---\napiVersion: v1\nkind: Secret\nmetadata: {name: shop-db-password}\nstringData: {password: x}\n`,
  },
  {
    name: "an Ingress backend's Service is changed to the near name",
    text: `${ingress('storefrnt', 'http')}---\n${SERVICE}`,
    at: 'storefrnt',
    title: 'Change to "storefront"',
    fixed: `${ingress('storefront', 'http')}---\n${SERVICE}`,
  },
  {
    name: "a Service's targetPort is changed to the near port name of its pods",
    text: `${DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          ports: [{name: http, containerPort: 8080}]')}---\n${SERVICE.replace('targetPort: 8080', 'targetPort: htp')}`,
    at: 'htp}',
    title: 'Change to "http"',
    fixed: `${DEPLOYMENT.replace('imagePullPolicy: Always', 'imagePullPolicy: Always\n          ports: [{name: http, containerPort: 8080}]')}---\n${SERVICE.replace('targetPort: 8080', 'targetPort: http')}`,
  },
  {
    name: "an Ingress backend's port name is changed to the near name",
    text: `${ingress('storefront', 'htp')}---\n${SERVICE}`,
    at: 'htp}',
    title: 'Change to "http"',
    fixed: `${ingress('storefront', 'http')}---\n${SERVICE}`,
  },
];

/** The Pod of the completion test: the last line is the list item's dash column (4), where the cursor goes. */
const POD_FOR_COMPLETION = 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: a\nspec:\n  containers:\n    - name: a\n      image: x\n    \n';

const fixFile = (index: number) => `fixes/fix-${String(index + 1).padStart(2, '0')}.yaml`;

/** 1-based line and column of the first occurrence of a text. */
function positionOf(text: string, needle: string): { line: number; column: number } {
  const offset = text.indexOf(needle);
  assert.ok(offset >= 0, `"${needle}" in the file`);
  const before = text.slice(0, offset).split('\n');
  return { line: before.length, column: before[before.length - 1]!.length + 1 };
}

/** Waits until the file on disk holds the text; the editor writes it a moment after the save. */
async function waitForContent(file: string, expected: string): Promise<void> {
  const deadline = Date.now() + STEP_TIMEOUT_MS;
  while (fs.readFileSync(file, 'utf8') !== expected && Date.now() < deadline) await sleep(100);
  assert.equal(fs.readFileSync(file, 'utf8'), expected);
}

const skip = skipReason();

describe('editing with the packaged extension in VS Code', { skip: skip ?? false }, () => {
  let session: EditorSession;

  before(async () => {
    const files: Record<string, string> = { 'completion/pod.yaml': POD_FOR_COMPLETION };
    FIXES.forEach((fix, index) => {
      files[fixFile(index)] = fix.text;
    });
    session = await EditorSession.start({ name: 'editing', files });
  });

  after(async () => {
    await session?.close();
  });

  it("puts a key chosen at a list item's dash column at the item's key column", async () => {
    const { workbench } = session;
    await workbench.openFile('completion/pod.yaml');
    await workbench.complete(9, 5, 'env');
    await workbench.save();
    const file = path.join(session.workspace, 'completion', 'pod.yaml');
    // The key goes two columns right of the dash, with the item's other keys (6); its list item two further (8).
    await waitForContent(file, POD_FOR_COMPLETION.replace(/ {4}\n$/, '      env:\n        - \n'));
  });

  FIXES.forEach((fix, index) => {
    it(`applies a quick fix: ${fix.name}`, async () => {
      const { workbench } = session;
      await workbench.openFile(fixFile(index));
      const { line, column } = positionOf(fix.text, fix.at);
      await workbench.quickFix(line, column, fix.title);
      await workbench.save();
      await waitForContent(path.join(session.workspace, fixFile(index)), fix.fixed);
    });
  });
});
