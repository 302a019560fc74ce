/**
 * The rest of the containers of a pod spec: what validateContainers, validateInitContainers,
 * validateEphemeralContainers and validateContainerCommon (pkg/apis/core/validation/validation.go) check beyond
 * names, images, ports, probes, resources, env and mounts (pod-spec.ts) and security contexts (pod-security.ts), and
 * the names ValidatePodSpec checks on the spec itself.
 */
import { isObject, objectAt, objectsAt, textOf, type PlainObject, type PlainValue } from '../kube/plain-values';
import { duplicate, type FieldError, type FieldPath, forbidden, invalid, notFound, notSupported, placedAt, required } from '../kube/field-errors';
import { GoValue, goJson, goPointer, goString, goStruct } from '../kube/go-values';
import type { KubernetesVersion } from '../schema/versions';
import { isDns1123Label, isDns1123Subdomain } from './apimachinery-validation';
import { containersOf, podSpecRule } from './pod-spec';
import type { ObjectRule } from './rule';

/**
 * A core.ResourceName: up to 1.33 field.Error prints it through its String method, so without quotes; from 1.34
 * encoding/json quotes it.
 */
function resourceNameValue(name: string): GoValue {
  return new GoValue(name, goJson(name));
}

/**
 * ContainerRestartRules (1.34 alpha, then beta) lets regular containers set restartPolicy; before it, and while it
 * is off, validateContainers forbids the field. Modelled where the gate is off by default.
 */
const REGULAR_RESTART_POLICY_FORBIDDEN: ReadonlySet<KubernetesVersion> = new Set(['1.30', '1.32', '1.33', '1.34']);

/** validateInitContainerRestartPolicy, and validateContainers' ban of restartPolicy on regular containers. */
export const containerRestartPolicyRule = podSpecRule(
  'container-restart-policy',
  'A container restartPolicy is only for init containers (sidecars), and there only Always.',
  ({ spec, path }, version) => {
    const errors: FieldError[] = [];
    for (const { container, path: at, list } of containersOf(spec, path, ['containers', 'initContainers'])) {
      const policy = container['restartPolicy'];
      if (typeof policy !== 'string') continue;
      if (list === 'containers') {
        if (REGULAR_RESTART_POLICY_FORBIDDEN.has(version)) errors.push(forbidden(at.child('restartPolicy'), 'may not be set for non-init containers'));
      } else if (policy !== 'Always') {
        errors.push(notSupported(at.child('restartPolicy'), policy, ['Always']));
      }
    }
    return errors;
  },
);

/** InPlacePodVerticalScaling: alpha (off, resizePolicy dropped) before 1.33, beta and on from 1.33. */
const RESIZE_POLICY_VERSIONS: ReadonlySet<KubernetesVersion> = new Set(['1.33', '1.34', '1.36']);

/** validateResizePolicy */
export const containerResizePolicyRule = podSpecRule(
  'container-resize-policy',
  'A container resizePolicy names cpu or memory once each, with policy NotRequired or RestartContainer, and only NotRequired in a pod with restartPolicy Never.',
  ({ spec, path }, version) => {
    if (!RESIZE_POLICY_VERSIONS.has(version)) return [];
    const errors: FieldError[] = [];
    const podRestartPolicy = textOf(spec['restartPolicy']);
    for (const { container, path: at } of containersOf(spec, path)) {
      const listPath = at.child('resizePolicy');
      const seen = new Set<string>();
      objectsAt(container, 'resizePolicy').forEach((entry, i) => {
        const name = textOf(entry['resourceName']);
        const policy = textOf(entry['restartPolicy']);
        const place = listPath.index(i);
        if (seen.has(name)) errors.push(placedAt(duplicate(listPath.index(i), resourceNameValue(name)), place.child('resourceName'), 'value'));
        seen.add(name);
        if (name === '') errors.push(placedAt(required(listPath), place, 'key'));
        else if (name !== 'cpu' && name !== 'memory') {
          errors.push(placedAt(notSupported(listPath, resourceNameValue(name), ['cpu', 'memory']), place.child('resourceName'), 'value'));
        }
        if (policy === '') errors.push(placedAt(required(listPath), place, 'key'));
        else if (policy !== 'NotRequired' && policy !== 'RestartContainer') {
          errors.push(placedAt(notSupported(listPath, policy, ['NotRequired', 'RestartContainer']), place.child('restartPolicy'), 'value'));
        }
        if (podRestartPolicy === 'Never' && policy !== 'NotRequired') {
          errors.push(placedAt(invalid(listPath, policy, "must be 'NotRequired' when `restartPolicy` is 'Never'"), place.child('restartPolicy'), 'value'));
        }
      });
    }
    return errors;
  },
);

