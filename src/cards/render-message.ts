import type { AdaptiveCard } from './adaptive-card';
import { asCardProse, DISPLAY_LIMITS, present, truncate } from './display-text';
import { expandCard } from './load-template';
import type { MessageView, NoticeStyle } from './views';

const STYLE: Record<NoticeStyle, string> = { default: 'default', good: 'good', warning: 'warning', attention: 'attention' };

/** A generic info or error card: what happened and what to do next. */
export function renderMessageCard(view: MessageView): AdaptiveCard {
  return expandCard('message', {
    style: STYLE[view.style ?? 'default'] ?? 'default',
    title: truncate(asCardProse(view.title), DISPLAY_LIMITS.title),
    text: truncate(present(view.text) ? asCardProse(view.text) : ' ', DISPLAY_LIMITS.guidance),
    hasNextStep: present(view.nextStep),
    nextStep: truncate(asCardProse(view.nextStep), DISPLAY_LIMITS.line),
  });
}
