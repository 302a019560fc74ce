import { test } from 'node:test';
import assert from 'node:assert/strict';
import { SUPPORTED_VERSIONS } from '../../server/src/schema/versions';
import { checkText } from '../helpers/check-text';
import { minimalManifests } from '../helpers/minimal-manifests';

test('the manifests cover the seventeen kinds that must be exact', () => {
  assert.equal(Object.keys(minimalManifests).length, 17);
});

for (const [kind, text] of Object.entries(minimalManifests)) {
  test(`a minimal valid ${kind} has no findings in any supported version`, () => {
    for (const version of SUPPORTED_VERSIONS) {
      const { objects, findings } = checkText(text, version);
      assert.deepEqual(findings, [], `Kubernetes ${version}`);
      assert.deepEqual(
        objects.map((o) => o.kind),
        [kind],
        `Kubernetes ${version}`,
      );
    }
  });
}

test('an unknown field in each of the seventeen kinds is caught in every supported version', () => {
  for (const [kind, text] of Object.entries(minimalManifests)) {
    for (const version of SUPPORTED_VERSIONS) {
      const { findings } = checkText(`${text}metadta: {}\n`, version);
      assert.deepEqual(
        findings.map((f) => f.message),
        ['strict decoding error: unknown field "metadta"; did you mean "metadata"?'],
        `${kind} in ${version}`,
      );
    }
  }
});
