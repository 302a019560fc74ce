/**
 * The inputs the bench measures: the largest real-world install files of the shared corpora, and a generated
 * workspace of many small files shaped like an everyday application repository.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

export interface CorpusFile {
  label: string;
  path: string;
}

/** Where the shared corpora live; KUBEPLAN_CORPORA overrides, for machines that keep them elsewhere. */
export function corporaRoot(repoRoot: string): string {
  return process.env['KUBEPLAN_CORPORA'] ?? path.resolve(repoRoot, '..', 'shared', 'corpora');
}

const INSTALL_FILES: readonly CorpusFile[] = [
  { label: 'argo-cd install.yaml', path: 'argoproj__argo-cd/manifests/install.yaml' },
  { label: 'argo-cd ha/install.yaml', path: 'argoproj__argo-cd/manifests/ha/install.yaml' },
  { label: 'longhorn.yaml', path: 'longhorn__longhorn/deploy/longhorn.yaml' },
];

/** The install files that exist under `root`, and a reason for each one that does not. */
export function installFiles(root: string): { found: CorpusFile[]; missing: string[] } {
  const found: CorpusFile[] = [];
  const missing: string[] = [];
  for (const file of INSTALL_FILES) {
    const full = path.join(root, file.path);
    if (fs.existsSync(full)) found.push({ label: file.label, path: full });
    else missing.push(`${file.label}: ${full} not found`);
  }
  return { found, missing };
}

export interface PlantedError {
  file: string;
  kind: string;
  name: string;
  what: string;
}

export interface GeneratedWorkspace {
  dir: string;
  files: string[];
  objects: number;
  bytes: number;
  planted: PlantedError[];
}

const KINDS = ['Deployment', 'Service', 'ConfigMap', 'Secret', 'Ingress', 'CronJob'] as const;
type GeneratedKind = (typeof KINDS)[number];

/**
 * Writes `fileCount` files of `perFile` objects each into `dir` (emptied first). The content depends only on
 * the counts, so runs compare like with like. Every `errorEvery`-th object carries one deliberate schema error
 * of a kind any Kubernetes schema validator catches (wrong type, unknown field, bad enum value, missing field).
 */
export function generateWorkspace(dir: string, fileCount = 1000, perFile = 10, errorEvery = 1000): GeneratedWorkspace {
  fs.rmSync(dir, { recursive: true, force: true });
  const files: string[] = [];
  const planted: PlantedError[] = [];
  let bytes = 0;
  for (let f = 0; f < fileCount; f++) {
    const app = `app-${String(f).padStart(4, '0')}`;
    const sub = path.join(dir, `team-${String(f % 20).padStart(2, '0')}`);
    fs.mkdirSync(sub, { recursive: true });
    const file = path.join(sub, `${app}.yaml`);
    const documents: string[] = [];
    const kinds = Array.from({ length: perFile }, (_, o) => KINDS[(f * perFile + o) % KINDS.length]!);
    // Each file is one app in one namespace whose objects refer to each other, as a real workspace's do: the
    // Service selects the Deployment, the Ingress routes to the Service.
    const serviceName = `${app}-service-${kinds.indexOf('Service')}`;
    const namespace = `ns-${f % 7}`;
    for (let o = 0; o < perFile; o++) {
      const index = f * perFile + o;
      const kind = kinds[o]!;
      const name = `${app}-${kind.toLowerCase()}-${o}`;
      // The offset walks through the kinds, so each kind gets its share of the deliberate errors.
      const broken = index % errorEvery === Math.floor(errorEvery / 2) + (Math.floor(index / errorEvery) % KINDS.length);
      const made = manifest(kind, name, app, { index, namespace, serviceName }, broken);
      if (made.error) planted.push({ file, kind, name, what: made.error });
      documents.push(made.text);
    }
    const text = documents.join('---\n');
    fs.writeFileSync(file, text);
    bytes += Buffer.byteLength(text);
    files.push(file);
  }
  return { dir, files, objects: fileCount * perFile, bytes, planted };
}

interface Placement {
  index: number;
  namespace: string;
  /** The Service of the object's app, which its Ingress routes to. */
  serviceName: string;
}

