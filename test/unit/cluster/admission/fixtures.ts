/** What the admission plugins' tests share: a store at a fixed time, a context that keeps its notes, requests, plans. */
import assert from 'node:assert/strict';
import type { AdmissionContext, AdmissionOperation, AdmissionRequest } from '../../../../server/src/cluster/admission/admission';
import { SimulatedClock } from '../../../../server/src/cluster/clock';
import { defaultCluster } from '../../../../server/src/cluster/cluster-model';
import { planApply } from '../../../../server/src/cluster/simulation';
import { ObjectStore, type StoredObject } from '../../../../server/src/cluster/store';
import { validateText } from '../../../../server/src/check/validate-text';
import type { Plan } from '../../../../server/src/protocol/plan';

export const NOW = Date.parse('2026-03-01T10:00:00Z');

export interface TestContext extends AdmissionContext {
  readonly notes: string[];
}

/** A context over an empty store (no admission of its own) whose inputs hold `inputs` (`kind/namespace/name`). */
export function testContext(options: { inputs?: string[]; loadedNamespaces?: string[] } = {}): TestContext {
  const notes: string[] = [];
  return {
    store: new ObjectStore(new SimulatedClock(NOW)),
    kubernetesVersion: '1.33',
    note: (text) => {
      if (!notes.includes(text)) notes.push(text);
    },
    notes,
    inputs: { objects: new Set(options.inputs ?? []), loadedNamespaces: new Set(options.loadedNamespaces ?? []) },
  };
}

/** A create (or update) of `object` as the mutating phase sees it, in the object's namespace. */
export function request<T extends object>(object: T, operation: AdmissionOperation = 'CREATE'): AdmissionRequest & { object: T & StoredObject } {
  const stored = object as unknown as StoredObject;
  return { operation, object: stored as T & StoredObject, name: stored.metadata?.name ?? '', namespace: stored.metadata?.namespace ?? '' };
}

function decoded(yaml: string) {
  const report = validateText(yaml, { kubernetesVersion: '1.33' });
  assert.deepEqual(
    report.findings.filter((finding) => finding.severity === 'error'),
    [],
  );
  return report.objects;
}

/** The plan of applying `manifests` (after `current`) to the embedded default cluster. */
export function plan(manifests: string, current?: string): Plan {
  return planApply({
    kubernetesVersion: '1.33',
    cluster: defaultCluster(),
    current: current ? decoded(current) : [],
    manifests: decoded(manifests),
    newPodsReady: true,
    now: NOW,
  });
}
