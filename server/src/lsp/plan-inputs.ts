/** What a `kubeplan/plan` request asks for, read into texts under the current settings. */
import type { PlanParams } from '../protocol/plan-request';
import type { ScenarioStep } from '../protocol/plan';
import { MAX_REPLICAS, resolveScalableKind } from '../cluster/scenarios/scale';
import { durationText, MAX_FOR_SECONDS } from '../cluster/scenarios/pass-time';
import { isDns1123Label } from '../rules/apimachinery-validation';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { BaseRevision, PlanCluster, PlanTexts, ResponsePlacer } from '../plan/plan-texts';
import type { TextInput } from '../check/check-texts';
import { KustomizeSources } from '../files/kustomize-sources';
import type { RuleSettings } from '../rules/rule-config';
import { parseKubernetesVersion, SUPPORTED_VERSIONS } from '../schema/versions';
import { readManifests, type ClusterFiles, type PlanFileAccess } from '../files/plan-files';
import { UnreadableInputError } from '../files/read-text';
import type { Settings } from '../workspace/settings';
import { clusterDomainProblem } from '../plan/cluster-domain';
import type { ReferenceDefinition } from '../catalog/workspace-object';

/** Files of `from` named one by one in the name of a change's base; the rest are counted. */
const FROM_FILES_NAMED = 3;

/** The request's inputs, or a message for the user when they cannot be read. */
export function planInputs(
  params: PlanParams | null | undefined,
  settings: Settings,
  rules: RuleSettings,
  access: PlanFileAccess,
  clusterFiles: ClusterFiles,
  now: number,
  definitions: readonly ReferenceDefinition[] = [],
): (PlanTexts & { placer?: ResponsePlacer; base?: BaseRevision }) | string {
  const request: PlanParams = params ?? {};
  const malformed = malformedPart(request);
  if (malformed) return `kubeplan/plan: ${malformed}`;
  const kubernetesVersion = request.kubernetesVersion === undefined ? settings.kubernetesVersion : parseKubernetesVersion(request.kubernetesVersion);
  if (!kubernetesVersion) return `Kubernetes ${request.kubernetesVersion} is not supported; supported versions: ${SUPPORTED_VERSIONS.join(', ')}`;
  const clusterDomain = request.clusterDomain ?? settings.planClusterDomain;
  const domainProblem = clusterDomainProblem(clusterDomain);
  if (domainProblem) return `kubeplan/plan: ${domainProblem}`;
  const scenario = scenarioSteps(request.scenario);
  if (typeof scenario === 'string') return `kubeplan/plan: ${scenario}`;
  // Each failure starts from the state after the apply, as `kubeplan plan --what-if` refuses scenario flags beside it.
  if (request.whatIf !== undefined && scenario.length > 0) return 'kubeplan/plan: whatIf plays each failure alone from the state after the apply; it cannot be combined with scenario';
  try {
    // A kustomization the client rendered: the server reads the files its objects came from, and runs nothing.
    const kustomization = request.kustomization && new KustomizeSources(request.kustomization, pathToFileURL(request.kustomization.folder).href);
    const manifests = kustomization ? [kustomization.manifest] : readManifests(request, access);
    if (manifests.length === 0) return 'no manifests to plan: give uris (files or folders) or texts';
    const clusterReference = request.cluster ?? settings.planCluster;
    const cluster: PlanCluster | undefined = clusterReference === '' ? undefined : clusterFiles.read(clusterReference, access);
    const from = request.from ?? request.baseline;
    const current = readManifests(from, access);
    return {
      manifests,
      current,
      cluster,
      kubernetesVersion,
      rules,
      newPodsReady: request.newPodsReady ?? true,
      now,
      clusterDomain,
      definitions,
      scenario,
      ...(request.whatIf !== undefined ? { whatIf: request.whatIf } : {}),
      ...(kustomization ? { placer: kustomization.responsePlacer() } : {}),
      // What runs now is the base of a change: the plan says what the manifests change in it.
      ...(from ? { base: { ref: request.fromName ?? filesNamed(current), deletedFiles: [] } } : {}),
    };
  } catch (error) {
    if (error instanceof UnreadableInputError) return error.message;
    throw error;
  }
}

/** `web.yaml`, `a.yaml, b.yaml and 3 more`: the last part of each file's URI, decoded. */
function filesNamed(texts: readonly TextInput[]): string {
  if (texts.length === 0) return 'no manifests';
  const names = texts.map(({ file }) => {
    const last = file.slice(file.lastIndexOf('/') + 1);
    try {
      return decodeURIComponent(last);
    } catch {
      return last;
    }
  });
  return names.length > FROM_FILES_NAMED ? `${names.slice(0, FROM_FILES_NAMED).join(', ')} and ${names.length - FROM_FILES_NAMED} more` : names.join(', ');
}

