/**
 * The `kubeplan/plan` request as any LSP client sees it: what to plan, and the plan with where each object is
 * written. The plan itself is the object `kubeplan plan --output json` prints; `sources` sits beside it so that
 * the contract of that object stays as it is.
 */
import type { Plan, ScenarioStep } from './plan';

export const PLAN_REQUEST = 'kubeplan/plan';
/** `workspace/executeCommand` with this command and one PlanParams argument answers with the plan as Markdown. */
export const PLAN_COMMAND = 'kubeplan.plan';
/** The client command each plan CodeLens runs, with `[documentUri, "Kind/namespace/name"]`: open the document's plan at that object. */
export const SHOW_PLAN_COMMAND = 'kubeplan.showPlan';
/** The client command that plans the active document; a lens over a document too large to plan on every pause runs it. */
export const PLAN_FILE_COMMAND = 'kubeplan.planFile';

export interface PlanTextInput {
  uri: string;
  text: string;
}

/** Manifests given as URIs (files or folders; open documents are read from the editor) or as texts. */
export interface PlanManifests {
  uris?: string[];
  texts?: PlanTextInput[];
}

export interface PlanParams extends PlanManifests {
  /**
   * What runs now: applied and settled before the manifests (`kubeplan plan --from`). `baseline` is accepted as
   * another name for it.
   */
  from?: PlanManifests;
  baseline?: PlanManifests;
  /**
   * What `from` is, as the plan's `changes` name it (`Git HEAD`); absent: the names of `from`'s files. With `from`
   * the plan holds the `changes` from it to the manifests, as `kubeplan plan --base` computes them.
   */
  fromName?: string;
  /** A file of Node manifests or a `kubectl get nodes,pods -A -o yaml` snapshot; "" for the embedded cluster; absent: the `kubeplan.plan.cluster` setting. */
  cluster?: string;
  /** Absent: the `kubeplan.kubernetesVersion` setting. */
  kubernetesVersion?: string;
  /** False: pods of new or changed templates never become Ready. Default true. */
  newPodsReady?: boolean;
  /** The zone cluster DNS serves, for the plan's `dns` records. Absent: the `kubeplan.plan.clusterDomain` setting. */
  clusterDomain?: string;
  /**
   * A kustomization rendered by the client with the user's kustomize, planned instead of `uris` and `texts`. The
   * server runs no program: it reads the files the objects came from, to place errors and objects there.
   */
  kustomization?: RenderedKustomization;
  /**
   * Steps played after the manifests settled, in order, as `kubeplan plan`'s scenario flags give them: `{ kind:
   * "drain", node }` (`--drain`), `{ kind: "fail-node", node }`, `{ kind: "fail-zone", zone }`, `{ kind: "scale",
   * resource, namespace, name, replicas }` (`--scale`; `resource` as kubectl names it: `deployment`, `sts`,
   * `Deployment`), `{ kind: "for", seconds }` (`--for`). The plan's `scenario` says what they did.
   */
  scenario?: ScenarioStep[];
  /**
   * `kubeplan plan --what-if`: `"nodes"` plays the failure of each node, `"zones"` of every node of each zone, each
   * alone from the state after the apply; the plan's `resilience` says what each did. It cannot be combined with
   * `scenario`.
   */
  whatIf?: 'nodes' | 'zones';
}

/** kustomize's output for one kustomization folder, object by object, each with the file it came from. */
export interface RenderedKustomization {
  /** The folder rendered, as an absolute path. */
  folder: string;
  objects: RenderedObject[];
}

/** One object of kustomize's output and its `config.kubernetes.io/origin` annotation, read and removed. */
export interface RenderedObject {
  /** The object's YAML as kustomize printed it, without the origin annotation. */
  text: string;
  origin: RenderedOrigin;
}

/** Where kustomize says an object came from; paths are absolute. */
export interface RenderedOrigin {
  /** The resource file the object was read from. */
  file?: string;
  /** The kustomization whose generator made the object, and the generator's kind (`ConfigMapGenerator`). */
  configuredIn?: string;
  generator?: string;
  /** The remote repository and ref of a remote base's object (its `file` is then a path inside that repository). */
  repo?: string;
  ref?: string;
}

export interface SourcePosition {
  line: number;
  character: number;
}

export interface SourceLocation {
  uri: string;
  range: { start: SourcePosition; end: SourcePosition };
  /** In Helm's rendered output, the chart template its document came from (Helm's `# Source:` comment). */
  renderedFrom?: RenderedFrom;
}

/** The chart template Helm names before a rendered document, and a line within that document (its first is 1). */
export interface RenderedFrom {
  template: string;
  line: number;
}

/** An error in a manifest that keeps the plan from being made, placed as its diagnostic is. */
export interface PlanProblem extends SourceLocation {
  message: string;
  rule: string;
}

export interface PlanResponse {
  /** Null when the manifests have errors or the input could not be read. */
  plan: Plan | null;
  /**
   * Where each object of the plan is written, by `Kind/namespace/name` (`Deployment/default/web`,
   * `Service/default/web`, `Pod/default/web-6d4b9c7f5-bbbbb` — a pod is placed at the manifest of the workload that
   * makes it).
   */
  sources: Record<string, SourceLocation>;
  /** Errors in the manifests (the Problems panel shows them too). */
  problems: PlanProblem[];
  /** Why no plan was made when it is not the manifests' errors: an unreadable path, a cluster file without nodes. */
  failure: string | null;
  /** How many files and objects were planned. */
  files: number;
  objects: number;
}
