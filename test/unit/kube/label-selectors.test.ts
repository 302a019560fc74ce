/**
 * The one label-selector matcher, against apimachinery worked by hand: pkg/apis/meta/v1/helpers.go
 * LabelSelectorAsSelector (nil → labels.Nothing(), no requirements → labels.Everything(), matchLabels as Equals
 * requirements, an unknown operator an error), pkg/labels/selector.go Requirement.Matches (In needs the key with a
 * listed value, NotIn holds when the key is absent, Exists/DoesNotExist test presence only, all requirements ANDed)
 * and pkg/labels/labels.go SelectorFromSet.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compileLabelSelector, compileSetSelector, setSelectorMatches } from '../../../server/src/kube/label-selectors';

test('an absent or null selector matches nothing, not even an empty label set (LabelSelectorAsSelector: nil is labels.Nothing())', () => {
  assert.equal(compileLabelSelector(undefined)({}), false);
  assert.equal(compileLabelSelector(null)({ app: 'web' }), false);
});

test('an empty selector matches everything (LabelSelectorAsSelector: no requirements is labels.Everything())', () => {
  assert.equal(compileLabelSelector({})({}), true);
  assert.equal(compileLabelSelector({ matchLabels: {}, matchExpressions: [] })({ app: 'web' }), true);
});

test('matchLabels and matchExpressions are ANDed', () => {
  const matches = compileLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['front', 'edge'] }] });
  assert.equal(matches({ app: 'web', tier: 'edge' }), true);
  assert.equal(matches({ app: 'web', tier: 'db' }), false);
  assert.equal(matches({ app: 'api', tier: 'front' }), false);
  assert.equal(matches({ tier: 'front' }), false);
});

test('In needs the key with a listed value; NotIn holds for an absent key (Requirement.Matches)', () => {
  const notIn = compileLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['db'] }] });
  assert.equal(notIn({}), true);
  assert.equal(notIn({ tier: 'front' }), true);
  assert.equal(notIn({ tier: 'db' }), false);
  const inSet = compileLabelSelector({ matchExpressions: [{ key: 'tier', operator: 'In', values: ['db'] }] });
  assert.equal(inSet({}), false);
  assert.equal(inSet({ tier: 'db' }), true);
});

test('Exists and DoesNotExist test presence only, whatever the value', () => {
  const exists = compileLabelSelector({ matchExpressions: [{ key: 'canary', operator: 'Exists' }] });
  assert.equal(exists({ canary: '' }), true);
  assert.equal(exists({}), false);
  const absent = compileLabelSelector({ matchExpressions: [{ key: 'canary', operator: 'DoesNotExist' }] });
  assert.equal(absent({ canary: 'true' }), false);
  assert.equal(absent({ app: 'web' }), true);
});

test('an operator LabelSelectorAsSelector refuses leaves no selector: nothing matches', () => {
  const matches = compileLabelSelector({ matchLabels: { app: 'web' }, matchExpressions: [{ key: 'app', operator: 'Gt', values: ['1'] }] });
  assert.equal(matches({ app: 'web' }), false);
});

test('a decoded selector matches as a typed one; an inherited property is no label', () => {
  const decoded = JSON.parse('{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"constructor","operator":"DoesNotExist"}]}');
  assert.equal(compileLabelSelector(decoded)({ app: 'web' }), true);
  assert.equal(compileLabelSelector({ matchExpressions: [{ key: 'constructor', operator: 'Exists' }] })({}), false);
});

test('a label set selects the labels holding each of its entries; the empty set selects everything (SelectorFromSet)', () => {
  assert.equal(compileSetSelector({ app: 'web' })({ app: 'web', tier: 'front' }), true);
  assert.equal(compileSetSelector({ app: 'web', tier: 'db' })({ app: 'web', tier: 'front' }), false);
  assert.equal(compileSetSelector({})({}), true);
});

test('a label set asked about one label set without compiling gives the same answers (SelectorFromSet)', () => {
  assert.equal(setSelectorMatches({ app: 'web' }, { app: 'web', tier: 'front' }), true);
  assert.equal(setSelectorMatches({ app: 'web', tier: 'db' }, { app: 'web', tier: 'front' }), false);
  assert.equal(setSelectorMatches({}, {}), true);
  // An inherited property is no label, and an entry of the set that is not a string is skipped, as compiled.
  assert.equal(setSelectorMatches({ constructor: 'x' }, {}), false);
  assert.equal(setSelectorMatches(JSON.parse('{"app":"web","replicas":3}'), { app: 'web' }), true);
});
