/**
 * The plan for people: the same sections rendered as aligned text for a terminal and as Markdown for a
 * pull-request comment (and for `workspace/executeCommand kubeplan.plan`). Both come from one list of blocks
 * (headings, tables, lines), so they say the same. The Markdown fits one GitHub comment: long tables and lists are
 * cut with a row that counts what was left out, and the JSON output has everything.
 */
import type {
  ClusterEvent,
  DnsRecord,
  Plan,
  PlannedBackend,
  PlannedChanges,
  PlannedEndpoint,
  PlannedGatewayMatch,
  PlannedGatewayRoute,
  PlannedNode,
  PlannedResilience,
  PlannedRollout,
  PlannedScenario,
  PlannedWorkloadRollout,
} from '../protocol/plan';
import type { PlanResponse } from '../protocol/plan-request';
import { parseQuantity } from '../kube/quantity';
import { changedObjectName, changeEffects, changesHeading, fieldChangeText, REMOVED_OBJECT } from './html/change-summary';
import { MATRIX_LEGEND, matrixCut, portMark, reachabilityMatrix, type MatrixPort } from './html/reachability-matrix';
import { type ResilienceCell, resilienceTable } from './html/resilience-table';
import { scenarioVerdict } from './html/scenario-verdict';
import { receivingEndpoints, unresolvedTargetPorts } from './service-endpoints';
import { counted } from '../text/counted';
import { plain, tableLines, textOf, toned, wrappedLines, type Styled, type StyledTable, type TerminalStyle, type Tone } from '../text/styled-text';

type Block = { summary: Styled } | { heading: Styled } | { table: StyledTable } | { lines: Styled[] };

/** A table cell: text, or text with a tone. */
type Cell = string | Styled;

/** A table whose columns named in `wrap` wrap on a narrow terminal (messages, reasons, lists); the others keep their width. */
function table(headers: readonly string[], rows: readonly (readonly Cell[])[], wrap: readonly string[] = []): Block {
  return {
    table: {
      headers,
      rows: rows.map((row) => row.map((cell) => (typeof cell === 'string' ? plain(cell) : cell))),
      wrap: wrap.map((header) => headers.indexOf(header)).filter((column) => column >= 0),
    },
  };
}

/** Lines of a `lines` block, plain ones given as strings. */
function lines(...items: readonly Cell[]): Block {
  return { lines: items.map((item) => (typeof item === 'string' ? plain(item) : item)) };
}

function heading(text: string, tone?: Tone): Block {
  return { heading: toned(text, tone) };
}

/** Events beyond this many are counted, not listed: the JSON output has them all. */
const EVENTS_SHOWN = 100;
const PODS_SHOWN_PER_NODE = 12;
/** Reachability rows beyond this many are counted, not listed. */
const REACHABILITY_SHOWN = 100;
/** The reachability matrix's rows (sources) and columns (destinations) beyond these are counted, not shown. */
const MATRIX_SOURCES_SHOWN = 20;
const MATRIX_DESTINATIONS_SHOWN = 6;
/** DNS records of Services beyond this many are counted, not listed. */
const DNS_RECORDS_SHOWN = 100;
/** `<a>-<b>-<c>-<d>.<namespace>.pod.<zone>` (IPv6 addresses dashed likewise). */
const POD_RECORD_NAME = /^[0-9a-f-]+\.[a-z0-9-]+\.pod\./;

/**
 * The plan for a terminal: its first line (the summary) and each section's heading in bold, states coloured by
 * what they mean, and long lines and table cells wrapped at the style's width (none: nothing wraps).
 */
export function renderPlanText(plan: Plan, style: TerminalStyle = { color: false }): string {
  const out: string[] = [];
  const strong = (styled: Styled): Styled => styled.map((span) => ({ ...span, tone: span.tone ?? 'strong' }));
  for (const block of planBlocks(plan)) {
    if ('summary' in block) out.push(...wrappedLines(strong(block.summary), style));
    else if ('heading' in block) out.push('', ...wrappedLines(strong(block.heading), style));
    else if ('lines' in block) out.push(...block.lines.flatMap((line) => wrappedLines(line, style, 2)));
    else out.push(...tableLines(block.table, style, 2));
  }
  return out.join('\n') + '\n';
}