/** Clients send what they like: each part the request uses is checked for its type before it is read. */
function malformedPart(request: PlanParams): string | undefined {
  const isStrings = (value: unknown) => value === undefined || (Array.isArray(value) && value.every((item) => typeof item === 'string'));
  const isTexts = (value: unknown) => value === undefined || (Array.isArray(value) && value.every((item) => typeof item?.uri === 'string' && typeof item?.text === 'string'));
  for (const [name, part] of [
    ['', request],
    ['from.', request.from],
    ['baseline.', request.baseline],
  ] as const) {
    if (part === undefined) continue;
    if (typeof part !== 'object' || part === null) return `${name.slice(0, -1)} must be an object with uris or texts`;
    if (!isStrings(part.uris)) return `${name}uris must be a list of URIs`;
    if (!isTexts(part.texts)) return `${name}texts must be a list of { uri, text }`;
  }
  if (request.cluster !== undefined && typeof request.cluster !== 'string') return 'cluster must be a file URI or path, or "" for the embedded cluster';
  if (request.kubernetesVersion !== undefined && typeof request.kubernetesVersion !== 'string') return 'kubernetesVersion must be a string such as "1.36"';
  if (request.newPodsReady !== undefined && typeof request.newPodsReady !== 'boolean') return 'newPodsReady must be true or false';
  if (request.fromName !== undefined && typeof request.fromName !== 'string') return 'fromName must be a string such as "Git HEAD"';
  if (request.clusterDomain !== undefined && typeof request.clusterDomain !== 'string') return 'clusterDomain must be a string such as "cluster.local"';
  if (request.whatIf !== undefined && request.whatIf !== 'nodes' && request.whatIf !== 'zones') return `whatIf must be "nodes" or "zones", not ${JSON.stringify(request.whatIf)}`;
  if (request.kustomization !== undefined) {
    const { folder, objects } = request.kustomization as { folder?: unknown; objects?: unknown };
    const isRendered = (item: unknown) =>
      typeof (item as { text?: unknown })?.text === 'string' && typeof (item as { origin?: unknown }).origin === 'object' && (item as { origin?: unknown }).origin !== null;
    if (typeof folder !== 'string' || !path.isAbsolute(folder)) return 'kustomization.folder must be an absolute path';
    if (!Array.isArray(objects) || !objects.every(isRendered)) return 'kustomization.objects must be a list of { text, origin }';
  }
  return undefined;
}

const STEP_KINDS = ['drain', 'fail-node', 'fail-zone', 'scale', 'for'];

/**
 * The request's scenario read step by step, each field checked as the CLI checks its flag, so that a step the
 * scenario could not play is an answer that names it rather than an exception in the cluster model.
 */
function scenarioSteps(value: unknown): ScenarioStep[] | string {
  if (value === undefined) return [];
  if (!Array.isArray(value)) return 'scenario must be a list of steps such as { "kind": "drain", "node": "worker-1" }';
  const steps: ScenarioStep[] = [];
  for (const [index, raw] of value.entries()) {
    const step = scenarioStep(raw);
    if (typeof step === 'string') return `scenario[${index}]${step}`;
    steps.push(step);
  }
  return steps;
}

/** One step, or what is wrong with it after its place (`.node must be …`). */
function scenarioStep(raw: unknown): ScenarioStep | string {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return ` must be an object with a kind: ${STEP_KINDS.join(', ')}`;
  const step = raw as Record<string, unknown>;
  const named = (field: string) => typeof step[field] === 'string' && step[field] !== '';
  switch (step['kind']) {
    case 'drain':
    case 'fail-node':
      return named('node') ? { kind: step['kind'], node: step['node'] as string } : '.node must be the name of a node';
    case 'fail-zone':
      return named('zone') ? { kind: 'fail-zone', zone: step['zone'] as string } : '.zone must be a zone (a topology.kubernetes.io/zone value)';
    case 'scale': {
      if (!named('resource')) return '.resource must name what kubectl scale scales: deployment, replicaset, replicationcontroller or statefulset';
      const resource = resolveScalableKind(step['resource'] as string);
      if (typeof resource !== 'string') return `.resource: ${resource.error}`;
      const namespace = step['namespace'];
      if (typeof namespace !== 'string' || isDns1123Label(namespace).length > 0) return `.namespace must be a namespace name, not ${JSON.stringify(namespace ?? null)}`;
      if (!named('name')) return '.name must be the name of the object to scale';
      const replicas = step['replicas'];
      if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0 || replicas > MAX_REPLICAS)
        return `.replicas must be a whole number from 0 to ${MAX_REPLICAS} (spec.replicas is an int32), not ${JSON.stringify(replicas ?? null)}`;
      return { kind: 'scale', resource, namespace, name: step['name'] as string, replicas };
    }
    case 'for': {
      const seconds = step['seconds'];
      if (typeof seconds !== 'number' || !Number.isInteger(seconds) || seconds <= 0 || seconds > MAX_FOR_SECONDS)
        return `.seconds must be a whole number of seconds from 1 to ${MAX_FOR_SECONDS} (${durationText(MAX_FOR_SECONDS)}), not ${JSON.stringify(seconds ?? null)}`;
      return { kind: 'for', seconds };
    }
    default:
      return `.kind must be one of ${STEP_KINDS.join(', ')}, not ${JSON.stringify(step['kind'] ?? null)}`;
  }
}
