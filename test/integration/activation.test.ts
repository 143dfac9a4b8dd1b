import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import * as vscode from 'vscode';
import { activeApi, EXTENSION_ID } from './util';

describe('activation', () => {
  it('activates on a manuscript and loads the whole knowledge base', async () => {
    const api = await activeApi();
    assert.equal(vscode.extensions.getExtension(EXTENSION_ID)?.isActive, true);
    const kb = api.knowledgeBase.current;
    assert.ok(kb, api.knowledgeBase.error);
    assert.equal(kb.mechanisms.length, 10);
    assert.ok(kb.concepts.length >= 500, `${kb.concepts.length} concepts`);
    assert.equal(kb.references.length, 11);
    assert.equal(typeof api.timings.ready, 'number');
    // The figures go to the bench (npm run bench prints their medians over the last ten runs);
    // no timing is asserted here.
    const file = process.env.RESISTANCE_ATLAS_TIMINGS;
    if (file) {
      const earlier: unknown = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : [];
      const runs = (Array.isArray(earlier) ? earlier : []).slice(-9);
      runs.push({ ...api.timings, ...api.knowledgeBase.lastLoad, concepts: kb.concepts.length, measuredAt: new Date().toISOString() });
      writeFileSync(file, JSON.stringify(runs));
    }
  });
});