/** The most characters GitHub takes in the body of an issue or pull-request comment. */
export const MARKDOWN_LIMIT = 65_536;
/** Rows shown of each table and list, tried in turn until the plan fits the limit. */
const MARKDOWN_ROW_CAPS = [100, 50, 20, 10, 5, 2];
const MARKDOWN_FOOTER = '_Shortened to fit one comment: `kubeplan plan --output json` prints the complete plan._';

/** The plan as Markdown of at most `limit` characters (UTF-16 code units, never fewer than the characters GitHub counts). */
export function renderPlanMarkdown(plan: Plan, limit = MARKDOWN_LIMIT): string {
  const blocks = planBlocks(plan);
  let markdown = '';
  for (const cap of MARKDOWN_ROW_CAPS) {
    markdown = markdownOf(blocks, cap);
    if (markdown.length <= limit) return markdown;
  }
  // Still too long with every table cut short (very long cells): cut at a line and say so.
  const room = limit - MARKDOWN_FOOTER.length - 1;
  const cut = markdown.lastIndexOf('\n', room);
  return `${markdown.slice(0, cut > 0 ? cut : Math.max(room, 0))}\n${MARKDOWN_FOOTER}`.slice(0, limit);
}

function markdownOf(blocks: readonly Block[], cap: number): string {
  const out: string[] = [];
  let shortened = false;
  for (const block of blocks) {
    if ('summary' in block) out.push(`**${escapeMarkdown(textOf(block.summary))}**`, '');
    else if ('heading' in block) out.push(`### ${escapeMarkdown(textOf(block.heading))}`, '');
    else if ('lines' in block) {
      const shown = block.lines.slice(0, cap).map(textOf);
      if (block.lines.length > cap) shown.push(`… and ${block.lines.length - cap} more`);
      shortened ||= block.lines.length > cap;
      out.push(...shown.map((line) => `- ${escapeMarkdown(line)}`), '');
    } else {
      const row = (cells: readonly string[]) => `| ${cells.map(escapeMarkdown).join(' | ')} |`;
      const { headers, rows } = block.table;
      const shown = rows.slice(0, cap).map((cells) => cells.map(textOf));
      if (rows.length > cap) shown.push([`… and ${rows.length - cap} more`, ...headers.slice(1).map(() => '')]);
      shortened ||= rows.length > cap;
      out.push(row(headers), `|${headers.map(() => ' --- ').join('|')}|`, ...shown.map(row), '');
    }
  }
  if (shortened) out.push(MARKDOWN_FOOTER);
  return `## kubeplan plan\n\n${out.join('\n').trimEnd()}\n`;
}

/** The answer to `workspace/executeCommand kubeplan.plan`: the plan as Markdown, or why there is none. */
export function planResponseMarkdown(response: PlanResponse): string {
  if (response.plan) return renderPlanMarkdown(response.plan);
  if (response.failure !== null) return `## kubeplan plan\n\nNo plan: ${response.failure}\n`;
  const lines = response.problems.map(
    (problem) => `- ${decodeURIComponent(problem.uri)}:${problem.range.start.line + 1}:${problem.range.start.character + 1}: ${problem.message} (${problem.rule})`,
  );
  return `## kubeplan plan\n\nNo plan: the manifests have ${counted(response.problems.length, 'error')}; an object the API server would refuse cannot be applied.\n\n${lines.join('\n')}\n`;
}

