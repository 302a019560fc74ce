/** `probe-port-name` and `unsafe-sysctl`: accepted by the API server, broken by the kubelet; warnings by default. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

/** A Pod with one container; `container` adds lines to it, `podFields` to the pod spec (both indented in place). */
function pod(container: string, podFields = ''): string {
  return `apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
${podFields}  containers:
    - name: web
      image: registry.example.com/web:1.2.3
${container}`;
}

// pkg/probe/util.go ResolveContainerPort → findPortByName: a named port is looked up in the probed container's
// ports only; "port \"http\" not found" fails every probe run, so the kubelet restarts the container (liveness) or
// never marks it Ready (readiness).
test('probe-port-name: an httpGet probe naming a port the container does not declare', () => {
  const text = pod(`      ports: [{name: web, containerPort: 8080}]
      livenessProbe:
        httpGet: {path: /live, port: http}
`);
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'probe-port-name');
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.path, 'spec.containers[0].livenessProbe.httpGet.port');
  assert.equal(
    finding.message,
    `spec.containers[0].livenessProbe.httpGet.port: container "web" declares no port named "http": the kubelet cannot resolve the livenessProbe's port, so the probe always fails`,
  );
  assert.equal(finding.line, 11);
  assert.equal(finding.text, 'http');
});

// ResolveContainerPort: tcpSocket goes through the same lookup (pkg/probe/tcp/tcp.go via prober.runProbe).
test('probe-port-name: a tcpSocket readiness probe naming an undeclared port', () => {
  const finding = onlyFinding(
    pod(`      readinessProbe:
        tcpSocket: {port: grpc}
`),
  );
  assert.equal(finding.path, 'spec.containers[0].readinessProbe.tcpSocket.port');
  assert.equal(finding.text, 'grpc');
});

// findPortByName: a port declared on the probed container resolves; numbers need no lookup.
test('probe-port-name: a declared name or a number is quiet', () => {
  const text = pod(`      ports: [{name: http, containerPort: 8080}]
      livenessProbe:
        httpGet: {path: /live, port: http}
      readinessProbe:
        tcpSocket: {port: 8080}
      startupProbe:
        httpGet: {path: /start, port: http}
`);
  assert.deepEqual(checkText(text).findings, []);
});

// findPortByName reads `container.Ports` of the probed container only: another container's port does not count.
test('probe-port-name: a port declared by another container does not resolve', () => {
  const text = yaml`
    apiVersion: v1
    kind: Pod
    metadata: {name: web}
    spec:
      containers:
        - name: web
          image: registry.example.com/web:1.2.3
          readinessProbe:
            httpGet: {path: /ready, port: metrics}
        - name: exporter
          image: registry.example.com/exporter:1.0.0
          ports: [{name: metrics, containerPort: 9100}]
  `;
  assert.equal(onlyFinding(text).path, 'spec.containers[0].readinessProbe.httpGet.port');
});

// pkg/kubelet/sysctl/safe_sysctls.go safeSysctls; allowlist.go: the kubelet refuses the pod with reason
// SysctlForbidden when a sysctl is neither safe nor in --allowed-unsafe-sysctls.
test('unsafe-sysctl: a sysctl outside the safe set', () => {
  const text = pod(
    '',
    `  securityContext:
    sysctls: [{name: net.core.somaxconn, value: "1024"}]
`,
  );
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'unsafe-sysctl');
  assert.equal(finding.severity, 'warning');
  assert.equal(finding.path, 'spec.securityContext.sysctls[0].name');
  assert.equal(
    finding.message,
    `spec.securityContext.sysctls[0].name: sysctl "net.core.somaxconn" is not in the kubelet's safe set: the kubelet rejects the pod with SysctlForbidden unless the node runs with --allowed-unsafe-sysctls allowing it`,
  );
  assert.equal(finding.text, 'net.core.somaxconn');
});

// safeSysctls: the original set and the 1.29 keepalive/fin_timeout additions, in dotted or slashed form
// (component-helpers sysctl ConvertSysctlVariableToDotsSeparator).
test('unsafe-sysctl: safe sysctls are quiet, written with dots or slashes', () => {
  const text = pod(
    '',
    `  securityContext:
    sysctls:
      - {name: kernel.shm_rmid_forced, value: "1"}
      - {name: net.ipv4.ip_local_port_range, value: "1024 65535"}
      - {name: net/ipv4/tcp_keepalive_time, value: "600"}
      - {name: net.ipv4.tcp_fin_timeout, value: "30"}
`,
  );
  assert.deepEqual(checkText(text).findings, []);
});

// safeSysctls: net.ipv4.tcp_rmem and tcp_wmem joined the safe set in Kubernetes 1.32.
test('unsafe-sysctl: net.ipv4.tcp_rmem is safe from 1.32, unsafe in 1.30', () => {
  const text = pod(
    '',
    `  securityContext:
    sysctls: [{name: net.ipv4.tcp_rmem, value: "4096 87380 16777216"}]
`,
  );
  assert.deepEqual(checkText(text, '1.32').findings, []);
  assert.equal(onlyFinding(text, '1.30').rule, 'unsafe-sysctl');
});
