/** Topology spread, affinity, gates and DNS of pod specs, in Pods and in every kind of pod template. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

/** A Pod whose spec is the given YAML, written at the spec's indentation, with one container. */
const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n  containers: [{name: app, image: nginx}]\n${spec.replace(/^/gm, '  ')}\n`;

// validation.go ValidateMaxSkew: isNotPositiveErrorMsg
test('maxSkew 0 is not positive', () => {
  const finding = onlyFinding(pod('topologySpreadConstraints: [{maxSkew: 0, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}]'));
  assert.equal(finding.rule, 'topology-spread-constraints');
  assert.equal(finding.message, 'spec.topologySpreadConstraints[0].maxSkew: Invalid value: 0: must be greater than zero');
  assert.equal(finding.text, '0');
});

// validation.go ValidateTopologyKey
test('an empty topologyKey is required', () => {
  assert.equal(
    onlyFinding(pod('topologySpreadConstraints: [{maxSkew: 1, topologyKey: "", whenUnsatisfiable: DoNotSchedule}]')).message,
    'spec.topologySpreadConstraints[0].topologyKey: Required value: can not be empty',
  );
});

// validation.go ValidateSpreadConstraintNotRepeat: reported on the first of the pair, with Go's odd path
test('two constraints with the same topologyKey and whenUnsatisfiable are a duplicate, on the first', () => {
  const finding = onlyFinding(
    pod('topologySpreadConstraints:\n- {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}\n- {maxSkew: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule}'),
  );
  assert.equal(finding.message, 'spec.topologySpreadConstraints[0].{topologyKey, whenUnsatisfiable}: Duplicate value: "{zone, DoNotSchedule}"');
  assert.equal(finding.line, 7);
  assert.equal(finding.text, 'zone');
});

// validation.go validateMinDomains: positive, and only with DoNotSchedule
test('minDomains 0 with ScheduleAnyway is invalid twice', () => {
  const { findings } = checkText(pod('topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: ScheduleAnyway, minDomains: 0}]'));
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'spec.topologySpreadConstraints[0].minDomains: Invalid value: 0: must be greater than zero',
      'spec.topologySpreadConstraints[0].minDomains: Invalid value: 0: can only use minDomains if whenUnsatisfiable=DoNotSchedule, not ScheduleAnyway',
    ],
  );
});

// validation.go validateMatchLabelKeysInTopologySpread: needs a labelSelector
test('matchLabelKeys without a labelSelector is forbidden', () => {
  assert.equal(
    onlyFinding(pod('topologySpreadConstraints: [{maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, matchLabelKeys: [pod-template-hash]}]')).message,
    'spec.topologySpreadConstraints[0].matchLabelKeys: Forbidden: must not be specified when labelSelector is not set',
  );
});

// validation.go validateMatchLabelKeysInTopologySpread: not a key the labelSelector already names (before the 1.34 merge)
test('a matchLabelKeys key that the labelSelector names is invalid in a template on 1.33', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: app, image: nginx}]
          topologySpreadConstraints:
          - {maxSkew: 1, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [app]}
  `;
  assert.equal(onlyFinding(text, '1.33').message, 'spec.template.spec.topologySpreadConstraints[0].matchLabelKeys[0]: Invalid value: "app": exists in both matchLabelKeys and labelSelector');
});

test('a well-formed spread constraint with matchLabelKeys passes', () => {
  assert.deepEqual(
    checkText(
      pod(
        'topologySpreadConstraints: [{maxSkew: 1, minDomains: 2, topologyKey: zone, whenUnsatisfiable: DoNotSchedule, labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [pod-template-hash]}]',
      ),
    ).findings,
    [],
  );
});

// validation.go ValidateNodeSelector: at least one term
test('required node affinity without terms is required', () => {
  const finding = onlyFinding(pod('affinity: {nodeAffinity: {requiredDuringSchedulingIgnoredDuringExecution: {nodeSelectorTerms: []}}}'));
  assert.equal(finding.rule, 'affinity');
  assert.equal(finding.message, 'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms: Required value: must have at least one node selector term');
});

