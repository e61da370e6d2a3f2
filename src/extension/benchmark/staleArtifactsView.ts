/**
 * The stale-artifact warnings of a run (core's `stale-artifact` validation issues, from the
 * provenance check before the tool starts) as the Benchmark panel's message, in the panel's language.
 */
import * as vscode from 'vscode';
import type { ValidationIssue } from '../../core/engine';
import type { StaleArtifactsMessage } from '../../shared/staleArtifacts';

export const STALE_ARTIFACT_RULE = 'stale-artifact';

export function staleArtifactsOf(issues: readonly ValidationIssue[]): ValidationIssue[] {
  return issues.filter((i) => i.rule === STALE_ARTIFACT_RULE);
}

export function staleArtifactsMessage(
  issues: readonly ValidationIssue[],
  lang: 'en' | 'zh',
): StaleArtifactsMessage {
  return {
    type: 'staleArtifacts',
    title: vscode.l10n.t('This run reuses files made under other conditions'),
    warnings: issues.map((i) => ({ message: i.message[lang], fix: i.fix[lang] })),
  };
}
