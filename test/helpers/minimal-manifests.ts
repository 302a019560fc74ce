/**
 * The smallest manifest of each kind the API server accepts, as a user would write it. Every supported
 * Kubernetes version must validate each of them without a single finding.
 */

const podTemplate = (labels: string, restartPolicy = '') => `
  template:
    metadata:
      labels: ${labels}
    spec:${restartPolicy ? `\n      restartPolicy: ${restartPolicy}` : ''}
      containers:
        - name: app
          image: nginx:1.27`;

export const minimalManifests: Readonly<Record<string, string>> = {
  Pod: `apiVersion: v1
kind: Pod
metadata:
  name: app
spec:
  containers:
    - name: app
      image: nginx:1.27
`,
  Deployment: `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  selector:
    matchLabels: {app: web}${podTemplate('{app: web}')}
`,
  ReplicaSet: `apiVersion: apps/v1
kind: ReplicaSet
metadata:
  name: app
spec:
  selector:
    matchLabels: {app: web}${podTemplate('{app: web}')}
`,
  StatefulSet: `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: app
spec:
  serviceName: app
  selector:
    matchLabels: {app: web}${podTemplate('{app: web}')}
`,
  DaemonSet: `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: app
spec:
  selector:
    matchLabels: {app: web}${podTemplate('{app: web}')}
`,
  Job: `apiVersion: batch/v1
kind: Job
metadata:
  name: app
spec:${podTemplate('{app: job}', 'Never')}
`,
  CronJob: `apiVersion: batch/v1
kind: CronJob
metadata:
  name: app
spec:
  schedule: "*/5 * * * *"
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: OnFailure
          containers:
            - name: app
              image: busybox:1.36
`,
  Service: `apiVersion: v1
kind: Service
metadata:
  name: app
spec:
  selector: {app: web}
  ports:
    - port: 80
      targetPort: 8080
`,
  Ingress: `apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: app
spec:
  rules:
    - http:
        paths:
          - path: /
            pathType: Prefix
            backend:
              service:
                name: app
                port: {number: 80}
`,
  ConfigMap: `apiVersion: v1
kind: ConfigMap
metadata:
  name: app
data:
  key: value
`,
  Secret: `apiVersion: v1
kind: Secret
metadata:
  name: app
type: Opaque
data:
  password: c2VjcmV0
`,
  Namespace: `apiVersion: v1
kind: Namespace
metadata:
  name: app
`,
  // The labels the kubelet registers a Node with (kubelet_node_status.go initialNode); without them node-kubelet-labels notes it.
  Node: `apiVersion: v1
kind: Node
metadata:
  name: worker-1
  labels:
    kubernetes.io/hostname: worker-1
    kubernetes.io/os: linux
    kubernetes.io/arch: amd64
`,
  ServiceAccount: `apiVersion: v1
kind: ServiceAccount
metadata:
  name: app
`,
  PersistentVolumeClaim: `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`,
  HorizontalPodAutoscaler: `apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: app
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: app
  minReplicas: 1
  maxReplicas: 5
  metrics:
    - type: Resource
      resource:
        name: cpu
        target:
          type: Utilization
          averageUtilization: 80
`,
  PodDisruptionBudget: `apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: app
spec:
  minAvailable: 1
  selector:
    matchLabels: {app: web}
`,
};
