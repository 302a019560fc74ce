/** CustomResourceDefinition validation: names, group, versions, subresources, printer columns and conversion, in the API server's words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

const SCHEMA = '      schema:\n        openAPIV3Schema: {type: object}\n';

function crd(options: { name?: string; group?: string; names?: string; versions?: string; extra?: string; annotations?: string } = {}): string {
  const group = options.group ?? 'example.com';
  return [
    'apiVersion: apiextensions.k8s.io/v1',
    'kind: CustomResourceDefinition',
    `metadata: {name: ${options.name ?? `widgets.${group}`}${options.annotations ? `, annotations: ${options.annotations}` : ''}}`,
    'spec:',
    `  group: ${group}`,
    `  names: ${options.names ?? '{plural: widgets, singular: widget, kind: Widget}'}`,
    '  scope: Namespaced',
    '  versions:',
    options.versions ?? `    - name: v1\n      served: true\n      storage: true\n${SCHEMA}`,
    options.extra ?? '',
  ].join('\n');
}

test('a well-formed CustomResourceDefinition is accepted', () => {
  assert.deepEqual(checkText(crd()).findings, []);
});

// validation.go ValidateCustomResourceDefinition: nameValidationFn
test('the name must be the plural and the group', () => {
  const finding = onlyFinding(crd({ name: 'widget.example.com' }));
  assert.equal(finding.rule, 'crd-name');
  assert.equal(finding.message, 'metadata.name: Invalid value: "widget.example.com": must be spec.names.plural+"."+spec.group');
  assert.equal(finding.line, 3);
  assert.equal(finding.text, 'widget.example.com');
});

// validation.go validateCustomResourceDefinitionSpec: the group
test('a group without a dot is rejected', () => {
  const finding = onlyFinding(crd({ group: 'example' }));
  assert.equal(finding.rule, 'crd-spec');
  assert.equal(finding.message, 'spec.group: Invalid value: "example": should be a domain with at least one dot');
  assert.equal(finding.line, 5);
  assert.equal(finding.text, 'example');
});

// validation.go validateCustomResourceDefinitionSpec: versions[i].name is a DNS-1035 label, and spec.version (versions[0].name after conversion) again
test('a version name that is not a DNS-1035 label is reported on versions[0].name and spec.version', () => {
  const { findings } = checkText(crd({ versions: `    - name: V1\n      served: true\n      storage: true\n${SCHEMA}` }));
  const dns1035 =
    "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
  assert.deepEqual(
    findings.map((f) => [f.message, f.line, f.text]),
    [
      [`spec.versions[0].name: Invalid value: "V1": ${dns1035}`, 9, 'V1'],
      [`spec.version: Invalid value: "V1": ${dns1035}`, 9, 'V1'],
    ],
  );
});

// validation.go validateCustomResourceDefinitionSpec: requireOpenAPISchema
test('a version without a schema is rejected', () => {
  const finding = onlyFinding(crd({ versions: '    - name: v1\n      served: true\n      storage: true\n' }));
  assert.equal(finding.message, 'spec.versions[0].schema.openAPIV3Schema: Required value: schemas are required');
  assert.equal(finding.text, 'v1');
});

// validation.go ValidateCustomResourceDefinitionNames: kind and listKind may not be the same
test('a listKind equal to the kind is rejected', () => {
  const finding = onlyFinding(crd({ names: '{plural: widgets, singular: widget, kind: Widget, listKind: Widget}' }));
  assert.equal(finding.message, 'spec.names.listKind: Invalid value: "Widget": kind and listKind may not be the same');
  assert.equal(finding.text, 'Widget');
});

// validation.go ValidateCustomResourceDefinitionNames: shortNames are DNS-1035 labels
test('a short name with an underscore is rejected', () => {
  const finding = onlyFinding(crd({ names: '{plural: widgets, kind: Widget, shortNames: [w_1]}' }));
  assert.match(finding.message, /^spec\.names\.shortNames\[0\]: Invalid value: "w_1": a DNS-1035 label must consist of/);
  assert.equal(finding.text, 'w_1');
});

// validation.go ValidateCustomResourceDefinitionSubresources, lifted to spec.subresources by the v1 conversion
test('a scale spec path outside .spec is reported on the top-level subresources', () => {
  const versions = `    - name: v1\n      served: true\n      storage: true\n${SCHEMA}      subresources:\n        scale: {specReplicasPath: .status.replicas, statusReplicasPath: .status.replicas}\n`;
  const finding = onlyFinding(crd({ versions }));
  assert.equal(finding.message, 'spec.subresources.scale.specReplicasPath: Invalid value: ".status.replicas": should be a json path under .spec');
  assert.equal(finding.line, 15);
  assert.equal(finding.text, '.status.replicas');
});

// validation.go ValidateCustomResourceColumnDefinition, per version when the versions' columns differ
test('a printer column with an unknown type is reported per version when the versions differ', () => {
  const versions = [
    `    - name: v1\n      served: true\n      storage: true\n${SCHEMA}      additionalPrinterColumns: [{name: Size, type: int, jsonPath: .spec.size}]`,
    `    - name: v2\n      served: true\n      storage: false\n${SCHEMA}`,
  ].join('\n');
  const finding = onlyFinding(crd({ versions }));
  assert.equal(finding.message, 'spec.versions[0].additionalPrinterColumns[0].type: Invalid value: "int": must be one of boolean,date,integer,number,string');
  assert.equal(finding.text, 'int');
});

// validation.go ValidateCustomResourceColumnDefinition: JSONPath, named as the internal type names it
test('a printer column path without a leading dot is rejected', () => {
  const versions = `    - name: v1\n      served: true\n      storage: true\n${SCHEMA}      additionalPrinterColumns: [{name: Size, type: integer, jsonPath: spec.size}]\n`;
  const finding = onlyFinding(crd({ versions }));
  assert.equal(finding.message, 'spec.additionalPrinterColumns[0].JSONPath: Invalid value: "spec.size": must be a simple json path starting with .');
  assert.equal(finding.text, 'spec.size');
});

// validation.go validateDeprecationWarning
test('a deprecation warning on a version that is not deprecated is rejected', () => {
  const versions = `    - name: v1\n      served: true\n      storage: true\n      deprecationWarning: use v2\n${SCHEMA}`;
  const finding = onlyFinding(crd({ versions }));
  assert.equal(finding.message, 'spec.versions[0].deprecationWarning: Invalid value: "use v2": can only be set for deprecated versions');
  assert.equal(finding.text, 'use v2');
});

// validation.go validateCustomResourceConversion
test('a webhook conversion without review versions including v1 or v1beta1 is rejected', () => {
  const extra = '  conversion:\n    strategy: Webhook\n    webhook:\n      conversionReviewVersions: [v2]\n      clientConfig: {url: "https://convert.example.com/"}\n';
  const finding = onlyFinding(crd({ extra }), '1.33');
  assert.equal(finding.rule, 'crd-conversion');
  assert.equal(finding.message, 'spec.conversion.conversionReviewVersions: Invalid value: []string{"v2"}: must include at least one of v1, v1beta1');
  assert.equal(finding.text, '[v2]');
});

// validation.go validateCustomResourceConversion: exactly one of url or service
test('a webhook client config with both url and service is rejected', () => {
  const extra =
    '  conversion:\n    strategy: Webhook\n    webhook:\n      conversionReviewVersions: [v1]\n      clientConfig:\n        url: "https://convert.example.com/"\n        service: {name: convert, namespace: system}\n';
  const finding = onlyFinding(crd({ extra }));
  assert.equal(finding.message, 'spec.conversion.webhookClientConfig: Required value: exactly one of url or service is required');
  assert.equal(finding.text, 'clientConfig');
});

// validation.go validateCustomResourceConversion with v1 defaulting (strategy None)
test('a webhook conversion with a service and review version v1 is accepted', () => {
  const extra =
    '  conversion:\n    strategy: Webhook\n    webhook:\n      conversionReviewVersions: [v1]\n      clientConfig:\n        service: {name: convert, namespace: system, path: /convert}\n';
  assert.deepEqual(checkText(crd({ extra })).findings, []);
});

// validation.go ValidateCustomResourceDefinitionSpec: storageFlagCount != 1 is Invalid on spec.versions with the
// internal versions list (schema lifted to the top, so nil per version); ValidateCustomResourceDefinitionStoredVersions
// then finds no stored version, as PrepareForCreate stores only a storage version.
test('a CRD without a storage version is rejected on versions and on the stored versions', () => {
  const { findings } = checkText(crd({ versions: `    - name: v1\n      served: true\n      storage: false\n${SCHEMA}` }));
  assert.deepEqual(
    findings.map((f) => [f.rule, f.message, f.line, f.text]),
    [
      [
        'crd-spec',
        'spec.versions: Invalid value: [{"Name":"v1","Served":true,"Storage":false,"Deprecated":false,"DeprecationWarning":null,"Schema":null,"Subresources":null,"AdditionalPrinterColumns":null,"SelectableFields":null}]: must have exactly one version marked as storage version',
        8,
        'versions',
      ],
      ['crd-spec', 'status.storedVersions: Invalid value: null: must have at least one stored version', 8, 'versions'],
    ],
  );
});

// validation.go ValidateCustomResourceDefinitionSpec: up to 1.33 the list prints with Go's %#v, every pointer nil.
test('two storage versions are rejected, printed with %#v up to 1.33', () => {
  const versions = `    - name: v1\n      served: true\n      storage: true\n${SCHEMA}    - name: v2\n      served: false\n      storage: true\n${SCHEMA}`;
  const finding = onlyFinding(crd({ versions }), '1.33');
  assert.equal(
    finding.message,
    'spec.versions: Invalid value: []apiextensions.CustomResourceDefinitionVersion{apiextensions.CustomResourceDefinitionVersion{Name:"v1", Served:true, Storage:true, Deprecated:false, DeprecationWarning:(*string)(nil), Schema:(*apiextensions.CustomResourceValidation)(nil), Subresources:(*apiextensions.CustomResourceSubresources)(nil), AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), SelectableFields:[]apiextensions.SelectableField(nil)}, apiextensions.CustomResourceDefinitionVersion{Name:"v2", Served:false, Storage:true, Deprecated:false, DeprecationWarning:(*string)(nil), Schema:(*apiextensions.CustomResourceValidation)(nil), Subresources:(*apiextensions.CustomResourceSubresources)(nil), AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(nil), SelectableFields:[]apiextensions.SelectableField(nil)}}: must have exactly one version marked as storage version',
  );
});

// validation.go ValidateCustomResourceDefinitionSpec: a repeated version name is Invalid, "must contain unique version names".
test('a repeated version name is rejected', () => {
  const versions = `    - name: v1\n      served: true\n      storage: true\n${SCHEMA}    - name: v1\n      served: true\n      storage: false\n${SCHEMA}`;
  const finding = onlyFinding(crd({ versions }));
  assert.equal(
    finding.message,
    'spec.versions: Invalid value: [{"Name":"v1","Served":true,"Storage":true,"Deprecated":false,"DeprecationWarning":null,"Schema":null,"Subresources":null,"AdditionalPrinterColumns":null,"SelectableFields":null},{"Name":"v1","Served":true,"Storage":false,"Deprecated":false,"DeprecationWarning":null,"Schema":null,"Subresources":null,"AdditionalPrinterColumns":null,"SelectableFields":null}]: must contain unique version names',
  );
});

// Versions whose schemas differ keep them per version: the list would print whole schemas, which is not reproduced.
test('a storage-version error is not reported when the versions keep their own schemas', () => {
  const versions = `    - name: v1\n      served: true\n      storage: true\n${SCHEMA}    - name: v2\n      served: true\n      storage: true\n      schema:\n        openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}\n`;
  assert.deepEqual(
    checkText(crd({ versions })).findings.filter((f) => f.message.startsWith('spec.versions:')),
    [],
  );
});

const WEBHOOK = '  conversion:\n    strategy: Webhook\n    webhook:\n      conversionReviewVersions: [v1]\n      clientConfig:\n';

// validation.go validateCustomResourceConversion → webhook.ValidateWebhookURL(…, forceHttps true): the scheme
test('a conversion webhook url that is not https is rejected', () => {
  const finding = onlyFinding(crd({ extra: `${WEBHOOK}        url: http://convert.example.com/\n` }));
  assert.equal(finding.rule, 'crd-conversion');
  assert.equal(finding.message, `spec.conversion.webhookClientConfig.url: Invalid value: "http": 'https' is the only allowed URL scheme; desired format: https://host[/path]`);
  assert.equal(finding.line, 20);
  assert.equal(finding.text, 'http://convert.example.com/');
});

// validation.go validateCustomResourceConversion → webhook.ValidateWebhookURL: user information
test('a conversion webhook url with user information is rejected', () => {
  const finding = onlyFinding(crd({ extra: `${WEBHOOK}        url: https://admin@convert.example.com/\n` }));
  assert.equal(finding.message, 'spec.conversion.webhookClientConfig.url: Invalid value: "admin": user information is not permitted in the URL');
  assert.equal(finding.text, 'https://admin@convert.example.com/');
});

// validation.go validateCustomResourceConversion → webhook.ValidateWebhookService: the path must start with '/'
test('a conversion webhook service path without a leading slash is rejected', () => {
  const finding = onlyFinding(crd({ extra: `${WEBHOOK}        service: {name: convert, namespace: system, path: to/convert}\n` }));
  assert.equal(finding.message, `spec.conversion.webhookClientConfig.service.path: Invalid value: "to/convert": must start with a '/'`);
  assert.equal(finding.line, 20);
  assert.equal(finding.text, 'to/convert');
});

// validation.go validateCustomResourceConversion → webhook.ValidateWebhookService: validation.IsValidPortNum
test('a conversion webhook service port out of range is rejected', () => {
  const finding = onlyFinding(crd({ extra: `${WEBHOOK}        service: {name: convert, namespace: system, port: 70000}\n` }));
  assert.equal(finding.message, 'spec.conversion.webhookClientConfig.service.port: Invalid value: 70000: port is not valid: must be between 1 and 65535, inclusive');
  assert.equal(finding.text, '70000');
});

// webhook.ValidateWebhookURL: an https URL with a host and path passes
test('a conversion webhook https url with a host is accepted', () => {
  assert.deepEqual(checkText(crd({ extra: `${WEBHOOK}        url: "https://convert.example.com:8443/convert"\n` })).findings, []);
});

const PROTECTED = 'example.k8s.io';
const ENHANCEMENT = 'see https://github.com/kubernetes/enhancements/pull/1111';

// validation.go validateAPIApproval with apihelpers.GetAPIApprovalState: APIApprovalMissing
test('a CRD in a k8s.io group without the API approval annotation is rejected', () => {
  const finding = onlyFinding(crd({ group: PROTECTED }));
  assert.equal(finding.rule, 'crd-api-approval');
  assert.equal(finding.message, `metadata.annotations[api-approved.kubernetes.io]: Required value: protected groups must have approval annotation "api-approved.kubernetes.io", ${ENHANCEMENT}`);
  assert.equal(finding.line, 5);
  assert.equal(finding.text, PROTECTED);
});

// validation.go validateAPIApproval: APIApprovalInvalid (neither a URL with a host nor "unapproved…")
test('an API approval annotation that is neither a URL nor unapproved is rejected', () => {
  const finding = onlyFinding(crd({ group: 'example.kubernetes.io', annotations: '{api-approved.kubernetes.io: approved}' }));
  assert.equal(
    finding.message,
    `metadata.annotations[api-approved.kubernetes.io]: Invalid value: "approved": protected groups must have approval annotation "api-approved.kubernetes.io" with either a URL or a reason starting with "unapproved", ${ENHANCEMENT}`,
  );
  assert.equal(finding.line, 3);
  assert.equal(finding.text, 'approved');
});

// validation.go validateAPIApproval: APIApproved and APIApprovalBypassed pass; other groups are not protected
test('an API approval URL or an unapproved reason is accepted', () => {
  assert.deepEqual(checkText(crd({ group: PROTECTED, annotations: '{api-approved.kubernetes.io: "https://github.com/kubernetes/enhancements/pull/1111"}' })).findings, []);
  assert.deepEqual(checkText(crd({ group: PROTECTED, annotations: '{api-approved.kubernetes.io: "unapproved, experimental"}' })).findings, []);
  assert.deepEqual(checkText(crd({ group: 'k8s.example.com' })).findings, []);
});

const SELECTABLE_SCHEMA = [
  '      schema:',
  '        openAPIV3Schema:',
  '          type: object',
  '          properties:',
  '            metadata: {type: object, properties: {name: {type: string}}}',
  '            spec:',
  '              type: object',
  '              properties:',
  '                color: {type: string}',
  '                size: {type: integer}',
  '                ratio: {type: number}',
  '                labels: {type: object, additionalProperties: {type: string}}',
  '',
].join('\n');

function selecting(paths: string[], schema = SELECTABLE_SCHEMA): string {
  const fields = paths.map((p) => `        - jsonPath: ${p}\n`).join('');
  return crd({ versions: `    - name: v1\n      served: true\n      storage: true\n${schema}      selectableFields:\n${fields}` });
}

// validation.go ValidateCustomResourceSelectableFields (lifted to spec.selectableFields by the v1 conversion): allowedSelectableFieldSchema
test('a selectable field of type number is rejected', () => {
  const finding = onlyFinding(selecting(['.spec.ratio']));
  assert.equal(finding.rule, 'crd-selectable-fields');
  assert.equal(
    finding.message,
    'spec.selectableFields[0].jsonPath: Invalid value: ".spec.ratio": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.',
  );
  assert.equal(finding.line, 25);
  assert.equal(finding.text, '.spec.ratio');
});

// validation.go ValidateCustomResourceSelectableFields → cel.ValidFieldPath: a property the schema does not have
test('a selectable field that names no field of the schema is rejected', () => {
  const finding = onlyFinding(selecting(['.spec.colour']));
  assert.equal(finding.message, 'spec.selectableFields[0].jsonPath: Invalid value: ".spec.colour": is an invalid path: does not refer to a valid field');
});

// cel.ValidFieldPath: a path must start with '.'
test('a selectable field path without a leading dot is rejected', () => {
  const finding = onlyFinding(selecting(['spec.color']));
  assert.equal(finding.message, 'spec.selectableFields[0].jsonPath: Invalid value: "spec.color": is an invalid path: expected [ or . but got: spec');
});

// cel.ValidFieldPath with WithFieldPathAllowArrayNotation(false)
test('a selectable field path with array notation is rejected', () => {
  const finding = onlyFinding(selecting(['".spec[\'color\']"']));
  assert.equal(finding.message, `spec.selectableFields[0].jsonPath: Invalid value: ".spec['color']": is an invalid path: array notation is not allowed`);
});

// validation.go ValidateCustomResourceSelectableFields: path.Root() is metadata
test('a selectable field in metadata is rejected', () => {
  const finding = onlyFinding(selecting(['.metadata.name']));
  assert.equal(finding.message, 'spec.selectableFields[0].jsonPath: Invalid value: ".metadata.name": must not point to fields in metadata');
});

// validation.go ValidateCustomResourceSelectableFields: uniqueSelectableFields
test('a selectable field listed twice is a duplicate', () => {
  const finding = onlyFinding(selecting(['.spec.color', '.spec.color']));
  assert.equal(finding.message, 'spec.selectableFields[1].jsonPath: Duplicate value: ".spec.color"');
  assert.equal(finding.line, 26);
});

// validation.go ValidateCustomResourceSelectableFields: MaxSelectableFields (8) unique paths, field.TooMany
test('more than eight selectable fields are too many', () => {
  const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'].map((k) => `.spec.labels.${k}`);
  const finding = onlyFinding(selecting(keys));
  assert.equal(finding.message, 'spec.selectableFields: Too many: 9: must have at most 8 items');
  assert.equal(finding.text, 'selectableFields');
});

// validateCustomResourceDefinitionVersion: versions whose schemas and selectable fields differ keep them per version
test('a selectable field of a version with its own schema is named under that version', () => {
  const other = SELECTABLE_SCHEMA.replace('size: {type: integer}', 'size: {type: string}');
  const versions = `    - name: v1\n      served: true\n      storage: true\n${SELECTABLE_SCHEMA}      selectableFields: [{jsonPath: .spec.size}]\n    - name: v2\n      served: true\n      storage: false\n${other}      selectableFields: [{jsonPath: .spec.ratio}]\n`;
  const finding = onlyFinding(crd({ versions }));
  assert.equal(
    finding.message,
    'spec.versions[1].selectableFields[0].jsonPath: Invalid value: ".spec.ratio": must point to a field of type string, boolean or integer. Enum string fields and strings with formats are allowed.',
  );
});

// validation.go ValidateCustomResourceSelectableFields: strings, integers and additionalProperties keys are selectable
test('selectable fields of type string and integer are accepted', () => {
  assert.deepEqual(checkText(selecting(['.spec.color', '.spec.size', '.spec.labels.team'])).findings, []);
});

// registry/customresourcedefinition/strategy.go dropDisabledFields: CustomResourceFieldSelectors is off by default in 1.30
test('selectable fields are not checked in 1.30, where the API server drops them', () => {
  assert.deepEqual(checkText(selecting(['.spec.ratio']), '1.30').findings, []);
});
