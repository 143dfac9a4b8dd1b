import * as assert from 'node:assert/strict';
import { TermOccurrenceList } from '../../src/core/terms/occurrenceList';

const A = Object.freeze(['a']);
const B = Object.freeze(['b', 'c']);

describe('TermOccurrenceList', () => {
  it('keeps occurrences in order past its first capacity, and gives them back as objects', () => {
    const list = new TermOccurrenceList(1);
    for (let k = 0; k < 100; k++) list.push(10 * k, 10 * k + 4, k % 2 === 0 ? A : B);
    assert.equal(list.length, 100);
    assert.deepEqual(list.get(99), { start: 990, end: 994, conceptIds: B });
    assert.equal(list.start(42), 420);
    assert.equal(list.end(42), 424);
    assert.equal(list.conceptIds(42), A);
    assert.equal([...list].length, 100);
    assert.deepEqual(list.toArray()[3], { start: 30, end: 34, conceptIds: B });
    assert.throws(() => list.get(100), RangeError);
  });

  it('finds the occurrence under an offset, with and without the end touching', () => {
    const list = TermOccurrenceList.from([
      { start: 5, end: 9, conceptIds: A },
      { start: 20, end: 24, conceptIds: B },
    ]);
    assert.equal(list.indexAt(4), -1);
    assert.equal(list.indexAt(5), 0);
    assert.equal(list.indexAt(8), 0);
    assert.equal(list.indexAt(9), -1);
    assert.equal(list.indexAt(9, true), 0);
    assert.equal(list.indexAt(22), 1);
    assert.equal(list.firstEndingAfter(9), 1);
    assert.equal(list.firstEndingAfter(8), 0);
    assert.equal(list.firstStartingAtOrAfter(6), 1);
    assert.equal(list.firstStartingAtOrAfter(21), 2);
    assert.equal(new TermOccurrenceList().indexAt(0), -1);
  });

  it('appends a range of another list moved by an offset', () => {
    const source = TermOccurrenceList.from([
      { start: 0, end: 3, conceptIds: A },
      { start: 10, end: 13, conceptIds: B },
      { start: 20, end: 23, conceptIds: A },
    ]);
    const list = new TermOccurrenceList(1);
    list.push(0, 1, B);
    list.pushShifted(source, 1, 3, 100);
    list.pushShifted(source, 2, 2, 5);
    assert.deepEqual(list.toArray(), [
      { start: 0, end: 1, conceptIds: B },
      { start: 110, end: 113, conceptIds: B },
      { start: 120, end: 123, conceptIds: A },
    ]);
  });
});
