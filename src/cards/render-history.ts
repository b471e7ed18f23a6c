import type { AdaptiveCard } from './adaptive-card';
import { DISPLAY_LIMITS, present, truncate } from './display-text';
import { expandCard } from './load-template';
import type { HistoryView } from './views';

/** The `history [n]` card: audit entries newest first, refused attempts included, all text in TextRuns. */
export function renderHistoryCard(view: HistoryView): AdaptiveCard {
  const events = view.entries.map((e) => ({
    at: truncate(e.at, DISPLAY_LIMITS.shortWord),
    actor: truncate(e.actor, DISPLAY_LIMITS.name),
    what: truncate(e.what, DISPLAY_LIMITS.guidance),
  }));
  return expandCard('history', {
    intro: truncate(view.intro, DISPLAY_LIMITS.line),
    hasEvents: events.length > 0,
    events,
    hasAsOf: present(view.asOf),
    asOf: truncate(view.asOf, DISPLAY_LIMITS.shortWord),
  });
}
