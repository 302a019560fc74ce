/** Service validation: ports, types, node ports and session affinity, in the API server's words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding } from '../../helpers/check-text';

const service = (spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n${spec}`;

test('a ClusterIP Service with one unnamed port and a named target port is accepted', () => {
  assert.deepEqual(checkText(service('  selector: {app: web}\n  ports: [{port: 80, targetPort: http}]\n')).findings, []);
});

test('a Service without ports is rejected unless headless or ExternalName', () => {
  const finding = onlyFinding(service('  selector: {app: web}\n'));
  assert.equal(finding.rule, 'service-ports');
  assert.equal(finding.message, 'spec.ports: Required value');
  assert.deepEqual(checkText(service('  clusterIP: None\n  selector: {app: web}\n')).findings, []);
  assert.deepEqual(checkText(service('  type: ExternalName\n  externalName: db.example.com.\n')).findings, []);
});

test('the second of two ports needs a name', () => {
  const finding = onlyFinding(service('  ports:\n  - {name: http, port: 80}\n  - {port: 443}\n'));
  assert.equal(finding.message, 'spec.ports[1].name: Required value');
  assert.equal(finding.line, 7);
});

test('duplicate port names are rejected on the second name', () => {
  const finding = onlyFinding(service('  ports:\n  - {name: http, port: 80}\n  - {name: http, port: 8080}\n'));
  assert.equal(finding.message, 'spec.ports[1].name: Duplicate value: "http"');
  assert.equal(finding.line, 7);
  assert.equal(finding.text, 'http');
});

test('a port name that is not a DNS-1123 label is rejected', () => {
  assert.match(onlyFinding(service('  ports: [{name: HTTP, port: 80}]\n')).message, /^spec\.ports\[0\]\.name: Invalid value: "HTTP": a lowercase RFC 1123 label must consist of/);
});

test('a target port name longer than 15 characters is rejected with the IANA rule', () => {
  const finding = onlyFinding(service('  ports: [{port: 80, targetPort: http-metrics-port}]\n'));
  assert.equal(finding.message, 'spec.ports[0].targetPort: Invalid value: "http-metrics-port": must be no more than 15 characters');
  assert.equal(finding.text, 'http-metrics-port');
});

test('a numeric target port given as a string is a name and needs a letter', () => {
  assert.equal(onlyFinding(service('  ports: [{port: 80, targetPort: "8080"}]\n')).message, 'spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)');
});

test('a port out of range is rejected, and again as the target port defaulted from it', () => {
  assert.deepEqual(
    checkText(service('  ports: [{port: 70000}]\n'))
      .findings.map((f) => f.message)
      .sort(),
    ['spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive', 'spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive'],
  );
  assert.equal(onlyFinding(service('  ports: [{port: 70000, targetPort: 8080}]\n')).message, 'spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive');
});

test('the same protocol and port twice is a duplicate ServicePort, placed on the second port number', () => {
  const finding = onlyFinding(service('  ports:\n  - {name: a, port: 80}\n  - {name: b, port: 80, protocol: TCP}\n'), '1.33');
  assert.equal(
    finding.message,
    'spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}',
  );
  assert.equal(finding.line, 7);
  assert.equal(finding.text, '80');
});

test('the same port over TCP and UDP is allowed', () => {
  assert.deepEqual(checkText(service('  ports:\n  - {name: dns, port: 53, protocol: UDP}\n  - {name: dns-tcp, port: 53}\n')).findings, []);
});

test('a nodePort on a ClusterIP Service is forbidden', () => {
  const finding = onlyFinding(service('  ports: [{port: 80, nodePort: 30080}]\n'));
  assert.equal(finding.rule, 'service-type');
  assert.equal(finding.message, "spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'");
  assert.equal(finding.text, 'nodePort');
});

test('a nodePort outside the default range is refused by the allocator', () => {
  const finding = onlyFinding(service('  type: NodePort\n  ports: [{port: 80, nodePort: 8080}]\n'));
  assert.equal(finding.message, 'spec.ports[0].nodePort: Invalid value: 8080: provided port is not in the valid range. The range of valid ports is 30000-32767');
  assert.equal(finding.text, '8080');
});

test('a NodePort Service with node ports in range is accepted', () => {
  assert.deepEqual(checkText(service('  type: NodePort\n  ports:\n  - {name: a, port: 80, nodePort: 30080}\n  - {name: b, port: 81}\n')).findings, []);
});

test('the same nodePort twice is a duplicate', () => {
  const finding = onlyFinding(service('  type: NodePort\n  ports:\n  - {name: a, port: 80, nodePort: 30080}\n  - {name: b, port: 81, nodePort: 30080}\n'));
  assert.equal(finding.message, 'spec.ports[1].nodePort: Duplicate value: 30080');
});

test('an ExternalName Service needs externalName', () => {
  assert.equal(onlyFinding(service('  type: ExternalName\n')).message, 'spec.externalName: Required value');
});

test('an ExternalName that is not a DNS subdomain is rejected without its trailing dot', () => {
  assert.match(onlyFinding(service('  type: ExternalName\n  externalName: DB.example.com.\n')).message, /^spec\.externalName: Invalid value: "DB\.example\.com": a lowercase RFC 1123 subdomain/);
});

test('an ExternalName Service may not set a cluster IP', () => {
  const finding = onlyFinding(service('  type: ExternalName\n  externalName: db.example.com\n  clusterIP: 10.0.0.10\n'));
  assert.equal(finding.message, 'spec.clusterIPs: Forbidden: may not be set for ExternalName services');
  assert.equal(finding.text, 'clusterIP');
});

test('a headless NodePort Service is rejected on clusterIP', () => {
  const finding = onlyFinding(service('  type: NodePort\n  clusterIP: None\n  ports: [{port: 80}]\n'));
  assert.equal(finding.message, 'spec.clusterIPs[0]: Invalid value: "None": may not be set to \'None\' for NodePort services');
  assert.equal(finding.text, 'None');
});

test('externalTrafficPolicy on a ClusterIP Service is rejected', () => {
  const finding = onlyFinding(service('  externalTrafficPolicy: Local\n  ports: [{port: 80}]\n'));
  assert.equal(finding.message, 'spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services');
  assert.deepEqual(checkText(service('  type: LoadBalancer\n  externalTrafficPolicy: Local\n  ports: [{port: 80}]\n')).findings, []);
});

test('a ClientIP affinity timeout above a day is rejected', () => {
  const finding = onlyFinding(service('  sessionAffinity: ClientIP\n  sessionAffinityConfig: {clientIP: {timeoutSeconds: 86401}}\n  ports: [{port: 80}]\n'));
  assert.equal(finding.rule, 'session-affinity');
  assert.equal(finding.message, 'spec.sessionAffinityConfig.clientIP.timeoutSeconds: Invalid value: 86401: must be greater than 0 and less than 86400');
  assert.equal(finding.text, '86401');
});

test('ClientIP affinity without a timeout is defaulted and accepted', () => {
  assert.deepEqual(checkText(service('  sessionAffinity: ClientIP\n  ports: [{port: 80}]\n')).findings, []);
});

test('an appProtocol must be a qualified name', () => {
  assert.match(
    onlyFinding(service('  ports: [{port: 80, appProtocol: "kubernetes.io/h2c/x"}]\n')).message,
    /^spec\.ports\[0\]\.appProtocol: Invalid value: "kubernetes\.io\/h2c\/x": a qualified name must consist of/,
  );
  assert.deepEqual(checkText(service('  ports: [{port: 80, appProtocol: kubernetes.io/h2c}]\n')).findings, []);
});

test('an ExternalName Service may not set IP families', () => {
  const finding = onlyFinding(service('  type: ExternalName\n  externalName: db.example.com\n  ipFamilyPolicy: SingleStack\n'));
  assert.equal(finding.message, 'spec.ipFamilyPolicy: Forbidden: may not be set for ExternalName services');
  assert.equal(finding.text, 'ipFamilyPolicy');
});

const loadBalancer = (extra: string, type = 'LoadBalancer') =>
  `apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  type: ${type}\n  selector: {app: web}\n  ports:\n  - {port: 80}\n${extra}`;

// ValidateService: loadBalancerSourceRanges entries are CIDRs, named with a capital L (1.33 and later).
test('a load balancer source range that is not a CIDR is refused on the odd capitalised path', () => {
  const finding = onlyFinding(loadBalancer('  loadBalancerSourceRanges: [10.0.0.0/8, 1.2.3.4]\n'));
  assert.equal(finding.rule, 'service-load-balancer');
  assert.equal(finding.message, 'spec.LoadBalancerSourceRanges[1]: Invalid value: "1.2.3.4": must be a valid CIDR value, (e.g. 10.9.8.0/24 or 2001:db8::/64)');
  assert.equal(finding.text, '1.2.3.4');
});

test('load balancer source ranges need type LoadBalancer', () => {
  const finding = onlyFinding(loadBalancer('  loadBalancerSourceRanges: [10.0.0.0/8]\n', 'NodePort'));
  assert.equal(finding.message, "spec.LoadBalancerSourceRanges: Forbidden: may only be used when `type` is 'LoadBalancer'");
});

test('valid source ranges on a LoadBalancer are accepted', () => {
  assert.deepEqual(checkText(loadBalancer('  loadBalancerSourceRanges: [10.0.0.0/8, " 192.168.0.0/16"]\n')).findings, []);
});

// ValidateService: allocateLoadBalancerNodePorts only for LoadBalancer.
test('allocateLoadBalancerNodePorts on a NodePort Service is forbidden', () => {
  const finding = onlyFinding(loadBalancer('  allocateLoadBalancerNodePorts: false\n', 'NodePort'));
  assert.equal(finding.message, "spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is 'LoadBalancer'");
});

// validateServiceExternalTrafficPolicy: healthCheckNodePort needs LoadBalancer and Local.
test('a health check node port with externalTrafficPolicy Cluster is refused', () => {
  const finding = onlyFinding(loadBalancer('  healthCheckNodePort: 30100\n'));
  assert.equal(finding.message, "spec.healthCheckNodePort: Invalid value: 30100: may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'");
});

test('a health check node port with externalTrafficPolicy Local is accepted', () => {
  assert.deepEqual(checkText(loadBalancer('  externalTrafficPolicy: Local\n  healthCheckNodePort: 30100\n')).findings, []);
});

// validateServiceTrafficDistribution in 1.32: PreferClose only.
test('in 1.32 trafficDistribution is PreferClose or unset', () => {
  const finding = onlyFinding(loadBalancer('  trafficDistribution: PreferSameZone\n', 'ClusterIP'), '1.32');
  assert.equal(finding.message, 'spec.trafficDistribution: Unsupported value: "PreferSameZone": supported values: "PreferClose"');
});

// pkg/registry/core/service/storage/alloc.go initIPFamilyFields: a dual-stack request with its policy is accepted on create.
test('a PreferDualStack Service with one IP of each family is accepted', () => {
  assert.deepEqual(
    checkText(
      service('  selector: {app: web}\n  ipFamilyPolicy: PreferDualStack\n  ipFamilies: [IPv4, IPv6]\n  clusterIP: 10.96.0.10\n  clusterIPs: [10.96.0.10, "fd00::10"]\n  ports: [{port: 80}]\n'),
    ).findings,
    [],
  );
});

// initIPFamilyFields: an unset policy is SingleStack on create, and SingleStack with two families is refused.
test('two IP families without a dual-stack policy are rejected on the families', () => {
  const finding = onlyFinding(service('  selector: {app: web}\n  ipFamilies: [IPv4, IPv6]\n  ports: [{port: 80}]\n'));
  assert.equal(finding.rule, 'service-ip-families');
  assert.equal(finding.message, `spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple IP families are specified`);
  assert.equal(finding.text, 'ipFamilies');
  assert.equal(finding.line, 6);
});

// initIPFamilyFields: SingleStack written, with two cluster IPs.
test('SingleStack with two cluster IPs is rejected on the policy', () => {
  const finding = onlyFinding(service('  selector: {app: web}\n  ipFamilyPolicy: SingleStack\n  clusterIP: 10.96.0.10\n  clusterIPs: [10.96.0.10, "fd00::10"]\n  ports: [{port: 80}]\n'));
  assert.equal(finding.message, `spec.ipFamilyPolicy: Invalid value: "SingleStack": must be 'RequireDualStack' or 'PreferDualStack' when multiple cluster IPs are specified`);
  assert.equal(finding.text, 'SingleStack');
});

// initIPFamilyFields: a headless Service without a selector defaults to RequireDualStack and may list both families.
test('a headless Service without a selector may list both families without a policy', () => {
  assert.deepEqual(checkText(service('  clusterIP: None\n  ipFamilies: [IPv4, IPv6]\n')).findings, []);
});

// ValidateServiceClusterIPsRelatedFields: clusterIPs[0] must be clusterIP; the list printed as Go's %#v of a []string.
test('clusterIPs that do not start with clusterIP are rejected', () => {
  const finding = onlyFinding(
    service('  selector: {app: web}\n  ipFamilyPolicy: PreferDualStack\n  clusterIP: 10.96.0.10\n  clusterIPs: ["fd00::10", 10.96.0.10]\n  ports: [{port: 80}]\n'),
    '1.33',
  );
  assert.equal(finding.message, 'spec.clusterIPs: Invalid value: []string{"fd00::10", "10.96.0.10"}: first value must match `clusterIP`');
  assert.equal(finding.path, 'spec.clusterIPs');
});

// ValidateServiceClusterIPsRelatedFields: normalizeClusterIPs does not fill clusterIP from clusterIPs on create.
test('clusterIPs without clusterIP are rejected', () => {
  const finding = onlyFinding(service('  selector: {app: web}\n  clusterIPs: [10.96.0.10]\n  ports: [{port: 80}]\n'), '1.33');
  assert.equal(finding.message, 'spec.clusterIPs: Invalid value: []string{"10.96.0.10"}: must be empty when `clusterIP` is not specified');
});

// ValidateServiceClusterIPsRelatedFields: IsDualStackIPStrings for two IPs.
test('two cluster IPs of one family are rejected', () => {
  const finding = onlyFinding(
    service('  selector: {app: web}\n  ipFamilyPolicy: RequireDualStack\n  clusterIP: 10.96.0.10\n  clusterIPs: [10.96.0.10, 10.96.0.11]\n  ports: [{port: 80}]\n'),
    '1.33',
  );
  assert.equal(finding.message, 'spec.clusterIPs: Invalid value: []string{"10.96.0.10", "10.96.0.11"}: may specify no more than one IP for each IP family');
});

// ValidateServiceClusterIPsRelatedFields: 'None' only alone.
test('None beside another cluster IP is rejected', () => {
  const finding = onlyFinding(service('  selector: {app: web}\n  clusterIP: None\n  clusterIPs: [None, 10.96.0.10]\n  ports: [{port: 80}]\n'), '1.33');
  assert.equal(finding.message, `spec.clusterIPs: Invalid value: []string{"None", "10.96.0.10"}: 'None' must be the first and only value`);
});

// ValidateServiceClusterIPsRelatedFields: IsValidIP on each cluster IP; clusterIP alone is copied into clusterIPs first.
test('a cluster IP that is not an IP address is rejected on clusterIP', () => {
  const finding = onlyFinding(service('  selector: {app: web}\n  clusterIP: 10.96.0.300\n  ports: [{port: 80}]\n'));
  assert.equal(finding.message, 'spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)');
  assert.equal(finding.text, '10.96.0.300');
});

// ValidateServiceClusterIPsRelatedFields: each cluster IP is of the family at the same index.
test('a cluster IP of the other family than ipFamilies says is rejected', () => {
  const finding = onlyFinding(service('  selector: {app: web}\n  clusterIP: 10.96.0.10\n  ipFamilies: [IPv6]\n  ports: [{port: 80}]\n'));
  assert.equal(finding.message, 'spec.clusterIPs[0]: Invalid value: "10.96.0.10": expected an IPv6 value as indicated by `ipFamilies[0]`');
  assert.equal(finding.text, '10.96.0.10');
});

// ValidateServiceClusterIPsRelatedFields: families unique.
test('a repeated IP family is a duplicate', () => {
  const finding = onlyFinding(service('  selector: {app: web}\n  ipFamilyPolicy: PreferDualStack\n  ipFamilies: [IPv4, IPv4]\n  ports: [{port: 80}]\n'));
  assert.equal(finding.message, 'spec.ipFamilies[1]: Duplicate value: "IPv4"');
});
