// The script of a mechanism page (see src/features/mechanismPage.ts). It says { type: 'ready' }
// once, and a click on a Cite button sends { type: 'cite', key } to the extension, which checks
// the key before acting.
// @ts-check
(function () {
  // @ts-ignore acquireVsCodeApi is provided by the webview host.
  const vscode = acquireVsCodeApi();
  document.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('button.cite[data-cite-key]') : null;
    if (!(target instanceof HTMLButtonElement)) return;
    const key = target.dataset.citeKey;
    if (key) vscode.postMessage({ type: 'cite', key });
  });
  vscode.postMessage({ type: 'ready' });
})();
