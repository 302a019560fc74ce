/** Every object snippet is valid as inserted, whichever of its choices is picked; beside a workload, the Service snippet selects it. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snippetDefaultText } from '../../../server/src/features/completion-entry';
import { OBJECT_SNIPPETS } from '../../../server/src/features/snippets';
import { validateText } from '../../../server/src/check/validate-text';
import { DEFAULT_VERSION, SUPPORTED_VERSIONS } from '../../../server/src/schema/versions';
import { completionsAt } from '../../../server/src/features/completion';
import { catalogOf } from '../../helpers/workspace-manifests';
import { withCursor } from './cursor-text';

/** The snippet with each choice placeholder set to its n-th option (the last when it has fewer). */
function withChoice(body: string, n: number): string {
  return body.replace(/\$\{(\d+)\|([^|]*)\|\}/g, (_whole, index: string, options: string) => {
    const list = options.split(',');
    return `\${${index}:${list[Math.min(n, list.length - 1)]}}`;
  });
}

for (const snippet of OBJECT_SNIPPETS) {
  test(`the ${snippet.kind} snippet has no validation error in any Kubernetes version and with any choice`, () => {
    for (const version of SUPPORTED_VERSIONS) {
      for (let choice = 0; choice < 4; choice++) {
        const text = snippetDefaultText(withChoice(snippet.body, choice));
        const report = validateText(text, { kubernetesVersion: version });
        assert.equal(report.objects.length, 1);
        assert.equal(report.objects[0]!.kind, snippet.kind);
        assert.deepEqual(
          report.findings.filter((finding) => finding.severity === 'error').map((finding) => finding.message),
          [],
          `${version}, choice ${choice}`,
        );
      }
    }
  });
}

test('a default text keeps what placeholders hold and drops the final tab stop', () => {
  assert.equal(snippetDefaultText('name: ${1:web}\nimage: ${2:nginx:1.27}\ntype: ${3|A,B|}\n$0'), 'name: web\nimage: nginx:1.27\ntype: A\n');
});

// kubectl expose (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/mapbasedselectorforobject.go,
// MapBasedSelectorForObject) gives a Service for a Deployment the Deployment's matchLabels as its selector and
// refuses one with matchExpressions; portsforobject.go takes the ports from the pod template's containers.
const BESIDE = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: shop
spec:
  selector:
    matchLabels: {app: shop, tier: "1"}
  template:
    metadata:
      labels: {app: shop, tier: "1", version: v2}
    spec:
      containers:
        - name: app
          image: nginx:1.27
          ports:
            - name: web
              containerPort: 8080
---
|`;

function serviceSnippetBeside(marked: string): string | undefined {
  const { text, offset } = withCursor(marked);
  const entry = completionsAt(text, offset, DEFAULT_VERSION, catalogOf({ 'shop.yaml': text }), 'shop.yaml').find((candidate) => candidate.label === 'Service');
  return entry && snippetDefaultText(entry.insertText);
}

test('the Service snippet beside a Deployment selects its pods by its matchLabels and targets its first container port', () => {
  const text = serviceSnippetBeside(BESIDE)!;
  const service = validateText(text, { kubernetesVersion: DEFAULT_VERSION });
  assert.deepEqual(service.findings, []);
  assert.equal(service.objects[0]!.name, 'shop');
  assert.deepEqual(JSON.parse(JSON.stringify(service.objects[0]!.value['spec'])), {
    type: 'ClusterIP',
    selector: { app: 'shop', tier: '1' },
    ports: [{ name: 'web', port: 80, targetPort: 'web' }],
  });
});

test('the Service snippet beside a Deployment whose selector has matchExpressions is the plain one', () => {
  const withExpressions = BESIDE.replace('matchLabels: {app: shop, tier: "1"}', 'matchExpressions: [{key: app, operator: In, values: [shop]}]');
  assert.equal(serviceSnippetBeside(withExpressions), snippetDefaultText(OBJECT_SNIPPETS.find((snippet) => snippet.kind === 'Service')!.body));
});
