/**
 * The namespace labels of Pod Security admission, parsed as api.PolicyToEvaluate parses them
 * (staging/src/k8s.io/pod-security-admission/api/helpers.go): ParseLevel, ParseVersion and the warn default.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { levelVersionText, policyToEvaluate } from '../../../../server/src/cluster/admission/pod-security/levels';

const texts = (labels: Record<string, string>) => {
  const { policy, errors } = policyToEvaluate(labels, 36);
  return { enforce: levelVersionText(policy.enforce), audit: levelVersionText(policy.audit), warn: levelVersionText(policy.warn), errors };
};

test('a namespace without labels is privileged:latest in every mode', () => {
  assert.deepEqual(texts({}), { enforce: 'privileged:latest', audit: 'privileged:latest', warn: 'privileged:latest', errors: [] });
});

test('without a warn label, warn follows a stricter enforce level and its version', () => {
  assert.deepEqual(texts({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.30' }), {
    enforce: 'baseline:v1.30',
    audit: 'privileged:latest',
    warn: 'baseline:v1.30',
    errors: [],
  });
});

test('a warn label keeps its own level even when enforce is stricter', () => {
  assert.equal(texts({ 'pod-security.kubernetes.io/enforce': 'restricted', 'pod-security.kubernetes.io/warn': 'baseline' }).warn, 'baseline:latest');
});

// ParseLevel: an unknown level is restricted for enforce (fail closed) and privileged for warn and audit (fail open).
test('an unknown enforce level enforces restricted and is a field error; an unknown warn level warns about nothing', () => {
  assert.deepEqual(texts({ 'pod-security.kubernetes.io/enforce': 'strict', 'pod-security.kubernetes.io/warn': 'loud' }), {
    enforce: 'restricted:latest',
    audit: 'privileged:latest',
    warn: 'privileged:latest',
    errors: [
      'metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "strict": must be one of privileged, baseline, restricted',
      'metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: "loud": must be one of privileged, baseline, restricted',
    ],
  });
});

// ParseVersion: `latest` or `v1.<minor>` without leading zeros.
test('a version other than latest or v1.x is latest and a field error', () => {
  assert.deepEqual(texts({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': '1.30' }).errors, [
    'metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: "1.30": must be "latest" or "v1.x"',
  ]);
  assert.equal(texts({ 'pod-security.kubernetes.io/enforce': 'baseline', 'pod-security.kubernetes.io/enforce-version': 'v1.030' }).enforce, 'baseline:latest');
});
