import * as assert from 'assert';
import * as vscode from 'vscode';
import { activeApi, EXTENSION_ID } from './util';

describe('web worker: activation', () => {
  it('runs the web build in the web-worker extension host and loads the whole knowledge base through workspace.fs', async () => {
    const api = await activeApi();
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.equal(extension?.isActive, true);
    // A web worker, not Node: the extension's "browser" entry is what runs.
    assert.equal(typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions?.node, 'undefined', 'a Node host');
    assert.notEqual(typeof (globalThis as { WorkerGlobalScope?: unknown }).WorkerGlobalScope, 'undefined', 'not a worker');
    const kb = api.knowledgeBase.current;
    assert.ok(kb, api.knowledgeBase.error);
    assert.equal(kb.mechanisms.length, 10);
    assert.ok(kb.concepts.length >= 500);
  });
});
