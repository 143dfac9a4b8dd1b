import * as vscode from 'vscode';

/** Waits longer on long documents (over 1 MB), so that typing in a 10 MB manuscript stays smooth. */
export function debounceFor(document: vscode.TextDocument, ms: number): number {
  return document.getText().length > 1_000_000 ? Math.max(ms, 1500) : ms;
}

/**
 * Runs `check` on every open document: at once when it opens, debounced while it is edited
 * (longer for long documents), again for all documents when `recheckOn` fires; `onClose` clears
 * what a closed document had.
 */
export function watchDocuments(
  check: (document: vscode.TextDocument) => void | Promise<void>,
  onClose: (document: vscode.TextDocument) => void,
  recheckOn: ReadonlyArray<vscode.Event<unknown>>,
  debounceMs: number,
): vscode.Disposable {
  const pending = new Map<string, ReturnType<typeof setTimeout>>();
  const schedule = (document: vscode.TextDocument, delay = debounceFor(document, debounceMs)) => {
    const key = document.uri.toString();
    clearTimeout(pending.get(key));
    pending.set(
      key,
      setTimeout(() => {
        pending.delete(key);
        void check(document);
      }, delay),
    );
  };
  const checkAll = () => vscode.workspace.textDocuments.forEach((d) => schedule(d, 0));
  const disposable = vscode.Disposable.from(
    vscode.workspace.onDidOpenTextDocument((d) => schedule(d, 0)),
    vscode.workspace.onDidChangeTextDocument((e) => schedule(e.document)),
    vscode.workspace.onDidCloseTextDocument((d) => {
      clearTimeout(pending.get(d.uri.toString()));
      onClose(d);
    }),
    ...recheckOn.map((event) => event(checkAll)),
    new vscode.Disposable(() => pending.forEach((t) => clearTimeout(t))),
  );
  checkAll();
  return disposable;
}
