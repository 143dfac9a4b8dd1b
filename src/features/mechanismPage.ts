import * as vscode from 'vscode';
import type { KnowledgeBaseIndex } from '../core/knowledgeBase';
import type { MechanismPageLabels, MechanismPageResources } from '../core/mechanismPageContent';
import type { Mechanism } from '../core/model';
import type { KnowledgeBaseState } from '../vscode/knowledgeBaseState';
import { INSERT_CITATION } from './insertCitation';

export const OPEN_MECHANISM_PAGE = 'resistanceAtlas.openMechanismPage';
export const MECHANISM_PAGE_VIEW_TYPE = 'resistanceAtlas.mechanismPage';

/** Editors that are never the manuscript a Cite button writes into. */
const NOT_MANUSCRIPT_SCHEMES = new Set(['output', 'debug', 'vscode-scm']);

/** A mechanism id from the command's argument: the id itself, or a node of the Mechanisms view. */
export function mechanismIdFromArgument(arg: unknown): string | undefined {
  if (typeof arg === 'string') return arg;
  if (arg && typeof arg === 'object') {
    const id = (arg as { mechanism?: { id?: unknown } }).mechanism?.id;
    if (typeof id === 'string') return id;
  }
  return undefined;
}

/** The key of a well-formed `{ type: 'cite', key }` message from a page, else undefined. */
export function citeKeyOfMessage(message: unknown): string | undefined {
  if (typeof message !== 'object' || message === null || Array.isArray(message)) return undefined;
  const { type, key } = message as { type?: unknown; key?: unknown };
  return type === 'cite' && typeof key === 'string' && key.length > 0 && key.length <= 200 ? key : undefined;
}

function isReadyMessage(message: unknown): boolean {
  return typeof message === 'object' && message !== null && (message as { type?: unknown }).type === 'ready';
}

function labels(): MechanismPageLabels {
  return {
    pageTitle: (name) => vscode.l10n.t('Mechanism: {0}', name),
    summary: vscode.l10n.t('Summary'),
    keyTerms: vscode.l10n.t('Key terms'),
    strategies: vscode.l10n.t('Strategies to overcome it'),
    references: vscode.l10n.t('References'),
    none: vscode.l10n.t('None in the seed review.'),
    inResistance: vscode.l10n.t('In resistance:'),
    generalStrategy: vscode.l10n.t('general strategy'),
    titleTopic: vscode.l10n.t('Listed in the seed review but not cited in its text; attached because its title names the topic.'),
    cite: vscode.l10n.t('Cite'),
    citeTitle: (citation, label) => vscode.l10n.t('Insert {0} ({1}) into the manuscript', citation, label),
  };
}

