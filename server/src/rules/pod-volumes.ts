/**
 * A pod's volume sources as ValidateVolumes checks them with validateVolumeSource
 * (pkg/apis/core/validation/validation.go), in every pod spec the API server validates, after defaulting. The
 * volumes' names are checked by the volume-mounts rule (pod-spec.ts).
 */
import { objectAt, objectsAt, textOf, type PlainObject } from '../kube/plain-values';
import { type FieldPath, required, type FieldError } from '../kube/field-errors';
import type { KubernetesVersion } from '../schema/versions';
import { annotationErrors, labelErrors } from './names-and-labels';
import { podSpecRule } from './pod-spec';
import type { ObjectRule } from './rule';
import { claimSpecErrors } from './storage';
import { podVolumeSources, volumeSourceErrors } from './volume-sources';

/**
 * validateEphemeralVolumeSource with ValidatePersistentVolumeClaimTemplate: the template is required, its metadata
 * holds valid labels and annotations (ValidateTemplateObjectMeta), its spec is a valid claim spec.
 */
function ephemeralErrors(version: KubernetesVersion) {
  return (source: PlainObject, path: FieldPath): FieldError[] => {
    const template = objectAt(source, 'volumeClaimTemplate');
    const templatePath = path.child('volumeClaimTemplate');
    if (!template) return [required(templatePath)];
    const metadata = objectAt(template, 'metadata');
    const errors = annotationErrors(metadata?.['annotations'], templatePath.child('metadata', 'annotations'));
    errors.push(...labelErrors(metadata?.['labels'], templatePath.child('metadata', 'labels')));
    errors.push(...claimSpecErrors(objectAt(template, 'spec') ?? {}, templatePath.child('spec'), version));
    return errors;
  };
}

/** The ImageVolume gate: beta and off by default in 1.33 and 1.34, on by default from 1.35. */
const IMAGE_VOLUME_VERSIONS = new Set<KubernetesVersion>(['1.36']);

const SOURCES_BY_VERSION = new Map<KubernetesVersion, ReturnType<typeof podVolumeSources>>();

function sourcesFor(version: KubernetesVersion): ReturnType<typeof podVolumeSources> {
  let sources = SOURCES_BY_VERSION.get(version);
  if (!sources) {
    sources = podVolumeSources(ephemeralErrors(version), IMAGE_VOLUME_VERSIONS.has(version));
    SOURCES_BY_VERSION.set(version, sources);
  }
  return sources;
}

export const podVolumesRule: ObjectRule = podSpecRule(
  'pod-volumes',
  "Every pod volume has exactly one source, and each source's fields are valid: paths, file modes, key-to-path items, projections, claim templates, drivers and references.",
  ({ spec, path, isPod }, version) => {
    const sources = sourcesFor(version);
    return objectsAt(spec, 'volumes').flatMap((volume, i) => {
      const at = path.child('volumes').index(i);
      return volumeSourceErrors(volume, at, sources, { name: textOf(volume['name']), at, isPod });
    });
  },
);

export const POD_VOLUME_RULES: readonly ObjectRule[] = [podVolumesRule];
