/** Copies of the cluster state for `--what-if`: one state, many independent copies with its shape. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deepFreeze, graphCopier } from '../../../server/src/cluster/object-graph-copy';

class Holder {
  constructor(readonly items: Map<string, { n: number }>) {}
  total(): number {
    return [...this.items.values()].reduce((sum, item) => sum + item.n, 0);
  }
}

test('an object referenced twice is one object in the copy, and a cycle closes on the copy', () => {
  const shared = { n: 1 };
  const root: { a: { n: number }; list: { n: number }[]; self?: unknown } = { a: shared, list: [shared] };
  root.self = root;
  const copy = graphCopier(root)();
  assert.notEqual(copy.a, shared);
  assert.equal(copy.list[0], copy.a);
  assert.equal(copy.self, copy);
});

test('a class instance keeps its prototype, and Maps and Sets keep their order and their object keys', () => {
  const key = { id: 'k' };
  const state = {
    holder: new Holder(
      new Map([
        ['b', { n: 2 }],
        ['a', { n: 3 }],
      ]),
    ),
    keyed: new Map([[key, 'v']]),
    set: new Set(['z', 'y']),
    key,
  };
  const copy = graphCopier(state)();
  assert.ok(copy.holder instanceof Holder);
  assert.equal(copy.holder.total(), 5);
  assert.deepEqual([...copy.holder.items.keys()], ['b', 'a']);
  assert.deepEqual([...copy.set], ['z', 'y']);
  assert.equal(copy.keyed.get(copy.key), 'v');
  assert.equal(copy.keyed.get(key), undefined);
});

test('each copy is independent of the original and of the other copies', () => {
  const original = { pods: [{ ready: true }], byName: new Map([['web', { ready: true }]]) };
  const copier = graphCopier(original);
  const first = copier();
  const second = copier();
  first.pods[0]!.ready = false;
  first.byName.get('web')!.ready = false;
  first.pods.push({ ready: true });
  assert.deepEqual(second, original);
  assert.deepEqual(original, { pods: [{ ready: true }], byName: new Map([['web', { ready: true }]]) });
});

test('a WeakMap in the state is refused rather than copied empty', () => {
  assert.throws(() => graphCopier({ cache: new WeakMap() }), /a WeakMap or WeakSet in the cluster state cannot be copied/);
});

test('a frozen object is shared by every copy, with everything below it, while what holds it is copied', () => {
  const template = deepFreeze({ spec: { containers: [{ name: 'app', image: 'app:1' }] } });
  const original = { replicaSets: [{ name: 'web-1', template }] };
  const copy = graphCopier(original)();
  assert.notEqual(copy.replicaSets[0], original.replicaSets[0]);
  assert.equal(copy.replicaSets[0]!.template, template);
});

test('deepFreeze freezes every object below the value, and refuses a Map it cannot freeze', () => {
  const value = deepFreeze({ spec: { containers: [{ ports: [{ containerPort: 80 }] }] } });
  assert.equal(Object.isFrozen(value.spec.containers[0]!.ports[0]), true);
  assert.throws(() => deepFreeze({ byName: new Map() }), /a Map, Set or typed array cannot be frozen/);
});