// validation.go ValidateNodeSelectorRequirement: In needs values
test('a node selector In without values is required', () => {
  assert.equal(
    onlyFinding(pod('affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In}]}]')).message,
    "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
  );
});

// validation.go ValidateNodeSelectorRequirement: Exists takes no values
test('a node selector Exists with values is forbidden', () => {
  assert.equal(
    onlyFinding(pod('affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: Exists, values: [a]}]}]'))
      .message,
    "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
  );
});

// validation.go ValidateNodeSelectorRequirement: Gt takes one value
test('a node selector Gt with two values is required to have one', () => {
  assert.equal(
    onlyFinding(
      pod('affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms: [{matchExpressions: [{key: cores, operator: Gt, values: ["4", "8"]}]}]'),
    ).message,
    "spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].values: Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
  );
});

// validation.go ValidateNodeSelectorRequirement: required terms hold label values, preferred ones may not (ValidatePreferredSchedulingTerms)
test('a value that is not a label value is invalid in a required term and allowed in a preferred one', () => {
  const required = pod(
    'affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms: [{matchExpressions: [{key: zone, operator: In, values: ["eu west"]}]}]',
  );
  assert.match(
    onlyFinding(required).message,
    /^spec\.affinity\.nodeAffinity\.requiredDuringSchedulingIgnoredDuringExecution\.nodeSelectorTerms\[0\]\.matchExpressions\[0\]\.values\[0\]: Invalid value: "eu west": a valid label must be/,
  );
  const preferred = pod(
    'affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution: [{weight: 1, preference: {matchExpressions: [{key: zone, operator: In, values: ["eu west"]}]}}]',
  );
  assert.deepEqual(checkText(preferred).findings, []);
});

// validation.go ValidateNodeFieldSelectorRequirement: only metadata.name
test('a matchFields key other than metadata.name is invalid', () => {
  assert.equal(
    onlyFinding(
      pod('affinity:\n  nodeAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n      nodeSelectorTerms: [{matchFields: [{key: metadata.namespace, operator: In, values: [a]}]}]'),
    ).message,
    'spec.affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchFields[0].key: Invalid value: "metadata.namespace": not a valid field selector key',
  );
});

// validation.go ValidatePreferredSchedulingTerms: weight 1-100
test('a preferred node term with weight 0 is out of range', () => {
  assert.equal(
    onlyFinding(pod('affinity:\n  nodeAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution: [{weight: 0, preference: {matchExpressions: [{key: zone, operator: Exists}]}}]')).message,
    'spec.affinity.nodeAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 0: must be in the range 1-100',
  );
});

// validation.go validateWeightedPodAffinityTerms: weight 1-100
test('a weighted pod anti-affinity term with weight 101 is out of range', () => {
  assert.equal(
    onlyFinding(pod('affinity:\n  podAntiAffinity:\n    preferredDuringSchedulingIgnoredDuringExecution: [{weight: 101, podAffinityTerm: {topologyKey: zone}}]')).message,
    'spec.affinity.podAntiAffinity.preferredDuringSchedulingIgnoredDuringExecution[0].weight: Invalid value: 101: must be in the range 1-100',
  );
});

// validation.go validatePodAffinityTerm: topologyKey required, then ValidateLabelName on it
test('a pod affinity term with an invalid topologyKey is invalid', () => {
  assert.match(
    onlyFinding(pod('affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: "zone/a/b", labelSelector: {matchLabels: {app: db}}}]')).message,
    /^spec\.affinity\.podAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\.topologyKey: Invalid value: "zone\/a\/b": a qualified name must consist of/,
  );
});

// validation.go validatePodAffinityTerm: each namespace is a DNS-1123 label, reported on `namespace`
test("a namespace that is not a DNS-1123 label is invalid, under Go's singular path", () => {
  const finding = onlyFinding(pod('affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: zone, namespaces: [Team_A]}]'));
  assert.match(finding.message, /^spec\.affinity\.podAffinity\.requiredDuringSchedulingIgnoredDuringExecution\[0\]\.namespace: Invalid value: "Team_A": a lowercase RFC 1123 label/);
  assert.equal(finding.text, 'Team_A');
});

