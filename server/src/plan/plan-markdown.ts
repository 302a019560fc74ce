/** The answer to `workspace/executeCommand kubeplan.plan`: the plan as Markdown, or why there is none. */
import { renderPlanMarkdown } from './plan-render';
import type { PlanResponse } from '../protocol/plan-request';

export function planResponseMarkdown(response: PlanResponse): string {
  if (response.plan) return renderPlanMarkdown(response.plan);
  if (response.failure !== null) return `## kubeplan plan\n\nNo plan: ${response.failure}\n`;
  const lines = response.problems.map((problem) => `- ${decodeURIComponent(problem.uri)}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.message} (${problem.rule})`);
  const errors = `${response.problems.length} ${response.problems.length === 1 ? 'error' : 'errors'}`;
  return `## kubeplan plan\n\nNo plan: the manifests have ${errors}; an object the API server would refuse cannot be applied.\n\n${lines.join('\n')}\n`;
}
