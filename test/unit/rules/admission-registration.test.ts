/**
 * admissionregistration.k8s.io validation, worked by hand from pkg/apis/admissionregistration/validation/validation.go
 * (ValidateValidatingWebhookConfiguration, ValidateMutatingWebhookConfiguration, ValidateValidatingAdmissionPolicy,
 * ValidateValidatingAdmissionPolicyBinding), staging/src/k8s.io/apiserver/pkg/util/webhook/validation.go
 * (ValidateWebhookURL, ValidateWebhookService) and pkg/apis/admissionregistration/v1/defaults.go.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

/** A ValidatingWebhookConfiguration whose single webhook is `hook` (YAML lines indented by four spaces). */
const webhooks = (hook: string, kind = 'ValidatingWebhookConfiguration') =>
  `apiVersion: admissionregistration.k8s.io/v1\nkind: ${kind}\nmetadata:\n  name: policy\nwebhooks:\n  - name: check.example.com\n    sideEffects: None\n    admissionReviewVersions: [v1]\n${hook}`;
const service = '    clientConfig:\n      service: {name: webhook, namespace: system}\n';

/** A ValidatingAdmissionPolicy with `spec` (lines indented by two spaces). */
const policy = (spec: string) => `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicy\nmetadata:\n  name: demo.example.com\nspec:\n${spec}`;
const constraints = '  matchConstraints:\n    resourceRules: [{operations: [CREATE], apiGroups: [apps], apiVersions: [v1], resources: [deployments]}]\n';

const binding = (spec: string) =>
  `apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingAdmissionPolicyBinding\nmetadata:\n  name: demo-binding\nspec:\n  policyName: demo.example.com\n${spec}`;

// A webhook as cert-manager and ingress-nginx ship it: every check of validateValidatingWebhook passes.
test('a well-formed webhook configuration passes', () => {
  const text = yaml`
    apiVersion: admissionregistration.k8s.io/v1
    kind: ValidatingWebhookConfiguration
    metadata:
      name: ingress-nginx-admission
    webhooks:
      - name: validate.nginx.ingress.kubernetes.io
        matchPolicy: Equivalent
        rules:
          - apiGroups: [networking.k8s.io]
            apiVersions: [v1]
            operations: [CREATE, UPDATE]
            resources: [ingresses]
        failurePolicy: Fail
        sideEffects: None
        admissionReviewVersions: [v1]
        clientConfig:
          service: {namespace: ingress-nginx, name: ingress-nginx-controller-admission, path: /networking/v1/ingresses}
        matchConditions:
          - {name: not-kube-system, expression: "request.namespace != 'kube-system'"}
  `;
  assert.deepEqual(checkText(text).findings, []);
});

// validateValidatingWebhook → utilvalidation.IsFullyQualifiedName
test('a webhook name needs at least three segments', () => {
  const finding = onlyFinding(webhooks(service).replace('check.example.com', 'check.example'));
  assert.equal(finding.rule, 'webhook-configuration');
  assert.equal(finding.message, 'webhooks[0].name: Invalid value: "check.example": should be a domain with at least three segments separated by dots');
  assert.equal(finding.line, 6);
  assert.equal(finding.text, 'check.example');
});

// validateValidatingWebhookConfiguration: requireUniqueWebhookNames on create
test('webhook names are unique within a configuration', () => {
  const second = '  - name: check.example.com\n    sideEffects: None\n    admissionReviewVersions: [v1]\n' + service;
  const finding = onlyFinding(webhooks(service + second));
  assert.equal(finding.message, 'webhooks[1].name: Duplicate value: "check.example.com"');
  assert.equal(finding.line, 11);
});

// validateValidatingWebhook: requireNoSideEffects on create allows only None and NoneOnDryRun
test('a webhook with side effects is rejected', () => {
  const finding = onlyFinding(webhooks(service).replace('sideEffects: None', 'sideEffects: Some'));
  assert.equal(finding.message, 'webhooks[0].sideEffects: Unsupported value: "Some": supported values: "None", "NoneOnDryRun"');
  assert.equal(finding.line, 7);
  assert.equal(finding.text, 'Some');
});

// validateValidatingWebhook: supportedFailurePolicies
test('an unknown failure policy is rejected', () => {
  const finding = onlyFinding(webhooks(`${service}    failurePolicy: Retry\n`));
  assert.equal(finding.message, 'webhooks[0].failurePolicy: Unsupported value: "Retry": supported values: "Fail", "Ignore"');
  assert.equal(finding.line, 11);
});

