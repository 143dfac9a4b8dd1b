import assert from 'node:assert/strict';
import { mechanismLabels, ui } from './workbench.mjs';

describe('Mechanisms view', () => {
  it('lists the ten resistance mechanisms in the Resistance Atlas side bar', async () => {
    const labels = await mechanismLabels(ui.page);
    assert.equal(labels.length, 10, `top-level items: ${labels.join(' | ')}`);
    assert.ok(labels.includes('Altered drug transport and efflux'), `top-level items: ${labels.join(' | ')}`);
  });
});