function manifest(kind: GeneratedKind, name: string, app: string, { index, namespace: ns, serviceName }: Placement, broken: boolean): { text: string; error?: string } {
  const meta = `metadata:\n  name: ${name}\n  namespace: ${ns}\n  labels:\n    app: ${app}\n    tier: t${index % 3}\n`;
  const port = 8000 + (index % 1000);
  switch (kind) {
    case 'Deployment': {
      const replicas = broken ? '"three"' : String(1 + (index % 5));
      return {
        text:
          `apiVersion: apps/v1\nkind: Deployment\n${meta}spec:\n  replicas: ${replicas}\n  selector:\n    matchLabels:\n      app: ${app}\n` +
          `  strategy:\n    type: RollingUpdate\n    rollingUpdate:\n      maxSurge: 25%\n      maxUnavailable: 0\n` +
          `  template:\n    metadata:\n      labels:\n        app: ${app}\n    spec:\n      containers:\n` +
          `        - name: web\n          image: registry.example.com/${app}:1.${index % 50}.0\n          imagePullPolicy: IfNotPresent\n` +
          `          ports:\n            - containerPort: ${port}\n              name: http\n              protocol: TCP\n` +
          `          env:\n            - name: MODE\n              value: production\n            - name: PORT\n              value: "${port}"\n` +
          `          resources:\n            requests:\n              cpu: 100m\n              memory: 128Mi\n            limits:\n              memory: 256Mi\n` +
          `          readinessProbe:\n            httpGet:\n              path: /healthz\n              port: http\n            periodSeconds: 10\n`,
        ...(broken ? { error: 'spec.replicas is a string' } : {}),
      };
    }
    case 'Service': {
      const type = broken ? 'Balancer' : index % 4 === 0 ? 'NodePort' : 'ClusterIP';
      return {
        text:
          `apiVersion: v1\nkind: Service\n${meta}spec:\n  type: ${type}\n  selector:\n    app: ${app}\n` +
          `  ports:\n    - name: http\n      port: 80\n      targetPort: ${port}\n      protocol: TCP\n`,
        ...(broken ? { error: 'spec.type is not an allowed value' } : {}),
      };
    }
    case 'ConfigMap': {
      const unknown = broken ? 'dataa:\n  typo: "1"\n' : '';
      return {
        text: `apiVersion: v1\nkind: ConfigMap\n${meta}data:\n  LOG_LEVEL: info\n  FEATURE_${index % 10}: "true"\n  config.json: |\n    {"port": ${port}, "replicas": ${1 + (index % 5)}}\n${unknown}`,
        ...(broken ? { error: 'unknown field dataa' } : {}),
      };
    }
    case 'Secret': {
      const value = Buffer.from(`secret-${index}`).toString('base64');
      const data = broken ? `  token: 12345\n` : `  token: ${value}\n`;
      return {
        text: `apiVersion: v1\nkind: Secret\n${meta}type: Opaque\ndata:\n${data}stringData:\n  user: user-${index}\n`,
        ...(broken ? { error: 'data.token is a number' } : {}),
      };
    }
    case 'Ingress': {
      const backend = broken
        ? `          - path: /\n            pathType: Prefix\n`
        : `          - path: /\n            pathType: Prefix\n            backend:\n              service:\n                name: ${serviceName}\n                port:\n                  number: 80\n`;
      return {
        text: `apiVersion: networking.k8s.io/v1\nkind: Ingress\n${meta}spec:\n  ingressClassName: nginx\n  rules:\n    - host: ${app}.example.com\n      http:\n        paths:\n${backend}`,
        ...(broken ? { error: 'path without backend' } : {}),
      };
    }
    case 'CronJob': {
      const policy = broken ? 'Sometimes' : 'OnFailure';
      return {
        text:
          `apiVersion: batch/v1\nkind: CronJob\n${meta}spec:\n  schedule: "${index % 60} */6 * * *"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n` +
          `      backoffLimit: 2\n      template:\n        spec:\n          restartPolicy: ${policy}\n          containers:\n` +
          `            - name: job\n              image: registry.example.com/${app}-job:1.0.0\n              args: ["--once"]\n`,
        ...(broken ? { error: 'restartPolicy is not an allowed value' } : {}),
      };
    }
  }
}