// validateValidatingWebhook: TimeoutSeconds > 30 || < 1 (0 is kept: SetDefaults_ValidatingWebhook only fills nil)
test('a timeout of 0 seconds is rejected', () => {
  const finding = onlyFinding(webhooks(`${service}    timeoutSeconds: 0\n`));
  assert.equal(finding.message, 'webhooks[0].timeoutSeconds: Invalid value: 0: the timeout value must be between 1 and 30 seconds');
  assert.equal(finding.text, '0');
});

// validateMutatingWebhook: supportedReinvocationPolicies
test('a mutating webhook with an unknown reinvocation policy is rejected', () => {
  const finding = onlyFinding(webhooks(`${service}    reinvocationPolicy: Always\n`, 'MutatingWebhookConfiguration'));
  assert.equal(finding.message, 'webhooks[0].reinvocationPolicy: Unsupported value: "Always": supported values: "IfNeeded", "Never"');
});

// validateAdmissionReviewVersions: requireRecognizedAdmissionReviewVersion on create
test('a webhook must accept a known AdmissionReview version', () => {
  const finding = onlyFinding(webhooks(service).replace('admissionReviewVersions: [v1]', 'admissionReviewVersions: [v2]'), '1.33');
  assert.equal(finding.message, 'webhooks[0].admissionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1');
  assert.equal(finding.text, '[v2]');
});

// validateAdmissionReviewVersions: seen[v]
test('an AdmissionReview version listed twice is rejected', () => {
  const finding = onlyFinding(webhooks(service).replace('admissionReviewVersions: [v1]', 'admissionReviewVersions: [v1, v1]'));
  assert.equal(finding.message, 'webhooks[0].admissionReviewVersions[1]: Invalid value: "v1": duplicate version');
});

// validateValidatingWebhook: (cc.URL == nil) == (cc.Service == nil)
test('a webhook needs exactly one of url and service', () => {
  const finding = onlyFinding(webhooks('    clientConfig:\n      url: https://hooks.example.com/check\n      service: {name: webhook, namespace: system}\n'));
  assert.equal(finding.message, 'webhooks[0].clientConfig: Required value: exactly one of url or service is required');
  assert.equal(finding.text, 'clientConfig');
});

// webhook.ValidateWebhookURL(…, forceHttps=true)
test('a webhook URL must use https', () => {
  const finding = onlyFinding(webhooks('    clientConfig:\n      url: http://hooks.example.com/check\n'));
  assert.equal(finding.message, 'webhooks[0].clientConfig.url: Invalid value: "http": \'https\' is the only allowed URL scheme; desired format: https://host[/path]');
  assert.equal(finding.line, 10);
  assert.equal(finding.text, 'http://hooks.example.com/check');
});

// webhook.ValidateWebhookURL: len(u.RawQuery) != 0
test('a webhook URL may not carry query parameters', () => {
  const finding = onlyFinding(webhooks('    clientConfig:\n      url: https://hooks.example.com/check?debug=1\n'));
  assert.equal(finding.message, 'webhooks[0].clientConfig.url: Invalid value: "debug=1": query parameters are not permitted in the URL');
});

// webhook.ValidateWebhookURL: url.Parse fails ("missing protocol scheme") and the error is reported as Required
test('a webhook URL starting with a colon is not a URL', () => {
  const finding = onlyFinding(webhooks('    clientConfig:\n      url: ":443/check"\n'));
  assert.equal(finding.message, 'webhooks[0].clientConfig.url: Required value: url must be a valid URL: parse ":443/check": missing protocol scheme; desired format: https://host[/path]');
});

// webhook.ValidateWebhookService: the path's segments are DNS subdomains
test('a webhook service path with an empty segment is rejected', () => {
  const finding = onlyFinding(webhooks('    clientConfig:\n      service: {name: webhook, namespace: system, path: /validate//pods}\n'));
  assert.equal(finding.message, 'webhooks[0].clientConfig.service.path: Invalid value: "/validate//pods": segment[1] may not be empty');
  assert.equal(finding.text, '/validate//pods');
});

// webhook.ValidateWebhookService: validation.go passes (Name, Namespace) for (namespace, name), so an empty
// namespace is reported as the service name.
test('an empty service namespace is reported on the service name, as upstream does', () => {
  const finding = onlyFinding(webhooks('    clientConfig:\n      service: {name: webhook, namespace: ""}\n'));
  assert.equal(finding.message, 'webhooks[0].clientConfig.service.name: Required value: service name is required');
  assert.equal(finding.text, 'namespace');
});

