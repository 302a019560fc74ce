/** The pod spec family, in Pods and in every kind of pod template, with the API server's paths and words. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { checkText, onlyFinding, yaml } from '../../helpers/check-text';

/** A Pod whose spec is the given YAML, written at the spec's indentation. */
const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: p}\nspec:\n${spec.replace(/^/gm, '  ')}\n`;
const nginx = 'image: "nginx:1.25"';

test('a container name that is not a DNS-1123 label is invalid, on the name', () => {
  const finding = onlyFinding(pod(`containers: [{name: Web_App, ${nginx}}]`));
  assert.equal(finding.rule, 'container-names');
  assert.match(finding.message, /^spec\.containers\[0\]\.name: Invalid value: "Web_App": a lowercase RFC 1123 label must consist of/);
  assert.equal(finding.text, 'Web_App');
});

test('a name shared by a container and an init container is a duplicate, on the init container', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}}]\ninitContainers: [{name: app, ${nginx}}]`));
  assert.equal(finding.message, 'spec.initContainers[0].name: Duplicate value: "app"');
  assert.equal(finding.line, 6);
});

test('distinct container names pass', () => {
  assert.deepEqual(checkText(pod(`containers: [{name: app, ${nginx}}, {name: proxy, ${nginx}}]\ninitContainers: [{name: migrate, ${nginx}}]`)).findings, []);
});

test('a container without image is required, in a CronJob template with its full path', () => {
  const text = yaml`
    apiVersion: batch/v1
    kind: CronJob
    metadata: {name: nightly}
    spec:
      schedule: "0 3 * * *"
      jobTemplate:
        spec:
          template:
            spec:
              restartPolicy: OnFailure
              containers:
              - name: job
  `;
  const finding = onlyFinding(text);
  assert.equal(finding.rule, 'container-image');
  assert.equal(finding.message, 'spec.jobTemplate.spec.template.spec.containers[0].image: Required value');
});

test('an empty image string is required too', () => {
  assert.equal(onlyFinding(pod('containers: [{name: app, image: ""}]')).message, 'spec.containers[0].image: Required value');
});

test('containerPort 0 is required and a port name must be an IANA service name', () => {
  const { findings } = checkText(pod(`containers: [{name: app, ${nginx}, ports: [{containerPort: 0, name: http_port}]}]`));
  assert.deepEqual(findings.map((f) => [f.rule, f.message]).sort(), [
    ['container-ports', 'spec.containers[0].ports[0].containerPort: Required value'],
    ['container-ports', 'spec.containers[0].ports[0].name: Invalid value: "http_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
  ]);
});

test('a port name repeated in one container is a duplicate', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: app, ${nginx}, ports: [{containerPort: 80, name: http}, {containerPort: 81, name: http}]}]`)).message,
    'spec.containers[0].ports[1].name: Duplicate value: "http"',
  );
});

test('a container port above 65535 is out of range', () => {
  const finding = onlyFinding(pod(`containers: [{name: app, ${nginx}, ports: [{containerPort: 70000}]}]`));
  assert.equal(finding.message, 'spec.containers[0].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive');
  assert.equal(finding.text, '70000');
});

test('the same host port in two containers is a duplicate of protocol, host IP and port', () => {
  const finding = onlyFinding(pod(`containers:\n- {name: a, ${nginx}, ports: [{containerPort: 80, hostPort: 80}]}\n- {name: b, ${nginx}, ports: [{containerPort: 8080, hostPort: 80}]}`));
  assert.equal(finding.rule, 'host-ports');
  assert.equal(finding.message, 'spec.containers[1].ports[0].hostPort: Duplicate value: "TCP//80"');
  assert.equal(finding.text, '80');
});

test('the same host port with different protocols passes', () => {
  assert.deepEqual(
    checkText(pod(`containers:\n- {name: a, ${nginx}, ports: [{containerPort: 53, hostPort: 53}]}\n- {name: b, ${nginx}, ports: [{containerPort: 53, hostPort: 53, protocol: UDP}]}`)).findings,
    [],
  );
});

test('with hostNetwork a host port must equal the container port', () => {
  const finding = onlyFinding(pod(`hostNetwork: true\ncontainers: [{name: a, ${nginx}, ports: [{containerPort: 9100, hostPort: 9101}]}]`));
  assert.equal(finding.message, 'spec.containers[0].ports[0].hostPort: Invalid value: 9101: must match `containerPort` when `hostNetwork` is true');
});

test('with hostNetwork a DaemonSet template may leave hostPort unset', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: DaemonSet
    metadata: {name: exporter}
    spec:
      selector: {matchLabels: {app: exporter}}
      template:
        metadata: {labels: {app: exporter}}
        spec:
          hostNetwork: true
          containers: [{name: exporter, image: "exporter:1", ports: [{containerPort: 9100}]}]
  `;
  assert.deepEqual(checkText(text).findings, []);
});

