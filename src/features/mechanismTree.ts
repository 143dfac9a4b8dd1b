import * as vscode from 'vscode';
import { authorYearLabel } from '../core/citations/referenceLabel';
import type { KnowledgeBaseIndex } from '../core/knowledgeBase';
import type { MechanismCoverage } from '../core/manuscript/coverage';
import { escapeMarkdown } from '../core/markdown';
import type { CslItem, GlossaryConcept, Mechanism, Strategy } from '../core/model';
import type { KnowledgeBaseState } from '../vscode/knowledgeBaseState';

export const MECHANISMS_VIEW = 'resistanceAtlas.mechanisms';

type SectionKind = 'terms' | 'strategies' | 'references';

/** A node of the Mechanisms view. Reference nodes are what "Insert Citation" receives from the view. */
export type MechanismTreeNode =
  | { readonly kind: 'mechanism'; readonly mechanism: Mechanism }
  | { readonly kind: 'summary'; readonly mechanism: Mechanism }
  | { readonly kind: 'section'; readonly mechanism: Mechanism; readonly section: SectionKind }
  | { readonly kind: 'term'; readonly mechanism: Mechanism; readonly concept: GlossaryConcept }
  | { readonly kind: 'strategy'; readonly mechanism: Mechanism; readonly strategy: Strategy }
  | { readonly kind: 'reference'; readonly mechanism: Mechanism; readonly reference: CslItem };

const SECTION_LABELS: Record<SectionKind, string> = {
  terms: 'Key terms',
  strategies: 'Strategies to overcome it',
  references: 'References',
};

export class MechanismTreeProvider implements vscode.TreeDataProvider<MechanismTreeNode> {
  private readonly emitter = new vscode.EventEmitter<MechanismTreeNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  /** Top-level nodes are kept so that reveal() gets the same objects the view holds. */
  private roots: MechanismTreeNode[] = [];
  private coverage: { readonly document: string; readonly byMechanism: ReadonlyMap<string, MechanismCoverage> } | undefined;
  private gapsOnly = false;

  constructor(private readonly kbState: KnowledgeBaseState) {}

  refresh(): void {
    this.roots = [];
    this.emitter.fire(undefined);
  }

  /** Shows how the active manuscript (named `document`) covers each mechanism; undefined hides it. */
  setCoverage(document: string | undefined, coverage: readonly MechanismCoverage[] | undefined): void {
    this.coverage = document && coverage ? { document, byMechanism: new Map(coverage.map((c) => [c.mechanismId, c])) } : undefined;
    this.refresh();
  }

  coverageOf(mechanismId: string): MechanismCoverage | undefined {
    return this.coverage?.byMechanism.get(mechanismId);
  }

  /** Shows only the mechanisms the active manuscript does not discuss, or discusses without a citation. */
  setGapsOnly(on: boolean): void {
    this.gapsOnly = on;
    this.refresh();
  }

  rootOf(mechanismId: string): MechanismTreeNode | undefined {
    return this.rootNodes().find((n) => n.mechanism.id === mechanismId);
  }

  private rootNodes(): MechanismTreeNode[] {
    const kb = this.kbState.current;
    if (!kb) return [];
    if (this.roots.length === 0) this.roots = kb.mechanisms.map((mechanism) => ({ kind: 'mechanism', mechanism }));
    return this.roots;
  }

  getChildren(node?: MechanismTreeNode): MechanismTreeNode[] {
    const kb = this.kbState.current;
    if (!kb) return [];
    if (!node) return this.gapsOnly && this.coverage ? this.rootNodes().filter((n) => this.coverageOf(n.mechanism.id)?.gap !== undefined) : this.rootNodes();
    const mechanism = node.mechanism;
    switch (node.kind) {
      case 'mechanism':
        return [
          { kind: 'summary', mechanism },
          { kind: 'section', mechanism, section: 'terms' },
          { kind: 'section', mechanism, section: 'strategies' },
          { kind: 'section', mechanism, section: 'references' },
        ];
      case 'section':
        return sectionChildren(kb, mechanism, node.section);
      default:
        return [];
    }
  }

  getParent(node: MechanismTreeNode): MechanismTreeNode | undefined {
    switch (node.kind) {
      case 'mechanism':
        return undefined;
      case 'summary':
      case 'section':
        return this.rootOf(node.mechanism.id);
      case 'term':
        return { kind: 'section', mechanism: node.mechanism, section: 'terms' };
      case 'strategy':
        return { kind: 'section', mechanism: node.mechanism, section: 'strategies' };
      case 'reference':
        return { kind: 'section', mechanism: node.mechanism, section: 'references' };
    }
  }

