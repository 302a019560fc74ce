/**
 * The plan as an HTML page: a pure function from the server's answer to HTML, the same page whether the editor's
 * webview shows it or `kubeplan plan --output html` writes it to a file. Every value from the manifests is escaped.
 * In the webview every object that has a source carries it (`data-uri`, `data-line`, `data-character`) for the
 * host's script to send back when it is clicked, and buttons ask the editor to run its commands; a file has no
 * script and no buttons, and says where each object is written in a tooltip.
 */
import { createHash } from 'node:crypto';
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
  PlannedService,
  PlannedWorkloadRollout,
} from '../../protocol/plan';
import type { PlanProblem, PlanResponse } from '../../protocol/plan-request';
import { parseQuantity } from '../../kube/quantity';
import { BROWSER_THEME } from './browser-theme';
import { escapeHtml } from './escape';
import { PAGE_STYLES } from './page-styles';
import { rolloutChart } from './rollout-chart';
import { changesSection } from './changes-section';
import { networkPolicySection } from './network-policy-section';
import { count, renderedName, SourceLinks, table } from './page-parts';
import { resilienceSection } from './resilience-section';
import { scenarioSection } from './scenario-section';
import { receivingEndpoints, unresolvedTargetPorts } from '../service-endpoints';

/** The editor's webview: the page's script and style sheet run under a nonce, and clicks become messages to the extension. */
export interface WebviewHost {
  kind: 'webview';
  /** A fresh random value per page; the one script and style sheet carry it. */
  nonce: string;
  /** The webview's `cspSource`. */
  cspSource: string;
  /** Style rules before the page's own: its colour variables taken from the editor's theme. */
  theme: string;
  /** The page's one script. */
  script: string;
}

/** A file a browser opens: no script, the browser theme's colours, and nothing allowed but the page's own style sheet. */
export interface FileHost {
  kind: 'file';
}

export interface PlanPageOptions {
  host: WebviewHost | FileHost;
  /** What was planned, for the heading: `web.yaml`, `web.yaml (changes against HEAD)`. */
  subject: string;
  /** Which cluster the plan ran on, for the heading. */
  clusterLabel: string;
  /** `Kind/namespace/name` of the object to scroll to (in the webview). */
  focus?: string;
  /** Why the plan shown is out of date and when it was made (in the webview, while it plans again or after that failed). */
  stale?: string;
}

export type PlanPageInput = Pick<PlanResponse, 'plan' | 'sources' | 'problems' | 'failure'>;

/** Commands the page's buttons may ask the extension to run; the extension runs nothing else on its behalf. */
export const VIEW_COMMANDS = ['kubeplan.refreshPlan', 'kubeplan.openPlanAsMarkdown', 'kubeplan.selectKubernetesVersion', 'kubeplan.selectCluster', 'workbench.actions.view.problems'] as const;
export type ViewCommand = (typeof VIEW_COMMANDS)[number];

const EVENTS_SHOWN = 200;
/** Service DNS records beyond this many are counted, not listed (the JSON plan has them all). */
const DNS_RECORDS_SHOWN = 200;
/** `<a>-<b>-<c>-<d>.<namespace>.pod.<zone>`: a pod's record by its dashed address, counted rather than listed. */
const POD_RECORD_NAME = /^[0-9a-f-]+\.[a-z0-9-]+\.pod\./;

