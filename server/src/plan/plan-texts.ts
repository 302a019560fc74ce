/**
 * A plan from texts, for `kubeplan plan`, the `kubeplan/plan` request and CodeLens alike: the texts are checked
 * as `kubeplan check` checks them (each on its own, then the cross-object rules over all of them), and any error
 * among the findings keeps the plan from being made, since an object the API server would refuse cannot be
 * applied; otherwise the objects are applied on the cluster model. Texts in, plain data out.
 */
import { defaultCluster, type ClusterModel } from '../cluster/cluster-model';
import { planApplyWithPolicies } from '../cluster/simulation';
import type { NetworkPolicyView } from '../cluster/plan-network-policies';
import { HelmSources } from '../check/helm-sources';
import { LineIndex } from '../parse/line-index';
import type { FileFinding, OffsetRange } from '../kube/findings';
import type { RuleSettings } from '../rules/rule-config';
import type { KubernetesVersion } from '../schema/versions';
import { checkTexts, hasErrors, isPatchFile, listedFindings, type CheckedText, type TextInput } from '../check/check-texts';
import { hasPatchMarker } from '../check/patch-directives';
import type { Plan, PlannedResilience, ScenarioStep } from '../protocol/plan';
import type { PlanResponse, SourceLocation } from '../protocol/plan-request';
import { planSources } from './plan-sources';
import { planChanges, removedObjectsNote } from './plan-changes';
import type { ReferenceDefinition } from '../catalog/workspace-object';

export interface PlanTexts {
  manifests: readonly TextInput[];
  /** What runs now; applied and settled first. */
  current: readonly TextInput[];
  /** The cluster of a cluster file; undefined: the embedded default cluster. */
  cluster: PlanCluster | undefined;
  kubernetesVersion: KubernetesVersion;
  rules: RuleSettings;
  newPodsReady: boolean;
  /** Milliseconds since the epoch. */
  now: number;
  /** The most pods the plan's controllers may create; the engine's own bound when absent. */
  maxCreatedPods?: number;
  /** The zone cluster DNS serves; `cluster.local` when absent. */
  clusterDomain?: string;
  /** The namespace of objects that name none (kubectl's `--namespace`); `default` when absent. */
  defaultNamespace?: string;
  /** Steps played after the apply, in order (`--drain`). */
  scenario?: readonly ScenarioStep[];
  /** CRDs given as reference (`--crds`, `kubeplan.crds`): schemas for custom resources, not applied. */
  definitions?: readonly ReferenceDefinition[];
  /** `--what-if nodes|zones`: each failure played alone from the state after the apply. */
  whatIf?: PlannedResilience['whatIf'];
  /** The absolute paths of the files a kustomization lists as patches: checked as patches, never applied. */
  patchFiles?: ReadonlySet<string>;
}

export interface PlanCluster {
  /** What identifies the file's content, for caches of plans. */
  key: string;
  model: ClusterModel;
}

export interface PlannedTexts {
  /** The manifests and what runs now, each set checked on its own. */
  manifests: CheckedText[];
  current: CheckedText[];
  /** Null when a finding of either set is an error. */
  plan: Plan | null;
}

export function planTexts(input: PlanTexts): PlannedTexts {
  const { manifests, current, plan } = planTextsWithPolicies(input);
  return { manifests, current, plan };
}

/** The plan with the view its NetworkPolicies take of its pods, for `kubeplan can-connect`; no view when there is no plan. */
export function planTextsWithPolicies(input: PlanTexts): PlannedTexts & { networkPolicies: NetworkPolicyView | null } {
  const settings = { kubernetesVersion: input.kubernetesVersion, rules: input.rules, defaultNamespace: input.defaultNamespace, definitions: input.definitions, patchFiles: input.patchFiles };
  const manifests = checkTexts(input.manifests, settings);
  const current = checkTexts(input.current, settings);
  if (hasErrors(current) || hasErrors(manifests)) return { manifests, current, plan: null, networkPolicies: null };
  const { plan, networkPolicies } = planApplyWithPolicies({
    kubernetesVersion: input.kubernetesVersion,
    cluster: input.cluster?.model ?? defaultCluster(),
    current: current.flatMap((text) => text.objects),
    manifests: manifests.flatMap((text) => text.objects),
    newPodsReady: input.newPodsReady,
    now: input.now,
    maxCreatedPods: input.maxCreatedPods,
    clusterDomain: input.clusterDomain,
    scenario: input.scenario,
    whatIf: input.whatIf,
  });
  const patches = input.manifests.filter((text) => isPatchFile(settings, text.file) || hasPatchMarker(text.text)).map((text) => text.file);
  return { manifests, current, plan: patches.length === 0 ? plan : { ...plan, notes: [...plan.notes, patchesNote(patches)] }, networkPolicies };
}

