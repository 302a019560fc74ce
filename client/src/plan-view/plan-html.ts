/**
 * The plan as the page of a webview: a pure function from the server's answer to HTML, so that it is tested without
 * an editor. Every object that has a source carries it (`data-uri`, `data-line`, `data-character`) for the
 * script to send back when it is clicked; every value from the manifests is escaped.
 */
import type {
  DnsRecord,
  Plan,
  PlannedApply,
  PlannedBackend,
  PlannedGatewayRoute,
  PlannedPersistentVolumeClaim,
  PlannedEndpoint,
  PlannedNode,
  PlannedPod,
  PlannedRollout,
  PlannedWorkloadRollout,
} from '../../../server/src/protocol/plan';
import type { PlanProblem, PlanResponse, SourceLocation } from '../../../server/src/protocol/plan-request';
import { parseQuantity } from '../../../server/src/kube/quantity';
import { escapeHtml } from './escape';
import { rolloutChart } from './rollout-chart';
import { VIEW_SCRIPT } from './view-script';
import { VIEW_STYLES } from './view-styles';

export interface PlanViewOptions {
  /** A fresh random value per page; the one script and style sheet carry it. */
  nonce: string;
  /** The webview's `cspSource`. */
  cspSource: string;
  /** What was planned, for the heading: `web.yaml`, `web.yaml (changes against HEAD)`. */
  subject: string;
  /** Which cluster the plan ran on, for the heading. */
  clusterLabel: string;
  /** `Kind/namespace/name` of the object to scroll to. */
  focus?: string;
}

export type PlanViewInput = Pick<PlanResponse, 'plan' | 'sources' | 'problems' | 'failure'>;

/** Commands the page's buttons may ask the extension to run; the extension runs nothing else on its behalf. */
export const VIEW_COMMANDS = ['kubeplan.openPlanAsMarkdown', 'kubeplan.selectKubernetesVersion', 'kubeplan.selectCluster', 'workbench.actions.view.problems'] as const;
export type ViewCommand = (typeof VIEW_COMMANDS)[number];

const EVENTS_SHOWN = 200;
/** Service DNS records beyond this many are counted, not listed (the JSON plan has them all). */
const DNS_RECORDS_SHOWN = 200;
/** `<a>-<b>-<c>-<d>.<namespace>.pod.<zone>`: a pod's record by its dashed address, counted rather than listed. */
const POD_RECORD_NAME = /^[0-9a-f-]+\.[a-z0-9-]+\.pod\./;

export function renderPlanHtml(input: PlanViewInput, options: PlanViewOptions): string {
  const nonce = escapeHtml(options.nonce);
  const csp = `default-src 'none'; img-src ${options.cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
  const body = input.plan ? planBody(input.plan, input.sources, options) : noPlanBody(input, options);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Plan: ${escapeHtml(options.subject)}</title>
<style nonce="${nonce}">${VIEW_STYLES}</style>
</head>
<body data-focus="${escapeHtml(options.focus ?? '')}">
${body}
<script nonce="${nonce}">${VIEW_SCRIPT}</script>
</body>
</html>
`;
}

/** Without a plan there is no Markdown to open, and the version is the one of the settings. */
function header(options: PlanViewOptions, kubernetesVersion: string | undefined): string {
  const buttons = [
    kubernetesVersion ? command('kubeplan.openPlanAsMarkdown', 'Open as Markdown') : '',
    command('kubeplan.selectKubernetesVersion', kubernetesVersion ? `Kubernetes ${kubernetesVersion}…` : 'Kubernetes version…'),
    command('kubeplan.selectCluster', `Cluster: ${options.clusterLabel}…`),
  ];
  return `<h1>Plan: ${escapeHtml(options.subject)}</h1>\n<div class="toolbar">${buttons.join('')}</div>`;
}

function command(name: ViewCommand, label: string, primary = false): string {
  return `<button type="button"${primary ? ' class="primary"' : ''} data-command="${name}">${escapeHtml(label)}</button>`;
}

