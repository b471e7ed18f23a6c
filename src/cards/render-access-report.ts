import type { AdaptiveCard } from './adaptive-card';
import { DISPLAY_LIMITS, factRows, present, safeLinkUrl, truncate } from './display-text';
import { expandCard } from './load-template';
import type { AccessReportView } from './views';

const LOOK = {
  Passed: { symbol: '✔', color: 'Good' },
  Failed: { symbol: '✖', color: 'Attention' },
  Unknown: { symbol: '?', color: 'Accent' },
} as const;

/** The `doctor` card: the cloud, a totals line, one row per access with how to grant what is missing. */
export function renderAccessReportCard(view: AccessReportView): AdaptiveCard {
  const count = (word: keyof typeof LOOK) => view.rows.filter((r) => r.result === word).length;
  const [passed, failed, unknown] = [count('Passed'), count('Failed'), count('Unknown')];
  const rows = view.rows.map((row) => {
    const look = LOOK[row.result] ?? LOOK.Unknown;
    const needsGrant = row.result !== 'Passed' && row.commands.length > 0;
    const url = row.result !== 'Passed' ? safeLinkUrl(row.url) : undefined;
    return {
      title: truncate(row.title, DISPLAY_LIMITS.title),
      result: row.result,
      symbol: look.symbol,
      color: look.color,
      purpose: truncate(row.purpose, DISPLAY_LIMITS.line),
      reason: truncate(row.reason, DISPLAY_LIMITS.guidance),
      hasGrant: needsGrant,
      commands: needsGrant ? row.commands.map((line) => ({ line: truncate(line, DISPLAY_LIMITS.guidance) })) : [],
      portal: truncate(row.portal, DISPLAY_LIMITS.guidance),
      // Our own markdown: a fixed link text and a URL made safe for link syntax.
      link: url ? `[How to grant it](${url})` : '',
      hasLink: url !== undefined,
    };
  });
  return expandCard('access-report', {
    facts: factRows([['Cloud', view.cloud, DISPLAY_LIMITS.name]]),
    summary: `${view.rows.length} accesses: ${passed} passed · ${failed} failed · ${unknown} unknown`,
    summaryColor: failed > 0 ? 'Attention' : unknown > 0 ? 'Warning' : 'Good',
    rows,
    checkedAt: present(view.checkedAt) ? truncate(view.checkedAt, DISPLAY_LIMITS.shortWord) : '',
  });
}