/** What the plan says of the kustomize patches among its files: they are part of objects, so nothing of them is applied. */
function patchesNote(files: readonly string[]): string {
  const which = files.length === 1 ? `${files[0]} is a kustomize patch` : `${files.join(', ')} are kustomize patches`;
  return `${which}: checked as ${files.length === 1 ? 'a patch' : 'patches'} and not applied (kubeplan plan -k plans the overlay with its patches applied)`;
}

/**
 * What a change is planned against, `current` holding its files: a Git revision (`--base`), or what a `kubeplan/plan`
 * request's `from` holds (the editor's Git HEAD of a file).
 */
export interface BaseRevision {
  /** The revision as the user named it, or the name the request gives `from`. */
  ref: string;
  /** Its files under the paths that the working tree no longer has. */
  deletedFiles: readonly string[];
}

/**
 * The plan of a change against a revision: `current` is the revision's texts and `manifests` the working tree's,
 * planned as `--from` plans them, with the `changes` the change makes. Those compare the revision's objects with the
 * working tree's, and the revision's settled state alone (the same inputs without manifests) with the state after
 * the manifests settled over it; a scenario (`--drain`) plays only in the plan shown, never in that comparison.
 */
export function planTextsAgainstBase(input: PlanTexts, base: BaseRevision): PlannedTexts {
  const planned = planTexts(input);
  if (!planned.plan) return planned;
  const plain = { ...input, scenario: [], whatIf: undefined };
  const before = planTexts({ ...plain, manifests: [] }).plan;
  const after = input.scenario && input.scenario.length > 0 ? planTexts(plain).plan : planned.plan;
  // Both were checked already, with the same texts and settings, so neither can have findings that stop a plan.
  if (!before || !after) return planned;
  const changes = planChanges({
    base: base.ref,
    baseObjects: planned.current.flatMap((text) => text.objects),
    objects: planned.manifests.flatMap((text) => text.objects),
    deletedFiles: base.deletedFiles,
    before,
    after,
  });
  const note = removedObjectsNote(changes);
  return { ...planned, plan: { ...planned.plan, notes: note ? [...planned.plan.notes, note] : planned.plan.notes, changes } };
}

/**
 * Where a response shows what was found in texts that are not the user's files (a kustomization's rendered
 * output): each finding and object in the file it came from. Undefined keeps the text's own place.
 */
export interface ResponsePlacer {
  finding(text: CheckedText, finding: FileFinding): (SourceLocation & { message: string }) | undefined;
  object(text: CheckedText, range: OffsetRange): SourceLocation | undefined;
}

/**
 * The answer to a `kubeplan/plan` request: the plan with where each object is written, or the errors that keep it
 * from being made, placed as their diagnostics are (the file's URI, lines and characters counted from 0).
 */
export function planResponse({ manifests, current, plan }: PlannedTexts, placer?: ResponsePlacer): PlanResponse {
  const counts = { files: manifests.length, objects: manifests.reduce((sum, text) => sum + text.objects.length, 0) };
  const locations = new Map<CheckedText, { lines: LineIndex; rendered: HelmSources | undefined }>();
  const locationOf = (text: CheckedText, range: OffsetRange): SourceLocation => {
    let place = locations.get(text);
    if (!place) {
      const lines = new LineIndex(text.text);
      locations.set(text, (place = { lines, rendered: HelmSources.of(text.text, lines) }));
    }
    const renderedFrom = place.rendered?.at(range.start);
    return { uri: text.file, range: { start: place.lines.positionAt(range.start), end: place.lines.positionAt(range.end) }, ...(renderedFrom ? { renderedFrom } : {}) };
  };
  if (!plan) {
    const errors = [...listedFindings(current), ...listedFindings(manifests)].filter(({ finding }) => finding.severity === 'error');
    const problems = errors.map(({ text, finding }) => ({ ...(placer?.finding(text, finding) ?? { ...locationOf(text, finding.range), message: finding.message }), rule: finding.rule }));
    return { plan: null, sources: {}, problems, failure: null, ...counts };
  }
  const placed = manifests.flatMap((text) =>
    text.objects.map((object) => ({ kind: object.kind, namespace: object.namespace, name: object.name, location: placer?.object(text, object.range) ?? locationOf(text, object.range) })),
  );
  return { plan, sources: planSources(plan, placed), problems: [], failure: null, ...counts };
}
