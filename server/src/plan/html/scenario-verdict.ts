/**
 * A scenario's verdict in one line, the same words in the terminal, in Markdown and on the plan page: it survived
 * when every Service port kept a ready endpoint throughout, else each outage with when it began and ended.
 */
import type { PlannedScenario } from '../../protocol/plan';

export function scenarioVerdict(scenario: PlannedScenario): string {
  if (scenario.outages.length === 0) return 'survives: every Service kept a ready endpoint';
  const outages = scenario.outages.map((outage) => {
    const until = outage.to === null ? 'never recovers' : outage.to === outage.from ? `until a replacement was Ready at ${outage.to}s` : `to ${outage.to}s`;
    return `${outage.service} port ${outage.port} from ${outage.from}s ${until} (${outage.reason})`;
  });
  return `outages: ${outages.join('; ')}`;
}
