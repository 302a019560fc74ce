/**
 * Real-world manifests that nobody on this project wrote. Everything must be read without an exception in
 * bounded time; the everyday folders must produce no error except APIs that are not served and the mistakes
 * listed below, each of which the API server really rejects.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { collectFiles } from '../../server/src/files/collect-files';
import { readManifest } from '../../server/src/files/read-text';
import { validateText } from '../../server/src/check/validate-text';
import type { FileReport } from '../../server/src/check/report';
import { DEFAULT_VERSION } from '../../server/src/schema/versions';
import { corporaDir } from '../helpers/repo-paths';

/** Generous: the largest install file (~2 MB, 35,000 lines) takes a fraction of this. */
const MAX_MS_PER_FILE = 5_000;
const EVERYDAY_FOLDERS = ['kubernetes__examples', 'ContainerSolutions__kubernetes-examples', 'GoogleCloudPlatform__microservices-demo'];

interface KnownMistake {
  file: string;
  rule: string;
  path: string;
  /** How many findings this file, rule and path produce. */
  count?: number;
  why: string;
}

const KNOWN_MISTAKES: readonly KnownMistake[] = [
  // openshift-origin's etcd-controller.yaml, etcd-discovery-controller.yaml and openshift-controller.yaml (`spec.selector`
  // twice), quobyte-admin-secret.yaml (`type` twice) and scaleio/sc-pvc.yaml (`spec.storageClassName` twice) repeat
  // a key: kubectl 1.32 sends the last value without a word (go-yaml v2, sigs.k8s.io/yaml), so they are warnings.
  ...['aws_ebs/aws-ebs-web.yaml', 'cinder/cinder-web.yaml'].map((name) => ({
    file: `kubernetes__examples/_archived/volumes/${name}`,
    rule: 'unsupported-value',
    path: 'spec.containers[0].ports[0].protocol',
    why: '`protocol: tcp`: protocol is case-sensitive, one of "SCTP", "TCP", "UDP"',
  })),
  {
    file: 'kubernetes__examples/_archived/volumes/fibre_channel/fc.yaml',
    rule: 'field-type',
    path: 'spec.volumes[0].fc.lun',
    why: '`lun` is an int32 and the file holds the placeholder text "<ADD LUN ID Here>"',
  },
  ...['imageformat', 'imagefeatures'].map((field) => ({
    file: 'kubernetes__examples/_archived/volumes/rbd/rbd.yaml',
    rule: 'unknown-field',
    path: `spec.volumes[0].rbd.${field}`,
    why: `RBDVolumeSource has no \`${field}\` (it is a parameter of the RBD StorageClass provisioner)`,
  })),
  {
    file: 'kubernetes__examples/_archived/volumes/scaleio/pod.yaml',
    rule: 'unknown-field',
    path: 'spec.volumes[0].scaleIO.protectionDoamin',
    why: 'misspelt `protectionDomain`',
  },
  {
    file: 'kubernetes__examples/_archived/volumes/storageos/storageos-pod.yaml',
    rule: 'unknown-field',
    path: 'spec.volumes[0].storageos.pool',
    why: 'StorageOSVolumeSource has no `pool` field',
  },
  {
    file: 'kubernetes__examples/_archived/volumes/storageos/storageos-pv.yaml',
    rule: 'unknown-field',
    path: 'spec.storageos.secretName',
    why: 'StorageOSPersistentVolumeSource takes `secretRef`, not `secretName`',
  },
  ...[
    ['fanout.yaml', 'spec.rules[0].http.paths[0].pathType'],
    ['fanout.yaml', 'spec.rules[0].http.paths[1].pathType'],
    ['nohost.yaml', 'spec.rules[0].http.paths[0].pathType'],
    ['nohost.yaml', 'spec.rules[1].http.paths[0].pathType'],
    ['nohost.yaml', 'spec.rules[2].http.paths[0].pathType'],
    ['tls.yaml', 'spec.rules[0].http.paths[0].pathType'],
    ['virtualhosting.yaml', 'spec.rules[0].http.paths[0].pathType'],
    ['virtualhosting.yaml', 'spec.rules[1].http.paths[0].pathType'],
  ].map(([name, fieldPath]) => ({
    file: `ContainerSolutions__kubernetes-examples/Ingress/${name}`,
    rule: 'unsupported-value',
    path: fieldPath!,
    why: '`pathType: exact`: pathType is case-sensitive, one of "Exact", "ImplementationSpecific", "Prefix"',
  })),
  {
    file: 'ContainerSolutions__kubernetes-examples/cloud-providers/gcp/https-ready-alb/https-ready-alb.yaml',
    rule: 'unknown-field',
    path: 'spec.backend',
    why: 'networking.k8s.io/v1 Ingress renamed `backend` to `defaultBackend` (with service.name/port), so `backend` is unknown',
  },
  {
    file: 'ContainerSolutions__kubernetes-examples/Ingress/ingress-class.yaml',
    rule: 'ingress-class',
    path: 'spec.parameters.apiGroup',
    why: '`apiGroup: k8s.example.com/v1alpha` carries a version; validateIngressClassParametersReference wants a DNS subdomain (the group alone)',
  },
];