function planBlocks(plan: Plan): Block[] {
  const blocks: Block[] = [{ summary: summary(plan) }];
  if (plan.notes.length > 0) blocks.push(lines(...plan.notes.map((note) => toned(`note: ${note}`, 'dim'))));
  if (plan.changes) blocks.push(...changeBlocks(plan.changes));
  const warnings = plan.applied.flatMap((applied) => applied.warnings.map((warning) => `${applied.object}: ${warning}`));
  if (warnings.length > 0) blocks.push(heading(`API server warnings (${warnings.length})`, 'warn'), lines(...warnings));
  blocks.push(heading('Nodes'), nodeTable(plan.nodes));
  const placements = plan.nodes.filter((node) => node.pods.length > 0).map((node) => `${node.name}: ${listed(node.pods, PODS_SHOWN_PER_NODE)}`);
  if (placements.length > 0) blocks.push(lines(...placements));
  const pending = plan.pods.filter((pod) => pod.node === null);
  if (pending.length > 0) {
    blocks.push(heading(`Pending pods (${pending.length})`, 'bad'));
    blocks.push(
      table(
        ['POD', 'OWNER', 'REASON'],
        pending.map((pod) => [`${pod.namespace}/${pod.name}`, pod.owner ?? '-', pod.message ?? 'not scheduled']),
        ['REASON'],
      ),
    );
  }
  const held = plan.pods.filter((pod) => pod.node !== null && pod.waitingReason !== null);
  if (held.length > 0) {
    blocks.push(heading(`Bound but not started (${held.length})`, 'bad'));
    blocks.push(
      table(
        ['POD', 'OWNER', 'REASON', 'MESSAGE'],
        held.map((pod) => [`${pod.namespace}/${pod.name}`, pod.owner ?? '-', pod.waitingReason ?? '', pod.message ?? '']),
        ['MESSAGE'],
      ),
    );
  }
  // Pods whose containers exited (kubeplan.dev/exit-code) are finished, not unready.
  const finished = plan.pods.filter((pod) => pod.phase === 'Succeeded' || pod.phase === 'Failed');
  if (finished.length > 0) {
    blocks.push(
      heading(`Finished pods (${finished.length})`),
      lines(
        listed(
          finished.map((pod) => `${pod.namespace}/${pod.name} (${pod.phase})`),
          20,
        ),
      ),
    );
  }
  const notReady = plan.pods.filter((pod) => pod.node !== null && pod.waitingReason === null && !pod.ready && pod.phase !== 'Succeeded' && pod.phase !== 'Failed');
  if (notReady.length > 0)
    blocks.push(
      heading(`Running but not Ready (${notReady.length})`, 'warn'),
      lines(
        listed(
          notReady.map((pod) => `${pod.namespace}/${pod.name}`),
          20,
        ),
      ),
    );
  for (const rollout of plan.rollouts) blocks.push(...rolloutBlocks(rollout));
  for (const rollout of plan.workloadRollouts) blocks.push(...workloadRolloutBlocks(rollout));
  if (plan.services.length > 0) {
    blocks.push(heading('Services'));
    const rows: Cell[][] = [];
    for (const service of plan.services) {
      const ports = service.ports.map((port) => `${port.port}${port.nodePort !== null ? `:${port.nodePort}` : ''}→${port.targetPort}/${port.protocol}`).join(', ');
      const unresolved = unresolvedTargetPorts(service);
      const endpoints = unresolved ? toned(`none: ${unresolved}`, 'bad') : endpointList(receivingEndpoints(service));
      rows.push([`${service.namespace}/${service.name}`, service.type, service.clusterIP ?? '-', ports, endpoints]);
    }
    blocks.push(table(['SERVICE', 'TYPE', 'CLUSTER-IP', 'PORTS', 'ENDPOINTS'], rows, ['PORTS', 'ENDPOINTS']));
  }
  if (plan.ingresses.length > 0) {
    blocks.push(heading('Ingress routes'));
    const rows: Cell[][] = [];
    for (const ingress of plan.ingresses) {
      for (const route of ingress.routes) {
        rows.push([`${ingress.namespace}/${ingress.name}`, route.host ?? '*', `${route.path} (${route.pathType})`, backendName(route), backendEndpoints(route)]);
      }
      const fallback = ingress.defaultBackend;
      if (fallback) rows.push([`${ingress.namespace}/${ingress.name}`, '*', '(default backend)', backendName(fallback), backendEndpoints(fallback)]);
    }
    blocks.push(table(['INGRESS', 'HOST', 'PATH', 'BACKEND', 'ENDPOINTS'], rows, ['ENDPOINTS']));
  }
  if (plan.gatewayRoutes.length > 0) blocks.push(heading('Gateway routes'), gatewayRouteTable(plan.gatewayRoutes));
  blocks.push(...dnsBlocks(plan.dns));
  blocks.push(...networkPolicyBlocks(plan));
  if (plan.cronjobs.length > 0) {
    blocks.push(heading('CronJob next runs'));
    blocks.push(
      table(
        ['CRONJOB', 'SCHEDULE', 'TIME ZONE', 'NEXT RUNS (UTC)'],
        plan.cronjobs.map((cronJob) => [
          `${cronJob.namespace}/${cronJob.name}`,
          cronJob.schedule,
          cronJob.timeZone ?? 'UTC',
          cronJob.nextRuns.join(', ') || toned(cronJob.problem ?? (cronJob.suspended ? 'suspended' : 'never'), cronJob.problem ? 'bad' : 'warn'),
        ]),
        ['NEXT RUNS (UTC)'],
      ),
    );
  }
  if (plan.persistentVolumeClaims.length > 0) {
    blocks.push(heading('PersistentVolumeClaims'));
    blocks.push(
      table(
        ['CLAIM', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS'],
        plan.persistentVolumeClaims.map((claim) => [
          `${claim.namespace}/${claim.name}`,
          toned(claim.phase, claim.phase === 'Bound' ? 'good' : 'bad'),
          claim.volume ?? '',
          claim.capacity ?? '',
          claim.accessModes.join(','),
          claim.storageClass ?? '',
        ]),
      ),
    );
  }
  if (plan.scenario) blocks.push(...scenarioBlocks(plan.scenario));
  if (plan.resilience) blocks.push(...resilienceBlocks(plan.resilience));
  if (plan.events.length > 0) {
    blocks.push(heading(`Events (${plan.events.length})`), eventTable(plan.events.slice(0, EVENTS_SHOWN)));
    if (plan.events.length > EVENTS_SHOWN) blocks.push(lines(`… ${counted(plan.events.length - EVENTS_SHOWN, 'more event')} (--output json lists them all)`));
  }
  return blocks;
}

/**
 * What a change against a Git revision does: each object added, changed (one row per field, `before → after`) or
 * removed, the files it deletes, then its effects in the cluster model.
 */
function changeBlocks(changes: PlannedChanges): Block[] {
  const blocks: Block[] = [heading(changesHeading(changes))];
  if (changes.objects.length === 0) blocks.push(lines('no object changes'));
  else {
    const rows: string[][] = [];
    for (const object of changes.objects) {
      const name = changedObjectName(object);
      if (object.change === 'removed') rows.push([name, 'removed', REMOVED_OBJECT]);
      else if (object.change === 'added') rows.push([name, 'added', '']);
      object.fields.forEach((field, i) => rows.push([i === 0 ? name : '', i === 0 ? 'changed' : '', fieldChangeText(field)]));
    }
    blocks.push(table(['OBJECT', 'CHANGE', 'FIELDS'], rows, ['FIELDS']));
  }
  if (changes.deletedFiles.length > 0) blocks.push(lines(...changes.deletedFiles.map((file) => `deleted file: ${file}`)));
  const effects = changeEffects(changes).map((effect) => [effect.effect, effect.of, effect.before, effect.after]);
  if (effects.length > 0) blocks.push(heading(`What the change does (${effects.length})`), table(['EFFECT', 'OF', 'BEFORE', 'AFTER'], effects, ['BEFORE', 'AFTER']));
  return blocks;
}

/** Each policy with what it isolates, then the connections policies decide, refused ones first. */
function networkPolicyBlocks(plan: Plan): Block[] {
  if (plan.networkPolicies.length === 0) return [];
  const blocks: Block[] = [
    heading('NetworkPolicies'),
    table(
      ['POLICY', 'ISOLATES', 'SELECTS'],
      plan.networkPolicies.map((policy) => [`${policy.namespace}/${policy.name}`, policy.isolates.join(', '), listed(policy.selects, PODS_SHOWN_PER_NODE) || 'no pods']),
      ['SELECTS'],
    ),
  ];
  if (plan.reachability.length === 0) return blocks;
  const ordered = [...plan.reachability.filter((row) => !row.allowed), ...plan.reachability.filter((row) => row.allowed)];
  const refused = plan.reachability.length - plan.reachability.filter((row) => row.allowed).length;
  blocks.push(heading(`Reachability (${refused} refused, ${plan.reachability.length - refused} allowed)`), ...matrixBlocks(plan));
  blocks.push(
    heading('Connections decided by NetworkPolicies, refused first'),
    table(
      ['FROM', 'TO', 'PORT', 'ALLOWED', 'BY'],
      ordered
        .slice(0, REACHABILITY_SHOWN)
        .map((row) => [
          row.from,
          row.toKind === 'Service' ? `service ${row.to}` : row.to,
          `${row.port ?? 'any'}/${row.protocol}`,
          row.allowed ? toned('yes', 'good') : toned('no', 'bad'),
          row.by.join(', ') || '-',
        ]),
      ['BY'],
    ),
  );
  if (ordered.length > REACHABILITY_SHOWN) blocks.push(lines(`… ${counted(ordered.length - REACHABILITY_SHOWN, 'more connection')} (--output json lists them all)`));
  return blocks;
}

/**
 * Sources × destinations with the ports allowed (✓) and refused (✗), cut to a terminal's width: the list below it
 * says which policies decide each connection.
 */
function matrixBlocks(plan: Plan): Block[] {
  const matrix = reachabilityMatrix(plan.reachability, { sources: MATRIX_SOURCES_SHOWN, destinations: MATRIX_DESTINATIONS_SHOWN });
  const cell = (ports: readonly MatrixPort[]): Cell =>
    ports.length === 0 ? '-' : ports.flatMap((port, i) => [...(i > 0 ? [{ text: ', ' }] : []), { text: portMark(port), tone: port.allowed ? ('good' as const) : ('bad' as const) }]);
  const headers = ['FROM', ...matrix.destinations.map((destination) => destination.label)];
  const rows = matrix.sources.map((source, r) => [source, ...matrix.cells[r]!.map(cell)]);
  const cut = matrixCut(matrix);
  return [table(headers, rows, headers.slice(1)), lines(...(cut ? [`${cut} (--output json lists them all)`] : []), toned(MATRIX_LEGEND, 'dim'))];
}

/** The scenario's verdict, its timeline (seconds since it began), and the pods it left Pending. */
function scenarioBlocks(scenario: PlannedScenario): Block[] {
  const blocks: Block[] = [heading('Scenario'), lines(toned(scenarioVerdict(scenario), scenario.outages.length === 0 ? 'good' : 'bad'))];
  blocks.push(
    table(
      ['AT', 'WHAT'],
      scenario.events.map((event) => [`${event.at}s`, event.what]),
      ['WHAT'],
    ),
  );
  if (scenario.pending.length > 0) {
    blocks.push(heading(`Left Pending by the scenario (${scenario.pending.length})`, 'bad'));
    blocks.push(
      table(
        ['POD', 'REASON'],
        scenario.pending.map((pending) => [pending.pod, pending.message]),
        ['REASON'],
      ),
    );
  }
  return blocks;
}

/** `--what-if`: the failures table and each failure's verdict with its reasons, worded where the plan page words them. */
function resilienceBlocks(resilience: PlannedResilience): Block[] {
  const resilient = resilienceTable(resilience);
  const blocks: Block[] = [heading(resilient.heading, resilient.allSurvive ? 'good' : 'bad')];
  if (resilient.rows.length === 0) return blocks;
  const styled = (cell: ResilienceCell): Cell => toned(cell.text, cell.tone);
  blocks.push(
    table(
      resilient.headers,
      resilient.rows.map((row) => row.map(styled)),
    ),
  );
  if (resilient.remark) blocks.push(lines(resilient.remark));
  for (const failure of resilient.explained) blocks.push(lines(styled(failure.verdict), ...failure.reasons.map((reason) => `  - ${reason}`)));
  return blocks;
}

/** `Plan on 4 nodes, Kubernetes 1.36: 3 pods (3 scheduled, 0 pending), …`, with the pending count red when some are. */
function summary(plan: Plan): Styled {
  const running = plan.pods.filter((pod) => pod.node !== null).length;
  const pending = plan.pods.length - running;
  const rest = [
    counted(plan.rollouts.length, 'rollout'),
    counted(plan.services.length, 'service'),
    counted(plan.ingresses.length, 'ingress', 'ingresses'),
    counted(plan.cronjobs.length, 'cronjob'),
  ];
  return [
    { text: `Plan on ${counted(plan.nodes.length, 'node')}, Kubernetes ${plan.kubernetesVersion}: ${counted(plan.pods.length, 'pod')} (` },
    { text: `${running} scheduled`, tone: running > 0 ? 'good' : 'strong' },
    { text: ', ' },
    { text: `${pending} pending`, tone: pending > 0 ? 'bad' : 'strong' },
    { text: `), ${rest.join(', ')}` },
  ];
}

function nodeTable(nodes: readonly PlannedNode[]): Block {
  const rows = nodes.map((node) => [
    node.name,
    node.labels['topology.kubernetes.io/zone'] ?? '-',
    usage(node.requested.cpu, node.allocatable.cpu),
    usage(node.requested.memory, node.allocatable.memory),
    `${node.requested.pods}/${node.allocatable.pods}`,
    node.taints.map((taint) => `${taint.key}${taint.value ? `=${taint.value}` : ''}:${taint.effect}`).join(', ') || '-',
  ]);
  return table(['NODE', 'ZONE', 'CPU REQUESTED', 'MEMORY REQUESTED', 'PODS', 'TAINTS'], rows, ['TAINTS']);
}

function rolloutBlocks(rollout: PlannedRollout): Block[] {
  const bounds =
    rollout.strategy === 'RollingUpdate'
      ? `maxSurge ${rollout.maxSurge}, maxUnavailable ${rollout.maxUnavailable}: at most ${counted(rollout.maxTotal, 'pod')}, at least ${rollout.minAvailable} available`
      : 'old pods stop before new ones start';
  const outcome = {
    complete: 'complete',
    stalled: 'stalled: no sync can make progress',
    progressDeadlineExceeded: 'progress deadline exceeded (Progressing=False, ProgressDeadlineExceeded)',
    notSimulated: "not simulated: past the plan's pod limit",
  }[rollout.outcome];
  const outcomeTone: Tone = rollout.outcome === 'complete' ? 'good' : 'warn';
  const rows = rollout.steps.map((step, index) => [
    String(index + 1),
    String(step.new),
    String(step.old),
    `${step.total}${step.total > rollout.maxTotal && rollout.strategy === 'RollingUpdate' ? ' (over max)' : ''}`,
    `${step.available}${step.available < rollout.minAvailable ? ' (under min)' : ''}`,
    step.events
      .filter((event) => event.reason === 'ScalingReplicaSet')
      .map((event) => event.message)
      .join('; '),
  ]);
  return [
    heading(`Rollout ${rollout.deployment} (${rollout.strategy}, ${counted(rollout.replicas, 'replica')}; ${bounds})`),
    rows.length > 0 ? table(['STEP', 'NEW', 'OLD', 'TOTAL', 'AVAILABLE', 'SCALING'], rows, ['SCALING']) : lines('no change of replicas'),
    lines([{ text: 'outcome: ' }, { text: outcome, tone: outcomeTone }]),
  ];
}

/** The Services' records in a table; the pods' dashed-address records, one per pod, only counted. */
function dnsBlocks(records: readonly DnsRecord[]): Block[] {
  const isPodRecord = (record: DnsRecord) => POD_RECORD_NAME.test(record.name);
  const podRecords = records.filter(isPodRecord);
  const serviceRecords = records.filter((record) => !isPodRecord(record));
  if (records.length === 0) return [];
  const blocks: Block[] = [heading('DNS')];
  if (serviceRecords.length > 0) {
    const rows = serviceRecords
      .slice(0, DNS_RECORDS_SHOWN)
      .map((record) => [record.name, record.type, record.values.length > 0 ? listed(record.values, 6) : toned('NXDOMAIN (no ready endpoint)', 'warn')]);
    blocks.push(table(['NAME', 'TYPE', 'VALUES'], rows, ['VALUES']));
  }
  const notes: string[] = [];
  if (serviceRecords.length > DNS_RECORDS_SHOWN) notes.push(`… ${counted(serviceRecords.length - DNS_RECORDS_SHOWN, 'more record')} (--output json lists them all)`);
  // Named by an example rather than a pattern: `<a>` would read as a link in Markdown.
  if (podRecords.length > 0) notes.push(`${counted(podRecords.length, 'pod record')} by dashed address, such as ${podRecords[0]!.name} (--output json lists them)`);
  if (notes.length > 0) blocks.push(lines(...notes));
  return blocks;
}

function workloadRolloutBlocks(rollout: PlannedWorkloadRollout): Block[] {
  // A StatefulSet (the one with a partition) has no surge.
  const bounds = rollout.partition !== null ? [`partition ${rollout.partition}`] : [`maxSurge ${rollout.maxSurge}`];
  bounds.push(`maxUnavailable ${rollout.maxUnavailable}`);
  const settings = rollout.strategy === 'RollingUpdate' ? `; ${bounds.join(', ')}` : '';
  const outcome = {
    complete: 'complete',
    partitioned: 'partitioned: the ordinals below the partition keep the old template',
    onDelete: 'OnDelete: old pods are replaced only when deleted',
    stalled: 'stalled: no sync can make progress',
  }[rollout.outcome];
  const outcomeTone: Tone | undefined = rollout.outcome === 'complete' ? 'good' : rollout.outcome === 'stalled' ? 'warn' : undefined;
  return [
    heading(`Rollout ${rollout.workload} (${rollout.strategy}${settings})`),
    lines(`${rollout.updated} of ${counted(rollout.desired, 'pod')} updated`, `deleted in order: ${rollout.deleted.length > 0 ? rollout.deleted.join(', ') : 'none'}`, [
      { text: 'outcome: ' },
      ...toned(outcome, outcomeTone),
    ]),
  ];
}

function eventTable(events: readonly ClusterEvent[]): Block {
  return table(
    ['TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    events.map((event) => [toned(event.type, event.type === 'Warning' ? 'warn' : undefined), event.reason, event.object, event.message]),
    ['MESSAGE'],
  );
}

/** One row per backend of each match, in the order the plan lists them; a route not accepted says why. */
function gatewayRouteTable(routes: readonly PlannedGatewayRoute[]): Block {
  const rows: Cell[][] = [];
  for (const route of routes) {
    const where = `${route.gateway}${route.listener !== null ? `/${route.listener}` : ''}`;
    const hostnames = route.hostnames.join(', ') || '*';
    const name = route.resolvedRefs === null || route.resolvedRefs === 'ResolvedRefs' ? route.route : `${route.route} (ResolvedRefs False: ${route.resolvedRefs})`;
    if (!route.accepted || route.match === null) {
      rows.push([where, '-', toned(`not accepted: ${route.reason}`, 'bad'), name, '-', '-']);
      continue;
    }
    const match = gatewayMatchText(route.match);
    if (route.backends.length === 0) rows.push([where, hostnames, match, name, '-', 'none']);
    const weighted = route.backends.length > 1;
    for (const backend of route.backends) {
      rows.push([where, hostnames, match, name, `${backend.namespace}/${backendName(backend)}${weighted ? ` (weight ${backend.weight})` : ''}`, backendEndpoints(backend)]);
    }
  }
  return table(['GATEWAY/LISTENER', 'HOSTNAMES', 'MATCH', 'ROUTE', 'BACKEND', 'ENDPOINTS'], rows, ['MATCH', 'ENDPOINTS']);
}

/** `PathPrefix /api GET header:version=v2 ?q=1` for HTTP, `service/method header:…` for gRPC; `~` marks a regular expression. */
function gatewayMatchText(match: PlannedGatewayMatch): string {
  const compare = (type: string) => (type === 'RegularExpression' ? '~' : '=');
  const parts = match.path ? [`${match.path.type} ${match.path.value}`] : [`${match.service ?? '*'}/${match.grpcMethod ?? '*'}`];
  if (match.method) parts.push(match.method);
  for (const header of match.headers) parts.push(`header:${header.name}${compare(header.type)}${header.value}`);
  for (const parameter of match.queryParams ?? []) parts.push(`?${parameter.name}${compare(parameter.type)}${parameter.value}`);
  return parts.join(' ');
}

function backendName(backend: PlannedBackend): string {
  return backend.service === null ? 'resource' : `${backend.service}:${backend.port ?? '?'}`;
}

function backendEndpoints(backend: PlannedBackend): Cell {
  return backend.problem ? toned(`none: ${backend.problem}`, 'bad') : endpointList(backend.endpoints);
}

/** The endpoints' addresses and pods; `none` (red) when there are none. */
function endpointList(endpoints: readonly PlannedEndpoint[]): Cell {
  if (endpoints.length === 0) return toned('none', 'bad');
  return listed(
    endpoints.map((endpoint) => {
      const ports = endpoint.ports.map((port) => port.port).join(',');
      return `${endpoint.ip}${ports ? `:${ports}` : ''} (${endpoint.pod}${endpoint.ready ? '' : ', not ready'})`;
    }),
    6,
  );
}

/** `requested/allocatable (percent)`, the percent of the allocatable amount that is requested. */
function usage(requested: string, allocatable: string): string {
  const used = amount(requested);
  const total = amount(allocatable);
  const percent = total > 0 ? `${Math.round((used / total) * 100)}%` : '-';
  return `${requested}/${allocatable} (${percent})`;
}

function amount(quantity: string): number {
  const parsed = parseQuantity(quantity);
  return parsed.ok ? parsed.quantity.value : 0;
}

function listed(items: readonly string[], limit: number): string {
  return items.length > limit ? `${items.slice(0, limit).join(', ')} … and ${items.length - limit} more` : items.join(', ');
}

function escapeMarkdown(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\*/g, '\\*').replace(/_/g, '\\_');
}
