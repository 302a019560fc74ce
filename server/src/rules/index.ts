/** Every object rule kubeplan knows, by family. New families register here. */
import { annotationsRule, labelsRule, objectNameRule } from './names-and-labels';
import type { ObjectRule } from './rule';

export const OBJECT_RULES: readonly ObjectRule[] = [objectNameRule, labelsRule, annotationsRule];
