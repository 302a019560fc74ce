/**
 * The resilience check (`kubeplan plan --what-if nodes|zones`): the failure of each node, or of every node of each
 * zone, played alone after the apply; the plan's Resilience section says which the manifests survive.
 */
import { window, type QuickPickItem } from 'vscode';
import type { PlanParams } from '../../../server/src/protocol/plan-request';
import type { PlanRun } from './plan-panel';

/** The command, as package.json contributes it. */
export const RESILIENCE_COMMAND = 'kubeplan.checkResilience';

type WhatIf = NonNullable<PlanParams['whatIf']>;

const CHOICES: readonly (QuickPickItem & { whatIf: WhatIf; subject: string })[] = [
  { whatIf: 'nodes', label: 'Each node fails', detail: 'kubeplan plan --what-if nodes: the kubelet of each node in turn stops responding', subject: 'each node fails' },
  {
    whatIf: 'zones',
    label: 'Each zone fails',
    detail: 'kubeplan plan --what-if zones: every node of each topology.kubernetes.io/zone in turn stops responding',
    subject: 'each zone fails',
  },
];

/** The run of `base` with the picked failures, or undefined when the pick was dismissed. */
export async function resilienceRun(base: PlanRun): Promise<PlanRun | undefined> {
  const picked = await window.showQuickPick(CHOICES, { title: 'Kubeplan: Check Resilience', placeHolder: 'What fails, one at a time, after the apply' });
  // A scenario of the base would make each failure start from another state; the request refuses the two together.
  return picked && { params: { ...base.params, scenario: undefined, whatIf: picked.whatIf }, subject: `${base.subject} (${picked.subject})` };
}