  getTreeItem(node: MechanismTreeNode): vscode.TreeItem {
    const kb = this.kbState.current;
    const m = node.mechanism;
    switch (node.kind) {
      case 'mechanism': {
        const item = new vscode.TreeItem(m.name, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `mechanism:${m.id}`;
        const c = this.coverageOf(m.id);
        let coverageText = '';
        if (c && this.coverage) {
          item.description = vscode.l10n.t('{0} mentions · {1} citations', c.mentions, c.citations);
          const gap = c.gap === 'not-discussed' ? vscode.l10n.t('not discussed') : c.gap === 'not-cited' ? vscode.l10n.t('discussed without a citation') : vscode.l10n.t('discussed and cited');
          coverageText = `\n\n*${escapeMarkdown(this.coverage.document)}*: ${escapeMarkdown(gap)}`;
        }
        item.tooltip = markdown(`**${escapeMarkdown(m.name)}**\n\n${escapeMarkdown(m.summary)}${coverageText}`);
        item.iconPath = c?.gap ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('problemsWarningIcon.foreground')) : new vscode.ThemeIcon('symbol-class');
        item.contextValue = 'mechanism';
        return item;
      }
      case 'summary': {
        const item = new vscode.TreeItem(vscode.l10n.t('Summary'), vscode.TreeItemCollapsibleState.None);
        item.id = `summary:${m.id}`;
        item.description = m.summary;
        item.tooltip = markdown(escapeMarkdown(m.summary));
        item.iconPath = new vscode.ThemeIcon('info');
        return item;
      }
      case 'section': {
        const count = kb ? sectionChildren(kb, m, node.section).length : 0;
        const item = new vscode.TreeItem(vscode.l10n.t(SECTION_LABELS[node.section]), count > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
        item.id = `${node.section}:${m.id}`;
        item.description = count > 0 ? String(count) : vscode.l10n.t('none in the seed review');
        item.iconPath = new vscode.ThemeIcon(node.section === 'terms' ? 'symbol-key' : node.section === 'strategies' ? 'lightbulb' : 'book');
        return item;
      }
      case 'term': {
        const c = node.concept;
        const item = new vscode.TreeItem(c.label, vscode.TreeItemCollapsibleState.None);
        item.id = `term:${m.id}:${c.id}`;
        item.description = (c.abbreviations ?? []).join(', ');
        const role = c.resistanceRole ? `\n\n**In resistance:** ${escapeMarkdown(c.resistanceRole)}` : '';
        item.tooltip = markdown(`**${escapeMarkdown(c.label)}**\n\n${escapeMarkdown(c.definition)}${role}`);
        item.iconPath = new vscode.ThemeIcon('symbol-key');
        item.contextValue = 'term';
        return item;
      }
      case 'strategy': {
        const s = node.strategy;
        const item = new vscode.TreeItem(s.name, vscode.TreeItemCollapsibleState.None);
        item.id = `strategy:${m.id}:${s.id}`;
        item.description = s.scope === 'general' ? vscode.l10n.t('general strategy') : undefined;
        item.tooltip = markdown(`**${escapeMarkdown(s.name)}**\n\n${escapeMarkdown(s.description)}`);
        item.iconPath = new vscode.ThemeIcon('lightbulb');
        return item;
      }
      case 'reference': {
        const r = node.reference;
        const item = new vscode.TreeItem(authorYearLabel(r), vscode.TreeItemCollapsibleState.None);
        item.id = `reference:${m.id}:${r.id}`;
        item.description = r.title;
        const printed = typeof r.custom?.printed === 'string' ? r.custom.printed : r.title ?? '';
        item.tooltip = markdown(`${escapeMarkdown(printed)}\n\n\`${r.id}\``);
        item.iconPath = new vscode.ThemeIcon('book');
        item.contextValue = 'reference';
        return item;
      }
    }
  }
}

function sectionChildren(kb: KnowledgeBaseIndex, mechanism: Mechanism, section: SectionKind): MechanismTreeNode[] {
  switch (section) {
    case 'terms':
      return mechanism.keyTerms.flatMap((id) => {
        const concept = kb.concept(id);
        return concept ? [{ kind: 'term' as const, mechanism, concept }] : [];
      });
    case 'strategies':
      return mechanism.strategies.flatMap((id) => {
        const strategy = kb.strategy(id);
        return strategy ? [{ kind: 'strategy' as const, mechanism, strategy }] : [];
      });
    case 'references':
      return mechanism.references.flatMap(({ key }) => {
        const reference = kb.reference(key);
        return reference ? [{ kind: 'reference' as const, mechanism, reference }] : [];
      });
  }
}

function markdown(text: string): vscode.MarkdownString {
  const md = new vscode.MarkdownString(text);
  md.supportHtml = false;
  md.isTrusted = false;
  return md;
}

/** The Mechanisms view's tree view, created once by the composition root. */
export function createMechanismsView(provider: MechanismTreeProvider): vscode.TreeView<MechanismTreeNode> {
  return vscode.window.createTreeView(MECHANISMS_VIEW, { treeDataProvider: provider, showCollapseAll: true });
}

/** The Mechanisms view: the ten mechanisms with their summary, key terms, strategies and references. */
export function registerMechanismTree(provider: MechanismTreeProvider, view: vscode.TreeView<MechanismTreeNode>, kbState: KnowledgeBaseState): vscode.Disposable {
  return vscode.Disposable.from(
    view,
    kbState.onDidChange(() => provider.refresh()),
    vscode.commands.registerCommand('resistanceAtlas.revealMechanism', async (mechanismId?: unknown) => {
      const node = typeof mechanismId === 'string' ? provider.rootOf(mechanismId) : undefined;
      if (!node) {
        void vscode.window.showWarningMessage(vscode.l10n.t('Unknown resistance mechanism: {0}', String(mechanismId)));
        return false;
      }
      await view.reveal(node, { select: true, focus: true, expand: true });
      return view.selection.some((n) => n.kind === 'mechanism' && n.mechanism.id === mechanismId);
    }),
    vscode.commands.registerCommand('resistanceAtlas.reloadKnowledgeBase', () => kbState.load()),
  );
}