// webhook.ValidateWebhookService: IsValidPortNum (SetDefaults_ServiceReference fills only a missing port)
test('a webhook service port of 0 is rejected', () => {
  const finding = onlyFinding(webhooks('    clientConfig:\n      service: {name: webhook, namespace: system, port: 0}\n'));
  assert.equal(finding.message, 'webhooks[0].clientConfig.service.port: Invalid value: 0: port is not valid: must be between 1 and 65535, inclusive');
});

// validateRuleWithOperations: len(Operations) > 1 && hasWildcardOperation
test('a rule may not list other operations beside *', () => {
  const finding = onlyFinding(webhooks(`${service}    rules: [{operations: ["*", CREATE], apiGroups: [""], apiVersions: [v1], resources: [pods]}]\n`), '1.33');
  assert.equal(finding.message, `webhooks[0].rules[0].operations: Invalid value: []admissionregistration.OperationType{"*", "CREATE"}: if '*' is present, must not specify other operations`);
  assert.equal(finding.text, '["*", CREATE]');
});

// validateRuleWithOperations: supportedOperations
test('an unknown operation is rejected', () => {
  const finding = onlyFinding(webhooks(`${service}    rules: [{operations: [PATCH], apiGroups: [""], apiVersions: [v1], resources: [pods]}]\n`));
  assert.equal(finding.message, 'webhooks[0].rules[0].operations[0]: Unsupported value: "PATCH": supported values: "*", "CONNECT", "CREATE", "DELETE", "UPDATE"');
  assert.equal(finding.text, 'PATCH');
});

// validateRule: an empty list of API versions
test('a rule without API versions is rejected', () => {
  const finding = onlyFinding(webhooks(`${service}    rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [], resources: [pods]}]\n`));
  assert.equal(finding.message, 'webhooks[0].rules[0].apiVersions: Required value');
});

// validateResources: '*' with a resource that has no subresource
test('a rule may not list plain resources beside *', () => {
  const finding = onlyFinding(webhooks(`${service}    rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: ["*", pods]}]\n`), '1.33');
  assert.equal(finding.message, `webhooks[0].rules[0].resources: Invalid value: []string{"*", "pods"}: if '*' is present, must not specify other resources without subresources`);
});

// validateResources: 'x/*' before 'x/y'
test('a subresource already covered by a wildcard is rejected', () => {
  const finding = onlyFinding(webhooks(`${service}    rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: ["pods/*", pods/status]}]\n`));
  assert.equal(finding.message, `webhooks[0].rules[0].resources[1]: Invalid value: "pods/status": if 'pods/*' is present, must not specify pods/status`);
});

// validateRule: validScopes
test('an unknown rule scope is rejected', () => {
  const finding = onlyFinding(webhooks(`${service}    rules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [pods], scope: Global}]\n`));
  assert.equal(finding.message, 'webhooks[0].rules[0].scope: Unsupported value: "Global": supported values: "*", "Cluster", "Namespaced"');
});

// validateValidatingWebhook → ValidateLabelSelector (strict label values on create)
test('a namespace selector with an invalid label value is rejected', () => {
  const finding = onlyFinding(webhooks(`${service}    namespaceSelector: {matchLabels: {team: "a b"}}\n`));
  assert.match(finding.message, /^webhooks\[0\]\.namespaceSelector\.matchLabels: Invalid value: "a b": a valid label must be/);
});

// validateMatchCondition: ValidateQualifiedName(name)
test('a match condition name must be a qualified name', () => {
  const finding = onlyFinding(webhooks(`${service}    matchConditions: [{name: "not system", expression: "true"}]\n`));
  assert.match(finding.message, /^webhooks\[0\]\.matchConditions\[0\]\.name: Invalid value: "not system": name part must consist of alphanumeric characters/);
  assert.equal(finding.text, '"not system"');
});

// validateMatchConditions: conditionNames
test('match condition names are unique', () => {
  const finding = onlyFinding(webhooks(`${service}    matchConditions: [{name: a, expression: "true"}, {name: a, expression: "false"}]\n`));
  assert.equal(finding.message, 'webhooks[0].matchConditions[1].name: Duplicate value: "a"');
});

// validateMatchCondition: strings.TrimSpace(expression) == ""
test('a blank match condition expression is rejected', () => {
  const finding = onlyFinding(webhooks(`${service}    matchConditions: [{name: a, expression: " "}]\n`));
  assert.equal(finding.message, 'webhooks[0].matchConditions[0].expression: Required value');
  assert.equal(finding.text, 'expression');
});