/**
 * The fields of EphemeralContainerCommon that allowedEphemeralContainerFields leaves out, in the struct's order;
 * a pointer is set when not nil, a list when present (an empty list is not the nil slice), resources when any
 * of its members is.
 */
const EPHEMERAL_FORBIDDEN_FIELDS = ['ports', 'resources', 'resizePolicy', 'restartPolicy', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle'];

function isSetField(field: string, value: PlainValue | undefined): boolean {
  if (value === undefined || value === null) return false;
  if (field === 'resources') return isObject(value) && Object.values(value).some((member) => member !== null);
  return true;
}

/**
 * validateEphemeralContainers, and what ValidatePodCreate and ValidatePodTemplateSpec say about ephemeral
 * containers at all: a Pod cannot be created with them (they are added through the ephemeralcontainers
 * subresource), and no pod template may hold them.
 */
export const ephemeralContainersRule = podSpecRule(
  'ephemeral-containers',
  'Ephemeral containers cannot be set when a Pod is created nor in a pod template; each targets an existing container and sets no ports, resources, probes, lifecycle, restart or resize policy, nor subPath.',
  ({ spec, path, isPod }) => {
    const ephemeral = containersOf(spec, path, ['ephemeralContainers']);
    if (ephemeral.length === 0) return [];
    const errors: FieldError[] = [];
    const others = new Set(containersOf(spec, path, ['containers', 'initContainers']).map(({ container }) => textOf(container['name'])));
    for (const { container, path: at } of ephemeral) {
      const target = textOf(container['targetContainerName']);
      if (target !== '' && !others.has(target)) errors.push(notFound(at.child('targetContainerName'), target));
      for (const field of EPHEMERAL_FORBIDDEN_FIELDS) {
        if (isSetField(field, container[field])) errors.push(forbidden(at.child(field), 'cannot be set for an Ephemeral Container'));
      }
      objectsAt(container, 'volumeMounts').forEach((mount, i) => {
        for (const field of ['subPath', 'subPathExpr']) {
          if (textOf(mount[field]) !== '') errors.push(forbidden(at.child('volumeMounts').index(i).child(field), 'cannot be set for an Ephemeral Container'));
        }
      });
    }
    const listPath = path.child('ephemeralContainers');
    errors.push(forbidden(listPath, isPod ? 'cannot be set on create' : 'ephemeral containers not allowed in pod template'));
    return errors;
  },
);

function subdomainErrors(spec: PlainObject, field: string, path: FieldPath): FieldError[] {
  const value = spec[field];
  return typeof value === 'string' && value !== '' ? isDns1123Subdomain(value).map((message) => invalid(path.child(field), value, message)) : [];
}

function labelErrors(spec: PlainObject, field: string, path: FieldPath): FieldError[] {
  const value = spec[field];
  return typeof value === 'string' && value !== '' ? isDns1123Label(value).map((message) => invalid(path.child(field), value, message)) : [];
}

/**
 * ValidatePodSpec's names, in its order: serviceAccountName and nodeName (DNS-1123 subdomains), hostname and
 * subdomain (labels), priorityClassName and runtimeClassName (subdomains; a runtimeClassName is checked even when
 * empty); and ValidatePodCreate's nodeName beside scheduling gates.
 */
export const podSpecNamesRule = podSpecRule(
  'pod-spec-names',
  'serviceAccountName, nodeName, priorityClassName and runtimeClassName are DNS-1123 subdomains, hostname and subdomain DNS-1123 labels; a Pod cannot be created bound to a node while it has scheduling gates.',
  ({ spec, path, isPod }) => {
    const errors = [
      ...subdomainErrors(spec, 'serviceAccountName', path),
      ...subdomainErrors(spec, 'nodeName', path),
      ...labelErrors(spec, 'hostname', path),
      ...labelErrors(spec, 'subdomain', path),
      ...subdomainErrors(spec, 'priorityClassName', path),
    ];
    const runtimeClassName = spec['runtimeClassName'];
    if (typeof runtimeClassName === 'string') for (const message of isDns1123Subdomain(runtimeClassName)) errors.push(invalid(path.child('runtimeClassName'), runtimeClassName, message));
    if (isPod && textOf(spec['nodeName']) !== '' && objectsAt(spec, 'schedulingGates').length > 0) {
      errors.push(forbidden(path.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
    }
    return errors;
  },
);

/** DynamicResourceAllocation: off by default until it became GA in 1.34; before, the API server drops the claims. */
const RESOURCE_CLAIM_VERSIONS: ReadonlySet<KubernetesVersion> = new Set(['1.34', '1.36']);

/** Go's %#v of a core.PodResourceClaim with neither source set. */
function podResourceClaimValue(name: string, claimName: string | undefined, templateName: string | undefined): GoValue {
  return goStruct('core.PodResourceClaim', [
    ['Name', goString(name)],
    ['ResourceClaimName', goPointer('*string', claimName === undefined ? undefined : goString(claimName))],
    ['ResourceClaimTemplateName', goPointer('*string', templateName === undefined ? undefined : goString(templateName))],
  ]);
}

/** validatePodResourceClaims, and validateResourceClaimNames of each container's resources.claims. */
export const resourceClaimsRule = podSpecRule(
  'resource-claims',
  "Pod resourceClaims have unique DNS-1123 label names and a resourceClaimName or resourceClaimTemplateName; a container's resources.claims name pod claims, once each.",
  ({ spec, path }, version) => {
    if (!RESOURCE_CLAIM_VERSIONS.has(version)) return [];
    const errors: FieldError[] = [];
    const podClaims = new Set<string>();
    for (const claim of objectsAt(spec, 'resourceClaims')) if (textOf(claim['name']) !== '') podClaims.add(textOf(claim['name']));
    const seen = new Set<string>();
    objectsAt(spec, 'resourceClaims').forEach((claim, i) => {
      const at = path.child('resourceClaims').index(i);
      const name = textOf(claim['name']);
      if (name === '') errors.push(required(at.child('name')));
      else if (seen.has(name)) errors.push(duplicate(at.child('name'), name));
      else {
        for (const message of isDns1123Label(name)) errors.push(invalid(at.child('name'), name, message));
        seen.add(name);
      }
      const claimName = claim['resourceClaimName'];
      const templateName = claim['resourceClaimTemplateName'];
      const hasClaimName = typeof claimName === 'string';
      const hasTemplateName = typeof templateName === 'string';
      if (hasClaimName && hasTemplateName) {
        // Go prints the two set pointers as addresses; the message's detail is what matters.
        errors.push(
          placedAt(
            invalid(at, podResourceClaimValue(name, claimName, templateName), 'at most one of `resourceClaimName` or `resourceClaimTemplateName` may be specified'),
            at.child('resourceClaimTemplateName'),
            'key',
          ),
        );
      }
      if (!hasClaimName && !hasTemplateName) {
        errors.push(invalid(at, podResourceClaimValue(name, undefined, undefined), 'must specify one of: `resourceClaimName`, `resourceClaimTemplateName`'));
      }
      if (hasClaimName) for (const message of isDns1123Subdomain(claimName)) errors.push(invalid(at.child('resourceClaimName'), claimName, message));
      if (hasTemplateName) for (const message of isDns1123Subdomain(templateName)) errors.push(invalid(at.child('resourceClaimTemplateName'), templateName, message));
    });
    const known = [...podClaims].sort();
    const detail = `must be one of the names in pod.spec.resourceClaims${known.length === 0 ? ' which is empty' : `: ${known.join(', ')}`}`;
    for (const { container, path: at } of containersOf(spec, path)) {
      const names = new Set<string>();
      objectsAt(objectAt(container, 'resources'), 'claims').forEach((claim, i) => {
        const claimPath = at.child('resources', 'claims').index(i);
        const name = textOf(claim['name']);
        if (name === '') {
          errors.push(required(claimPath));
          return;
        }
        if (names.has(name)) errors.push(placedAt(duplicate(claimPath, name), claimPath.child('name'), 'value'));
        names.add(name);
        if (!podClaims.has(name)) {
          errors.push(placedAt({ ...notFound(claimPath, name), detail }, claimPath.child('name'), 'value'));
        }
      });
    }
    return errors;
  },
);

export const POD_CONTAINER_RULES: readonly ObjectRule[] = [containerRestartPolicyRule, containerResizePolicyRule, ephemeralContainersRule, podSpecNamesRule, resourceClaimsRule];
