import type { AdaptiveCard } from './adaptive-card';
import { DISPLAY_LIMITS, present, truncate } from './display-text';
import { foldToFit } from './card-size';
import { expandCard } from './load-template';
import type { HistoryView } from './views';

/**
 * The `history [n]` card: audit entries newest first, refused attempts included, all text in TextRuns.
 * As many entries as fit in one card; the older rest is counted, with where to read the whole log.
 */
export function renderHistoryCard(view: HistoryView): AdaptiveCard {
  const events = view.entries.map((e) => ({
    at: truncate(e.at, DISPLAY_LIMITS.shortWord),
    actor: truncate(e.actor, DISPLAY_LIMITS.name),
    what: truncate(e.what, DISPLAY_LIMITS.guidance),
  }));
  return foldToFit(events, (shown, folded) =>
    expandCard('history', {
      intro: truncate(view.intro, DISPLAY_LIMITS.line),
      hasEvents: shown.length > 0,
      events: shown,
      hasFolded: folded > 0,
      foldedText:
        `…and ${folded} older ${folded === 1 ? 'entry' : 'entries'}, left out to keep this card within Teams' size limit: ` +
        `ask for fewer ("history ${shown.length}") or export the whole log ("npm run audit:export").`,
      hasAsOf: present(view.asOf),
      asOf: truncate(view.asOf, DISPLAY_LIMITS.shortWord),
    }),
  );
}
