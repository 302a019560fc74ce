/**
 * YAML that is some other tool's file, not a Kubernetes manifest: no finding, no object, no blocked plan. Each file
 * is written after its format's documentation, cited beside it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { validateText } from '../../server/src/check/validate-text';
import { checkTexts, hasErrors } from '../../server/src/check/check-texts';
import type { FileReport } from '../../server/src/check/report';
import { DEFAULT_VERSION } from '../../server/src/schema/versions';
import { objectRefs } from '../../server/src/workspace/object-refs';
import { yaml } from '../helpers/check-text';

function check(fileName: string, text: string): FileReport {
  return validateText(text, { kubernetesVersion: DEFAULT_VERSION, fileName });
}

function assertQuiet(fileName: string, text: string): void {
  const report = check(fileName, text);
  assert.deepEqual(report.findings, [], `${fileName}: ${JSON.stringify(report.findings)}`);
  assert.deepEqual(report.objects, []);
}

// helm.sh/docs/topics/charts, "The Chart.yaml File": apiVersion v2, name, version; no kind.
const CHART_YAML = yaml`
  apiVersion: v2
  name: web
  description: A Helm chart for the web front end
  type: application
  version: 0.1.0
  appVersion: "1.16.0"
  dependencies:
    - name: redis
      version: 17.x.x
      repository: https://charts.bitnami.com/bitnami
`;

// helm.sh/docs/chart_template_guide/values_files: any keys the chart's templates read.
const VALUES_YAML = yaml`
  replicaCount: 2
  apiVersion: networking.k8s.io/v1
  kind: web
  image:
    repository: nginx
    tag: ""
`;

// kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig; client-go tools/clientcmd/api/v1 Config.
const KUBECONFIG = yaml`
  apiVersion: v1
  kind: Config
  clusters:
    - name: dev
      cluster:
        server: https://127.0.0.1:6443
        certificate-authority-data: LS0tLS1CRUdJTg==
  contexts:
    - name: dev
      context: {cluster: dev, user: admin, namespace: default}
  current-context: dev
  preferences: {}
  users:
    - name: admin
      user: {token: abc}
`;

// kind.sigs.k8s.io/docs/user/configuration: `kind: Cluster`, `apiVersion: kind.x-k8s.io/v1alpha4`.
const KIND_CLUSTER = yaml`
  kind: Cluster
  apiVersion: kind.x-k8s.io/v1alpha4
  nodes:
    - role: control-plane
    - role: worker
`;

// kubernetes.io/docs/reference/config-api/kubeadm-config.v1beta4 (InitConfiguration, ClusterConfiguration,
// JoinConfiguration with the kubelet's and kube-proxy's configurations in the same file),
// kubelet-config.v1beta1 and kube-proxy-config.v1alpha1.
const KUBEADM_CONFIG = yaml`
  apiVersion: kubeadm.k8s.io/v1beta4
  kind: InitConfiguration
  localAPIEndpoint:
    advertiseAddress: 10.0.0.10
  ---
  apiVersion: kubeadm.k8s.io/v1beta4
  kind: ClusterConfiguration
  kubernetesVersion: v1.32.0
  networking:
    podSubnet: 10.244.0.0/16
  ---
  apiVersion: kubeadm.k8s.io/v1beta4
  kind: JoinConfiguration
  discovery:
    bootstrapToken:
      apiServerEndpoint: 10.0.0.10:6443
      token: abcdef.0123456789abcdef
      unsafeSkipCAVerification: true
  ---
  apiVersion: kubelet.config.k8s.io/v1beta1
  kind: KubeletConfiguration
  cgroupDriver: systemd
  ---
  apiVersion: kubeproxy.config.k8s.io/v1alpha1
  kind: KubeProxyConfiguration
  mode: ipvs
`;

// docs.github.com/actions/writing-workflows/workflow-syntax-for-github-actions; `${{ }}` is an expression.
const GITHUB_WORKFLOW = yaml`
  name: ci
  on: [push]
  jobs:
    build:
      runs-on: ubuntu-latest
      if: \${{ github.event_name == 'push' }}
      steps:
        - uses: actions/checkout@v4
        - run: echo \${{ github.sha }}
          env:
            TOKEN: \${{ secrets.TOKEN }}
`;

// docs.ansible.com/ansible/latest/playbook_guide/playbooks_intro: a list of plays; variables quoted as Ansible asks.
const ANSIBLE_PLAYBOOK = yaml`
  - name: Deploy the web tier
    hosts: webservers
    become: true
    vars:
      kind: web
    tasks:
      - name: Create a Deployment
        kubernetes.core.k8s:
          state: present
          definition:
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: "{{ app_name }}"
`;

// docs.docker.com/reference/compose-file/services.
const DOCKER_COMPOSE = yaml`
  services:
    web:
      image: "nginx:\${TAG:-latest}"
      ports:
        - "8080:80"
      environment:
        kind: web
`;

// kubectl.docs.kubernetes.io/references/kustomize/kustomization; every field here is one of api/types/kustomization.go.
const KUSTOMIZATION = yaml`
  apiVersion: kustomize.config.k8s.io/v1beta1
  kind: Kustomization
  namespace: dev
  namePrefix: dev-
  resources:
    - deployment.yaml
  images:
    - name: nginx
      newTag: "1.27"
  configMapGenerator:
    - name: settings
      literals: [LEVEL=debug]
`;

test("a Helm chart's Chart.yaml is not a manifest: no 'kind not set'", () => {
  assertQuiet('charts/web/Chart.yaml', CHART_YAML);
});

test('a Helm values file with top-level apiVersion and kind is not a manifest', () => {
  assertQuiet('charts/web/values.yaml', VALUES_YAML);
  assertQuiet('charts/web/values-production.yaml', VALUES_YAML);
});

test('a kubeconfig (kind: Config) is recognised by its shape, whatever its name', () => {
  assertQuiet('clusters/dev.yaml', KUBECONFIG);
});

test('a kind cluster configuration is recognised by its API group', () => {
  assertQuiet('kind.yaml', KIND_CLUSTER);
});

test('kubeadm, kubelet and kube-proxy configurations are recognised by their API groups', () => {
  assertQuiet('cluster/kubeadm.yaml', KUBEADM_CONFIG);
});

test('a GitHub Actions workflow is not a manifest, and ${{ }} is not a Helm template', () => {
  assertQuiet('.github/workflows/ci.yml', GITHUB_WORKFLOW);
  // Even under another name: `${{ … }}` inside a plain scalar is text, not template syntax.
  assertQuiet('ci.yml', GITHUB_WORKFLOW);
});

test('an Ansible playbook (a list of plays) gives no finding', () => {
  assertQuiet('site.yml', ANSIBLE_PLAYBOOK);
});

test('a Docker Compose file is not a manifest', () => {
  assertQuiet('docker-compose.yml', DOCKER_COMPOSE);
  assertQuiet('compose.yaml', DOCKER_COMPOSE);
});

test('a kustomization with only kustomize fields gives no finding and no object', () => {
  assertQuiet('overlays/dev/kustomization.yaml', KUSTOMIZATION);
  assertQuiet('overlays/dev/anything.yaml', KUSTOMIZATION);
});

test("the other tools' files do not keep a plan from being made", () => {
  const texts = [
    { file: 'charts/web/Chart.yaml', text: CHART_YAML },
    { file: 'charts/web/values.yaml', text: VALUES_YAML },
    { file: 'kubeconfig.yaml', text: KUBECONFIG },
    { file: 'cluster/kubeadm.yaml', text: KUBEADM_CONFIG },
    { file: 'kind.yaml', text: KIND_CLUSTER },
    { file: 'kustomization.yaml', text: KUSTOMIZATION },
    { file: 'app.yaml', text: 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n' },
  ];
  const checked = checkTexts(texts, { kubernetesVersion: DEFAULT_VERSION });
  assert.equal(hasErrors(checked), false);
  assert.deepEqual(
    checked.flatMap((text) => text.objects.map((object) => `${object.kind}/${object.name}`)),
    ['ConfigMap/settings'],
  );
});

// kustomize api/types/kustomization.go, Kustomization.Unmarshal: DisallowUnknownFields; `kubectl kustomize` 1.32 prints
// `invalid Kustomization: json: unknown field "namePrefx"`.
test("an unknown field of a kustomization is an error in kustomize's words, on the key", () => {
  const text = 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nnamePrefx: dev-\n';
  const { findings } = check('kustomization.yaml', text);
  assert.equal(findings.length, 1);
  assert.equal(findings[0]!.severity, 'error');
  assert.equal(findings[0]!.rule, 'kustomization');
  assert.equal(findings[0]!.message, 'invalid Kustomization: json: unknown field "namePrefx"');
  assert.equal(text.slice(findings[0]!.range.start, findings[0]!.range.end), 'namePrefx');
});

// encoding/json matches keys to fields ignoring case; `kubectl kustomize` accepts `NamePrefix:`.
test('a kustomization field written in another case is the field', () => {
  assertQuiet('kustomization.yaml', 'resources: [a.yaml]\nNamePrefix: dev-\n');
});

// `kubectl kustomize` 1.32 on `resources: cm.yaml`:
// `invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.resources of type []string`.
test("a kustomization list field given a string is an error in encoding/json's words", () => {
  const { findings } = check('kustomization.yaml', 'resources: cm.yaml\n');
  assert.deepEqual(
    findings.map((finding) => finding.message),
    ['invalid Kustomization: json: cannot unmarshal string into Go struct field Kustomization.resources of type []string'],
  );
});

// `kubectl kustomize` 1.32 on `commonLabels: {a: 1}`:
// `invalid Kustomization: json: cannot unmarshal number into Go struct field Kustomization.commonLabels of type string`.
test("a number among a kustomization's commonLabels is an error, on the value", () => {
  const text = 'commonLabels:\n  a: 1\n';
  const { findings } = check('kustomization.yaml', text);
  assert.deepEqual(
    findings.map((finding) => finding.message),
    ['invalid Kustomization: json: cannot unmarshal number into Go struct field Kustomization.commonLabels of type string'],
  );
  assert.equal(text.slice(findings[0]!.range.start, findings[0]!.range.end), '1');
});

// Kustomization.EnforceFields: a Component must be kustomize.config.k8s.io/v1alpha1; `kubectl kustomize` 1.32 prints
// `apiVersion for Component should be kustomize.config.k8s.io/v1alpha1`.
test('a kustomize Component with the Kustomization apiVersion is an error', () => {
  const { findings } = check('kustomization.yaml', 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Component\nresources: [cm.yaml]\n');
  assert.deepEqual(
    findings.map((finding) => finding.message),
    ['apiVersion for Component should be kustomize.config.k8s.io/v1alpha1'],
  );
});

test("a file under a Helm chart's templates/ folder with {{ }} anywhere is a template", () => {
  const text = yaml`
    apiVersion: apps/v1
    kind: Deployment
    metadata:
      name: web-{{ .Release.Name }}
  `;
  const { findings, objects } = check('charts/web/templates/deployment.yaml', text);
  assert.deepEqual(objects, []);
  assert.deepEqual(
    findings.map((finding) => [finding.rule, finding.severity]),
    [['template-skipped', 'information']],
  );
});

// A PrometheusRule's annotations are Go templates the Prometheus server expands
// (prometheus.io/docs/prometheus/latest/configuration/template_examples); in YAML they are plain strings.
test('{{ }} inside a plain scalar is text: a real error in the same file is found', () => {
  const text = yaml`
    apiVersion: v1
    kind: Service
    metadata:
      name: node-alerts
      annotations:
        summary: Instance {{ $labels.instance }} down
    spec:
      ports:
        - port: 80
          protocol: tcp
  `;
  const { findings, objects } = check('alerts.yaml', text);
  assert.equal(objects.length, 1);
  assert.deepEqual(
    findings.filter((finding) => finding.severity === 'error').map((finding) => finding.path),
    ['spec.ports[0].protocol'],
  );
});

// The API server validates a custom resource against its CRD's schema (apiextensions-apiserver
// pkg/apiserver/validation, kube-openapi's validate: a missing required property is `<path>: Required value`).
// The PrometheusRule schema as prometheus-operator's CRD declares it (example/prometheus-operator-crd/
// monitoring.coreos.com_prometheusrules.yaml), cut to the fields used: rules[].expr is int-or-string and required,
// annotations a map of strings. The alert's annotations are Prometheus templates, strings to the API server.
const PROMETHEUS_RULE_CRD = yaml`
  apiVersion: apiextensions.k8s.io/v1
  kind: CustomResourceDefinition
  metadata:
    name: prometheusrules.monitoring.coreos.com
  spec:
    group: monitoring.coreos.com
    names: {kind: PrometheusRule, listKind: PrometheusRuleList, plural: prometheusrules, singular: prometheusrule}
    scope: Namespaced
    versions:
      - name: v1
        served: true
        storage: true
        schema:
          openAPIV3Schema:
            type: object
            properties:
              spec:
                type: object
                properties:
                  groups:
                    type: array
                    items:
                      type: object
                      required: [name]
                      properties:
                        name: {type: string}
                        rules:
                          type: array
                          items:
                            type: object
                            required: [expr]
                            properties:
                              alert: {type: string}
                              expr: {x-kubernetes-int-or-string: true}
                              for: {type: string}
                              annotations: {type: object, additionalProperties: {type: string}}
`;

test('a PrometheusRule whose alert texts hold {{ }} is validated against its CRD: a real error is found', () => {
  const rule = yaml`
    apiVersion: monitoring.coreos.com/v1
    kind: PrometheusRule
    metadata:
      name: node-alerts
    spec:
      groups:
        - name: node
          rules:
            - alert: InstanceDown
              for: 5m
              annotations:
                summary: Instance {{ $labels.instance }} down
                description: {{ $labels.instance }} of job {{ $labels.job }} has been down for more than 5 minutes.
  `;
  assert.equal(check('alerts.yaml', rule).findings.filter((finding) => finding.rule === 'template-skipped').length, 1, 'a {{ at the start of a plain value is YAML structure');
  const fixed = rule.replace('description: {{ $labels.instance }}', 'description: Instance {{ $labels.instance }}');
  const [, checked] = checkTexts(
    [
      { file: 'crd.yaml', text: PROMETHEUS_RULE_CRD },
      { file: 'alerts.yaml', text: fixed },
    ],
    { kubernetesVersion: DEFAULT_VERSION },
  );
  assert.equal(checked!.objects.length, 1);
  assert.deepEqual(
    checked!.crossObjectFindings.filter((finding) => finding.severity === 'error').map((finding) => [finding.rule, finding.message]),
    [['custom-resource-schema', 'spec.groups[0].rules[0].expr: Required value']],
  );
});

test("the workspace index takes no object from other tools' files", () => {
  assert.deepEqual(objectRefs(KUBEADM_CONFIG, '/repo/cluster/kubeadm.yaml').objects, []);
  assert.deepEqual(objectRefs(KUBECONFIG, '/repo/kubeconfig.yaml').objects, []);
  assert.deepEqual(objectRefs(CHART_YAML, '/repo/charts/web/Chart.yaml').objects, []);
  assert.deepEqual(objectRefs(KUSTOMIZATION, '/repo/kustomization.yaml').objects, []);
  assert.deepEqual(
    objectRefs('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: settings}\n', '/repo/app.yaml').objects.map((object) => object.kind),
    ['ConfigMap'],
  );
});