test('a probe without a handler needs one, on the probe key', () => {
  const finding = onlyFinding(pod(`containers: [{name: a, ${nginx}, livenessProbe: {periodSeconds: 5}}]`));
  assert.equal(finding.rule, 'probes');
  assert.equal(finding.message, 'spec.containers[0].livenessProbe: Required value: must specify a handler type');
  assert.equal(finding.text, 'livenessProbe');
});

test('a second handler is forbidden', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, readinessProbe: {httpGet: {port: 80}, tcpSocket: {port: 80}}}]`)).message,
    'spec.containers[0].readinessProbe.tcpSocket: Forbidden: may not specify more than 1 handler type',
  );
});

test('a liveness probe must succeed after one success', () => {
  const finding = onlyFinding(pod(`containers: [{name: a, ${nginx}, livenessProbe: {tcpSocket: {port: 80}, successThreshold: 2}}]`));
  assert.equal(finding.message, 'spec.containers[0].livenessProbe.successThreshold: Invalid value: 2: must be 1');
  assert.equal(finding.text, '2');
});

test('a readiness probe may need several successes, and negative thresholds are invalid', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, readinessProbe: {tcpSocket: {port: 80}, successThreshold: 2, failureThreshold: -1}}]`)).message,
    'spec.containers[0].readinessProbe.failureThreshold: Invalid value: -1: must be greater than or equal to 0',
  );
});

test('a lifecycle hook needs a handler, and sleep is one', () => {
  assert.equal(onlyFinding(pod(`containers: [{name: a, ${nginx}, lifecycle: {preStop: {}}}]`)).message, 'spec.containers[0].lifecycle.preStop: Required value: must specify a handler type');
  assert.deepEqual(checkText(pod(`containers: [{name: a, ${nginx}, lifecycle: {preStop: {sleep: {seconds: 5}}}}]`)).findings, []);
});

test('a plain init container may not have probes; a sidecar may', () => {
  const finding = onlyFinding(pod(`containers: [{name: a, ${nginx}}]\ninitContainers: [{name: init, ${nginx}, readinessProbe: {tcpSocket: {port: 80}}}]`));
  assert.equal(finding.message, 'spec.initContainers[0].readinessProbe: Forbidden: may not be set for init containers without restartPolicy=Always');
  assert.deepEqual(checkText(pod(`containers: [{name: a, ${nginx}}]\ninitContainers: [{name: init, ${nginx}, restartPolicy: Always, readinessProbe: {tcpSocket: {port: 80}}}]`)).findings, []);
});

test('a request above its limit is reported on the requests map with canonical quantities', () => {
  const finding = onlyFinding(pod(`containers: [{name: a, ${nginx}, resources: {requests: {cpu: "2"}, limits: {cpu: 1000m}}}]`));
  assert.equal(finding.rule, 'resources');
  assert.equal(finding.message, 'spec.containers[0].resources.requests: Invalid value: "2": must be less than or equal to cpu limit of 1');
  assert.equal(finding.path, 'spec.containers[0].resources.requests');
  assert.equal(finding.text, '"2"');
});

test('memory quantities print the way apimachinery prints them', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, resources: {requests: {memory: 1.5Gi}, limits: {memory: 1024Mi}}}]`)).message,
    'spec.containers[0].resources.requests: Invalid value: "1536Mi": must be less than or equal to memory limit of 1Gi',
  );
});

test('decimal quantities print with the largest whole suffix', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, resources: {requests: {cpu: 1.5}, limits: {cpu: "0.5"}}}]`)).message,
    'spec.containers[0].resources.requests: Invalid value: "1500m": must be less than or equal to cpu limit of 500m',
  );
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, resources: {requests: {memory: 2G}, limits: {memory: 1500M}}}]`)).message,
    'spec.containers[0].resources.requests: Invalid value: "2G": must be less than or equal to memory limit of 1500M',
  );
});

test('valueFrom with no source names the sources', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, env: [{name: A, valueFrom: {}}]}]`)).message,
    'spec.containers[0].env[0].valueFrom: Invalid value: "": must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`',
  );
});

