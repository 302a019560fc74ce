/**
 * ValidatingAdmissionPolicy in the embedded cluster's admission. Expected texts are worked by hand from
 * staging/src/k8s.io/apiserver/pkg/admission/plugin/policy/validating/dispatcher.go (Dispatch: the denial and the
 * warning), validator.go (Validate: messages, failurePolicy), policy/generic/policy_dispatcher.go (CollectParams)
 * and admission/errors.go (NewForbidden).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { planApply } from '../../../../server/src/cluster/simulation';
import type { Plan } from '../../../../server/src/protocol/plan';
import { validateText } from '../../../../server/src/check/validate-text';

const NOW = Date.parse('2026-03-01T10:00:00Z');

function plan(manifests: string): Plan {
  const report = validateText(manifests, { kubernetesVersion: '1.33' });
  assert.deepEqual(
    report.findings.filter((finding) => finding.severity === 'error'),
    [],
  );
  return planApply({ kubernetesVersion: '1.33', cluster: defaultCluster(), current: [], manifests: report.objects, newPodsReady: true, now: NOW });
}

function policy(name: string, fields: string): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicy
metadata: {name: ${name}}
spec:
${fields}
---
`;
}

function binding(name: string, policyName: string, fields = 'validationActions: [Deny]'): string {
  return `apiVersion: admissionregistration.k8s.io/v1
kind: ValidatingAdmissionPolicyBinding
metadata: {name: ${name}}
spec:
  policyName: ${policyName}
  ${fields.split('\n').join('\n  ')}
---
`;
}

const DEPLOYMENT_RULES = `  matchConstraints:
    resourceRules:
    - {apiGroups: [apps], apiVersions: [v1], operations: [CREATE, UPDATE], resources: [deployments]}`;

function deployment(name: string, replicas: number, labels = ''): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata: {name: ${name}${labels ? `, labels: {${labels}}` : ''}}
spec:
  replicas: ${replicas}
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: app, image: "nginx:1.27", resources: {requests: {cpu: 100m, memory: 64Mi}}}]
`;
}

const MAX_REPLICAS = policy('max-replicas', `${DEPLOYMENT_RULES}\n  validations:\n  - {expression: 'object.spec.replicas <= 5', message: at most 5 replicas}`);

// dispatcher.go Dispatch: the first denial, `ValidatingAdmissionPolicy '<p>' with binding '<b>' denied request:
// <message>`, through admission.NewForbidden: `deployments.apps "web" is forbidden: …`.
test('a policy denying a Deployment of more than 5 replicas refuses it with the API server message', () => {
  const result = plan(`${MAX_REPLICAS}${binding('max-replicas-binding', 'max-replicas')}${deployment('web', 6)}`);
  const web = result.applied.find((applied) => applied.object.startsWith('Deployment/'))!;
  assert.equal(web.outcome, 'refused');
  assert.equal(web.message, `deployments.apps "web" is forbidden: ValidatingAdmissionPolicy 'max-replicas' with binding 'max-replicas-binding' denied request: at most 5 replicas`);
  assert.equal(result.pods.length, 0);
});

test('a Deployment the validation accepts is created', () => {
  const result = plan(`${MAX_REPLICAS}${binding('max-replicas-binding', 'max-replicas')}${deployment('web', 5)}`);
  assert.equal(result.applied.find((applied) => applied.object.startsWith('Deployment/'))!.outcome, 'created');
});

// dispatcher.go: a Warn action adds `Validation failed for ValidatingAdmissionPolicy '<p>' with binding '<b>': <message>`.
test('a Warn binding admits the object with a warning', () => {
  const result = plan(`${MAX_REPLICAS}${binding('warn-only', 'max-replicas', 'validationActions: [Warn]')}${deployment('web', 6)}`);
  const web = result.applied.find((applied) => applied.object.startsWith('Deployment/'))!;
  assert.equal(web.outcome, 'created');
  assert.deepEqual(web.warnings, [`Validation failed for ValidatingAdmissionPolicy 'max-replicas' with binding 'warn-only': at most 5 replicas`]);
});

// validator.go: without message or messageExpression, `failed expression: <expression>`; the messageExpression's
// string when it evaluates to one.
test('the denial message is the messageExpression, else the expression that failed', () => {
  const withExpression = policy(
    'limit',
    `${DEPLOYMENT_RULES}\n  validations:\n  - expression: 'object.spec.replicas <= 5'\n    messageExpression: "'replicas ' + string(object.spec.replicas) + ' over 5'"`,
  );
  const bare = policy('limit', `${DEPLOYMENT_RULES}\n  validations:\n  - expression: 'object.spec.replicas <= 5'`);
  const message = (policyText: string) => plan(`${policyText}${binding('b', 'limit')}${deployment('web', 7)}`).applied.at(-1)!.message;
  assert.equal(message(withExpression), `deployments.apps "web" is forbidden: ValidatingAdmissionPolicy 'limit' with binding 'b' denied request: replicas 7 over 5`);
  assert.equal(message(bare), `deployments.apps "web" is forbidden: ValidatingAdmissionPolicy 'limit' with binding 'b' denied request: failed expression: object.spec.replicas <= 5`);
});

// policy_dispatcher.go CollectParams: the paramRef's object, by name in the request's namespace, is `params`.
test('params come from the ConfigMap the binding names', () => {
  const paramPolicy = policy(
    'max-from-config',
    `  paramKind: {apiVersion: v1, kind: ConfigMap}\n${DEPLOYMENT_RULES}\n  validations:\n  - {expression: 'object.spec.replicas <= int(params.data.maxReplicas)', message: too many replicas}`,
  );
  const config = `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: limits}\ndata: {maxReplicas: "3"}\n---\n`;
  const paramBinding = binding('limits-binding', 'max-from-config', 'validationActions: [Deny]\nparamRef: {name: limits, parameterNotFoundAction: Deny}');
  const result = plan(`${config}${paramPolicy}${paramBinding}${deployment('small', 3)}---\n${deployment('big', 4)}`);
  assert.deepEqual(
    result.applied.slice(-2).map((applied) => applied.outcome),
    ['created', 'refused'],
  );
});

// CollectParams: no param found under parameterNotFoundAction Deny is an error; dispatcher.go addConfigError makes
// it `failed to configure binding: …` under failurePolicy Fail.
test('a missing param under parameterNotFoundAction Deny refuses the request', () => {
  const paramPolicy = policy('max-from-config', `  paramKind: {apiVersion: v1, kind: ConfigMap}\n${DEPLOYMENT_RULES}\n  validations:\n  - {expression: 'true'}`);
  const paramBinding = binding('limits-binding', 'max-from-config', 'validationActions: [Deny]\nparamRef: {name: absent, parameterNotFoundAction: Deny}');
  const result = plan(`${paramPolicy}${paramBinding}${deployment('web', 1)}`);
  assert.equal(
    result.applied.at(-1)!.message,
    "deployments.apps \"web\" is forbidden: ValidatingAdmissionPolicy 'max-from-config' with binding 'limits-binding' denied request: failed to configure binding: no params found for policy binding with `Deny` parameterNotFoundAction",
  );
});

// validator.go: a false match condition means no validation runs.
test('a false matchCondition excludes the object from the policy', () => {
  const excluding = policy(
    'max-replicas',
    `${DEPLOYMENT_RULES}\n  matchConditions:\n  - {name: not-exempt, expression: "!('exempt' in object.metadata.labels)"}\n  validations:\n  - {expression: 'object.spec.replicas <= 5'}`,
  );
  const result = plan(`${excluding}${binding('b', 'max-replicas')}${deployment('exempt', 9, 'exempt: "yes"')}---\n${deployment('other', 9, 'team: a')}`);
  assert.deepEqual(
    result.applied.slice(-2).map((applied) => applied.outcome),
    ['created', 'refused'],
  );
});

// The pod a ReplicaSet creates passes admission too: the refusal is the controller's FailedCreate event
// (pkg/controller/replicaset/replica_set.go, `Error creating: <err>`). Validating admission runs after the name is
// generated (create.go: BeforeCreate, then the store's create with the validating chain), so the name is whole.
test('a pod a controller creates that a policy on pods refuses is a FailedCreate event', () => {
  const podPolicy = policy(
    'no-latest',
    `  matchConstraints:\n    resourceRules:\n    - {apiGroups: [""], apiVersions: [v1], operations: [CREATE], resources: [pods]}\n  validations:\n  - {expression: "object.spec.containers.all(c, !c.image.endsWith(':latest'))", message: no latest images}`,
  );
  const result = plan(`${podPolicy}${binding('b', 'no-latest')}${deployment('web', 1).replace('nginx:1.27', 'nginx:latest')}`);
  const failed = result.events.find((event) => event.reason === 'FailedCreate')!;
  assert.match(failed.message, /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: ValidatingAdmissionPolicy 'no-latest' with binding 'b' denied request: no latest images$/);
});

// validator.go policyDecisionActionForError: under failurePolicy Ignore an evaluation error admits; under Fail it
// denies with filter.go's `expression '<e>' resulted in error: <err>`.
test('a runtime error admits under failurePolicy Ignore and refuses under Fail', () => {
  const failing = (failurePolicy: string) => policy('divides', `  failurePolicy: ${failurePolicy}\n${DEPLOYMENT_RULES}\n  validations:\n  - {expression: 'object.spec.replicas / 0 > 1'}`);
  assert.equal(plan(`${failing('Ignore')}${binding('b', 'divides')}${deployment('web', 1)}`).applied.at(-1)!.outcome, 'created');
  const refused = plan(`${failing('Fail')}${binding('b', 'divides')}${deployment('web', 1)}`).applied.at(-1)!;
  assert.equal(refused.outcome, 'refused');
  assert.match(refused.message!, /denied request: expression 'object.spec.replicas \/ 0 > 1' resulted in error: /);
});

// matching.go: excludeResourceRules and the binding's matchResources narrow what a policy sees.
test("a binding's matchResources objectSelector limits the policy to the objects it selects", () => {
  const result = plan(
    `${MAX_REPLICAS}${binding('b', 'max-replicas', 'validationActions: [Deny]\nmatchResources: {objectSelector: {matchLabels: {tier: web}}}')}${deployment('api', 9, 'tier: api')}---\n${deployment('front', 9, 'tier: web')}`,
  );
  assert.deepEqual(
    result.applied.slice(-2).map((applied) => applied.outcome),
    ['created', 'refused'],
  );
});
