import type { AdaptiveCard } from './adaptive-card';
import { ensureCardFits, splitToFit } from './card-size';
import { DISPLAY_LIMITS, truncate } from './display-text';
import type { CheckResultWord } from './views';

/** One workspace of `check all`: where it is, its result word and what blocks it. */
export interface CheckAllRowView {
  workspaceName: string;
  /** Resource group and subscription, e.g. "rg-soc · SOC Production". */
  where: string;
  result: CheckResultWord;
  /** Titles of the failed or unknown blocking checks, or the warnings of a Warning. */
  blockers: string[];
}

/** The `check all` progress card, updated while the checks run. */
export interface CheckAllProgressView {
  total: number;
  done: number;
  failed: number;
  unknown: number;
  /** Set when every workspace was checked: the report follows. */
  seconds?: number;
}

const COLOR: Record<CheckResultWord, string> = { Passed: 'Good', Failed: 'Attention', Warning: 'Warning', Unknown: 'Accent' };

const card = (body: unknown[]): AdaptiveCard => ({
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json',
  type: 'AdaptiveCard',
  version: '1.5',
  msteams: { width: 'Full' },
  body,
});

/** Text in TextRuns only: names from Azure are shown verbatim and inert. */
const runs = (...inlines: object[]) => ({ type: 'RichTextBlock', inlines: inlines.map((i) => ({ type: 'TextRun', ...i })) });

/** The progress card of `check all`. */
export function renderCheckAllProgressCard(view: CheckAllProgressView): AdaptiveCard {
  const finished = view.seconds !== undefined;
  const line = finished
    ? `Checked all ${view.total} workspaces with Microsoft Sentinel in ${view.seconds} s: the report follows.`
    : `Checked ${view.done} of ${view.total} workspaces with Microsoft Sentinel so far (${view.failed} failed, ${view.unknown} unknown).`;
  return ensureCardFits('check-all-progress', card([runs({ text: 'Readiness of every workspace', size: 'Medium', weight: 'Bolder' }), runs({ text: line })]));
}

/**
 * The `check all` report: one row per workspace in the given order, over as many cards as it takes
 * (each within the size limit); the last card ends with `totalsLine` and any `notes`.
 */
export function renderCheckAllReportCards(rows: readonly CheckAllRowView[], totalsLine: string, notes: readonly string[] = []): AdaptiveCard[] {
  const row = (r: CheckAllRowView) =>
    runs(
      { text: truncate(r.workspaceName, DISPLAY_LIMITS.workspaceName), weight: 'Bolder' },
      { text: ` · ${truncate(r.where, DISPLAY_LIMITS.line)} · ` },
      { text: r.result, weight: 'Bolder', color: COLOR[r.result] },
      ...(r.blockers.length > 0 ? [{ text: `: ${truncate(r.blockers.join('; '), DISPLAY_LIMITS.guidance)}` }] : []),
    );
  return splitToFit(rows, (page, index, last) =>
    ensureCardFits(
      'check-all-report',
      card([
        runs({
          text: index === 0 ? 'Readiness of every workspace' : `Readiness of every workspace (continued, part ${index + 1})`,
          size: 'Medium',
          weight: 'Bolder',
        }),
        ...page.map(row),
        ...(last ? [...notes.map((n) => runs({ text: n, isSubtle: true })), runs({ text: totalsLine, weight: 'Bolder' })] : []),
      ]),
    ),
  );
}
