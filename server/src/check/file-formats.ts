/**
 * YAML that is not a Kubernetes manifest: files kubectl would never send to the API server, recognised by their
 * name and by their shape, so that a chart's metadata, a cluster tool's configuration or a CI workflow in a
 * manifest folder gives no finding and no object to plan. docs/non-manifest-files.md lists what is recognised and why.
 */
import type { PlainObject } from '../kube/plain-values';

/** How a file is read because of its name. */
export type FileFormat =
  /**
   * A template by its place or name: a Helm chart's `templates/` folder, or a name that says so
   * (`vttablet-pod-template.yaml`, `deployment.tmpl.yaml`). With `{{` anywhere in it, it is not a manifest until
   * rendered, even where every `{{ … }}` stands inside a scalar.
   */
  | { kind: 'template' }
  /** kustomize's own file, checked against kustomize's Kustomization type. */
  | { kind: 'kustomization' }
  /** Some other tool's file: neither validated nor planned. */
  | { kind: 'not-a-manifest'; format: string };

/** The base name of a path or a file URI, and the folders above it, split on either separator. */
function pathParts(file: string): string[] {
  const withoutQuery = file.includes('?') || file.includes('#') ? file.replace(/[?#].*$/, '') : file;
  let decoded = withoutQuery;
  // Most paths have nothing to decode: every file of a tree comes here.
  if (withoutQuery.includes('%')) {
    try {
      decoded = decodeURIComponent(withoutQuery);
    } catch {
      // a path with a literal % is its own name
    }
  }
  return decoded.split(/[\\/]/).filter((part) => part !== '');
}

/** The names kustomize looks for in a folder, in its order (api/konfig/general.go, RecognizedKustomizationFileNames). */
export const KUSTOMIZATION_FILE_NAMES: readonly string[] = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/**
 * The file names the tools themselves look for. Helm reads `Chart.yaml` and `values.yaml` by name
 * (helm.sh/docs/topics/charts: "The Chart File Structure"), and `-f` values files are conventionally `values-*.yaml`;
 * kustomize reads `kustomization.yaml`, `kustomization.yml` or `Kustomization` (api/konfig/general.go,
 * RecognizedKustomizationFileNames); GitHub runs the workflows of `.github/workflows/`
 * (docs.github.com, "Workflow syntax for GitHub Actions"); Docker Compose reads `compose.yaml` and
 * `docker-compose.yaml` (docs.docker.com/compose/intro/compose-application-model, "The Compose file").
 */
export function fileFormatByName(file: string | undefined): FileFormat | undefined {
  if (file === undefined || file === '-') return undefined;
  const parts = pathParts(file);
  const name = parts.at(-1);
  if (name === undefined) return undefined;
  const folders = parts.slice(0, -1);
  const lower = name.toLowerCase();
  if (KUSTOMIZATION_FILE_NAMES.includes(name)) return { kind: 'kustomization' };
  if (name === 'Chart.yaml' || name === 'requirements.yaml') return { kind: 'not-a-manifest', format: "a Helm chart's metadata" };
  if (/^values([._-].*)?\.ya?ml$/.test(lower)) return { kind: 'not-a-manifest', format: 'Helm values' };
  if (folders.includes('templates') || /(?:^|[._-])(?:template|tmpl|tpl)(?:[._-]|$)/.test(lower.replace(/\.(ya?ml|json)$/, ''))) return { kind: 'template' };
  if (folders.at(-1) === 'workflows' && folders.at(-2) === '.github') return { kind: 'not-a-manifest', format: 'a GitHub Actions workflow' };
  if (lower === '.gitlab-ci.yml') return { kind: 'not-a-manifest', format: 'a GitLab CI pipeline' };
  if (/^(docker-)?compose([._-].*)?\.ya?ml$/.test(lower)) return { kind: 'not-a-manifest', format: 'a Docker Compose file' };
  return undefined;
}

/**
 * API groups of configuration files that Kubernetes components and cluster tools read from disk; the API server
 * serves none of them. kubeadm (kubeadm.k8s.io, cmd/kubeadm/app/apis/kubeadm), the kubelet's
 * KubeletConfiguration and CredentialProviderConfig (kubelet.config.k8s.io), kube-proxy
 * (kubeproxy.config.k8s.io), kube-scheduler (kubescheduler.config.k8s.io), kube-controller-manager
 * (kubecontrollermanager.config.k8s.io), the API server's admission, encryption, authentication and tracing files
 * (apiserver.config.k8s.io, apiserver.k8s.io), audit policies (audit.k8s.io), exec credential plugins
 * (client.authentication.k8s.io), kind's cluster configuration (kind.x-k8s.io, kind.sigs.k8s.io/docs/user/configuration)
 * and kustomize's own files (kustomize.config.k8s.io).
 */
const CONFIGURATION_GROUPS: ReadonlyMap<string, string> = new Map([
  ['kubeadm.k8s.io', 'kubeadm configuration'],
  ['kubelet.config.k8s.io', 'kubelet configuration'],
  ['kubeproxy.config.k8s.io', 'kube-proxy configuration'],
  ['kubescheduler.config.k8s.io', 'kube-scheduler configuration'],
  ['kubecontrollermanager.config.k8s.io', 'kube-controller-manager configuration'],
  ['apiserver.config.k8s.io', 'kube-apiserver configuration'],
  ['apiserver.k8s.io', 'kube-apiserver configuration'],
  ['audit.k8s.io', 'an audit policy'],
  ['client.authentication.k8s.io', 'an exec credential'],
  ['kind.x-k8s.io', 'a kind cluster configuration'],
]);

export const KUSTOMIZE_GROUP = 'kustomize.config.k8s.io';

/** What a document is when its shape says it is not a Kubernetes object; undefined for a (possible) object. */
export function documentFormat(value: PlainObject): 'kustomization' | { format: string } | undefined {
  const apiVersion = value['apiVersion'];
  const kind = value['kind'];
  if (typeof apiVersion === 'string') {
    const group = apiVersion.includes('/') ? apiVersion.slice(0, apiVersion.indexOf('/')) : '';
    if (group === KUSTOMIZE_GROUP && (kind === 'Kustomization' || kind === 'Component')) return 'kustomization';
    const configuration = CONFIGURATION_GROUPS.get(group);
    if (configuration !== undefined) return { format: configuration };
  }
  // client-go's clientcmd/api/v1 Config: `kind: Config`, `apiVersion: v1`, and the kubeconfig lists.
  if (kind === 'Config' && (apiVersion === 'v1' || apiVersion === undefined) && ['clusters', 'contexts', 'users', 'current-context'].some((key) => key in value)) {
    return { format: 'a kubeconfig' };
  }
  return undefined;
}
