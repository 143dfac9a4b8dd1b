import * as assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
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
    // The figures go to the bench (npm run bench prints them); no timing is asserted here.
    const file = process.env.RESISTANCE_ATLAS_TIMINGS;
    if (file) writeFileSync(file, JSON.stringify({ ...api.timings, ...api.knowledgeBase.lastLoad, concepts: kb.concepts.length, measuredAt: new Date().toISOString() }));
  });
});
