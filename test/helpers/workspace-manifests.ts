/** A catalog over manifest texts, as the CLI builds one from the files it checks. */
import { buildCatalog, type WorkspaceCatalog } from '../../server/src/catalog/catalog';
import type { WorkspaceObject } from '../../server/src/catalog/workspace-object';
import { DEFAULT_VERSION } from '../../server/src/schema/versions';
import { validateText } from '../../server/src/check/validate-text';
import { minimalManifests } from './minimal-manifests';

export function catalogOf(files: Record<string, string>): WorkspaceCatalog {
  const objects: WorkspaceObject[] = [];
  for (const [file, text] of Object.entries(files)) {
    for (const object of validateText(text, { kubernetesVersion: DEFAULT_VERSION }).objects) objects.push({ ...object, file });
  }
  return buildCatalog(objects);
}

export const CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  LOG_LEVEL: info\n  MODE: fast\n';
export const SECRET = 'apiVersion: v1\nkind: Secret\nmetadata:\n  name: credentials\nstringData:\n  password: hunter2\n';
export const SERVICE = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  selector:\n    app: web\n  ports:\n    - name: http\n      port: 80\n      targetPort: http\n';
export const DEPLOYMENT = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
        tier: frontend
    spec:
      containers:
        - name: web
          image: nginx:1.27
          ports:
            - name: http
              containerPort: 8080
          env:
            - name: LOG_LEVEL
              valueFrom:
                configMapKeyRef:
                  name: settings
                  key: LOG_LEVEL
          envFrom:
            - secretRef:
                name: credentials
`;
/** An Ingress routing to the Service `web` by its port's name. */
export const INGRESS = minimalManifests['Ingress']!.replace(/name: app/g, 'name: web').replace('port: {number: 80}', 'port: {name: http}');
export const HPA =
  'apiVersion: autoscaling/v2\nkind: HorizontalPodAutoscaler\nmetadata:\n  name: web\nspec:\n  scaleTargetRef:\n    apiVersion: apps/v1\n    kind: Deployment\n    name: web\n  minReplicas: 1\n  maxReplicas: 3\n';