test('a resource name without a domain must be standard for containers', () => {
  const { findings } = checkText(pod(`containers: [{name: a, ${nginx}, resources: {requests: {gpu: 1}}}]`));
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource type or fully qualified',
      'spec.containers[0].resources.requests[gpu]: Invalid value: "gpu": must be a standard resource for containers',
    ],
  );
});

// validateContainerResourceName: IsStandardResourceName takes requests.hugepages-* (IsQuotaHugePageResourceName), so
// only IsStandardContainerResourceName refuses it.
test('a requests.hugepages- name is only not a container resource', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, resources: {requests: {requests.hugepages-2Mi: 1Mi, memory: 1Gi}}}]`)).message,
    'spec.containers[0].resources.requests[requests.hugepages-2Mi]: Invalid value: "requests.hugepages-2Mi": must be a standard resource for containers',
  );
});

// validateContainerResourceName → IsExtendedResourceName: a name already starting with requests. is not extended.
// Defaulting copies the limit into requests, so both lists name it.
test('an extended resource name may not start with requests.', () => {
  const { findings } = checkText(pod(`containers: [{name: a, ${nginx}, resources: {limits: {requests.example.com/gpu: 1}}}]`));
  assert.deepEqual(findings.map((f) => f.message).sort(), [
    'spec.containers[0].resources.limits[requests.example.com/gpu]: Invalid value: "requests.example.com/gpu": doesn\'t follow extended resource name standard',
    'spec.containers[0].resources.requests[requests.example.com/gpu]: Invalid value: "requests.example.com/gpu": doesn\'t follow extended resource name standard',
  ]);
});

// validateSecretKeySelector: ValidateNameFunc(ValidateSecretName) runs on an empty name too, so a chart value left
// unset gets the DNS-subdomain message (the error `helm install` users meet).
test('a secretKeyRef with an empty name is an invalid Secret name', () => {
  const finding = onlyFinding(pod(`containers: [{name: a, ${nginx}, env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: "", key: token}}}]}]`));
  assert.equal(
    finding.message,
    `spec.containers[0].env[0].valueFrom.secretKeyRef.name: Invalid value: "": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')`,
  );
});

// validateConfigMapKeySelector: the key is required and must be a valid ConfigMap key (IsConfigMapKey; RegexError
// writes "', " after each example and " or " before the next, hence the double spaces).
test('a configMapKeyRef key must be a valid ConfigMap key', () => {
  const finding = onlyFinding(pod(`containers: [{name: a, ${nginx}, env: [{name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: "a b"}}}]}]`));
  assert.equal(
    finding.message,
    "spec.containers[0].env[0].valueFrom.configMapKeyRef.key: Invalid value: \"a b\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')",
  );
});

test('well-formed configMapKeyRef and secretKeyRef pass', () => {
  assert.deepEqual(
    checkText(
      pod(`containers: [{name: a, ${nginx}, env: [{name: MODE, valueFrom: {configMapKeyRef: {name: settings, key: mode}}}, {name: T, valueFrom: {secretKeyRef: {name: creds, key: token.txt}}}]}]`),
    ).findings,
    [],
  );
});

test('an extended resource request needs an equal limit', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, resources: {requests: {example.com/gpu: 1}}}]`)).message,
    'spec.containers[0].resources.limits: Required value: Limit must be set for non overcommitable resources',
  );
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, resources: {requests: {example.com/gpu: 1}, limits: {example.com/gpu: 2}}}]`)).message,
    'spec.containers[0].resources.requests: Invalid value: "1": must be equal to example.com/gpu limit of 2',
  );
});

test('a fraction of an extended resource must be an integer, in the limits and in the requests copied from them', () => {
  const { findings } = checkText(pod(`containers: [{name: a, ${nginx}, resources: {limits: {nvidia.com/gpu: 0.5}}}]`));
  assert.deepEqual(findings.map((f) => f.message).sort(), [
    'spec.containers[0].resources.limits[nvidia.com/gpu]: Invalid value: "500m": must be an integer',
    'spec.containers[0].resources.requests[nvidia.com/gpu]: Invalid value: "500m": must be an integer',
  ]);
});

