/**
 * `statefulset-service-not-headless`: a StatefulSet's pods get the hostname `<pod>` and the subdomain named by
 * spec.serviceName (pkg/controller/statefulset/stateful_set_utils.go updateIdentity). The cluster DNS gives
 * `<pod>.<serviceName>.<namespace>.svc` records only for the endpoints of a headless Service (clusterIP None) of that
 * name (the DNS specification, kubernetes/dns docs/specification.md, "Records for a Headless Service"); a Service
 * with a cluster IP resolves only to that IP, so the pods get no stable names.
 */
import type { Catalog } from '../../catalog/catalog';
import type { Report, WorkspaceObject } from '../../catalog/workspace-object';
import { objectAt, stringAt } from '../../kube/plain-values';

export function checkStatefulSetService(statefulSet: WorkspaceObject, catalog: Catalog): Report[] {
  const serviceName = stringAt(objectAt(statefulSet.value, 'spec'), 'serviceName');
  if (serviceName === undefined || serviceName === '') return [];
  const namespace = catalog.namespaceOf(statefulSet);
  const services = catalog.find('Service', namespace, serviceName);
  // Not in the workspace: that part of the application is managed elsewhere.
  if (services.length === 0 || services.some(isHeadless)) return [];
  const clusterIP = stringAt(objectAt(services[0]!.value, 'spec'), 'clusterIP');
  const why = clusterIP === undefined || clusterIP === '' ? 'gets a cluster IP' : `has clusterIP ${clusterIP}`;
  return [
    {
      rule: 'statefulset-service-not-headless',
      severity: 'warning',
      message: `Service "${serviceName}" is not headless (it ${why}; set clusterIP: None): the pods of StatefulSet "${statefulSet.name}" get no stable DNS names`,
      at: ['spec', 'serviceName'],
    },
  ];
}

function isHeadless(service: WorkspaceObject): boolean {
  return stringAt(objectAt(service.value, 'spec'), 'clusterIP') === 'None';
}
