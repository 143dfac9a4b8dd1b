import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { commandLink, escapeMarkdown } from '../../src/core/markdown';

const md = new MarkdownIt({ html: false, linkify: false });
const rendered = (s: string) => md.renderInline(s);

describe('escapeMarkdown', () => {
  it('renders hostile text literally: no links, emphasis, HTML or code', () => {
    const hostile = '[click](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> *bold* `code` _em_ ~~gone~~ a|b';
    const html = md.render(escapeMarkdown(hostile));
    assert.doesNotMatch(html, /<a |<img|<em>|<strong>|<code>|<s>/);
    assert.match(html, /\[click\]\(command:workbench\.action\.terminal\.new\)/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('does not turn data that starts like a list or heading into one', () => {
    for (const s of ['- item', '1. item', '# heading', '+ plus', '2) two']) {
      assert.doesNotMatch(md.render(escapeMarkdown(s)), /<(ul|ol|h1|li)>/, s);
    }
  });

  it('leaves ordinary scientific text readable', () => {
    const s = 'P-glycoprotein (ABCB1) exports drugs; IC50 rose 10.5-fold.';
    assert.equal(escapeMarkdown(s), s);
    assert.equal(rendered(escapeMarkdown(s)), s);
  });
});

describe('commandLink', () => {
  it('encodes the arguments and escapes the label', () => {
    const link = commandLink('Assaraf [et al.]', 'resistanceAtlas.insertCitation', [{ keys: ['a b'] }]);
    assert.equal(link, '[Assaraf \\[et al.\\]](command:resistanceAtlas.insertCitation?%5B%7B%22keys%22%3A%5B%22a%20b%22%5D%7D%5D)');
  });
});
