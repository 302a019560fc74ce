/**
 * `ingress-missing-service`, `ingress-missing-port` and `tls-secret-missing`: an Ingress backend must name a
 * Service in the Ingress's namespace and one of that Service's ports, by port name or number (networking/v1
 * ServiceBackendPort: a backend port name is the Service port's name, not its targetPort). A TLS Secret is often
 * created in the cluster (cert-manager, sealed secrets), so its absence from the workspace is only information,
 * and nothing at all when the Ingress asks cert-manager to issue it. A Service or Secret a document that could not
 * be read holds is not missing; one it may hold gets `target-in-unreadable-document` (see unreadable-documents.ts).
 */
import { isObject, listAt, objectAt, stringAt, type Keys, type PlainObject } from '../../kube/plain-values';
import type { Catalog } from '../../catalog/catalog';
import type { Report, WorkspaceObject } from '../../catalog/workspace-object';
import { didYouMean, meant } from '../../schema/did-you-mean';
import { unreadableMatches, unreadableNote } from '../../catalog/unreadable-documents';

/** cert-manager's ingress-shim creates the TLS Secret of an Ingress that carries one of these. */
const CERT_MANAGER_ANNOTATIONS = ['cert-manager.io/issuer', 'cert-manager.io/cluster-issuer'];

export function checkIngress(ingress: WorkspaceObject, catalog: Catalog): Report[] {
  const spec = objectAt(ingress.value, 'spec');
  const namespace = catalog.namespaceOf(ingress);
  const reports: Report[] = [];
  const checkBackend = (backend: PlainObject | undefined, at: Keys): void => {
    const service = objectAt(backend, 'service');
    const name = stringAt(service, 'name');
    if (!service || !name) return;
    const found = catalog.find('Service', namespace, name)[0];
    if (!found) {
      if (!catalog.holdsAny('Service', namespace)) return;
      const unreadable = unreadableMatches(catalog, { kinds: ['Service'], namespace, name });
      if (unreadable.found) return;
      if (unreadable.maybe.length > 0) {
        reports.push(...unreadableNote(`Service "${name}"`, unreadable.maybe, ingress.file, [...at, 'service', 'name']));
        return;
      }
      reports.push({
        rule: 'ingress-missing-service',
        severity: 'warning',
        message: `Service "${name}" not found in namespace "${namespace}"${meant(catalog.nearName('Service', namespace, name))}`,
        at: [...at, 'service', 'name'],
      });
      return;
    }
    const port = objectAt(service, 'port');
    const portName = stringAt(port, 'name');
    const portNumber = port?.['number'];
    const ports = listAt(objectAt(found.value, 'spec'), 'ports');
    if (portName !== undefined && !ports.some((candidate) => stringAt(candidate, 'name') === portName)) {
      const names = ports.map((candidate) => stringAt(candidate, 'name')).filter((candidate): candidate is string => candidate !== undefined);
      reports.push({
        rule: 'ingress-missing-port',
        severity: 'warning',
        message: `Service "${name}" has no port named "${portName}"${didYouMean(portName, names)}`,
        at: [...at, 'service', 'port', 'name'],
      });
    } else if (typeof portNumber === 'number' && !ports.some((candidate) => isObject(candidate) && candidate['port'] === portNumber)) {
      reports.push({ rule: 'ingress-missing-port', severity: 'warning', message: `Service "${name}" has no port ${portNumber}`, at: [...at, 'service', 'port', 'number'] });
    }
  };
  checkBackend(objectAt(spec, 'defaultBackend'), ['spec', 'defaultBackend']);
  listAt(spec, 'rules').forEach((rule, i) => {
    listAt(objectAt(rule, 'http'), 'paths').forEach((path, j) => {
      checkBackend(objectAt(path, 'backend'), ['spec', 'rules', i, 'http', 'paths', j, 'backend']);
    });
  });
  const annotations = objectAt(ingress.value, 'metadata', 'annotations') ?? {};
  const issued = CERT_MANAGER_ANNOTATIONS.some((annotation) => annotation in annotations);
  listAt(spec, 'tls').forEach((tls, i) => {
    const secretName = stringAt(tls, 'secretName');
    if (secretName && !issued && catalog.holdsAny('Secret', namespace) && catalog.find('Secret', namespace, secretName).length === 0) {
      const unreadable = unreadableMatches(catalog, { kinds: ['Secret'], namespace, name: secretName });
      if (unreadable.found) return;
      if (unreadable.maybe.length > 0) {
        reports.push(...unreadableNote(`Secret "${secretName}"`, unreadable.maybe, ingress.file, ['spec', 'tls', i, 'secretName']));
        return;
      }
      reports.push({
        rule: 'tls-secret-missing',
        severity: 'information',
        message: `Secret "${secretName}" is not in the workspace (namespace "${namespace}"); it must exist in the cluster`,
        at: ['spec', 'tls', i, 'secretName'],
      });
    }
  });
  return reports;
}
