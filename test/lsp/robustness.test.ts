import assert from 'node:assert/strict';
import { test, type TestContext } from 'node:test';
import { LspClient } from './lsp-client';

const VALID_CONFIG_MAP = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  mode: fast\n';

async function withServer(t: TestContext, body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await LspClient.start();
  t.after(() => client.stop());
  await body(client);
}

/** Opens `text` and then a valid manifest, which must still be answered: the server is alive and responsive. */
async function openThenCheckAlive(client: LspClient, uri: string, text: string): Promise<void> {
  // The wait bounds a hang, not speed (the bench measures that): generous, so a busy machine does not fail it.
  const answered = client.nextDiagnostics(uri, { timeoutMs: 15_000 });
  client.open(uri, text);
  await answered;

  const probe = `${uri}.probe.yaml`;
  const alive = client.nextDiagnostics(probe);
  client.open(probe, VALID_CONFIG_MAP);
  assert.deepEqual((await alive).diagnostics, []);
  assert.ok(client.running);
}

test('the server survives a YAML alias bomb and keeps answering', (t) =>
  withServer(t, async (client) => {
    const levels = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 10; i++) {
      const previous = String.fromCharCode(96 + i);
      const name = String.fromCharCode(97 + i);
      levels.push(`${name}: &${name} [*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous},*${previous}]`);
    }
    const bomb = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bomb\n${levels.join('\n')}\n`;
    await openThenCheckAlive(client, 'file:///workspace/bomb.yaml', bomb);
  }));

test('the server survives binary junk and keeps answering', (t) =>
  withServer(t, async (client) => {
    let junk = '';
    for (let i = 0; i < 64 * 1024; i++) junk += String.fromCharCode((i * 7919) % 256);
    await openThenCheckAlive(client, 'file:///workspace/junk.yaml', junk);
  }));

test('the server survives 10,000 levels of nesting and keeps answering', (t) =>
  withServer(t, async (client) => {
    const nested = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: deep\ndata: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`;
    await openThenCheckAlive(client, 'file:///workspace/deep.yaml', nested);
  }));

test('__proto__ keys are plain data and are reported as unknown fields', (t) =>
  withServer(t, async (client) => {
    const uri = 'file:///workspace/proto.yaml';
    const next = client.nextDiagnostics(uri);
    client.open(uri, 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: proto\n__proto__:\n  polluted: true\n');
    const { diagnostics } = await next;
    assert.equal(diagnostics.length, 1);
    assert.match(diagnostics[0]!.message, /unknown field "__proto__"/);
    assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  }));