interface FolderSummary {
  files: number;
  objects: number;
  byRule: Map<string, number>;
  /** Files of other tools (Helm, kustomize, CI, cluster tools), by what they are. */
  notManifests: Map<string, number>;
  slowest: { file: string; ms: number };
}

function checkFolder(folder: string, onReport: (file: string, report: FileReport) => void): FolderSummary {
  const summary: FolderSummary = { files: 0, objects: 0, byRule: new Map(), notManifests: new Map(), slowest: { file: '', ms: 0 } };
  for (const file of collectFiles([path.join(corporaDir, folder)])) {
    const { text } = readManifest(file);
    const started = performance.now();
    let report: FileReport;
    try {
      report = validateText(text, { kubernetesVersion: DEFAULT_VERSION, fileName: file });
    } catch (error) {
      assert.fail(`${file}: ${error instanceof Error ? error.stack : String(error)}`);
    }
    const ms = performance.now() - started;
    assert.ok(ms < MAX_MS_PER_FILE, `${file} took ${ms.toFixed(0)} ms`);
    if (ms > summary.slowest.ms) summary.slowest = { file: path.relative(corporaDir, file), ms };
    summary.files++;
    summary.objects += report.objects.length;
    if (report.notManifest !== undefined) summary.notManifests.set(report.notManifest, (summary.notManifests.get(report.notManifest) ?? 0) + 1);
    for (const finding of report.findings) summary.byRule.set(finding.rule, (summary.byRule.get(finding.rule) ?? 0) + 1);
    onReport(path.relative(corporaDir, file).split(path.sep).join('/'), report);
  }
  return summary;
}

function describe(folder: string, summary: FolderSummary): string {
  const rules = [...summary.byRule]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([rule, n]) => `${rule} ${n}`)
    .join(', ');
  const others = [...summary.notManifests]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([format, n]) => `${format} ${n}`)
    .join(', ');
  return `${folder}: ${summary.files} files, ${summary.objects} objects; not manifests: ${others || 'none'}; findings: ${rules || 'none'}; slowest ${summary.slowest.ms.toFixed(0)} ms (${summary.slowest.file})`;
}

const corpora = fs.existsSync(corporaDir)
  ? fs
      .readdirSync(corporaDir, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name)
      .sort()
  : [];

test('every corpus folder is checked without an exception and in bounded time per file', (t) => {
  if (corpora.length === 0) {
    t.skip(`no corpora at ${corporaDir}`);
    return;
  }
  for (const folder of corpora) {
    const summary = checkFolder(folder, () => {});
    assert.ok(summary.files > 0, folder);
    t.diagnostic(describe(folder, summary));
  }
});

test('the everyday folders have no errors except unserved APIs and known mistakes of their own', (t) => {
  const present = EVERYDAY_FOLDERS.filter((folder) => corpora.includes(folder));
  if (present.length === 0) {
    t.skip(`no everyday corpora at ${corporaDir}`);
    return;
  }
  const unexpected: string[] = [];
  const seen = new Map<KnownMistake, number>();
  for (const folder of present) {
    checkFolder(folder, (file, report) => {
      for (const finding of report.findings) {
        if (finding.severity !== 'error' || finding.rule === 'unknown-api') continue;
        const known = KNOWN_MISTAKES.find((m) => m.file === file && m.rule === finding.rule && m.path === finding.path);
        if (known) seen.set(known, (seen.get(known) ?? 0) + 1);
        else unexpected.push(`${file}: [${finding.rule}] ${finding.path}: ${finding.message}`);
      }
    });
  }
  assert.deepEqual(unexpected, [], 'errors on valid real-world manifests are false alarms');
  const missed = KNOWN_MISTAKES.filter((m) => present.some((f) => m.file.startsWith(`${f}/`)) && seen.get(m) !== (m.count ?? 1));
  assert.deepEqual(
    missed.map((m) => `${m.file} [${m.rule}] ${m.path}: seen ${seen.get(m) ?? 0} times; ${m.why}`),
    [],
    'each known mistake is a real error and must be reported exactly as listed',
  );
  t.diagnostic(`${seen.size} known mistakes reported as errors, as they should be`);
});
