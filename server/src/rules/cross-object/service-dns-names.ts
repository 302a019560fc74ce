/**
 * `service-dns-name-missing`: a container's env value, command or args names a Service by its cluster DNS name
 * (`<service>.<ns>.svc`, or with the default zone `<service>.<ns>.svc.cluster.local`; kubernetes/dns
 * docs/specification.md 2.3 and 2.4 — `<hostname>.<service>` and `_<port>._<proto>.<service>` names lead to the
 * same Service) that no Service in the workspace has: cluster DNS answers NXDOMAIN and the client fails to
 * connect. Shorter forms (`<service>`, `<service>.<ns>`) are left alone: they read like any host name. As every
 * cross-object rule does, a namespace where the workspace holds no Service says nothing, and a Service a document
 * that could not be read holds, or may hold, is not reported missing (see unreadable-documents.ts).
 */
import type { Catalog } from '../../catalog/catalog';
import type { PodTemplate } from '../../catalog/pod-templates';
import type { Report } from '../../catalog/workspace-object';
import { listAt, objectsAt, type Keys } from '../../kube/plain-values';
import { unreadableMatches, unreadableNote } from '../../catalog/unreadable-documents';

/**
 * Two DNS labels then `.svc`, optionally the default zone and the final dot, not inside a longer name (a zone
 * other than cluster.local is not this cluster's name for sure). Service names and namespaces are RFC 1123/1035
 * labels, so lowercase.
 */
const SERVICE_DNS_NAME = /(?<![-A-Za-z0-9_])([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\.([a-z0-9](?:[-a-z0-9]{0,61}[a-z0-9])?)\.svc(?:\.cluster\.local)?\.?(?![-A-Za-z0-9_.])/g;

/** The strings of a container that name hosts: env values, command and args, with where each is. */
function containerStrings(template: PodTemplate): { text: string; at: Keys }[] {
  const strings: { text: string; at: Keys }[] = [];
  for (const list of ['initContainers', 'containers'] as const) {
    objectsAt(template.spec, list).forEach((container, index) => {
      const base = [...template.at, 'spec', list, index];
      objectsAt(container, 'env').forEach((variable, envIndex) => {
        if (typeof variable['value'] === 'string') strings.push({ text: variable['value'], at: [...base, 'env', envIndex, 'value'] });
      });
      for (const field of ['command', 'args'] as const) {
        listAt(container, field).forEach((item, itemIndex) => {
          if (typeof item === 'string') strings.push({ text: item, at: [...base, field, itemIndex] });
        });
      }
    });
  }
  return strings;
}

export function checkServiceDnsNames(template: PodTemplate, catalog: Catalog): Report[] {
  const reports: Report[] = [];
  for (const { text, at } of containerStrings(template)) {
    // Most strings name no Service: the regular expression runs only on those that could.
    if (!text.includes('.svc')) continue;
    for (const match of text.matchAll(SERVICE_DNS_NAME)) {
      const [name, service, namespace] = match as unknown as [string, string, string];
      if (!catalog.holdsAny('Service', namespace) || catalog.find('Service', namespace, service).length > 0) continue;
      const unreadable = unreadableMatches(catalog, { kinds: ['Service'], namespace, name: service });
      if (unreadable.found) continue;
      if (unreadable.maybe.length > 0) {
        reports.push(...unreadableNote(`Service "${service}"`, unreadable.maybe, template.owner.file, at));
        continue;
      }
      reports.push({
        rule: 'service-dns-name-missing',
        severity: 'warning',
        message: `"${name}" does not resolve: there is no Service "${service}" in namespace "${namespace}"`,
        at,
      });
    }
  }
  return reports;
}
