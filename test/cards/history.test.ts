import { renderHistoryCard } from '../../src/cards';
import { actions, allText, expectValidCard, HOSTILE, LONG, MARK, placesOf, renderToElement, runTexts } from './card-harness';

describe('history card', () => {
  it('lists audit entries with time, who and what, and no buttons', () => {
    const card = renderHistoryCard({
      intro: 'The last 2 entries of the audit log, newest first, refused attempts included.',
      entries: [
        { at: '29 Nov 2026, 10:02 UTC', actor: 'Dana Okafor', what: 'Refused to approve the disconnect request for law-soc-prod: You asked for this change.' },
        { at: '29 Nov 2026, 10:01 UTC', actor: 'The bot', what: 'The disconnect request for law-soc-prod expired' },
      ],
      asOf: '29 Nov 2026, 10:05 UTC',
    });
    expectValidCard(card);
    expect(actions(card)).toEqual([]);
    expect(runTexts(card)).toEqual(expect.arrayContaining(['Audit history', 'Dana Okafor', 'The bot', '29 Nov 2026, 10:05 UTC']));
    expect(allText(card)).not.toContain('Nothing has been recorded yet.');
  });

  it('says so when the log is empty', () => {
    const card = renderHistoryCard({ intro: 'All 0 entries.', entries: [] });
    expectValidCard(card);
    expect(allText(card)).toContain('Nothing has been recorded yet.');
  });

  it('keeps user text verbatim and inert, only in TextRuns, and copes with long text', () => {
    const card = renderHistoryCard({
      intro: HOSTILE,
      entries: [
        { at: HOSTILE, actor: HOSTILE, what: `Gave the reason (reason: ${HOSTILE})` },
        { at: LONG, actor: LONG, what: LONG },
      ],
    });
    expectValidCard(card, { userTextHasDollar: true });
    for (const place of placesOf(card, MARK)) expect(`${place.type}.${place.key}`).toBe('TextRun.text');
    const element = renderToElement(card);
    expect(element.querySelectorAll('a[href="http://evil"], img, strong, em')).toHaveLength(0);
    for (const text of runTexts(card)) expect([...text].length).toBeLessThanOrEqual(1000);
  });
});