/** A link to where an object is written, or its plain name when no manifest of the plan holds it. */
function sourceLink(text: string, location: SourceLocation | undefined): string {
  if (!location) return escapeHtml(text);
  const { uri, range } = location;
  return `<a href="#" data-uri="${escapeHtml(uri)}" data-line="${range.start.line}" data-character="${range.start.character}">${escapeHtml(text)}</a>`;
}

function noPlanBody(input: PlanViewInput, options: PlanViewOptions): string {
  const parts = [header(options, undefined)];
  if (input.failure !== null) {
    parts.push(`<p class="problem-message">No plan: ${escapeHtml(input.failure)}</p>`);
    return parts.join('\n');
  }
  const count = input.problems.length;
  parts.push(
    `<p class="problem-message">No plan: the manifests have ${count} ${count === 1 ? 'error' : 'errors'}. An object the API server would refuse cannot be applied; fix ${count === 1 ? 'it' : 'them'} and plan again.</p>`,
    `<div class="toolbar">${command('workbench.actions.view.problems', 'Show Problems', true)}</div>`,
    `<ul class="problems">${input.problems.map(problemItem).join('')}</ul>`,
  );
  return parts.join('\n');
}

function problemItem(problem: PlanProblem): string {
  const file = decodeURIComponent(problem.uri.slice(problem.uri.lastIndexOf('/') + 1));
  return `<li>${sourceLink(`${file}:${problem.range.start.line + 1}`, problem)} <span class="problem-message">${escapeHtml(problem.message)}</span> <span class="muted">(${escapeHtml(problem.rule)})</span></li>`;
}