// validateMatchConditions: len(m) > 64
test('more than 64 match conditions are rejected', () => {
  const conditions = Array.from({ length: 65 }, (_, i) => `{name: c${i}, expression: "true"}`).join(', ');
  const finding = onlyFinding(webhooks(`${service}    matchConditions: [${conditions}]\n`));
  assert.equal(finding.message, 'webhooks[0].matchConditions: Too many: 65: must have at most 64 items');
});

// Only admissionregistration.k8s.io/v1 and v1beta1 are defaulted and checked.
test('a ValidatingAdmissionPolicy with validations and resource rules passes', () => {
  assert.deepEqual(checkText(policy(`${constraints}  validations: [{expression: "object.spec.replicas <= 5", reason: Invalid}]\n`)).findings, []);
});

// validateValidatingAdmissionPolicySpec: MatchConstraints == nil
test('a policy without match constraints is rejected', () => {
  const finding = onlyFinding(policy('  validations: [{expression: "true"}]\n'));
  assert.equal(finding.rule, 'validating-admission-policy');
  assert.equal(finding.message, 'spec.matchConstraints: Required value');
  assert.equal(finding.text, 'spec');
});

// validateValidatingAdmissionPolicySpec: len(MatchConstraints.ResourceRules) == 0
test('a policy needs at least one resource rule', () => {
  const finding = onlyFinding(policy('  matchConstraints: {matchPolicy: Exact}\n  validations: [{expression: "true"}]\n'));
  assert.equal(finding.message, 'spec.matchConstraints.resourceRules: Required value');
});

// validateValidatingAdmissionPolicySpec: neither validations nor auditAnnotations
test('a policy with neither validations nor audit annotations is rejected twice', () => {
  const messages = checkText(policy(constraints)).findings.map((f) => f.message);
  assert.deepEqual(messages, [
    'spec.validations: Required value: validations or auditAnnotations must contain at least one item',
    'spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one item',
  ]);
});

// validateValidation: hasNewlines(trimmedMsg)
test('a validation message may not contain line breaks', () => {
  const finding = onlyFinding(policy(`${constraints}  validations: [{expression: "true", message: "too\\nmany"}]\n`));
  assert.equal(finding.message, 'spec.validations[0].message: Invalid value: "too\\nmany": message must not contain line breaks');
});

// validateValidation: supportedValidationPolicyReason
test('an unknown validation reason is rejected', () => {
  const finding = onlyFinding(policy(`${constraints}  validations: [{expression: "true", reason: Conflict}]\n`));
  assert.equal(finding.message, 'spec.validations[0].reason: Unsupported value: "Conflict": supported values: "Forbidden", "Invalid", "RequestEntityTooLarge"');
});

// validateParamKind: IsDNS1035Label(strings.ToLower(kind))
test('a param kind must be a DNS-1035 label in any case', () => {
  const finding = onlyFinding(policy(`  paramKind: {apiVersion: v1, kind: Config_Map}\n${constraints}  validations: [{expression: "true"}]\n`));
  assert.match(finding.message, /^spec\.paramKind\.kind: Invalid value: "Config_Map": may have mixed case, but should otherwise match: a DNS-1035 label must consist/);
});

// validateParamKind → parseGroupVersion: more than one '/'
test('a param kind apiVersion with two slashes is rejected', () => {
  const finding = onlyFinding(policy(`  paramKind: {apiVersion: a/b/v1, kind: Limits}\n${constraints}  validations: [{expression: "true"}]\n`));
  assert.equal(finding.message, 'spec.paramKind.apiVersion: Invalid value: "a/b/v1": unexpected GroupVersion string: a/b/v1');
});

// validateVariable: isCELIdentifier (reserved words are not identifiers)
test('a variable named after a CEL reserved word is rejected', () => {
  const finding = onlyFinding(policy(`${constraints}  variables: [{name: "in", expression: "1"}]\n  validations: [{expression: "true"}]\n`));
  assert.equal(finding.message, 'spec.variables[0].name: Invalid value: "in": name is not a valid CEL identifier');
});

// validateAuditAnnotation: ValidateQualifiedName(policyName + "/" + key)
test('an audit annotation key must make a qualified name with the policy name', () => {
  const finding = onlyFinding(policy(`${constraints}  auditAnnotations: [{key: "high replicas", valueExpression: "'x'"}]\n`));
  assert.match(finding.message, /^spec\.auditAnnotations\[0\]\.key: Invalid value: "demo\.example\.com\/high replicas": name part must consist/);
});

