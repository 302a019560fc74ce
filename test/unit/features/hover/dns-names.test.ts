/**
 * Hovering a Service's name or a StatefulSet's serviceName shows the cluster DNS names, by the Kubernetes DNS
 * specification (kubernetes/dns docs/specification.md 2.3–2.5) and the StatefulSet controller's pod identity
 * (pkg/controller/statefulset/stateful_set_utils.go updateIdentity: hostname `<set>-<ordinal>`, subdomain
 * spec.serviceName).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hoverText } from './hover-helpers';

// 2.3.1 and 2.3.2: `<service>.<ns>.svc.<zone>` is the cluster IP; `_<port>._<proto>.` per named port.
test('hovering a Service name shows its name under the cluster domain and the SRV name of each named port', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: api\n  namespace: shop\nspec:\n  selector: {app: api}\n  ports:\n    - {name: http, port: 8080}\n    - {port: 9090}\n';
  const markdown = hoverText(text, 'api\n');
  assert.match(markdown, /`api\.shop\.svc\.cluster\.local`: the cluster IP/);
  assert.match(markdown, /`_http\._tcp\.api\.shop\.svc\.cluster\.local`: SRV, port 8080/);
  assert.doesNotMatch(markdown, /9090/);
});

// 2.4: a headless Service answers its ready endpoints, each also as `<hostname>.<service>`.
test('hovering a headless Service name shows that it answers each ready pod', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx\nspec:\n  clusterIP: None\n  selector: {app: nginx}\n  ports:\n    - {port: 80}\n';
  const markdown = hoverText(text, 'nginx\n');
  assert.match(markdown, /`nginx\.default\.svc\.cluster\.local`: the address of each ready pod/);
  assert.match(markdown, /`<hostname>\.nginx\.default\.svc\.cluster\.local`/);
});

// 2.5: `<service>.<ns>.svc.<zone>. IN CNAME <extname>.`
test('hovering an ExternalName Service name shows the CNAME', () => {
  const text = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: payments\nspec:\n  type: ExternalName\n  externalName: payments.example.com\n';
  assert.match(hoverText(text, 'payments\n'), /`payments\.default\.svc\.cluster\.local`: CNAME to `payments\.example\.com`/);
});

test('hovering a StatefulSet serviceName shows each pod stable name', () => {
  const text =
    'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  namespace: shop\nspec:\n  serviceName: nginx\n  replicas: 5\n  selector: {matchLabels: {app: nginx}}\n  template:\n    metadata: {labels: {app: nginx}}\n    spec:\n      containers: [{name: nginx, image: nginx:1.27}]\n';
  const markdown = hoverText(text, 'nginx\n');
  assert.match(
    markdown,
    /`web-0\.nginx\.shop\.svc\.cluster\.local`\n- `web-1\.nginx\.shop\.svc\.cluster\.local`\n- `web-2\.nginx\.shop\.svc\.cluster\.local`\n- … up to `web-4\.nginx\.shop\.svc\.cluster\.local`/,
  );
});
