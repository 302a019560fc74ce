/** Where a setting changed through a command is written: where it is in force, else where the user says. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { scopeInForce } from '../../../client/src/setting-scope';

test('a setting set in the workspace is updated there, even when the user has one too', () => {
  assert.equal(scopeInForce({ globalValue: '1.33', workspaceValue: '1.34' }), 'workspace');
});

test('a setting set only in the user settings is updated there', () => {
  assert.equal(scopeInForce({ globalValue: '1.33' }), 'user');
});

test('a setting at its default everywhere leaves the choice to the user', () => {
  assert.equal(scopeInForce({}), undefined);
  assert.equal(scopeInForce(undefined), undefined);
});

test('an empty value set in the workspace is a value (the embedded cluster chosen there)', () => {
  assert.equal(scopeInForce({ globalValue: 'cluster.yaml', workspaceValue: '' }), 'workspace');
});

test('a setting whose workspace value Restricted Mode ignores is changed in the user settings, without asking', () => {
  assert.equal(scopeInForce({ workspaceValue: 'cluster.yaml' }, true), 'user');
  assert.equal(scopeInForce({}, true), 'user');
});
