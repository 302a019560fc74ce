/**
 * `kubeplan can-connect` as a user runs it: the real binary on test/fixtures/plan/network-policies.yaml (a default
 * deny in namespace shop, web allowed egress to db, db allowed ingress from web on its `pg` port). The answers are
 * networking.k8s.io/v1 semantics worked by hand (staging/src/k8s.io/api/networking/v1/types.go): a connection needs
 * egress allowed from its source and ingress allowed to its destination; the exit status follows `kubectl auth
 * can-i` (0 yes, 1 no).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { runCli } from '../helpers/run-cli';
import { fixturesDir } from '../helpers/repo-paths';

const manifests = path.join(fixturesDir, 'plan', 'network-policies.yaml');
const canConnect = (...args: string[]) => runCli(['can-connect', '--now', '2026-03-01T10:00:00Z', ...args, manifests]);

test('a connection both ends allow is yes, exit 0, with the policies that allow it', () => {
  const result = canConnect('shop/web', 'shop/db:5432');
  assert.equal(result.status, 0);
  assert.equal(result.stdout, 'yes\nshop/web → shop/db 5432/TCP: yes (egress allowed by shop/web-to-db; ingress allowed by shop/db-from-web)\n');
});

test('a connection the default deny refuses is no, exit 1, naming the isolating policies', () => {
  const result = canConnect('shop/db', 'shop/web:8080');
  assert.equal(result.status, 1);
  assert.equal(
    result.stdout,
    'no\nshop/db → shop/web 8080/TCP: no (egress isolated by shop/default-deny and no rule of it allows it; ingress isolated by shop/default-deny and no rule of it allows it)\n',
  );
});

test('a port given by name is the Service port of that name, or the container port on a workload', () => {
  const result = canConnect('shop/web', 'shop/web:http');
  assert.equal(result.status, 1);
  assert.match(result.stdout, /^no\nshop\/web → shop\/web 8080\/TCP: no /);
});

test('an unknown destination is a usage error, exit 2, in words', () => {
  const result = canConnect('shop/web', 'shop/cache:6379');
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'kubeplan: no service, workload or pod shop/cache in the plan\n');
});

test('a malformed FROM is a usage error, exit 2', () => {
  const result = canConnect('web', 'shop/db');
  assert.equal(result.status, 2);
  assert.equal(result.stderr, 'kubeplan: FROM must be NAMESPACE/NAME, not web\n');
});