// validation.go validateMatchLabelKeysAndMismatchLabelKeys (MatchLabelKeysInPodAffinity on from 1.31)
test('a key in both matchLabelKeys and mismatchLabelKeys is invalid', () => {
  const text = pod(
    'affinity:\n  podAntiAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution:\n    - {topologyKey: zone, labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [tenant], mismatchLabelKeys: [tenant]}',
  );
  assert.equal(
    onlyFinding(text).message,
    'spec.affinity.podAntiAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].matchLabelKeys[0]: Invalid value: "tenant": exists in both matchLabelKeys and mismatchLabelKeys',
  );
});

// validation.go validateLabelKeys: needs a labelSelector
test('mismatchLabelKeys without a labelSelector is forbidden', () => {
  assert.equal(
    onlyFinding(pod('affinity:\n  podAffinity:\n    requiredDuringSchedulingIgnoredDuringExecution: [{topologyKey: zone, mismatchLabelKeys: [tenant]}]')).message,
    'spec.affinity.podAffinity.requiredDuringSchedulingIgnoredDuringExecution[0].mismatchLabelKeys: Forbidden: must not be specified when labelSelector is not set',
  );
});

test('well-formed node and pod affinity pass', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: web}
    spec:
      selector: {matchLabels: {app: web}}
      template:
        metadata: {labels: {app: web}}
        spec:
          containers: [{name: app, image: nginx}]
          affinity:
            nodeAffinity:
              requiredDuringSchedulingIgnoredDuringExecution:
                nodeSelectorTerms:
                - matchExpressions: [{key: kubernetes.io/os, operator: In, values: [linux]}, {key: cores, operator: Gt, values: ["4"]}]
                  matchFields: [{key: metadata.name, operator: NotIn, values: [node-1]}]
              preferredDuringSchedulingIgnoredDuringExecution: [{weight: 100, preference: {matchExpressions: [{key: disk, operator: Exists}]}}]
            podAntiAffinity:
              preferredDuringSchedulingIgnoredDuringExecution:
              - weight: 50
                podAffinityTerm: {topologyKey: kubernetes.io/hostname, labelSelector: {matchLabels: {app: web}}, matchLabelKeys: [pod-template-hash], namespaces: [default]}
  `;
  assert.deepEqual(checkText(text).findings, []);
});

// validation.go validateReadinessGates: ValidateQualifiedName
test('a readiness gate condition type with a space is not a qualified name', () => {
  const finding = onlyFinding(pod('readinessGates: [{conditionType: "example.com/feature 1"}]'));
  assert.equal(finding.rule, 'pod-gates');
  assert.match(finding.message, /^spec\.readinessGates\[0\]\.conditionType: Invalid value: "example\.com\/feature 1": name part must consist of/);
});

// validation.go validateSchedulingGates: duplicates reported on the gate's index
test('a scheduling gate named twice is a duplicate, on the index', () => {
  const finding = onlyFinding(pod('schedulingGates: [{name: example.com/quota}, {name: example.com/quota}]'));
  assert.equal(finding.message, 'spec.schedulingGates[1]: Duplicate value: "example.com/quota"');
  assert.equal(finding.text, 'example.com/quota');
});

// validation.go ValidatePodSpec: activeDeadlineSeconds InclusiveRangeError(1, math.MaxInt32)
test('activeDeadlineSeconds 0 is out of range', () => {
  assert.equal(onlyFinding(pod('activeDeadlineSeconds: 0')).message, 'spec.activeDeadlineSeconds: Invalid value: 0: must be between 1 and 2147483647, inclusive');
});

test('valid gates and deadline pass', () => {
  assert.deepEqual(checkText(pod('readinessGates: [{conditionType: example.com/ready}]\nschedulingGates: [{name: example.com/quota}]\nactiveDeadlineSeconds: 600')).findings, []);
});

// validation.go validatePodDNSConfig: dnsPolicy None needs a dnsConfig
test('dnsPolicy None without dnsConfig is required, on the policy', () => {
  const finding = onlyFinding(pod('dnsPolicy: None'));
  assert.equal(finding.rule, 'pod-dns');
  assert.equal(finding.message, 'spec.dnsConfig: Required value: must provide `dnsConfig` when `dnsPolicy` is None');
  assert.equal(finding.text, 'None');
});

// validation.go validatePodDNSConfig: dnsPolicy None needs a nameserver
test('dnsPolicy None with a dnsConfig without nameservers is required', () => {
  assert.equal(
    onlyFinding(pod('dnsPolicy: None\ndnsConfig: {searches: [svc.cluster.local]}')).message,
    'spec.dnsConfig.nameservers: Required value: must provide at least one DNS nameserver when `dnsPolicy` is None',
  );
});

// validation.go validatePodDNSConfig: MaxDNSNameservers, the list printed as a Go slice
test('four nameservers are too many', () => {
  assert.equal(
    onlyFinding(pod('dnsConfig: {nameservers: [1.1.1.1, 8.8.8.8, 9.9.9.9, 8.8.4.4]}'), '1.33').message,
    'spec.dnsConfig.nameservers: Invalid value: []string{"1.1.1.1", "8.8.8.8", "9.9.9.9", "8.8.4.4"}: must not have more than 3 nameservers',
  );
});

// apimachinery validation/ip.go IsValidIP
test('a nameserver that is not an IP address is invalid', () => {
  assert.equal(
    onlyFinding(pod('dnsConfig: {nameservers: [dns.example.com]}')).message,
    'spec.dnsConfig.nameservers[0]: Invalid value: "dns.example.com": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
  );
});

// validation.go validatePodDNSConfig: before RelaxedDNSSearchValidation (1.33), underscores are refused, trailing dot trimmed
test('a search domain with an underscore is invalid on 1.32 and valid on 1.33', () => {
  const text = pod('dnsConfig: {searches: [_srv.example.com.]}');
  assert.match(
    onlyFinding(text, '1.32').message,
    /^spec\.dnsConfig\.searches\[0\]: Invalid value: "_srv\.example\.com": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '\.'/,
  );
  assert.deepEqual(checkText(text, '1.33').findings, []);
});

// validation.go validatePodDNSConfig with AllowRelaxedDNSSearchValidation: IsDNS1123SubdomainWithUnderscore
test('a search domain with capitals is invalid with the relaxed pattern from 1.33', () => {
  assert.equal(
    onlyFinding(pod('dnsConfig: {searches: [Example.com]}'), '1.36').message,
    "spec.dnsConfig.searches[0]: Invalid value: \"Example.com\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '_', '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '_?[a-z0-9]([-_a-z0-9]*[a-z0-9])?(\\._?[a-z0-9]([-_a-z0-9]*[a-z0-9])?)*')",
  );
});

// validation.go validatePodDNSConfig: option names
test('a DNS option without a name is required', () => {
  assert.equal(onlyFinding(pod('dnsConfig: {options: [{value: "2"}]}')).message, 'spec.dnsConfig.options[0]: Required value: must not be empty');
});

// validation.go ValidateHostAliases: IsValidIP and DNS-1123 subdomains
test('a host alias with a zoned IP and an uppercase hostname is invalid twice', () => {
  const { findings } = checkText(pod('hostAliases: [{ip: "fe80::1%eth0", hostnames: [Files.local]}]'));
  assert.equal(findings.length, 2);
  assert.equal(findings[0]!.message, 'spec.hostAliases[0].ip: Invalid value: "fe80::1%eth0": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  assert.match(findings[1]!.message, /^spec\.hostAliases\[0\]\.hostnames\[0\]: Invalid value: "Files\.local": a lowercase RFC 1123 subdomain must consist of/);
});

test('valid DNS settings and host aliases pass, leading zeros included as ParseIPSloppy reads them', () => {
  const text = pod(
    'dnsPolicy: None\ndnsConfig: {nameservers: [10.0.0.10, "2001:db8::53", "::ffff:10.0.0.1"], searches: [svc.cluster.local., example.com], options: [{name: ndots, value: "2"}]}\nhostAliases: [{ip: 010.000.000.001, hostnames: [foo.local, bar]}]',
  );
  assert.deepEqual(checkText(text).findings, []);
});
