/** The pod templates of the workloads in the workspace: what Services, PDBs and references are checked against. */
import { isObject, listAt, objectAt, stringAt, type Keys, type PlainObject } from '../kube/plain-values';
import { labelsOf, type Labels } from '../kube/label-selectors';
import { podTemplatePath } from '../kube/pod-templates';
import type { WorkspaceObject } from './workspace-object';

export interface PodTemplate {
  owner: WorkspaceObject;
  /** Where the template is inside its owner (`[]` for a Pod). */
  at: Keys;
  labels: Labels;
  spec: PlainObject;
}

export function podTemplateOf(object: WorkspaceObject): PodTemplate | undefined {
  // A PodTemplate runs no pods: no Service or budget selects it, and nothing it names is needed until it is used.
  const path = object.kind === 'PodTemplate' ? undefined : podTemplatePath(object.kind);
  if (!path) return undefined;
  const template = path.length === 0 ? object.value : objectAt(object.value, ...path);
  const spec = objectAt(template, 'spec');
  if (!isObject(template) || !spec) return undefined;
  return { owner: object, at: path, labels: labelsOf(objectAt(template, 'metadata')?.['labels']), spec };
}

/**
 * Whether the template's pods declare a container port of this name and protocol, looked up as FindPort does
 * (pkg/api/v1/pod/util.go): in `containers`, then in the init containers that run for the pod's life
 * (`restartPolicy: Always`).
 */
export function declaresPortName(template: PodTemplate, name: string, protocol: string): boolean {
  return portNames(template, protocol).includes(name);
}

/** The names of the container ports of a protocol that a pod of the template serves (sidecars' included). */
export function portNames(template: PodTemplate, protocol: string): string[] {
  const sidecars = listAt(template.spec, 'initContainers').filter((container) => stringAt(container, 'restartPolicy') === 'Always');
  return [...listAt(template.spec, 'containers'), ...sidecars].flatMap((container) =>
    listAt(container, 'ports').flatMap((port) => {
      const name = stringAt(port, 'name');
      return name !== undefined && (stringAt(port, 'protocol') ?? 'TCP') === protocol ? [name] : [];
    }),
  );
}
