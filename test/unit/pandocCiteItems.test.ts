import * as assert from 'node:assert/strict';
import { findCitedKeys } from '../../src/core/citations/citationScanner';
import { locatorAndSuffix, pandocCiteItems } from '../../src/core/citations/pandocCiteItems';

/** The cite items of the first citation in `text`. */
function itemsOf(text: string) {
  const keys = findCitedKeys(text, 'markdown');
  assert.ok(keys.length > 0, text);
  const { clusterStart, clusterEnd } = keys[0];
  return pandocCiteItems(text, clusterStart, clusterEnd, keys.filter((k) => k.clusterStart === clusterStart));
}

describe('Pandoc cite items', () => {
  it('reads prefixes, locators with their labels, suffixes and suppressed authors in a cluster', () => {
    assert.deepEqual(itemsOf('As shown [see @doe99, pp. 33-35, for a review; also @smith04, chap. 1].'), [
      { id: 'doe99', prefix: 'see ', locator: '33-35', label: 'page', suffix: ', for a review' },
      { id: 'smith04', prefix: 'also ', locator: '1', label: 'chapter' },
    ]);
    assert.deepEqual(itemsOf('Later [-@doe99, p. 4; @{smith:04}, fig. 2b].'), [
      { id: 'doe99', locator: '4', label: 'page', suppressAuthor: true },
      { id: 'smith:04', locator: '2b', label: 'figure' },
    ]);
    assert.deepEqual(itemsOf('Plain [@doe99; @smith04].'), [{ id: 'doe99' }, { id: 'smith04' }]);
  });

  it('takes a bare number as a page, braces as an explicit locator, and other text as a suffix', () => {
    assert.deepEqual(locatorAndSuffix(', 33'), { locator: '33', label: 'page' });
    assert.deepEqual(locatorAndSuffix(', {pp. iv, vi-xi, (xv)}'), { locator: 'iv, vi-xi, (xv)', label: 'page' });
    assert.deepEqual(locatorAndSuffix(', § 4.2 and notes'), { locator: '4.2', label: 'section', suffix: ' and notes' });
    assert.deepEqual(locatorAndSuffix(', cited in full'), { suffix: ', cited in full' });
    assert.deepEqual(locatorAndSuffix(', in vitro'), { suffix: ', in vitro' }, 'no roman numeral read from a word');
    assert.deepEqual(locatorAndSuffix(''), {});
  });

  it('puts the author of an in-text citation in the text, with a locator in brackets after it', () => {
    assert.deepEqual(itemsOf('@doe99 says so.'), [{ id: 'doe99', authorInText: true }]);
    assert.deepEqual(itemsOf('@doe99 [p. 30] says so.'), [{ id: 'doe99', locator: '30', label: 'page', authorInText: true }]);
    assert.deepEqual(itemsOf('As -@doe99 says.'), [{ id: 'doe99', suppressAuthor: true }]);
    assert.deepEqual(itemsOf('@doe99 [p. 30; see also @smith04] says so.'), [
      { id: 'doe99', locator: '30', label: 'page', authorInText: true },
      { id: 'smith04', prefix: 'see also ' },
    ]);
  });
});