function nonce(): string {
  const bytes = new Uint8Array(24);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

interface OpenPage {
  readonly panel: vscode.WebviewPanel;
  /** Settles when the page's script has sent `{ type: 'ready' }`. */
  readonly ready: Promise<void>;
  readonly setReady: () => void;
  /** The keys the page's Cite buttons carry, as last rendered: the only keys a message may name. */
  keys: ReadonlySet<string>;
}

/**
 * The mechanism pages: one webview panel per mechanism, whose Cite buttons insert a citation
 * into the manuscript the writer last edited. Created by {@link registerMechanismPages}.
 */
export class MechanismPages implements vscode.Disposable {
  private readonly pages = new Map<string, OpenPage>();
  private manuscript: vscode.TextEditor | undefined;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly mediaUri: vscode.Uri;

  constructor(
    private readonly kbState: KnowledgeBaseState,
    extensionUri: vscode.Uri,
  ) {
    this.mediaUri = vscode.Uri.joinPath(extensionUri, 'media');
    this.track(vscode.window.activeTextEditor);
    this.disposables.push(
      vscode.commands.registerCommand(OPEN_MECHANISM_PAGE, (arg?: unknown) => {
        const id = mechanismIdFromArgument(arg);
        if (arg !== undefined && id === undefined) {
          void vscode.window.showWarningMessage(vscode.l10n.t('Unknown resistance mechanism: {0}', String(arg)));
          return false;
        }
        return this.open(id);
      }),
      vscode.window.onDidChangeActiveTextEditor((editor) => this.track(editor)),
      kbState.onDidChange(() => {
        for (const [id, page] of this.pages) void this.render(id, page);
      }),
    );
  }

  /** The editor a Cite button writes into: the last active text editor that is a manuscript. */
  get manuscriptEditor(): vscode.TextEditor | undefined {
    if (this.manuscript && !this.manuscript.document.isClosed) return this.manuscript;
    return vscode.window.visibleTextEditors.find(isManuscript);
  }

  /** The open page of a mechanism, if any. */
  panel(mechanismId: string): vscode.WebviewPanel | undefined {
    return this.pages.get(mechanismId)?.panel;
  }

  /**
   * Shows the page of a mechanism, revealing it when already open; asks with a Quick Pick when
   * no id is given. Resolves to false when nothing was shown.
   */
  async open(mechanismId?: string): Promise<boolean> {
    const kb = this.kbState.current ?? (await this.kbState.settled());
    if (!kb) {
      void vscode.window.showErrorMessage(vscode.l10n.t('The knowledge base could not be loaded: {0}', this.kbState.error ?? ''));
      return false;
    }
    const mechanism = mechanismId === undefined ? await pickMechanism(kb) : kb.mechanism(mechanismId);
    if (!mechanism) {
      if (mechanismId !== undefined) void vscode.window.showWarningMessage(vscode.l10n.t('Unknown resistance mechanism: {0}', mechanismId));
      return false;
    }
    const existing = this.pages.get(mechanism.id);
    if (existing) {
      try {
        existing.panel.reveal(undefined, false);
        return true;
      } catch {
        // Closed by the workbench, and its onDidDispose is still on the way: open a new one.
        this.pages.delete(mechanism.id);
      }
    }
    const panel = vscode.window.createWebviewPanel(
      MECHANISM_PAGE_VIEW_TYPE,
      labels().pageTitle(mechanism.name),
      // Beside the manuscript, so that it stays in view while the writer cites from the page.
      vscode.window.activeTextEditor ? vscode.ViewColumn.Beside : vscode.ViewColumn.Active,
      {
        enableScripts: true,
        enableForms: false,
        enableCommandUris: false,
        localResourceRoots: [this.mediaUri],
      },
    );
    panel.iconPath = vscode.Uri.joinPath(this.mediaUri, 'atlas.svg');
    let setReady = () => {};
    const ready = new Promise<void>((resolve) => (setReady = resolve));
    const page: OpenPage = { panel, ready, setReady, keys: new Set() };
    this.pages.set(mechanism.id, page);
    panel.webview.onDidReceiveMessage((message: unknown) => {
      this.receive(mechanism.id, message).catch((e: unknown) => {
        void vscode.window.showErrorMessage(vscode.l10n.t('Could not insert the citation: {0}', e instanceof Error ? e.message : String(e)));
      });
    });
    panel.onDidDispose(() => {
      if (this.pages.get(mechanism.id) === page) this.pages.delete(mechanism.id);
    });
    await this.render(mechanism.id, page);
    return true;
  }

  /**
   * Resolves when the page of a mechanism has loaded and its script runs (a page opened with the
   * focus takes it only then); rejects after `timeoutMs`.
   */
  whenReady(mechanismId: string, timeoutMs = 10000): Promise<void> {
    const page = this.pages.get(mechanismId);
    if (!page) return Promise.reject(new Error(`no page is open for ${mechanismId}`));
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`the page of ${mechanismId} did not load`)), timeoutMs)));
    return Promise.race([page.ready, timeout]).finally(() => clearTimeout(timer));
  }

  /**
   * Handles a message from the page of `mechanismId`, exactly as the webview delivers it: only
   * `{ type: 'cite', key }` with a key the page shows (and the knowledge base holds) is acted on.
   * Resolves to true when the citation was inserted.
   */
  async receive(mechanismId: string, message: unknown): Promise<boolean> {
    const page = this.pages.get(mechanismId);
    if (page && isReadyMessage(message)) {
      page.setReady();
      return false;
    }
    const key = citeKeyOfMessage(message);
    if (key === undefined || !page || !page.keys.has(key) || !this.kbState.current?.reference(key)) return false;
    return this.cite(key);
  }

  private async cite(key: string): Promise<boolean> {
    const target = this.manuscriptEditor;
    if (!target) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a manuscript to insert a citation into.'));
      return false;
    }
    // Insert Citation writes into the active editor: make the manuscript active again, with the
    // selections it had when the writer left it for the page.
    const selections = target.selections;
    // A page that is still loading takes the focus when it is ready: then show the manuscript again.
    let active = false;
    for (let attempt = 0; attempt < 2 && !active; attempt++) {
      const editor = await vscode.window.showTextDocument(target.document, { viewColumn: target.viewColumn, preserveFocus: false, preview: false });
      if (!sameSelections(editor.selections, selections)) editor.selections = selections;
      active = await becameActive(editor.document);
    }
    if (!active) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a manuscript to insert a citation into.'));
      return false;
    }
    return (await vscode.commands.executeCommand<boolean>(INSERT_CITATION, { keys: [key] })) === true;
  }

  private track(editor: vscode.TextEditor | undefined): void {
    if (editor && isManuscript(editor)) this.manuscript = editor;
  }

  private async render(mechanismId: string, page: OpenPage): Promise<void> {
    // markdown-it is loaded with the first page, not at activation.
    const content = await import('../core/mechanismPageContent');
    if (this.pages.get(mechanismId) !== page) return; // closed meanwhile
    const webview = page.panel.webview;
    const l = labels();
    const resources: MechanismPageResources = {
      cspSource: webview.cspSource,
      nonce: nonce(),
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri, 'mechanismPage.css')).toString(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(this.mediaUri, 'mechanismPage.js')).toString(),
      labels: l,
    };
    const kb = this.kbState.current;
    const mechanism: Mechanism | undefined = kb?.mechanism(mechanismId);
    if (!kb || !mechanism) {
      page.keys = new Set();
      const reason = kb ? vscode.l10n.t('Unknown resistance mechanism: {0}', mechanismId) : vscode.l10n.t('The knowledge base could not be loaded: {0}', this.kbState.error ?? '');
      webview.html = content.unavailablePageHtml(page.panel.title, reason, resources);
      return;
    }
    page.keys = content.citableKeys(mechanism, kb);
    page.panel.title = l.pageTitle(mechanism.name);
    webview.html = content.mechanismPageHtml(mechanism, kb, resources);
  }

  dispose(): void {
    for (const { panel } of [...this.pages.values()]) panel.dispose();
    this.pages.clear();
    for (const d of this.disposables) d.dispose();
  }
}