export function renderPlanPage(input: PlanPageInput, options: PlanPageOptions): string {
  const { host } = options;
  const interactive = host.kind === 'webview';
  const links = new SourceLinks(input.sources, interactive);
  const stale = host.kind === 'webview' && options.stale !== undefined ? `<div class="stale" role="status">${escapeHtml(options.stale)}</div>\n` : '';
  const body = stale + (input.plan ? planBody(input.plan, links, options) : noPlanBody(input, links, options));
  const styles = (host.kind === 'webview' ? host.theme : BROWSER_THEME) + PAGE_STYLES;
  const head =
    host.kind === 'webview'
      ? { csp: webviewPolicy(host), style: `<style nonce="${escapeHtml(host.nonce)}">`, body: `<body data-focus="${escapeHtml(options.focus ?? '')}">` }
      : { csp: filePolicy(styles), style: '<style>', body: '<body>' };
  const script = host.kind === 'webview' ? `\n<script nonce="${escapeHtml(host.nonce)}">${host.script}</script>` : '';
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(head.csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>Plan: ${escapeHtml(options.subject)}</title>
${head.style}${styles}</style>
</head>
${head.body}
${body}${script}
</body>
</html>
`;
}

/** Only the nonce-carrying script and style sheet run; images only from the webview's own resources. */
function webviewPolicy(host: WebviewHost): string {
  const nonce = escapeHtml(host.nonce);
  return `default-src 'none'; img-src ${host.cspSource} data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';`;
}

/**
 * A file has no nonce to give (its text never changes), so the one style sheet is allowed by its SHA-256 hash
 * (CSP Level 2 hash sources); no script may run, nothing may be fetched, and `<base>` and form targets, which
 * `default-src` does not cover, are refused too.
 */
function filePolicy(styles: string): string {
  const hash = createHash('sha256').update(styles, 'utf8').digest('base64');
  return `default-src 'none'; style-src 'sha256-${hash}'; base-uri 'none'; form-action 'none';`;
}

/** In the webview, buttons ask the editor to plan again on another version or cluster; a file states what it was planned on. */
function header(options: PlanPageOptions, kubernetesVersion: string | undefined): string {
  const heading = `<h1>Plan: ${escapeHtml(options.subject)}</h1>`;
  if (options.host.kind === 'file') return `${heading}\n<p class="muted">Cluster: ${escapeHtml(options.clusterLabel)}</p>`;
  // Without a plan there is no Markdown to open, and the version is the one of the settings.
  const buttons = [
    command('kubeplan.refreshPlan', 'Refresh'),
    kubernetesVersion ? command('kubeplan.openPlanAsMarkdown', 'Open as Markdown') : '',
    command('kubeplan.selectKubernetesVersion', kubernetesVersion ? `Kubernetes ${kubernetesVersion}…` : 'Kubernetes version…'),
    command('kubeplan.selectCluster', `Cluster: ${options.clusterLabel}…`),
  ];
  return `${heading}\n<div class="toolbar">${buttons.join('')}</div>`;
}

function command(name: ViewCommand, label: string, primary = false): string {
  return `<button type="button"${primary ? ' class="primary"' : ''} data-command="${name}">${escapeHtml(label)}</button>`;
}

function noPlanBody(input: PlanPageInput, links: SourceLinks, options: PlanPageOptions): string {
  const parts = [header(options, undefined)];
  if (input.failure !== null) {
    parts.push(`<p class="problem-message">No plan: ${escapeHtml(input.failure)}</p>`);
    return parts.join('\n');
  }
  const count = input.problems.length;
  parts.push(
    `<p class="problem-message">No plan: the manifests have ${count} ${count === 1 ? 'error' : 'errors'}. An object the API server would refuse cannot be applied; fix ${count === 1 ? 'it' : 'them'} and plan again.</p>`,
  );
  if (options.host.kind === 'webview') parts.push(`<div class="toolbar">${command('workbench.actions.view.problems', 'Show Problems', true)}</div>`);
  parts.push(`<ul class="problems">${input.problems.map((problem) => problemItem(problem, links)).join('')}</ul>`);
  return parts.join('\n');
}

function problemItem(problem: PlanProblem, links: SourceLinks): string {
  const line = `${links.fileName(problem)}:${problem.range.start.line + 1}`;
  // Helm's rendered output: the chart template first, as that is the file to change.
  const place = problem.renderedFrom ? `${renderedName(problem.renderedFrom)}, ${line}` : line;
  // In a file the place is the text itself, with nothing to open.
  return `<li>${links.interactive ? links.at(place, problem) : escapeHtml(place)} <span class="problem-message">${escapeHtml(problem.message)}</span> <span class="muted">(${escapeHtml(problem.rule)})</span></li>`;
}

function planBody(plan: Plan, links: SourceLinks, options: PlanPageOptions): string {
  /** Null: an endpoint address the user wrote that is no pod. */
  const podLink = (pod: string | null) => (pod === null ? 'no pod' : links.to(pod, `Pod/${pod}`));
  const parts = [header(options, plan.kubernetesVersion), `<p class="summary">${escapeHtml(summary(plan))}</p>`];
  if (plan.notes.length > 0) parts.push(`<ul class="notes">${plan.notes.map((note) => `<li>${escapeHtml(note)}</li>`).join('')}</ul>`);
  if (plan.changes) parts.push(...changesSection(plan.changes, links));
  parts.push(...apiServerAnswers(plan.applied, links));
  const pods = new Map(plan.pods.map((pod) => [`${pod.namespace}/${pod.name}`, pod]));
  parts.push('<h2>Nodes</h2>', `<div class="nodes">${plan.nodes.map((node) => nodeBox(node, pods, podLink)).join('')}</div>`);
  const pending = plan.pods.filter((pod) => pod.node === null);
  if (pending.length > 0) parts.push(`<h2>Pending pods (${pending.length})</h2>`, `<ul class="pending">${pending.map((pod) => pendingItem(pod, links)).join('')}</ul>`);
  // Bound, but the kubelet holds them (a missing ConfigMap or Secret): the reason is the kubelet's.
  const held = plan.pods.filter((pod) => pod.node !== null && pod.waitingReason !== null);
  if (held.length > 0) parts.push(`<h2>Bound but not started (${held.length})</h2>`, `<ul class="pending">${held.map((pod) => pendingItem(pod, links, pod.waitingReason)).join('')}</ul>`);
  if (plan.rollouts.length > 0) parts.push('<h2>Rollouts</h2>', ...plan.rollouts.map((rollout) => rolloutSection(rollout, links)));
  if (plan.workloadRollouts.length > 0) {
    const rows = plan.workloadRollouts.map((rollout) => workloadRolloutRow(rollout, links));
    parts.push('<h2>StatefulSet and DaemonSet rollouts</h2>', table(['Workload', 'Strategy', 'Bounds', 'Updated', 'Deleted in order', 'Outcome'], rows));
  }
  if (plan.services.length > 0) {
    const rows = plan.services.map((service) => {
      const key = `Service/${service.namespace}/${service.name}`;
      const ports = service.ports
        .map((port) => `${port.name ? `${port.name} ` : ''}${port.port}${port.nodePort !== null ? `:${port.nodePort}` : ''}→${port.targetPort}/${port.protocol}`)
        .join(', ');
      return `<tr data-key="${escapeHtml(key)}"><td>${links.to(`${service.namespace}/${service.name}`, key)}</td><td>${escapeHtml(service.type)}</td><td>${escapeHtml(service.clusterIP ?? '-')}</td><td>${escapeHtml(ports)}</td><td>${serviceEndpointList(service, podLink)}</td></tr>`;
    });
    parts.push('<h2>Services</h2>', table(['Service', 'Type', 'Cluster IP', 'Ports', 'Endpoints'], rows));
  }
  if (plan.ingresses.length > 0) {
    const rows: string[] = [];
    for (const ingress of plan.ingresses) {
      const key = `Ingress/${ingress.namespace}/${ingress.name}`;
      const name = links.to(`${ingress.namespace}/${ingress.name}`, key);
      for (const route of ingress.routes) rows.push(routeRow(key, name, `${route.host ?? '*'}${route.path}`, route.pathType, route, ingress.namespace, links, podLink));
      if (ingress.defaultBackend) rows.push(routeRow(key, name, '(default backend)', '', ingress.defaultBackend, ingress.namespace, links, podLink));
    }
    parts.push('<h2>Ingress routes</h2>', table(['Ingress', 'Host and path', 'Path type', 'Service', 'Pods'], rows));
  }
  if (plan.gatewayRoutes.length > 0) {
    const rows = plan.gatewayRoutes.map((route) => gatewayRouteRow(route, links, podLink));
    parts.push('<h2>Gateway routes</h2>', table(['Gateway / listener', 'Hostnames', 'Match', 'Route', 'Backends'], rows));
  }
  if (plan.persistentVolumeClaims.length > 0) {
    parts.push(
      '<h2>PersistentVolumeClaims</h2>',
      table(
        ['Claim', 'Phase', 'Volume', 'Capacity', 'Access modes', 'Class'],
        plan.persistentVolumeClaims.map((claim) => claimRow(claim, links)),
      ),
    );
  }
  parts.push(...dnsSection(plan.dns));
  parts.push(...networkPolicySection(plan, links));
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
      return `<tr data-key="${escapeHtml(key)}"><td>${links.to(`${cronJob.namespace}/${cronJob.name}`, key)}</td><td><code>${escapeHtml(cronJob.schedule)}</code></td><td>${escapeHtml(cronJob.timeZone ?? 'UTC')}</td><td>${runs}</td></tr>`;
    });
    parts.push('<h2>CronJob next runs</h2>', table(['CronJob', 'Schedule', 'Time zone', 'Next runs (UTC)'], rows));
  }
  if (plan.scenario) parts.push(...scenarioSection(plan.scenario, links));
  if (plan.resilience) parts.push(...resilienceSection(plan.resilience));
  if (plan.events.length > 0) {
    const rows = plan.events
      .slice(0, EVENTS_SHOWN)
      .map((event) => `<tr><td>${escapeHtml(event.type)}</td><td>${escapeHtml(event.reason)}</td><td>${escapeHtml(event.object)}</td><td>${escapeHtml(event.message)}</td></tr>`);
    const more = plan.events.length > EVENTS_SHOWN ? `<p class="muted">… ${plan.events.length - EVENTS_SHOWN} more events (the Markdown plan lists them)</p>` : '';
    parts.push(`<details><summary class="events-heading">Events (${plan.events.length})</summary>${table(['Type', 'Reason', 'Object', 'Message'], rows)}${more}</details>`);
  }
  return parts.join('\n');
}

