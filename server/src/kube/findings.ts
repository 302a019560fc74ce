/** What every check produces: a rule id, a severity, a message, the Kubernetes field path and where it is. */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export interface OffsetRange {
  start: number;
  end: number;
}

export interface Finding {
  /** Stable id, e.g. "unknown-field"; documented in README. */
  rule: string;
  severity: Severity;
  message: string;
  /** The field path as the API server writes it, e.g. `spec.template.spec.containers[0].image`; "" for the document. */
  path: string;
  /** Offsets into the text the finding was made on. */
  range: OffsetRange;
}

/** Which object a finding is about, as its manifest names it. */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  name: string;
  /** As written in metadata.namespace; "" when unset. */
  namespace: string;
}

export interface FileFinding extends Finding {
  /** The object the finding is about; absent for file- and syntax-level findings. */
  object?: ObjectRef;
}
