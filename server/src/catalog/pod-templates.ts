/** The pod templates of the workloads in the workspace: what Services, PDBs and references are checked against. */
import { isObject, objectAt, type Keys, type PlainObject } from '../kube/plain-values';
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