function planBody(plan: Plan, sources: Record<string, SourceLocation>, options: PlanViewOptions): string {
  /** Null: an endpoint address the user wrote that is no pod. */
  const podLink = (pod: string | null) => (pod === null ? 'no pod' : sourceLink(pod, sources[`Pod/${pod}`]));
  const parts = [header(options, plan.kubernetesVersion), `<p class="summary">${escapeHtml(summary(plan))}</p>`];
  if (plan.notes.length > 0) parts.push(`<ul class="notes">${plan.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`);
  parts.push(...apiServerAnswers(plan.applied, sources));
  const pods = new Map(plan.pods.map((pod) => [`${pod.namespace}/${pod.name}`, pod]));
  parts.push('<h2>Nodes</h2>', `<div class="nodes">${plan.nodes.map((node) => nodeBox(node, pods, podLink)).join('')}</div>`);
  const pending = plan.pods.filter((pod) => pod.node === null);
  if (pending.length > 0) parts.push(`<h2>Pending pods (${pending.length})</h2>`, `<ul class="pending">${pending.map((pod) => pendingItem(pod, sources)).join('')}</ul>`);
  // Bound, but the kubelet holds them (a missing ConfigMap or Secret): the reason is the kubelet's.
  const held = plan.pods.filter((pod) => pod.node !== null && pod.waitingReason !== null);
  if (held.length > 0) parts.push(`<h2>Bound but not started (${held.length})</h2>`, `<ul class="pending">${held.map((pod) => pendingItem(pod, sources, pod.waitingReason)).join('')}</ul>`);
  if (plan.rollouts.length > 0) parts.push('<h2>Rollouts</h2>', ...plan.rollouts.map((rollout) => rolloutSection(rollout, sources)));
  if (plan.workloadRollouts.length > 0) {
    const rows = plan.workloadRollouts.map((rollout) => workloadRolloutRow(rollout, sources));
    parts.push('<h2>StatefulSet and DaemonSet rollouts</h2>', table(['Workload', 'Strategy', 'Bounds', 'Updated', 'Deleted in order', 'Outcome'], rows));
  }
  if (plan.services.length > 0) {
    const rows = plan.services.map((service) => {
      const key = `Service/${service.namespace}/${service.name}`;
      const ports = service.ports
        .map((port) => `${port.name ? `${port.name} ` : ''}${port.port}${port.nodePort !== null ? `:${port.nodePort}` : ''}→${port.targetPort}/${port.protocol}`)
        .join(', ');
      return `<tr data-key="${escapeHtml(key)}"><td>${sourceLink(`${service.namespace}/${service.name}`, sources[key])}</td><td>${escapeHtml(service.type)}</td><td>${escapeHtml(service.clusterIP ?? '-')}</td><td>${escapeHtml(ports)}</td><td>${endpointList(service.endpoints, podLink)}</td></tr>`;
    });
    parts.push('<h2>Services</h2>', table(['Service', 'Type', 'Cluster IP', 'Ports', 'Endpoints'], rows));
  }
  if (plan.ingresses.length > 0) {
    const rows: string[] = [];
    for (const ingress of plan.ingresses) {
      const key = `Ingress/${ingress.namespace}/${ingress.name}`;
      const name = sourceLink(`${ingress.namespace}/${ingress.name}`, sources[key]);
      for (const route of ingress.routes) rows.push(routeRow(key, name, `${route.host ?? '*'}${route.path}`, route.pathType, route, ingress.namespace, sources, podLink));
      if (ingress.defaultBackend) rows.push(routeRow(key, name, '(default backend)', '', ingress.defaultBackend, ingress.namespace, sources, podLink));
    }
    parts.push('<h2>Ingress routes</h2>', table(['Ingress', 'Host and path', 'Path type', 'Service', 'Pods'], rows));
  }
  if (plan.gatewayRoutes.length > 0) {
    const rows = plan.gatewayRoutes.map((route) => gatewayRouteRow(route, sources, podLink));
    parts.push('<h2>Gateway routes</h2>', table(['Gateway / listener', 'Hostnames', 'Match', 'Route', 'Backends'], rows));
  }
  if (plan.persistentVolumeClaims.length > 0) {
    parts.push(
      '<h2>PersistentVolumeClaims</h2>',
      table(
        ['Claim', 'Phase', 'Volume', 'Capacity', 'Access modes', 'Class'],
        plan.persistentVolumeClaims.map((claim) => claimRow(claim, sources)),
      ),
    );
  }
  parts.push(...dnsSection(plan.dns));
  if (plan.cronjobs.length > 0) {
    const rows = plan.cronjobs.map((cronJob) => {
      const key = `CronJob/${cronJob.namespace}/${cronJob.name}`;
      const runs = cronJob.suspended
        ? 'suspended'
        : cronJob.problem !== undefined
          ? `<span class="reason">${escapeHtml(cronJob.problem)}</span>`
          : cronJob.nextRuns.length > 0
            ? cronJob.nextRuns.map(escapeHtml).join('<br>')
            : 'never';
      return `<tr data-key="${escapeHtml(key)}"><td>${sourceLink(`${cronJob.namespace}/${cronJob.name}`, sources[key])}</td><td><code>${escapeHtml(cronJob.schedule)}</code></td><td>${escapeHtml(cronJob.timeZone ?? 'UTC')}</td><td>${runs}</td></tr>`;
    });
    parts.push('<h2>CronJob next runs</h2>', table(['CronJob', 'Schedule', 'Time zone', 'Next runs (UTC)'], rows));
  }
  if (plan.events.length > 0) {
    const rows = plan.events
      .slice(0, EVENTS_SHOWN)
      .map((event) => `<tr><td>${escapeHtml(event.type)}</td><td>${escapeHtml(event.reason)}</td><td>${escapeHtml(event.object)}</td><td>${escapeHtml(event.message)}</td></tr>`);
    const more = plan.events.length > EVENTS_SHOWN ? `<p class="muted">… ${plan.events.length - EVENTS_SHOWN} more events (the Markdown plan lists them)</p>` : '';
    parts.push(`<details><summary class="events-heading">Events (${plan.events.length})</summary>${table(['Type', 'Reason', 'Object', 'Message'], rows)}${more}</details>`);
  }
  return parts.join('\n');
}

