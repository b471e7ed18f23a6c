import { asCardProse, DISPLAY_LIMITS, present, safeLinkUrl, truncate } from './display-text';
import type { CheckResultWord, CheckRowView, ProductChangesFactsView, ReadinessReportView } from './views';

/** A check outcome as the checks module names it. */
export type CheckOutcome = 'pass' | 'fail' | 'warn' | 'unknown';

const WORDS: Record<CheckOutcome, CheckResultWord> = {
  pass: 'Passed',
  fail: 'Failed',
  warn: 'Warning',
  unknown: 'Unknown',
};

/** The display word for a check outcome: Passed, Failed, Warning or Unknown. */
export function checkResultWord(outcome: CheckOutcome): CheckResultWord {
  return WORDS[outcome];
}

const LOOK: Record<CheckResultWord, { symbol: string; color: string }> = {
  Passed: { symbol: '✔', color: 'Good' },
  Failed: { symbol: '✖', color: 'Attention' },
  Warning: { symbol: '⚠', color: 'Warning' },
  Unknown: { symbol: '?', color: 'Accent' },
};

/** Template data of one check row (the same in every card that shows checks). */
export interface CheckRowData {
  title: string;
  result: CheckResultWord;
  symbol: string;
  color: string;
  reason: string;
  hasReason: boolean;
  remediation: string;
  showRemediation: boolean;
  remediationLink: string;
  showRemediationLink: boolean;
}

function checkRowData(check: CheckRowView): CheckRowData {
  const look = LOOK[check.result] ?? LOOK.Unknown;
  const result: CheckResultWord = check.result in LOOK ? check.result : 'Unknown';
  const needsFix = result !== 'Passed';
  const url = needsFix ? safeLinkUrl(check.remediationUrl) : undefined;
  return {
    title: truncate(check.title, DISPLAY_LIMITS.title),
    result,
    symbol: look.symbol,
    color: look.color,
    reason: truncate(asCardProse(check.reason), DISPLAY_LIMITS.line),
    hasReason: present(check.reason),
    remediation: truncate(asCardProse(check.remediation), DISPLAY_LIMITS.line),
    showRemediation: needsFix && present(check.remediation),
    // Our own markdown: a fixed link text and a URL made safe for link syntax.
    remediationLink: url ? `[How to fix](${url})` : '',
    showRemediationLink: url !== undefined,
  };
}

/** Template data of the readiness section: summary line, rows, time. */
export interface CheckSectionData {
  summary: string;
  summaryColor: string;
  checks: CheckRowData[];
  checkedAt: string;
}

/** Maps a readiness report to the data of the check section. */
export function checkSectionData(report: ReadinessReportView): CheckSectionData {
  const checks = report.checks.map(checkRowData);
  const count = (word: CheckResultWord): number => checks.filter((c) => c.result === word).length;
  const failed = count('Failed');
  const warnings = count('Warning');
  const unknown = count('Unknown');
  const passed = count('Passed');
  const summary =
    checks.length === 0
      ? 'No checks ran.'
      : `${passed} passed · ${failed} failed · ${warnings} ${warnings === 1 ? 'warning' : 'warnings'} · ${unknown} unknown`;
  const summaryColor = failed > 0 ? 'Attention' : warnings + unknown > 0 || checks.length === 0 ? 'Warning' : 'Good';
  return { summary, summaryColor, checks, checkedAt: truncate(report.checkedAt, DISPLAY_LIMITS.shortWord) };
}

/** Template data of the product-changes section. */
export interface ProductChangesSectionData {
  workspaceName: string;
  subscription: string;
  rulesIntro: string;
  rules: Array<{ displayName: string; product: string }>;
  hasMoreRules: boolean;
  moreRulesText: string;
  previewPath: boolean;
  alertsText: string;
}

/** Point 4 of the product changes, as the Defender XDR connector check found it (never "on" under a check that did not pass). */
function alertsText(xdrConnector: CheckResultWord | undefined): string {
  const streams = 'All Defender XDR alerts stream from the Defender XDR connector';
  switch (xdrConnector) {
    case 'Passed':
      return `${streams} (its incidents and alerts data types are on).`;
    case 'Failed':
      return `${streams}, which needs its incidents and alerts data types on: they are not yet (see the Defender XDR connector check).`;
    case 'Unknown':
      return `${streams}, which needs its incidents and alerts data types on: the bot could not read them (see the Defender XDR connector check).`;
    case 'Warning':
      return `${streams} once the tenant has Defender XDR; until then no connector is needed (see the Defender XDR connector check).`;
    default:
      return `${streams}, which needs its incidents and alerts data types on.`;
  }
}

/** Rules listed by name; the rest are counted, so a card stays well inside Teams' size limit. */
export const MAX_LISTED_RULES = 20;

/** Maps the product changes of a connect to the data of their section. */
export function productChangesSectionData(workspaceName: string, changes: ProductChangesFactsView): ProductChangesSectionData {
  const subscription = present(changes.subscriptionName) ? `${changes.subscriptionName} (${changes.subscriptionId})` : changes.subscriptionId;
  const all = changes.incidentCreationRules;
  const rules = all.slice(0, MAX_LISTED_RULES).map((rule) => ({
    displayName: truncate(rule.displayName, DISPLAY_LIMITS.name * 2),
    product: truncate(rule.product, DISPLAY_LIMITS.name),
  }));
  return {
    workspaceName: truncate(workspaceName, DISPLAY_LIMITS.workspaceName),
    subscription: truncate(subscription, DISPLAY_LIMITS.name * 2),
    rulesIntro:
      all.length === 0
        ? 'None: the workspace has no enabled Microsoft security incident creation rules to deactivate.'
        : all.length === 1
          ? 'These active Microsoft security incident creation rule is deactivated:'
          : `These ${all.length} active Microsoft security incident creation rules are deactivated:`,
    rules,
    hasMoreRules: all.length > rules.length,
    moreRulesText: `…and ${all.length - rules.length} more.`,
    previewPath: !changes.hasDefenderXdr,
    alertsText: alertsText(changes.xdrConnector),
  };
}
