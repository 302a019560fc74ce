/** resource.k8s.io/v1 defaulting (pkg/apis/resource/v1/defaults.go) of what validation reads in claims. */
import { objectAt, objectsAt, type PlainObject } from '../kube/plain-values';

/** SetDefaults_ExactDeviceRequest and SetDefaults_DeviceSubRequest: ExactCount, and then one device. */
function defaultAllocationMode(request: PlainObject): void {
  if (request['allocationMode'] === undefined || request['allocationMode'] === null || request['allocationMode'] === '') request['allocationMode'] = 'ExactCount';
  if (request['allocationMode'] === 'ExactCount' && (request['count'] === undefined || request['count'] === null || request['count'] === 0)) request['count'] = 1;
}

function defaultClaimSpec(spec: PlainObject | undefined): void {
  for (const request of objectsAt(objectAt(spec, 'devices'), 'requests')) {
    const exactly = objectAt(request, 'exactly');
    if (exactly) defaultAllocationMode(exactly);
    for (const subRequest of objectsAt(request, 'firstAvailable')) defaultAllocationMode(subRequest);
  }
}

export function defaultResourceClaim(claim: PlainObject): void {
  defaultClaimSpec(objectAt(claim, 'spec'));
}

export function defaultResourceClaimTemplate(template: PlainObject): void {
  defaultClaimSpec(objectAt(template, 'spec', 'spec'));
}
