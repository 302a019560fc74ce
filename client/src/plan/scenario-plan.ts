/**
 * Plans with a scenario after the apply: a node drained (`kubeplan plan --drain`), a node failing (`--fail-node`) or
 * a zone failing (`--fail-zone`). The node or zone is picked from the nodes of the cluster model, as the server's
 * plan of the same manifests without the scenario lists them, so the pick shows what each node runs.
 */
import { window, type QuickPickItem } from 'vscode';
import type { PlannedNode, ScenarioStep } from '../../../server/src/protocol/plan';
import type { PlanResponse } from '../../../server/src/protocol/plan-request';
import type { PlanRun } from './plan-panel';

/** A step about nodes: one drained, one failing, or every node of a zone failing. */
type NodeStep = Extract<ScenarioStep, { kind: 'drain' | 'fail-node' | 'fail-zone' }>;
export type NodeScenario = NodeStep['kind'];

/** The command of each scenario, as package.json contributes it. */
export const SCENARIO_COMMANDS: readonly { command: string; scenario: NodeScenario }[] = [
  { command: 'kubeplan.planDrain', scenario: 'drain' },
  { command: 'kubeplan.planNodeFailure', scenario: 'fail-node' },
  { command: 'kubeplan.planZoneFailure', scenario: 'fail-zone' },
];

/** The well-known label the node failure of a zone reads (`--fail-zone`). */
const ZONE_LABEL = 'topology.kubernetes.io/zone';

/**
 * The run of `base` with the picked step, or undefined when there was no plan to pick from (the plan request has
 * told the user why), the cluster has nothing to pick, or the pick was dismissed.
 */
export async function scenarioRun(scenario: NodeScenario, base: PlanRun, plan: (run: PlanRun) => Promise<PlanResponse | undefined>): Promise<PlanRun | undefined> {
  const nodes = (await plan(base))?.plan?.nodes;
  if (!nodes) return undefined;
  const step = scenario === 'fail-zone' ? await pickZone(nodes) : await pickNode(scenario, nodes);
  if (!step) return undefined;
  return { params: { ...base.params, scenario: [step] }, subject: `${base.subject} (${stepSubject(step)})` };
}

async function pickNode(scenario: 'drain' | 'fail-node', nodes: readonly PlannedNode[]): Promise<NodeStep | undefined> {
  const items: (QuickPickItem & { node: string })[] = nodes.map((node) => ({
    node: node.name,
    label: node.name,
    description: node.labels[ZONE_LABEL] ?? '',
    detail: [podsText(node.pods), ...node.taints.map((taint) => `tainted ${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`)].join(' · '),
  }));
  const placeHolder = scenario === 'drain' ? 'The node to drain after the apply (kubectl drain NODE --ignore-daemonsets)' : 'The node whose kubelet stops responding after the apply';
  const picked = await window.showQuickPick(items, { title: scenario === 'drain' ? 'Kubeplan: Plan a Node Drain' : 'Kubeplan: Plan a Node Failure', placeHolder, matchOnDescription: true });
  return picked && { kind: scenario, node: picked.node };
}

async function pickZone(nodes: readonly PlannedNode[]): Promise<NodeStep | undefined> {
  const zones = new Map<string, string[]>();
  for (const node of nodes) {
    const zone = node.labels[ZONE_LABEL];
    if (zone !== undefined) zones.set(zone, [...(zones.get(zone) ?? []), node.name]);
  }
  if (zones.size === 0) {
    void window.showInformationMessage(`Kubeplan: no node of the cluster model has a ${ZONE_LABEL} label, so no zone can fail.`);
    return undefined;
  }
  const items = [...zones].map(([zone, names]) => ({ zone, label: zone, description: names.join(', ') }));
  const picked = await window.showQuickPick(items, { title: 'Kubeplan: Plan a Zone Failure', placeHolder: 'The zone whose nodes all stop responding after the apply', matchOnDescription: true });
  return picked && { kind: 'fail-zone', zone: picked.zone };
}

function podsText(pods: readonly string[]): string {
  if (pods.length === 0) return 'no pods';
  const shown = pods.slice(0, 3).join(', ');
  return `${pods.length} ${pods.length === 1 ? 'pod' : 'pods'}: ${shown}${pods.length > 3 ? ', …' : ''}`;
}

function stepSubject(step: NodeStep): string {
  switch (step.kind) {
    case 'drain':
      return `drain ${step.node}`;
    case 'fail-node':
      return `node ${step.node} fails`;
    case 'fail-zone':
      return `zone ${step.zone} fails`;
  }
}
