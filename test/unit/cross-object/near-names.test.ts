/**
 * The near-name index the catalog answers "did you mean" from, held to the plain search (nearName) it replaces:
 * every name within two edits (Levenshtein, case kept), the one nearest, none on a tie.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { NearNames, nearName } from '../../../server/src/schema/did-you-mean';
import { seededRandom } from '../../helpers/seeded-random';

function indexOf(names: readonly string[]): NearNames {
  const index = new NearNames();
  for (const name of names) index.add(name);
  return index;
}

/** A name near others: built from a small alphabet and a few stems, then edited up to three times. */
function nameFrom(next: () => number, stems: readonly string[]): string {
  const letters = 'ab-0';
  let name = stems[Math.floor(next() * stems.length)]!;
  const edits = Math.floor(next() * 4);
  for (let i = 0; i < edits; i++) {
    const at = Math.floor(next() * (name.length + 1));
    const letter = letters[Math.floor(next() * letters.length)]!;
    const kind = next();
    if (kind < 0.34) name = name.slice(0, at) + letter + name.slice(at);
    else if (kind < 0.67) name = name.slice(0, at) + name.slice(at + 1);
    else name = name.slice(0, at) + letter + name.slice(at + 1);
  }
  return name;
}

test('the index answers as the plain search does over random near names, added and deleted', () => {
  for (let seed = 1; seed <= 300; seed++) {
    const next = seededRandom(seed);
    const stems = ['', 'a', 'ab', 'web', 'web-0', 'app-00-a', 'b0b0-ab'].slice(0, 2 + Math.floor(next() * 6));
    const held: string[] = [];
    const index = new NearNames();
    for (let step = 0; step < 40; step++) {
      if (held.length > 0 && next() < 0.3) {
        const [gone] = held.splice(Math.floor(next() * held.length), 1);
        index.delete(gone!);
      } else {
        const name = nameFrom(next, stems);
        held.push(name);
        index.add(name);
      }
      const asked = nameFrom(next, stems);
      assert.equal(index.near(asked), nearName(asked, held), `seed ${seed}, step ${step}: "${asked}" among ${JSON.stringify(held)}`);
    }
  }
});

test('a name the index holds is not suggested for itself', () => {
  assert.equal(indexOf(['web']).near('web'), undefined);
});

test('the one name within two edits is suggested', () => {
  assert.equal(indexOf(['api', 'web-config', 'worker']).near('web-confg'), 'web-config');
});

test('two names equally near suggest neither', () => {
  assert.equal(indexOf(['web-1', 'web-2']).near('web-3'), undefined);
});

test('a nearer name wins over names tied further away', () => {
  assert.equal(indexOf(['web-11', 'web-22', 'web-3']).near('web-33'), 'web-3');
});

test('a name held twice is one suggestion', () => {
  const index = indexOf(['web', 'web']);
  assert.equal(index.near('wbe'), 'web');
  index.delete('web');
  assert.equal(index.near('wbe'), 'web');
  index.delete('web');
  assert.equal(index.near('wbe'), undefined);
});

test('a name longer than every name held still finds the one within two edits', () => {
  assert.equal(indexOf(['app-0001-service-1', 'app-0012-service-3', 'app-0101-service-1']).near('app-0001-service--1'), 'app-0001-service-1');
});

test('names more than two edits away are not suggested', () => {
  assert.equal(indexOf(['database']).near('data'), undefined);
});
