import * as vscode from 'vscode';
import type { BibliographyProblem } from '../core/bibliography/parseBibliography';
import { BUNDLED_SOURCE, ReferenceLibrary, type BibliographySource, type LibraryEntry } from '../core/bibliography/referenceLibrary';
import { dialectOf } from '../core/terms/excludedRanges';
import { lineStarts, positionOf } from '../core/textPosition';
import type { KnowledgeBaseIndex } from '../core/knowledgeBase';
import type { KnowledgeBaseState } from './knowledgeBaseState';
import type { SettingsStore } from './settings';

const decoder = new TextDecoder('utf-8');
const pause = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** A bibliography a manuscript names, and whether it was found. */
export interface ManuscriptBibliography {
  readonly uri: vscode.Uri;
  /** Where the manuscript names it (front matter, \bibliography), or undefined (settings, _quarto.yml). */
  readonly declaredAt: vscode.Range | undefined;
  readonly declaredAs: string;
}

/**
 * The writer's bibliography files: found as Pandoc, Quarto and LaTeX find them, read and parsed
 * without blocking (in slices), reloaded when they change on disk or in an editor, and their
 * problems published as diagnostics at the entry's line. Every good entry always loads.
 */
export class BibliographyStore implements vscode.Disposable {
  private readonly sources = new Map<string, Promise<BibliographySource | undefined>>();
  private readonly watchers = new Map<string, vscode.Disposable>();
  private readonly diagnostics = vscode.languages.createDiagnosticCollection('resistance-atlas-bibliography');
  private readonly emitter = new vscode.EventEmitter<void>();
  /** Fires when any bibliography was reloaded. */
  readonly onDidChange = this.emitter.event;
  private generation = 0;
  private bundled: { readonly kb: KnowledgeBaseIndex; readonly source: BibliographySource } | undefined;
  private readonly libraries = new Map<string, { readonly sources: readonly BibliographySource[]; readonly library: ReferenceLibrary }>();
  private readonly subscriptions: vscode.Disposable[];

