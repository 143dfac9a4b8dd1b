import * as vscode from 'vscode';
import type { KnowledgeBaseIndex } from '../core/knowledgeBase';
import { knowledgeBaseFromBytes, type ReadExtensionFile } from './extensionFiles';

/** Context key the Mechanisms view's welcome content reads: "loading", "loaded" or "failed". */
export const KB_STATE_CONTEXT = 'resistanceAtlas.knowledgeBaseState';

/** The loaded knowledge base, or why it could not be loaded. */
export class KnowledgeBaseState implements vscode.Disposable {
  private kb: KnowledgeBaseIndex | undefined;
  private failure: string | undefined;
  private loading: Promise<KnowledgeBaseIndex | undefined> | undefined;
  /**
   * Wall-clock milliseconds of the last load: reading the file, then parsing and indexing it;
   * `finishedAt` is performance.now() when it ended.
   */
  readonly lastLoad = { readMs: 0, indexMs: 0, finishedAt: 0 };
  private readonly emitter = new vscode.EventEmitter<void>();
  readonly onDidChange = this.emitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly readFile: ReadExtensionFile,
    private readonly log: vscode.LogOutputChannel,
  ) {}

  get current(): KnowledgeBaseIndex | undefined {
    return this.kb;
  }

  get error(): string | undefined {
    return this.failure;
  }

  /** The knowledge base once the current load has finished (undefined if it failed). */
  async settled(): Promise<KnowledgeBaseIndex | undefined> {
    await this.loading;
    return this.kb;
  }

  /**
   * Loads the knowledge base: before returning when the extension's files are read synchronously
   * (the Node host), so that it is there as soon as activate() returns; else when the read ends.
   */
  load(): Promise<KnowledgeBaseIndex | undefined> {
    this.loading = this.doLoad();
    return this.loading;
  }

  private async doLoad(): Promise<KnowledgeBaseIndex | undefined> {
    void vscode.commands.executeCommand('setContext', KB_STATE_CONTEXT, 'loading');
    try {
      const t0 = performance.now();
      const read = this.readFile(vscode.Uri.joinPath(this.extensionUri, 'dist', 'knowledge-base.json'));
      // (No await on a synchronous read: the rest of this function then runs before load() returns.)
      const bytes = read instanceof Uint8Array ? read : await read;
      const t1 = performance.now();
      this.kb = knowledgeBaseFromBytes(bytes);
      this.lastLoad.readMs = t1 - t0;
      this.lastLoad.indexMs = performance.now() - t1;
      this.failure = undefined;
      this.log.info(`knowledge base: ${this.kb.mechanisms.length} mechanisms, ${this.kb.concepts.length} concepts, ${this.kb.references.length} references`);
    } catch (e) {
      this.kb = undefined;
      this.failure = e instanceof Error ? e.message : String(e);
      this.log.error(`knowledge base could not be loaded: ${this.failure}`);
    }
    this.lastLoad.finishedAt = performance.now();
    void vscode.commands.executeCommand('setContext', KB_STATE_CONTEXT, this.kb ? 'loaded' : 'failed');
    this.emitter.fire();
    return this.kb;
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
