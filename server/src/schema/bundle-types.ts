/**
 * The shape of a generated schema bundle: one JSON file per Kubernetes version, written by
 * schemas/generate.ts at build time and read by the validator, hover and completion at run time.
 */

export interface SchemaBundle {
  /** "1.36" */
  kubernetesVersion: string;
  /** The npm package the bundle was generated from, e.g. "@kubernetes/client-node@2.0.1". */
  source: string;
  /**
   * API groups the API server itself serves in any supported version ("" is the core group). Any other group
   * (gateway.networking.k8s.io, snapshot.storage.k8s.io, argoproj.io …) is installed by CRDs.
   */
  builtInGroups: string[];
  /** Keyed by `apiVersion + " " + kind`, e.g. "apps/v1 Deployment". */
  kinds: Record<string, KindInfo>;
  /** JSON Schema (draft-07) definitions, keyed by model name (e.g. "V1Deployment"). */
  definitions: Record<string, FieldSchema>;
}

export interface KindInfo {
  apiVersion: string;
  kind: string;
  /** Model name in `definitions`. */
  definition: string;
  namespaced: boolean;
  /** Resource name in the REST path, e.g. "deployments". */
  plural: string;
}

/** The subset of JSON Schema the generator writes, plus our `x-` annotations. */
export interface FieldSchema {
  $ref?: string;
  type?: string | string[];
  description?: string;
  properties?: Record<string, FieldSchema>;
  required?: string[];
  additionalProperties?: boolean | FieldSchema;
  items?: FieldSchema;
  enum?: string[];
  minimum?: number;
  maximum?: number;
  format?: string;
  /** The Go type the API server decodes this value into, as its decoder names it: "int32", "v1.PodSpec". */
  'x-go-type'?: string;
  /** Set on struct definitions: the Go struct name ("DeploymentSpec"). */
  'x-go-struct'?: string;
}
