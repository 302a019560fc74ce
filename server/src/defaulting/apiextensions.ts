/** Defaults of apiextensions.k8s.io/v1 (staging/src/k8s.io/apiextensions-apiserver/pkg/apis/apiextensions/v1/defaults.go). */
import { isObject, type PlainObject } from '../kube/plain-values';

/**
 * SetDefaults_CustomResourceDefinitionSpec: names.singular the lower-cased kind, names.listKind kind + "List",
 * conversion strategy None; SetDefaults_ServiceReference: a conversion webhook service's port 443.
 */
export function defaultCustomResourceDefinition(crd: PlainObject): void {
  const spec = crd['spec'];
  if (!isObject(spec)) return;
  const names = spec['names'];
  if (isObject(names)) {
    const kind = typeof names['kind'] === 'string' ? names['kind'] : '';
    if (typeof names['singular'] !== 'string' || names['singular'] === '') names['singular'] = kind.toLowerCase();
    if ((typeof names['listKind'] !== 'string' || names['listKind'] === '') && kind !== '') names['listKind'] = `${kind}List`;
  }
  if (!isObject(spec['conversion'])) spec['conversion'] = { strategy: 'None' };
  const conversion = spec['conversion'] as PlainObject;
  const webhook = conversion['webhook'];
  const clientConfig = isObject(webhook) ? webhook['clientConfig'] : undefined;
  const service = isObject(clientConfig) ? clientConfig['service'] : undefined;
  if (isObject(service) && (service['port'] === undefined || service['port'] === null)) service['port'] = 443;
}