function gatewayRouteRow(route: PlannedGatewayRoute, links: SourceLinks, podLink: (pod: string | null) => string): string {
  const where = route.listener === null ? route.gateway : `${route.gateway}/${route.listener}`;
  const match = route.match === null ? `<span class="reason">not accepted: ${escapeHtml(route.reason)}</span>` : escapeHtml(matchText(route));
  const backends = route.backends
    .map((backend) => {
      const name = `${backend.namespace}/${backend.service ?? 'resource'}:${backend.port ?? '?'}${route.backends.length > 1 ? ` (weight ${backend.weight})` : ''}`;
      const endpoints = backend.problem ? `<span class="reason">none: ${escapeHtml(backend.problem)}</span>` : endpointList(backend.endpoints, podLink);
      return `${links.to(name, `Service/${backend.namespace}/${backend.service}`)} → ${endpoints}`;
    })
    .join('<br>');
  const cells = [escapeHtml(where), escapeHtml(route.hostnames.join(', ') || '*'), match, links.to(route.route, route.route), backends || '-'];
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

function claimRow(claim: PlannedPersistentVolumeClaim, links: SourceLinks): string {
  const key = `PersistentVolumeClaim/${claim.namespace}/${claim.name}`;
  const phase = claim.phase === 'Bound' ? 'Bound' : `<span class="reason">${escapeHtml(claim.phase)}</span>`;
  const cells = [
    links.to(`${claim.namespace}/${claim.name}`, key),
    phase,
    escapeHtml(claim.volume ?? '-'),
    escapeHtml(claim.capacity ?? '-'),
    escapeHtml(claim.accessModes.join(', ') || '-'),
    escapeHtml(claim.storageClass ?? '-'),
  ];
  return `<tr data-key="${escapeHtml(key)}">${cells.map((cell) => `<td>${cell}</td>`).join('')}</tr>`;
}

/** What the API server answered that a reader must see: refusals and warnings (created and configured are the norm). */
function apiServerAnswers(applied: readonly PlannedApply[], links: SourceLinks): string[] {
  const items = applied.flatMap((answer) => {
    const link = links.to(answer.object, answer.object);
    const refused = answer.outcome === 'refused' ? [`<li>${link} <span class="reason">refused: ${escapeHtml(answer.message ?? '')}</span></li>`] : [];
    return [...refused, ...answer.warnings.map((warning) => `<li>${link} <span class="muted">Warning:</span> ${escapeHtml(warning)}</li>`)];
  });
  return items.length > 0 ? ['<h2>API server</h2>', `<ul class="notes">${items.join('')}</ul>`] : [];
}

function workloadRolloutRow(rollout: PlannedWorkloadRollout, links: SourceLinks): string {
  const bounds =
    rollout.strategy !== 'RollingUpdate' ? '-' : `${rollout.partition !== null ? `partition ${rollout.partition}` : `maxSurge ${rollout.maxSurge}`}, maxUnavailable ${rollout.maxUnavailable}`;
  const deleted = rollout.deleted.length > 0 ? rollout.deleted.map(escapeHtml).join(', ') : 'none';
  const cells = [links.to(rollout.workload, rollout.workload), escapeHtml(rollout.strategy), escapeHtml(bounds), `${rollout.updated} of ${rollout.desired}`, deleted, escapeHtml(rollout.outcome)];
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

function pendingItem(pod: PlannedPod, links: SourceLinks, waitingReason: string | null = null): string {
  const key = `Pod/${pod.namespace}/${pod.name}`;
  const owner = pod.owner ? ` <span class="muted">(${escapeHtml(pod.owner)})</span>` : '';
  const reason = waitingReason ? `${waitingReason}: ` : '';
  return `<li data-key="${escapeHtml(key)}">${links.to(`${pod.namespace}/${pod.name}`, key)}${owner}<div class="reason">${escapeHtml(reason + (pod.message ?? 'not scheduled yet'))}</div></li>`;
}

function rolloutSection(rollout: PlannedRollout, links: SourceLinks): string {
  const key = `Deployment/${rollout.deployment}`;
  const bounds =
    rollout.strategy === 'RollingUpdate'
      ? `${count(rollout.replicas, 'replica')}, maxSurge ${rollout.maxSurge}, maxUnavailable ${rollout.maxUnavailable}: at most ${count(rollout.maxTotal, 'pod')}, at least ${rollout.minAvailable} available`
      : `${count(rollout.replicas, 'replica')}, Recreate: old pods stop before new ones start`;
  const outcome = {
    complete: 'complete',
    stalled: 'stalled: no step can make progress',
    progressDeadlineExceeded: 'progress deadline exceeded (Progressing=False, ProgressDeadlineExceeded)',
    notSimulated: "not simulated: past the plan's pod limit",
  }[rollout.outcome];
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
    `<section class="rollout" data-key="${escapeHtml(key)}"><h3>${links.to(rollout.deployment, key)} <span class="muted">${escapeHtml(rollout.strategy)}</span></h3>` +
    `<p class="muted">${escapeHtml(bounds)}</p>` +
    (rows.length > 0 ? rolloutChart(rollout) + table(['Step', 'New', 'Old', 'Total', 'Available', 'Scaling'], rows) : '<p>No change of replicas.</p>') +
    `<p class="outcome-${rollout.outcome}">Outcome: ${escapeHtml(outcome)}</p></section>`
  );
}

function routeRow(key: string, name: string, where: string, pathType: string, backend: PlannedBackend, namespace: string, links: SourceLinks, podLink: (pod: string | null) => string): string {
  const service = backend.service === null ? 'resource' : links.to(`${backend.service}:${backend.port ?? '?'}`, `Service/${namespace}/${backend.service}`);
  const endpoints = backend.problem ? `<span class="reason">none: ${escapeHtml(backend.problem)}</span>` : endpointList(backend.endpoints, podLink);
  return `<tr data-key="${escapeHtml(key)}"><td>${name}</td><td>${escapeHtml(where)}</td><td>${escapeHtml(pathType)}</td><td>${service}</td><td>${endpoints}</td></tr>`;
}

function serviceEndpointList(service: PlannedService, podLink: (pod: string | null) => string): string {
  const unresolved = unresolvedTargetPorts(service);
  return unresolved ? `<span class="reason">none: ${escapeHtml(unresolved)}</span>` : endpointList(receivingEndpoints(service), podLink);
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
