/** discovery.k8s.io/v1 defaulting (pkg/apis/discovery/v1/defaults.go). */
import { objectsAt, type PlainObject } from '../kube/plain-values';

/** SetDefaults_EndpointPort: a nil port name is "", a nil protocol TCP (pointers: an empty string stays). */
export function defaultEndpointSlice(slice: PlainObject): void {
  for (const port of objectsAt(slice, 'ports')) {
    if (port['name'] === undefined || port['name'] === null) port['name'] = '';
    if (port['protocol'] === undefined || port['protocol'] === null) port['protocol'] = 'TCP';
  }
}
