import assert from 'node:assert/strict';
import { test } from 'node:test';
import { imageMarkdown } from '../../../../server/src/features/hover/image';
import { secretDataMarkdown } from '../../../../server/src/features/hover/secret-data';
import { hoverText } from './hover-helpers';

test('a one-part image name is on Docker Hub under library/, tag latest, pulled Always', () => {
  const text = imageMarkdown('nginx', undefined);
  assert.match(text, /registry: `docker\.io`/);
  assert.match(text, /repository: `library\/nginx`/);
  assert.match(text, /tag: `latest` \(none written\)/);
  assert.match(text, /imagePullPolicy: `Always` \(default: the tag is `latest`\)/);
});

test('a registry with a port and a tag: IfNotPresent', () => {
  const text = imageMarkdown('registry.local:5000/team/app:1.4', undefined);
  assert.match(text, /registry: `registry\.local:5000`/);
  assert.match(text, /repository: `team\/app`/);
  assert.match(text, /tag: `1\.4`/);
  assert.match(text, /imagePullPolicy: `IfNotPresent`/);
});

test('a digest without a tag is not latest: IfNotPresent', () => {
  const text = imageMarkdown(`busybox@sha256:${'a'.repeat(64)}`, undefined);
  assert.match(text, /digest: `sha256:a{64}`/);
  assert.match(text, /imagePullPolicy: `IfNotPresent`/);
});

test('a written imagePullPolicy is shown with the default it replaces', () => {
  assert.match(imageMarkdown('nginx:latest', 'IfNotPresent'), /imagePullPolicy: `IfNotPresent` \(the default would be `Always`\)/);
});

test('a reference the grammar refuses is said to be unpullable', () => {
  assert.match(imageMarkdown('Nginx:1.0', undefined), /is not a valid image reference/);
});

test('hovering a container image in a Deployment shows its parts', () => {
  const text = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: w}\nspec:\n  template:\n    spec:\n      containers:\n        - name: w\n          image: ghcr.io/acme/web:2.1\n';
  assert.match(hoverText(text, 'ghcr.io'), /registry: `ghcr\.io`\n- repository: `acme\/web`\n- tag: `2\.1`/);
});

test('a Secret value is valid base64 of 5 bytes, the text hidden', () => {
  const text = secretDataMarkdown('password', 'aGVsbG8=', false);
  assert.match(text, /valid base64, 5 bytes decoded/);
  assert.doesNotMatch(text, /hello/);
  assert.match(text, /kubeplan\.hover\.revealSecrets/);
});

test('with revealSecrets the decoded text is shown', () => {
  assert.match(secretDataMarkdown('password', 'aGVsbG8=', true), /Decoded:\n```\nhello\n```/);
});

test('invalid base64 gets the offset Go reports', () => {
  assert.match(secretDataMarkdown('password', 'aGVsbG8', false), /not valid base64 \(illegal base64 data at input byte 4\)/);
});

test('hovering a Secret data value follows the revealSecrets setting', () => {
  const text = 'apiVersion: v1\nkind: Secret\nmetadata: {name: s}\ndata:\n  token: c2VjcmV0\n';
  assert.doesNotMatch(hoverText(text, 'c2VjcmV0'), /secret\n/);
  assert.match(hoverText(text, 'c2VjcmV0', { revealSecrets: true }), /```\nsecret\n```/);
});
