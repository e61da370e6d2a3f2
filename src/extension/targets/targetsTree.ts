/**
 * The Targets view: Local plus SSH hosts, each with what the last "Check connection" found as its
 * description and tooltip. Nodes are `{ kind, treeItem, parent }`; `kind` is the contextValue the
 * menus match. `getChildren` reads the registry's cache only: no I/O, no UI.
 */
import * as vscode from 'vscode';
import type { TargetFacts, TargetRegistry } from './targetRegistry';
import type { TargetRef } from './targetRef';

export type TargetNodeKind = 'target-local' | 'target-ssh';

export interface TargetNode {
  kind: TargetNodeKind;
  treeItem: vscode.TreeItem;
  parent: undefined;
  target: TargetRef;
}

export class TargetsTreeProvider implements vscode.TreeDataProvider<TargetNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<TargetNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly subs: vscode.Disposable[];
  private requested = false;

  constructor(private readonly registry: TargetRegistry) {
    this.subs = [
      registry.onDidChange(() => this.changed.fire(undefined)),
      registry.onDidChangeFacts(() => this.changed.fire(undefined)),
    ];
  }

  getTreeItem(node: TargetNode): vscode.TreeItem {
    return node.treeItem;
  }

  getChildren(node?: TargetNode): TargetNode[] {
    if (node) return [];
    if (!this.requested) {
      // The first look starts the (asynchronous) read of the ssh config; the view refreshes after.
      this.requested = true;
      void this.registry.whenLoaded();
    }
    return this.registry.list().map((t) => this.nodeOf(t));
  }

  getParent(): undefined {
    return undefined;
  }

  /** The nodes as currently shown (tests read them). */
  nodes(): TargetNode[] {
    return this.registry.list().map((t) => this.nodeOf(t));
  }

  private nodeOf(target: TargetRef): TargetNode {
    const facts = this.registry.factsOf(target.id);
    const item = new vscode.TreeItem(target.label, vscode.TreeItemCollapsibleState.None);
    item.id = target.id;
    const kind: TargetNodeKind = target.kind === 'local' ? 'target-local' : 'target-ssh';
    item.contextValue = kind;
    item.iconPath = new vscode.ThemeIcon(
      facts && !facts.reachable ? 'warning' : target.kind === 'local' ? 'vm' : 'remote',
    );
    item.description = shortFactsText(facts) ?? (target.kind === 'ssh' ? target.destination : undefined);
    item.tooltip = tooltipOf(target, facts);
    return { kind, treeItem: item, parent: undefined, target };
  }

  dispose(): void {
    for (const s of this.subs) s.dispose();
    this.changed.dispose();
  }
}

/**
 * What fits beside the name in a side bar: the facts line, or only *that* the check failed (the
 * reason is a sentence with a path in it, cut off mid-word at any width; it is in the tooltip).
 */
export function shortFactsText(facts: TargetFacts | undefined): string | undefined {
  if (!facts) return undefined;
  if (!facts.reachable) return vscode.l10n.t('unreachable (hover for why)');
  if (facts.problem) return vscode.l10n.t('check failed (hover for why)');
  return describeFacts(facts);
}

/** One line: `load_and_run 1.9 · aarch64 · 8 cores`, or why the check failed. */
export function describeFacts(facts: TargetFacts | undefined): string | undefined {
  if (!facts) return undefined;
  if (!facts.reachable || facts.problem) return facts.problem ?? vscode.l10n.t('unreachable');
  const parts: string[] = [];
  if (facts.version) parts.push(facts.version);
  if (facts.arch) parts.push(facts.arch);
  if (facts.cores) parts.push(vscode.l10n.t('{0} cores', facts.cores));
  return parts.join(' · ') || vscode.l10n.t('reachable');
}

function tooltipOf(target: TargetRef, facts: TargetFacts | undefined): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, false);
  md.appendText(target.label);
  md.appendMarkdown('\n\n');
  if (target.kind === 'ssh') {
    md.appendText(`${vscode.l10n.t('SSH destination')}: ${target.destination}`);
    if (target.resolved && target.resolved !== target.destination) md.appendText(` (${target.resolved})`);
    md.appendMarkdown('\n\n');
    md.appendText(
      target.source === 'settings'
        ? vscode.l10n.t('From the lar-explorer.targets setting')
        : vscode.l10n.t('From your ssh config'),
    );
    md.appendMarkdown('\n\n');
  } else {
    md.appendText(vscode.l10n.t('This machine'));
    md.appendMarkdown('\n\n');
  }
  if (!facts) {
    md.appendText(vscode.l10n.t('Not checked yet: right-click → Check Connection.'));
    return md;
  }
  md.appendText(`${vscode.l10n.t('Checked')}: ${new Date(facts.checkedAt).toLocaleString()}`);
  md.appendMarkdown('\n\n');
  md.appendText(describeFacts(facts) ?? '');
  if (facts.missingFlags && facts.missingFlags.length > 0) {
    md.appendMarkdown('\n\n');
    md.appendText(
      `${vscode.l10n.t('Flags this binary lacks')}: ${facts.missingFlags.map((f) => `--${f}`).join(' ')}`,
    );
  }
  return md;
}