function gatewayRouteRow(route: PlannedGatewayRoute, sources: Record<string, SourceLocation>, podLink: (pod: string | null) => string): string {
  const where = route.listener === null ? route.gateway : `${route.gateway}/${route.listener}`;
  const match = route.match === null ? `<span class="reason">not accepted: ${escapeHtml(route.reason)}</span>` : escapeHtml(matchText(route));
  const backends = route.backends
    .map((backend) => {
      const name = `${backend.namespace}/${backend.service ?? 'resource'}:${backend.port ?? '?'}${route.backends.length > 1 ? ` (weight ${backend.weight})` : ''}`;
      const endpoints = backend.problem ? `<span class="reason">none: ${escapeHtml(backend.problem)}</span>` : endpointList(backend.endpoints, podLink);
      return `${sourceLink(name, sources[`Service/${backend.namespace}/${backend.service}`])} → ${endpoints}`;
    })
    .join('<br>');
  const cells = [escapeHtml(where), escapeHtml(route.hostnames.join(', ') || '*'), match, sourceLink(route.route, sources[route.route]), backends || '-'];
  return `<tr data-key="${escapeHtml(route.route)}">${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

/** A route's match in a line: path, method, headers and query parameters (HTTP), or service and method (gRPC). */
function matchText(route: PlannedGatewayRoute): string {
  const match = route.match!;
  const parts = [
    match.path ? `${match.path.type} ${match.path.value}` : '',
    match.service !== undefined ? `${match.service ?? '*'}/${match.grpcMethod ?? '*'}` : '',
    match.method ?? '',
    ...match.headers.map((header) => `header:${header.name}=${header.value}`),
    ...(match.queryParams ?? []).map((param) => `query:${param.name}=${param.value}`),
  ];
  return parts.filter((part) => part !== '').join(' ');
}

function claimRow(claim: PlannedPersistentVolumeClaim, sources: Record<string, SourceLocation>): string {
  const key = `PersistentVolumeClaim/${claim.namespace}/${claim.name}`;
  const phase = claim.phase === 'Bound' ? 'Bound' : `<span class="reason">${escapeHtml(claim.phase)}</span>`;
  const cells = [
    sourceLink(`${claim.namespace}/${claim.name}`, sources[key]),
    phase,
    escapeHtml(claim.volume ?? '-'),
    escapeHtml(claim.capacity ?? '-'),
    escapeHtml(claim.accessModes.join(', ') || '-'),
    escapeHtml(claim.storageClass ?? '-'),
  ];
  return `<tr data-key="${escapeHtml(key)}">${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

/** What the API server answered that a reader must see: refusals and warnings (created and configured are the norm). */
function apiServerAnswers(applied: readonly PlannedApply[], sources: Record<string, SourceLocation>): string[] {
  const items = applied.flatMap((answer) => {
    const link = sourceLink(answer.object, sources[answer.object]);
    const refused = answer.outcome === 'refused' ? [`<li>${link} <span class="reason">refused: ${escapeHtml(answer.message ?? '')}</span></li>`] : [];
    return [...refused, ...answer.warnings.map((warning) => `<li>${link} <span class="muted">Warning:</span> ${escapeHtml(warning)}</li>`)];
  });
  return items.length > 0 ? ['<h2>API server</h2>', `<ul class="notes">${items.join('')}</ul>`] : [];
}

function workloadRolloutRow(rollout: PlannedWorkloadRollout, sources: Record<string, SourceLocation>): string {
  const bounds =
    rollout.strategy !== 'RollingUpdate' ? '-' : `${rollout.partition !== null ? `partition ${rollout.partition}` : `maxSurge ${rollout.maxSurge}`}, maxUnavailable ${rollout.maxUnavailable}`;
  const deleted = rollout.deleted.length > 0 ? rollout.deleted.map(escapeHtml).join(', ') : 'none';
  const cells = [
    sourceLink(rollout.workload, sources[rollout.workload]),
    escapeHtml(rollout.strategy),
    escapeHtml(bounds),
    `${rollout.updated} of ${rollout.desired}`,
    deleted,
    escapeHtml(rollout.outcome),
  ];
  return `<tr data-key="${escapeHtml(rollout.workload)}">${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

/** The Services' records; the pods' records by dashed address, one per pod, only counted. */
function dnsSection(records: readonly DnsRecord[]): string[] {
  if (records.length === 0) return [];
  const podRecords = records.filter((record) => POD_RECORD_NAME.test(record.name)).length;
  const serviceRecords = records.filter((record) => !POD_RECORD_NAME.test(record.name));
  const rows = serviceRecords
    .slice(0, DNS_RECORDS_SHOWN)
    .map(
      (record) =>
        `<tr><td><code>${escapeHtml(record.name)}</code></td><td>${escapeHtml(record.type)}</td><td>${record.values.length > 0 ? record.values.map(escapeHtml).join('<br>') : '<span class="reason">NXDOMAIN (no ready endpoint)</span>'}</td></tr>`,
    );
  const more = serviceRecords.length > DNS_RECORDS_SHOWN ? [`<p class="muted">… ${serviceRecords.length - DNS_RECORDS_SHOWN} more records (the JSON plan lists them)</p>`] : [];
  const pods = podRecords > 0 ? [`<p class="muted">${count(podRecords, 'pod record')} by dashed address (the JSON plan lists them)</p>`] : [];
  return ['<h2>DNS</h2>', ...(rows.length > 0 ? [table(['Name', 'Type', 'Values'], rows)] : []), ...more, ...pods];
}

function summary(plan: Plan): string {
  const scheduled = plan.pods.filter((pod) => pod.node !== null).length;
  const parts = [
    count(plan.nodes.length, 'node'),
    `${count(plan.pods.length, 'pod')} (${scheduled} scheduled, ${plan.pods.length - scheduled} pending)`,
    count(plan.rollouts.length, 'rollout'),
    count(plan.services.length, 'service'),
    count(plan.ingresses.length, 'ingress', 'ingresses'),
    count(plan.cronjobs.length, 'CronJob'),
  ];
  return `Kubernetes ${plan.kubernetesVersion} · ${parts.join(' · ')}`;
}

function count(n: number, word: string, plural = `${word}s`): string {
  return `${n} ${n === 1 ? word : plural}`;
}

function nodeBox(node: PlannedNode, pods: Map<string, PlannedPod>, podLink: (pod: string | null) => string): string {
  const zone = node.labels['topology.kubernetes.io/zone'];
  const taints = node.taints.map((taint) => `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`);
  const chips = node.pods.map((key) => `<span class="pod${pods.get(key)?.ready === false ? ' not-ready' : ''}" data-key="${escapeHtml(`Pod/${key}`)}">${podLink(key)}</span>`);
  return (
    `<div class="node"><h3>${escapeHtml(node.name)}${zone ? ` <span class="muted">${escapeHtml(zone)}</span>` : ''}</h3>` +
    (taints.length > 0 ? `<div class="taint">${escapeHtml(taints.join(', '))}</div>` : '') +
    usageBar('cpu', node.requested.cpu, node.allocatable.cpu) +
    usageBar('memory', node.requested.memory, node.allocatable.memory) +
    usageBar('pods', String(node.requested.pods), String(node.allocatable.pods)) +
    `<div class="pods">${chips.join('')}</div></div>`
  );
}

/** The requested share of allocatable as a bar, drawn in SVG: the page's policy allows no style attributes. */
function usageBar(resource: string, requested: string, allocatable: string): string {
  const total = amount(allocatable);
  const share = total > 0 ? Math.min(1, amount(requested) / total) : 0;
  const level = share >= 1 ? ' full' : share >= 0.8 ? ' high' : '';
  const width = Math.round(share * 1000) / 10;
  return (
    `<div class="bar-row" data-resource="${resource}"><span>${resource}</span>` +
    `<svg class="bar" viewBox="0 0 100 8" preserveAspectRatio="none" role="img" aria-label="${escapeHtml(`${resource}: ${requested} of ${allocatable} requested`)}"><rect class="track" width="100" height="8"/><rect class="fill${level}" width="${width}" height="8"/></svg>` +
    `<span>${escapeHtml(requested)} / ${escapeHtml(allocatable)}</span></div>`
  );
}

function amount(quantity: string): number {
  const parsed = parseQuantity(quantity);
  return parsed.ok ? parsed.quantity.value : 0;
}

function pendingItem(pod: PlannedPod, sources: Record<string, SourceLocation>, waitingReason: string | null = null): string {
  const key = `Pod/${pod.namespace}/${pod.name}`;
  const owner = pod.owner ? ` <span class="muted">(${escapeHtml(pod.owner)})</span>` : '';
  const reason = waitingReason ? `${waitingReason}: ` : '';
  return `<li data-key="${escapeHtml(key)}">${sourceLink(`${pod.namespace}/${pod.name}`, sources[key])}${owner}<div class="reason">${escapeHtml(reason + (pod.message ?? 'not scheduled yet'))}</div></li>`;
}

function rolloutSection(rollout: PlannedRollout, sources: Record<string, SourceLocation>): string {
  const key = `Deployment/${rollout.deployment}`;
  const bounds =
    rollout.strategy === 'RollingUpdate'
      ? `${count(rollout.replicas, 'replica')}, maxSurge ${rollout.maxSurge}, maxUnavailable ${rollout.maxUnavailable}: at most ${count(rollout.maxTotal, 'pod')}, at least ${rollout.minAvailable} available`
      : `${count(rollout.replicas, 'replica')}, Recreate: old pods stop before new ones start`;
  const outcome = { complete: 'complete', stalled: 'stalled: no step can make progress', progressDeadlineExceeded: 'progress deadline exceeded (Progressing=False, ProgressDeadlineExceeded)' }[
    rollout.outcome
  ];
  const rolling = rollout.strategy === 'RollingUpdate';
  const rows = rollout.steps.map((step, index) => {
    const over = rolling && step.total > rollout.maxTotal;
    const under = rolling && step.available < rollout.minAvailable;
    const scaling = step.events
      .filter((event) => event.reason === 'ScalingReplicaSet')
      .map((event) => escapeHtml(event.message))
      .join('<br>');
    return `<tr><td>${index + 1}</td><td>${step.new}</td><td>${step.old}</td><td${over ? ' class="over"' : ''}>${step.total}</td><td${under ? ' class="over"' : ''}>${step.available}</td><td>${scaling}</td></tr>`;
  });
  return (
    `<section class="rollout" data-key="${escapeHtml(key)}"><h3>${sourceLink(rollout.deployment, sources[key])} <span class="muted">${escapeHtml(rollout.strategy)}</span></h3>` +
    `<p class="muted">${escapeHtml(bounds)}</p>` +
    (rows.length > 0 ? rolloutChart(rollout) + table(['Step', 'New', 'Old', 'Total', 'Available', 'Scaling'], rows) : '<p>No change of replicas.</p>') +
    `<p class="outcome-${rollout.outcome}">Outcome: ${escapeHtml(outcome)}</p></section>`
  );
}

function routeRow(
  key: string,
  name: string,
  where: string,
  pathType: string,
  backend: PlannedBackend,
  namespace: string,
  sources: Record<string, SourceLocation>,
  podLink: (pod: string | null) => string,
): string {
  const service = backend.service === null ? 'resource' : sourceLink(`${backend.service}:${backend.port ?? '?'}`, sources[`Service/${namespace}/${backend.service}`]);
  const endpoints = backend.problem ? `<span class="reason">none: ${escapeHtml(backend.problem)}</span>` : endpointList(backend.endpoints, podLink);
  return `<tr data-key="${escapeHtml(key)}"><td>${name}</td><td>${escapeHtml(where)}</td><td>${escapeHtml(pathType)}</td><td>${service}</td><td>${endpoints}</td></tr>`;
}

function endpointList(endpoints: readonly PlannedEndpoint[], podLink: (pod: string | null) => string): string {
  if (endpoints.length === 0) return '<span class="reason">none</span>';
  return endpoints
    .map((endpoint) => {
      const ports = endpoint.ports.map((port) => port.port).join(',');
      const state = endpoint.terminating ? ', terminating' : endpoint.ready ? '' : ', not ready';
      return `${escapeHtml(`${endpoint.ip}${ports ? `:${ports}` : ''}`)} <span class="muted">(${podLink(endpoint.pod)}${state})</span>`;
    })
    .join('<br>');
}

function table(headers: readonly string[], rows: readonly string[]): string {
  return `<table><thead><tr>${headers.map((header) => `<th>${escapeHtml(header)}</th>`).join('')}</tr></thead><tbody>${rows.join('')}</tbody></table>`;
}
