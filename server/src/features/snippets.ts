/**
 * Whole objects to start a manifest from. Each is valid as inserted: with every placeholder left at its default, the
 * API server would accept it (a test validates each default text). Names share one placeholder, so that a
 * Deployment's selector, its pod labels and its container are renamed together. Beside a workload, the Service
 * snippet selects that workload's pods.
 */
import type { WorkspaceObject } from '../catalog/workspace-object';
import { podTemplateOf } from '../catalog/pod-templates';
import { isObject, listAt, objectAt, stringAt } from '../kube/plain-values';
import { scalarText } from './yaml-edits';

export interface ObjectSnippet {
  kind: string;
  apiVersion: string;
  description: string;
  body: string;
}

export const OBJECT_SNIPPETS: readonly ObjectSnippet[] = [
  {
    kind: 'Pod',
    apiVersion: 'v1',
    description: 'A single pod with one container',
    body: `apiVersion: v1
kind: Pod
metadata:
  name: \${1:web}
  labels:
    app: \${1:web}
spec:
  containers:
    - name: \${1:web}
      image: \${2:nginx:1.27}
      ports:
        - containerPort: \${3:80}
$0`,
  },
  {
    kind: 'Deployment',
    apiVersion: 'apps/v1',
    description: 'Replicated pods, replaced by rolling update',
    body: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: \${1:web}
  labels:
    app: \${1:web}
spec:
  replicas: \${2:2}
  selector:
    matchLabels:
      app: \${1:web}
  template:
    metadata:
      labels:
        app: \${1:web}
    spec:
      containers:
        - name: \${1:web}
          image: \${3:nginx:1.27}
          ports:
            - containerPort: \${4:80}
$0`,
  },
  {
    kind: 'Service',
    apiVersion: 'v1',
    description: 'A stable address for the pods its selector matches',
    body: `apiVersion: v1
kind: Service
metadata:
  name: \${1:web}
spec:
  type: \${2|ClusterIP,NodePort,LoadBalancer|}
  selector:
    app: \${3:web}
  ports:
    - name: \${4:http}
      port: \${5:80}
      targetPort: \${6:80}
$0`,
  },
  {
    kind: 'Ingress',
    apiVersion: 'networking.k8s.io/v1',
    description: 'HTTP routes from a host and path to a Service',
    body: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: \${1:web}
spec:
  rules:
    - host: \${2:web.example.com}
      http:
        paths:
          - path: \${3:/}
            pathType: \${4|Prefix,Exact,ImplementationSpecific|}
            backend:
              service:
                name: \${5:web}
                port:
                  number: \${6:80}
$0`,
  },
  {
    kind: 'ConfigMap',
    apiVersion: 'v1',
    description: 'Configuration for pods, as keys and text values',
    body: `apiVersion: v1
kind: ConfigMap
metadata:
  name: \${1:web-config}
data:
  \${2:LOG_LEVEL}: "\${3:info}"
$0`,
  },
  {
    kind: 'Secret',
    apiVersion: 'v1',
    description: 'Confidential values; stringData is written as text and stored base64-encoded',
    body: `apiVersion: v1
kind: Secret
metadata:
  name: \${1:web-credentials}
type: Opaque
stringData:
  \${2:password}: "\${3:change-me}"
$0`,
  },
  {
    kind: 'Job',
    apiVersion: 'batch/v1',
    description: 'Pods run to completion',
    body: `apiVersion: batch/v1
kind: Job
metadata:
  name: \${1:migrate}
spec:
  backoffLimit: \${2:4}
  template:
    spec:
      restartPolicy: \${3|Never,OnFailure|}
      containers:
        - name: \${1:migrate}
          image: \${4:busybox:1.36}
          command: ["\${5:sh}", "-c", "\${6:echo done}"]
$0`,
  },
  {
    kind: 'CronJob',
    apiVersion: 'batch/v1',
    description: 'A Job created on a schedule',
    body: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: \${1:report}
spec:
  schedule: "\${2:0 3 * * *}"
  concurrencyPolicy: \${3|Forbid,Allow,Replace|}
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: \${4|OnFailure,Never|}
          containers:
            - name: \${1:report}
              image: \${5:busybox:1.36}
              command: ["\${6:sh}", "-c", "\${7:echo done}"]
$0`,
  },
];

/**
 * The kinds `kubectl expose` takes a Service's selector from (staging/src/k8s.io/kubectl/pkg/polymorphichelpers/
 * mapbasedselectorforobject.go: a Pod's labels, a ReplicationController's selector, the matchLabels of a
 * Deployment's or ReplicaSet's), with the other workloads whose selector is matchLabels too.
 */
const EXPOSED_KINDS = new Set(['Pod', 'ReplicationController', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet']);

/**
 * The object snippets for a new document in a file that holds `beside`: the Service snippet selects the pods of the
 * last workload there, named after it, with that workload's first container port as its target, as `kubectl expose`
 * makes a Service for it (selector from the workload, targetPort from its container ports: polymorphichelpers/
 * portsforobject.go). A workload whose selector has matchExpressions, which `kubectl expose` refuses, ties nothing.
 */
export function objectSnippets(beside: readonly WorkspaceObject[]): readonly ObjectSnippet[] {
  const workload = [...beside].reverse().find((object) => EXPOSED_KINDS.has(object.kind) && podTemplateOf(object) !== undefined);
  const service = workload && serviceSnippetFor(workload);
  return service ? OBJECT_SNIPPETS.map((snippet) => (snippet.kind === 'Service' ? service : snippet)) : OBJECT_SNIPPETS;
}

function serviceSnippetFor(workload: WorkspaceObject): ObjectSnippet | undefined {
  const template = podTemplateOf(workload)!;
  const selector = workload.kind === 'Pod' ? template.labels : workload.kind === 'ReplicationController' ? stringMap(objectAt(workload.value, 'spec', 'selector')) : matchLabelsOf(workload);
  if (!selector || Object.keys(selector).length === 0 || !workload.name) return undefined;
  const port = listAt(template.spec, 'containers').flatMap((container) => listAt(container, 'ports'))[0];
  const portName = stringAt(port, 'name');
  const containerPort = isObject(port) && typeof port['containerPort'] === 'number' ? String(port['containerPort']) : undefined;
  const literal = (text: string): string => text.replace(/[$}\\]/g, (character) => `\\${character}`);
  const selectorLines = Object.entries(selector).map(([key, value]) => `    ${literal(scalarText(key))}: ${literal(scalarText(value))}`);
  return {
    kind: 'Service',
    apiVersion: 'v1',
    description: `A stable address for the pods of ${workload.kind} ${workload.name}`,
    body: `apiVersion: v1
kind: Service
metadata:
  name: \${1:${literal(workload.name)}}
spec:
  type: \${2|ClusterIP,NodePort,LoadBalancer|}
  selector:
${selectorLines.join('\n')}
  ports:
    - name: \${3:${literal(portName ?? 'http')}}
      port: \${4:80}
      targetPort: \${5:${escape(portName ?? containerPort ?? '80')}}
$0`,
  };
}

/** The matchLabels of a workload's label selector; undefined when it has matchExpressions, which no map can say. */
function matchLabelsOf(workload: WorkspaceObject): Record<string, string> | undefined {
  const selector = objectAt(workload.value, 'spec', 'selector');
  if (listAt(selector, 'matchExpressions').length > 0) return undefined;
  return stringMap(objectAt(selector, 'matchLabels'));
}

function stringMap(value: ReturnType<typeof objectAt>): Record<string, string> | undefined {
  if (!value) return undefined;
  const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === 'string');
  return Object.fromEntries(entries);
}