// validateValidatingAdmissionPolicySpec: keys.Has(auditAnnotation.Key)
test('audit annotation keys are unique', () => {
  const finding = onlyFinding(policy(`${constraints}  auditAnnotations: [{key: replicas, valueExpression: "'a'"}, {key: replicas, valueExpression: "'b'"}]\n`));
  assert.equal(finding.message, 'spec.auditAnnotations[1].key: Duplicate value: "replicas"');
});

// validateNamedRuleWithOperations: ValidatePathSegmentName(resourceName)
test('a resource name containing a slash is rejected', () => {
  const finding = onlyFinding(
    policy(
      '  matchConstraints:\n    resourceRules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [configmaps], resourceNames: [a/b]}]\n  validations: [{expression: "true"}]\n',
    ),
  );
  assert.equal(finding.message, `spec.matchConstraints.resourceRules[0].resourceNames[0]: Invalid value: "a/b": may not contain '/'`);
});

test('a binding with a policy name and one validation action passes', () => {
  assert.deepEqual(checkText(binding('  paramRef: {name: limits, parameterNotFoundAction: Deny}\n  validationActions: [Deny, Audit]\n')).findings, []);
});

// validateValidationActions: len(actions) == 0
test('a binding needs a validation action', () => {
  const finding = onlyFinding(binding('  validationActions: []\n'));
  assert.equal(finding.rule, 'validating-admission-policy-binding');
  assert.equal(finding.message, 'spec.validationActions: Required value: at least one validation action is required');
});

// validateValidationActions: Deny and Warn together
test('a binding may not both deny and warn', () => {
  const finding = onlyFinding(binding('  validationActions: [Deny, Warn]\n'), '1.33');
  assert.equal(
    finding.message,
    'spec.validationActions: Invalid value: []admissionregistration.ValidationAction{"Deny", "Warn"}: must not contain both Deny and Warn (repeating the same validation failure information in the API response and headers serves no purpose)',
  );
  assert.equal(finding.text, '[Deny, Warn]');
});

// validateValidationActions: NotSupported per item
test('an unknown validation action is rejected', () => {
  const finding = onlyFinding(binding('  validationActions: [Block]\n'));
  assert.equal(finding.message, 'spec.validationActions[0]: Unsupported value: "Block": supported values: "Audit", "Deny", "Warn"');
});

// validateParamRef: v1 gives parameterNotFoundAction no default
test('a paramRef needs a parameterNotFoundAction', () => {
  const finding = onlyFinding(binding('  paramRef: {name: limits}\n  validationActions: [Deny]\n'));
  assert.equal(finding.message, 'spec.paramRef.parameterNotFoundAction: Required value');
  assert.equal(finding.text, 'paramRef');
});

// validateParamRef: name and selector are mutually exclusive (reported on both)
test('a paramRef may not set both name and selector', () => {
  const messages = checkText(binding('  paramRef: {name: limits, selector: {matchLabels: {a: b}}, parameterNotFoundAction: Allow}\n  validationActions: [Deny]\n')).findings.map((f) => f.message);
  assert.deepEqual(messages, ['spec.paramRef.name: Forbidden: name and selector are mutually exclusive', 'spec.paramRef.selector: Forbidden: name and selector are mutually exclusive']);
});

// validateValidatingAdmissionPolicyBindingSpec: validateMatchResources(…, fldPath.Child("matchResouces")) (sic)
test('errors in a binding match resources name upstream path', () => {
  const finding = onlyFinding(
    binding('  matchResources:\n    resourceRules: [{operations: [CREATE], apiGroups: [""], apiVersions: [v1], resources: [pods], scope: Local}]\n  validationActions: [Deny]\n'),
  );
  assert.equal(finding.message, 'spec.matchResouces.resourceRules[0].scope: Unsupported value: "Local": supported values: "*", "Cluster", "Namespaced"');
  assert.equal(finding.line, 8);
  assert.equal(finding.text, 'Local');
});

// validateValidatingAdmissionPolicyBindingSpec: NameIsDNSSubdomain(policyName)
test('a binding policy name must be a DNS subdomain', () => {
  const finding = onlyFinding(binding('  validationActions: [Deny]\n').replace('policyName: demo.example.com', 'policyName: Demo'));
  assert.match(finding.message, /^spec\.policyName: Invalid value: "Demo": a lowercase RFC 1123 subdomain must consist/);
});
