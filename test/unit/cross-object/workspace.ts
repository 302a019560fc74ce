/** Runs the cross-object rules over a set of files, as `kubeplan check` does, and returns what they find. */
import { runCrossObjectRules } from '../../../server/src/rules/cross-object/run-cross-object-rules';
import type { WorkspaceObject } from '../../../server/src/catalog/workspace-object';
import { validateText } from '../../../server/src/check/validate-text';
import { LineIndex } from '../../../server/src/parse/line-index';
import { DEFAULT_VERSION } from '../../../server/src/schema/versions';

export interface CrossResult {
  rule: string;
  severity: string;
  message: string;
  path: string;
  file: string;
  /** The text the finding underlines. */
  text: string;
  /** 1-based, as the CLI prints it. */
  line: number;
  /** Offsets in the file, for quick fixes. */
  range: { start: number; end: number };
}

/** `optIn`: rules that are off by default and should run. */
export function crossCheck(files: Record<string, string>, optIn: ReadonlySet<string> = new Set()): CrossResult[] {
  const objects: WorkspaceObject[] = [];
  for (const [file, text] of Object.entries(files)) {
    for (const object of validateText(text, { kubernetesVersion: DEFAULT_VERSION }).objects) objects.push({ ...object, file });
  }
  return runCrossObjectRules(objects, { optIn }).map((finding) => ({
    rule: finding.rule,
    severity: finding.severity,
    message: finding.message,
    path: finding.path,
    file: finding.file,
    text: files[finding.file]!.slice(finding.range.start, finding.range.end),
    line: new LineIndex(files[finding.file]!).positionAt(finding.range.start).line + 1,
    range: finding.range,
  }));
}

export function rulesOf(files: Record<string, string>, optIn?: ReadonlySet<string>): string[] {
  return crossCheck(files, optIn).map((finding) => finding.rule);
}

export function deployment(name: string, labels: string, options: { namespace?: string; replicas?: number; podSpec?: string } = {}): string {
  return `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${options.namespace ? `\n  namespace: ${options.namespace}` : ''}
spec:${options.replicas !== undefined ? `\n  replicas: ${options.replicas}` : ''}
  selector:
    matchLabels: ${labels}
  template:
    metadata:
      labels: ${labels}
    spec:
${
  options.podSpec ??
  `      containers:
        - name: app
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080`
}
`;
}

export function service(name: string, spec: string, namespace?: string): string {
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}${namespace ? `\n  namespace: ${namespace}` : ''}
spec:
${spec}
`;
}