test('a Pod with only limits gets equal requests and passes', () => {
  assert.deepEqual(checkText(pod(`containers: [{name: a, ${nginx}, resources: {limits: {cpu: 500m, memory: 128Mi, example.com/gpu: 1}}}]`)).findings, []);
});

test("pod-level requests below the containers' sum are invalid, in the sum's own format", () => {
  const { findings } = checkText(
    pod(
      `resources: {requests: {cpu: "1", memory: 576Mi}}\ncontainers: [{name: a, ${nginx}, resources: {requests: {cpu: 1000m, memory: 4Gi}}}, {name: b, ${nginx}, resources: {requests: {cpu: 500m, memory: 2Gi}}}]`,
    ),
  );
  assert.deepEqual(
    findings.map((f) => f.message),
    [
      'spec.resources.requests[cpu]: Invalid value: "1": must be greater than or equal to aggregate container requests of 1500m',
      'spec.resources.requests[memory]: Invalid value: "576Mi": must be greater than or equal to aggregate container requests of 6Gi',
    ],
  );
});

test('pod-level requests count an init container beside the sidecars started before it, and sidecars beside the app', () => {
  // App 100m + sidecar 200m run together (300m); the init container runs with the sidecar before it: 400m + 200m = 600m.
  const spec = (cpu: string) =>
    `resources: {requests: {cpu: ${cpu}}}\ninitContainers: [{name: s, ${nginx}, restartPolicy: Always, resources: {requests: {cpu: 200m}}}, {name: i, ${nginx}, resources: {requests: {cpu: 400m}}}]\ncontainers: [{name: a, ${nginx}, resources: {requests: {cpu: 100m}}}]`;
  assert.equal(onlyFinding(pod(spec('500m'))).message, 'spec.resources.requests[cpu]: Invalid value: "500m": must be greater than or equal to aggregate container requests of 600m');
  assert.deepEqual(checkText(pod(spec('600m'))).findings, []);
});

test("a container limit above the pod-level limit is invalid, on the container's limit", () => {
  const finding = onlyFinding(pod(`resources: {limits: {memory: 1Gi}}\ncontainers: [{name: a, ${nginx}, resources: {limits: {memory: 2Gi}}}]`));
  assert.equal(finding.message, 'spec.resources.containers[0][memory].limits: Invalid value: "2Gi": must be less than or equal to pod limits of 1Gi');
  assert.equal(finding.text, '2Gi');
});

test('pod-level resources support only cpu, memory and huge pages', () => {
  assert.equal(
    onlyFinding(pod(`resources: {limits: {ephemeral-storage: 1Gi}}\ncontainers: [{name: a, ${nginx}}]`)).message,
    'spec.resources.limits[ephemeral-storage]: Unsupported value: "ephemeral-storage": supported values: "cpu", "hugepages-", "memory"',
  );
});

test('pod-level resources may not be set for a windows pod', () => {
  assert.equal(onlyFinding(pod(`os: {name: windows}\nresources: {limits: {cpu: "1"}}\ncontainers: [{name: a, ${nginx}}]`)).message, 'spec.resources: Forbidden: may not be set for a windows pod');
});

test('pod-level resources are not validated before 1.34, where the API server drops the field', () => {
  assert.deepEqual(checkText(pod(`resources: {requests: {cpu: 100m}}\ncontainers: [{name: a, ${nginx}, resources: {requests: {cpu: "1"}}}]`), '1.33').findings, []);
});