  constructor(
    private readonly kbState: KnowledgeBaseState,
    private readonly settings: SettingsStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.subscriptions = [
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (this.sources.has(e.document.uri.toString())) this.invalidate(e.document.uri);
      }),
      vscode.workspace.onDidCloseTextDocument((d) => {
        this.libraries.delete(d.uri.toString());
        if (this.sources.has(d.uri.toString())) this.invalidate(d.uri);
      }),
      // A .bib or .ris file opened on its own gets its problems shown too.
      vscode.workspace.onDidOpenTextDocument((d) => this.loadIfBibliography(d)),
      settings.onDidChange(() => this.changed()),
      kbState.onDidChange(() => this.changed()),
    ];
    vscode.workspace.textDocuments.forEach((d) => this.loadIfBibliography(d));
  }

  private loadIfBibliography(document: vscode.TextDocument): void {
    if (/\.(bib|ris)$/i.test(document.uri.path)) void this.load(document.uri);
  }

  /** Increases whenever a bibliography or the settings change; callers cache by it. */
  get version(): number {
    return this.generation;
  }

  /** The bibliographies a manuscript uses: its own declarations, _quarto.yml, and the setting. */
  async bibliographiesOf(document: vscode.TextDocument): Promise<ManuscriptBibliography[]> {
    const { declaredBibliographies, quartoProjectBibliographies, resolveBibliographyPath } = await import('../core/bibliography/discovery');
    const out: ManuscriptBibliography[] = [];
    const seen = new Set<string>();
    const add = (uri: vscode.Uri, declaredAs: string, declaredAt?: vscode.Range) => {
      if (seen.has(uri.toString())) return;
      seen.add(uri.toString());
      out.push({ uri, declaredAs, declaredAt });
    };
    const folderOf = (uri: vscode.Uri) => vscode.Uri.joinPath(uri, '..');
    const docFolder = folderOf(document.uri);
    const resolve = (base: vscode.Uri, path: string) => base.with({ path: resolveBibliographyPath(base.path, path.replace(/\\/g, '/')) });

    const text = document.getText();
    for (const d of declaredBibliographies(text, dialectOf(document.languageId))) {
      const at = d.offset >= 0 ? new vscode.Range(document.positionAt(d.offset), document.positionAt(d.offset + d.path.length)) : undefined;
      add(resolve(docFolder, d.path), d.path, at);
    }
    if (['markdown', 'quarto', 'rmd'].includes(document.languageId)) {
      const root = vscode.workspace.getWorkspaceFolder(document.uri)?.uri;
      for (let folder = docFolder; root && folder.path.startsWith(root.path); folder = folderOf(folder)) {
        const yml = await this.readText(vscode.Uri.joinPath(folder, '_quarto.yml'));
        if (yml !== undefined) {
          for (const p of quartoProjectBibliographies(yml)) add(resolve(folder, p), p);
          break;
        }
        if (folder.path === root.path) break;
      }
    }
    for (const entry of this.settings.value.bibliographies) {
      for (const uri of await this.expandSetting(entry)) add(uri, entry);
    }
    return out;
  }

  /** The references available in a manuscript: its bibliographies, then the bundled seed references. */
  async libraryFor(document: vscode.TextDocument): Promise<ReferenceLibrary> {
    const bibliographies = await this.bibliographiesOf(document);
    const sources = (await Promise.all(bibliographies.map((b) => this.load(b.uri)))).filter((s): s is BibliographySource => s !== undefined);
    const bundled = this.bundledSource();
    const all = bundled ? [...sources, bundled] : sources;
    // Completion and hover ask on every keystroke: the same sources give the same library, so
    // that what callers derive from it (completion items) is built once.
    const cached = this.libraries.get(document.uri.toString());
    if (cached && cached.sources.length === all.length && cached.sources.every((s, i) => s === all[i])) return cached.library;
    const library = new ReferenceLibrary(all);
    this.libraries.set(document.uri.toString(), { sources: all, library });
    return library;
  }

  /** The bundled seed references as a source, unless the setting turns them off; one object until they change. */
  bundledSource(): BibliographySource | undefined {
    const kb = this.kbState.current;
    if (!kb || !this.settings.value.includeBundledReferences) return undefined;
    if (this.bundled?.kb === kb) return this.bundled.source;
    const source: BibliographySource = {
      id: BUNDLED_SOURCE,
      label: vscode.l10n.t('Resistance Atlas (seed review)'),
      entries: kb.references.map((item) => ({ key: item.id, item, source: BUNDLED_SOURCE, line: 0, character: 0 })),
      problems: [],
    };
    this.bundled = { kb, source };
    return source;
  }

  /** Reads and parses one bibliography file (cached until it changes); undefined if it cannot be read. */
  load(uri: vscode.Uri): Promise<BibliographySource | undefined> {
    const key = uri.toString();
    let pending = this.sources.get(key);
    if (!pending) {
      pending = this.parse(uri);
      this.sources.set(key, pending);
      this.watch(uri);
    }
    return pending;
  }

  private async parse(uri: vscode.Uri): Promise<BibliographySource | undefined> {
    // The parsers (BibTeX with its LaTeX grammar, RIS, YAML) load on first use, not at activation.
    const [{ bibliographyFormatOf }, { parseBibliographySliced }] = await Promise.all([import('../core/bibliography/parseBibliography'), import('../core/bibliography/sliced')]);
    const format = bibliographyFormatOf(uri.path);
    const text = await this.readText(uri);
    if (text === undefined || format === undefined) {
      this.diagnostics.delete(uri);
      return undefined;
    }
    const started = Date.now();
    const parsed = await parseBibliographySliced(text, format, pause);
    const starts = lineStarts(text);
    const entries: LibraryEntry[] = parsed.entries.map((e) => {
      const { line, character } = positionOf(starts, e.keyOffset);
      return { key: e.key, item: e.item, source: uri.toString(), line, character };
    });
    this.diagnostics.set(uri, parsed.problems.map(toDiagnostic));
    this.log.info(`bibliography ${uri.toString(true)}: ${entries.length} entries, ${parsed.problems.length} problems, ${Date.now() - started} ms`);
    return { id: uri.toString(), label: uri.path.split('/').pop() ?? uri.path, entries, problems: parsed.problems };
  }

  /** The text of a file: from its editor when open (unsaved edits count), else from disk. */
  private async readText(uri: vscode.Uri): Promise<string | undefined> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open) return open.getText();
    try {
      return decoder.decode(await vscode.workspace.fs.readFile(uri));
    } catch {
      return undefined;
    }
  }

  private async expandSetting(entry: string): Promise<vscode.Uri[]> {
    const isAbsolute = entry.startsWith('/') || /^[a-zA-Z]:[\\/]/.test(entry);
    if (!/[*?[{]/.test(entry)) {
      if (isAbsolute) return [vscode.Uri.file(entry)];
      return (vscode.workspace.workspaceFolders ?? []).map((f) => vscode.Uri.joinPath(f.uri, entry));
    }
    if (isAbsolute) {
      const slash = entry.replace(/\\/g, '/');
      const base = slash.slice(0, slash.search(/[*?[{]/)).replace(/\/[^/]*$/, '');
      return vscode.workspace.findFiles(new vscode.RelativePattern(vscode.Uri.file(base), slash.slice(base.length + 1)));
    }
    return vscode.workspace.findFiles(entry);
  }

  private watch(uri: vscode.Uri): void {
    const key = uri.toString();
    if (this.watchers.has(key) || uri.scheme !== 'file') return;
    const folder = vscode.Uri.joinPath(uri, '..');
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(folder, uri.path.split('/').pop() ?? ''));
    const reload = () => this.invalidate(uri);
    this.watchers.set(key, vscode.Disposable.from(watcher, watcher.onDidChange(reload), watcher.onDidCreate(reload), watcher.onDidDelete(reload)));
  }

  private invalidate(uri: vscode.Uri): void {
    this.sources.delete(uri.toString());
    this.changed();
  }

  private changed(): void {
    this.generation++;
    this.emitter.fire();
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    for (const w of this.watchers.values()) w.dispose();
    this.diagnostics.dispose();
    this.emitter.dispose();
  }
}

function toDiagnostic(p: BibliographyProblem): vscode.Diagnostic {
  const range = new vscode.Range(p.line, p.column, p.endLine, p.endColumn);
  const d = new vscode.Diagnostic(range, p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.code = p.code;
  d.source = 'Resistance Atlas';
  return d;
}
