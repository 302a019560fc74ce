/** Every object snippet is valid as inserted, whichever of its choices is picked. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { snippetDefaultText } from '../../../server/src/features/completion-entry';
import { OBJECT_SNIPPETS } from '../../../server/src/features/snippets';
import { validateText } from '../../../server/src/check/validate-text';
import { SUPPORTED_VERSIONS } from '../../../server/src/schema/versions';

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