test('an env var with = in its name is invalid in every version; a dash-leading digit only in 1.30', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, env: [{name: "A=B", value: x}]}]`)).message,
    'spec.containers[0].env[0].name: Invalid value: "A=B": a valid environment variable name must consist only of printable ASCII characters other than \'=\'',
  );
  const digit = pod(`containers: [{name: a, ${nginx}, env: [{name: 1ST, value: x}]}]`);
  assert.deepEqual(checkText(digit).findings, []);
  assert.match(onlyFinding(digit, '1.30').message, /^spec\.containers\[0\]\.env\[0\]\.name: Invalid value: "1ST": a valid environment variable name must consist of alphabetic characters/);
});

test('valueFrom with a value is invalid', () => {
  const finding = onlyFinding(pod(`containers: [{name: a, ${nginx}, env: [{name: A, value: x, valueFrom: {fieldRef: {fieldPath: metadata.name}}}]}]`));
  assert.equal(finding.rule, 'env-vars');
  assert.equal(finding.message, 'spec.containers[0].env[0].valueFrom: Invalid value: "": may not be specified when `value` is not empty');
  assert.equal(finding.text, 'valueFrom');
});

test('valueFrom with two sources is invalid', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}, env: [{name: A, valueFrom: {fieldRef: {fieldPath: metadata.name}, secretKeyRef: {name: s, key: k}}}]}]`)).message,
    'spec.containers[0].env[0].valueFrom: Invalid value: "": may not have more than one field specified at a time',
  );
});

test('a mount that names no volume is not found, on the name', () => {
  const finding = onlyFinding(pod(`containers: [{name: a, ${nginx}, volumeMounts: [{name: data, mountPath: /data}]}]\nvolumes: [{name: cache, emptyDir: {}}]`));
  assert.equal(finding.rule, 'volume-mounts');
  assert.equal(finding.message, 'spec.containers[0].volumeMounts[0].name: Not found: "data"');
  assert.equal(finding.text, 'data');
});

test('two mounts on one path are invalid, and volume names are unique', () => {
  const { findings } = checkText(pod(`containers: [{name: a, ${nginx}, volumeMounts: [{name: v, mountPath: /d}, {name: v, mountPath: /d}]}]\nvolumes: [{name: v}, {name: v}]`));
  assert.deepEqual(findings.map((f) => f.message).sort(), ['spec.containers[0].volumeMounts[1].mountPath: Invalid value: "/d": must be unique', 'spec.volumes[1].name: Duplicate value: "v"']);
});

test('mounts of declared volumes pass', () => {
  assert.deepEqual(checkText(pod(`containers: [{name: a, ${nginx}, volumeMounts: [{name: v, mountPath: /d}]}]\nvolumes: [{name: v, configMap: {name: c}}]`)).findings, []);
});

test('a toleration with an empty key needs operator Exists', () => {
  const finding = onlyFinding(pod(`containers: [{name: a, ${nginx}}]\ntolerations: [{operator: Equal, value: x}]`));
  assert.equal(finding.rule, 'tolerations');
  assert.equal(finding.message, 'spec.tolerations[0].operator: Invalid value: "Equal": operator must be Exists when `key` is empty, which means "match all values and all keys"');
});

test('Exists with a value prints the toleration', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}}]\ntolerations: [{key: k, operator: Exists, value: v, effect: NoSchedule}]`), '1.33').message,
    'spec.tolerations[0].operator: Invalid value: core.Toleration{Key:"k", Operator:"Exists", Value:"v", Effect:"NoSchedule", TolerationSeconds:(*int64)(nil)}: value must be empty when `operator` is \'Exists\'',
  );
});

test('tolerationSeconds needs effect NoExecute', () => {
  assert.equal(
    onlyFinding(pod(`containers: [{name: a, ${nginx}}]\ntolerations: [{key: k, operator: Exists, effect: NoSchedule, tolerationSeconds: 30}]`)).message,
    'spec.tolerations[0].effect: Invalid value: "NoSchedule": effect must be \'NoExecute\' when `tolerationSeconds` is set',
  );
});

test('a match-everything toleration and a NoExecute toleration with seconds pass', () => {
  assert.deepEqual(checkText(pod(`containers: [{name: a, ${nginx}}]\ntolerations: [{operator: Exists}, {key: k, value: v, effect: NoExecute, tolerationSeconds: 30}]`)).findings, []);
});

test('a StatefulSet template is not pod-validated: its mounts may name volume claim templates', () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: StatefulSet
    metadata: {name: db}
    spec:
      serviceName: db
      selector: {matchLabels: {app: db}}
      template:
        metadata: {labels: {app: db}}
        spec: {containers: [{name: db, image: "postgres:16", volumeMounts: [{name: data, mountPath: /var/lib/postgresql}]}]}
      volumeClaimTemplates: [{metadata: {name: data}, spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}}]
  `;
  assert.deepEqual(checkText(text).findings, []);
});