function isManuscript(editor: vscode.TextEditor): boolean {
  return !NOT_MANUSCRIPT_SCHEMES.has(editor.document.uri.scheme);
}

/** Resolves once `document` is in the active text editor (the extension host learns of focus changes a little later), false after a second. */
function becameActive(document: vscode.TextDocument): Promise<boolean> {
  if (vscode.window.activeTextEditor?.document === document) return Promise.resolve(true);
  return new Promise((resolve) => {
    const done = (result: boolean) => {
      clearTimeout(timer);
      listener.dispose();
      resolve(result);
    };
    const listener = vscode.window.onDidChangeActiveTextEditor((e) => {
      if (e?.document === document) done(true);
    });
    const timer = setTimeout(() => done(vscode.window.activeTextEditor?.document === document), 1000);
  });
}

function sameSelections(a: readonly vscode.Selection[], b: readonly vscode.Selection[]): boolean {
  return a.length === b.length && a.every((s, i) => s.isEqual(b[i]));
}

interface MechanismPickItem extends vscode.QuickPickItem {
  readonly mechanism: Mechanism;
}

async function pickMechanism(kb: KnowledgeBaseIndex): Promise<Mechanism | undefined> {
  const items: MechanismPickItem[] = kb.mechanisms.map((mechanism) => ({ label: mechanism.name, detail: mechanism.summary, mechanism }));
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Open Mechanism Page'),
    placeHolder: vscode.l10n.t('Choose a resistance mechanism'),
    matchOnDetail: true,
  });
  return picked?.mechanism;
}

/**
 * "Open Mechanism Page": a webview per resistance mechanism with its summary, key terms,
 * strategies and references, whose Cite buttons insert into the last active manuscript.
 */
export function registerMechanismPages(kbState: KnowledgeBaseState, extensionUri: vscode.Uri): MechanismPages {
  return new MechanismPages(kbState, extensionUri);
}
