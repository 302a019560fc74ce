/**
 * The reachability matrix in the terminal and in Markdown: source workloads × destination Services and workloads,
 * the ports NetworkPolicies allow (✓) and refuse (✗), cut to a terminal's size.
 */
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { test } from 'node:test';
import { planTexts } from '../../../server/src/plan/plan-texts';
import { renderPlanMarkdown, renderPlanText } from '../../../server/src/plan/plan-render';
import type { Plan } from '../../../server/src/protocol/plan';
import { fixturesDir } from '../../helpers/repo-paths';

// test/fixtures/plan/network-policies.yaml, by the NetworkPolicy API (staging/src/k8s.io/api/networking/v1/types.go
// NetworkPolicySpec): default-deny isolates every pod of shop both ways with no rule; db-from-web lets web pods in to db
// on port pg (5432), web-to-db lets them out to db on 5432. Only web → db on 5432 is allowed, as a Service port and
// as the workload's container port; db may send nothing, and nothing lets web reach web's 8080.
function policiesPlan(): Plan {
  const text = fs.readFileSync(path.join(fixturesDir, 'plan', 'network-policies.yaml'), 'utf8');
  const { plan } = planTexts({
    manifests: [{ file: 'file:///workspace/network-policies.yaml', text }],
    current: [],
    cluster: undefined,
    kubernetesVersion: '1.36',
    rules: {},
    newPodsReady: true,
    now: Date.parse('2026-03-01T10:07:00Z'),
  });
  assert.ok(plan, 'no plan');
  return plan;
}

test('the text plan shows the reachability matrix of workloads × Services and workloads with their ports', () => {
  const text = renderPlanText(policiesPlan());
  const start = text.indexOf('Reachability (4 refused, 2 allowed)\n');
  assert.ok(start >= 0, text);
  assert.equal(
    text.slice(start, text.indexOf('\n\n', start)),
    [
      'Reachability (4 refused, 2 allowed)',
      '  FROM      service shop/db  shop/db     shop/web',
      '  shop/db   ✗ 5432/TCP       ✗ 5432/TCP  ✗ 8080/TCP',
      '  shop/web  ✓ 5432/TCP       ✓ 5432/TCP  ✗ 8080/TCP',
      '  ✓ allowed, ✗ refused; - no NetworkPolicy applies to the pair',
    ].join('\n'),
  );
});

test('the Markdown plan shows the same matrix as a table', () => {
  const markdown = renderPlanMarkdown(policiesPlan());
  assert.ok(
    markdown.includes(
      '### Reachability (4 refused, 2 allowed)\n\n| FROM | service shop/db | shop/db | shop/web |\n| --- | --- | --- | --- |\n| shop/db | ✗ 5432/TCP | ✗ 5432/TCP | ✗ 8080/TCP |\n| shop/web | ✓ 5432/TCP | ✓ 5432/TCP | ✗ 8080/TCP |\n',
    ),
    markdown,
  );
});

test('the list of connections with their deciding policies follows the matrix', () => {
  const text = renderPlanText(policiesPlan());
  assert.match(
    text,
    /\nConnections decided by NetworkPolicies, refused first\n {2}FROM +TO +PORT +ALLOWED +BY\n {2}shop\/db +service shop\/db +5432\/TCP +no +shop\/db-from-web, shop\/default-deny\n/,
  );
});

test('a matrix too big for a terminal shows 20 sources and 6 destinations and counts the rest', () => {
  const plan = policiesPlan();
  const row = plan.reachability[0]!;
  plan.reachability = Array.from({ length: 30 }, (_, i) => ({ ...row, from: `shop/client-${String(i).padStart(2, '0')}`, to: `shop/server-${i % 10}`, toKind: 'Workload' as const }));
  const text = renderPlanText(plan);
  const matrix = text.slice(text.indexOf('Reachability ('), text.indexOf('Connections decided'));
  assert.equal(matrix.match(/^ {2}shop\/client-/gm)?.length, 20);
  assert.match(matrix, /^ {2}FROM +shop\/server-0 +shop\/server-1 +shop\/server-2 +shop\/server-3 +shop\/server-4 +shop\/server-5\n/m);
  assert.match(matrix, /\n {2}… and 10 more sources and 4 more destinations \(--output json lists them all\)\n/);
});
