/**
 * `kubeplan can-connect FROM TO[:PORT[/PROTOCOL]] PATH...`: plan the manifests, then say whether the plan's
 * NetworkPolicies let FROM open a connection to TO, as `kubectl auth can-i` answers: `yes` or `no` on the first
 * line, exit 0 or 1. FROM is `namespace/workload` or `namespace/pod`; TO is looked up as a Service, then a
 * workload, then a pod. Without PORT every port of TO is asked, and the answer is yes only when all are allowed.
 */
import { connectionChecks, type ConnectionQuery } from '../cluster/plan-network-policies';
import { planTextsWithPolicies } from '../plan/plan-texts';
import { findingsOutput, planTextsInput, type PlanCommandOptions } from './plan-command';
import { UsageError } from './usage-error';
import type { TerminalStyle } from '../text/styled-text';

const PROTOCOLS = new Set(['TCP', 'UDP', 'SCTP']);

/** Reads `TO[:PORT[/PROTOCOL]]`: a number is a port number, anything else a port name. */
export function parseConnectionTarget(from: string, target: string): ConnectionQuery {
  for (const [what, name] of [
    ['FROM', from],
    ['TO', target.split(':')[0] ?? ''],
  ] as const) {
    if (!/^[^/:]+\/[^/:]+$/.test(name)) throw new UsageError(`${what} must be NAMESPACE/NAME, not ${name || '""'}`);
  }
  const colon = target.indexOf(':');
  if (colon < 0) return { from, to: target };
  const [portText = '', protocol, ...rest] = target.slice(colon + 1).split('/');
  if (portText === '' || rest.length > 0) throw new UsageError(`TO must be NAMESPACE/NAME[:PORT[/PROTOCOL]], not ${target}`);
  if (protocol !== undefined && !PROTOCOLS.has(protocol)) throw new UsageError(`protocol must be TCP, UDP or SCTP, not ${protocol}`);
  const port = /^\d+$/.test(portText) ? Number(portText) : portText;
  if (typeof port === 'number' && (port < 1 || port > 65535)) throw new UsageError(`port must be between 1 and 65535, not ${portText}`);
  return { from, to: target.slice(0, colon), port, ...(protocol ? { protocol } : {}) };
}

export function runCanConnect(options: PlanCommandOptions, query: ConnectionQuery, style: TerminalStyle): { exitCode: number; stdout: string; stderr: string } {
  const planned = planTextsWithPolicies(planTextsInput(options));
  if (!planned.networkPolicies) return { exitCode: 2, stdout: findingsOutput(planned, 'text', style), stderr: 'kubeplan: no plan: the manifests have errors\n' };
  const checks = connectionChecks(planned.networkPolicies, query);
  if ('problem' in checks) return { exitCode: 2, stdout: '', stderr: `kubeplan: ${checks.problem}\n` };
  const allowed = checks.every((check) => check.decision.allowed);
  const lines = checks.map(({ port, protocol, decision }) => `${query.from} → ${query.to} ${port ?? 'any port'}/${protocol}: ${decision.allowed ? 'yes' : 'no'} (${decision.reason})`);
  return { exitCode: allowed ? 0 : 1, stdout: [allowed ? 'yes' : 'no', ...lines].join('\n') + '\n', stderr: '' };
}
