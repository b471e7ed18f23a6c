import { checkResultWord, renderReadinessReportCard } from '../../src/cards';
import { actions, allText, checkRows, expectValidCard, LONG, ofType, renderToElement, runTexts } from './card-harness';
import { CHECKS, readiness, WS_ID } from './sample-views';

describe('readiness report card', () => {
  it('shows the workspace, who it was checked for, one row per check, and the time', () => {
    const card = renderReadinessReportCard(readiness());
    expectValidCard(card);
    expect(actions(card)).toEqual([]);
    const runs = runTexts(card);
    expect(runs).toEqual(expect.arrayContaining(['law-soc-prod', 'Amira Haddad', '12 May 2025, 14:03 UTC']));
    // The resource id is in a wrapping TextBlock (long-ids-wrap.test.ts).
    expect(ofType(card, 'TextBlock').map((b) => b.text)).toContain(WS_ID);
    const rows = checkRows(card);
    expect(rows.map((r) => r.title)).toEqual(CHECKS.map((c) => c.title));
    expect(rows.map((r) => r.result)).toEqual(['Passed', 'Passed', 'Failed', 'Warning', 'Unknown']);
    expect(rows.map((r) => r.symbol)).toEqual(['✔', '✔', '✖', '⚠', '?']);
    expect(rows.map((r) => r.color)).toEqual(['Good', 'Good', 'Attention', 'Warning', 'Accent']);
    expect(allText(card)).toContain('2 passed · 1 failed · 1 warning · 1 unknown');
  });

  it('shows remediation and its link only for checks that did not pass', () => {
    const card = renderReadinessReportCard(
      readiness({
        checks: [
          { title: 'Passing', result: 'Passed', reason: 'ok', remediation: 'never shown', remediationUrl: 'https://example.com/never' },
          CHECKS[2],
          CHECKS[4],
        ],
      }),
    );
    expectValidCard(card);
    const rows = checkRows(card);
    expect(rows[0].text).not.toContain('never shown');
    expect(rows[0].text).not.toContain('example.com');
    expect(rows[1].text).toContain(CHECKS[2].remediation);
    expect(rows[1].text).toContain('[How to fix](https://learn.microsoft.com/azure/sentinel/connect-microsoft-365-defender)');
    expect(rows[2].text).toContain('[How to fix](https://learn.microsoft.com/unified-secops-platform/microsoft-sentinel-onboard#prerequisites)');
    const html = renderToElement(card).innerHTML;
    expect(html).toContain('href="https://learn.microsoft.com/azure/sentinel/connect-microsoft-365-defender"');
  });

  it('drops links that are not https or could break out of link syntax', () => {
    const card = renderReadinessReportCard(
      readiness({
        checks: [
          { title: 'a', result: 'Failed', reason: 'r', remediationUrl: 'javascript:alert(1)' },
          { title: 'b', result: 'Failed', reason: 'r', remediationUrl: 'https://example.com/a) [evil](http://evil' },
        ],
      }),
    );
    expectValidCard(card);
    const links = ofType(card, 'TextBlock')
      .map((b) => b.text as string)
      .filter((t) => t.startsWith('[How to fix]'));
    expect(links).toEqual(['[How to fix](https://example.com/a%29%20%5Bevil%5D%28http://evil)']);
  });

  it('says so when no check ran', () => {
    const card = renderReadinessReportCard(readiness({ checks: [] }));
    expectValidCard(card);
    expect(checkRows(card)).toEqual([]);
    expect(allText(card)).toContain('No checks ran.');
  });

  it('colours the summary: good when all passed, attention when one failed', () => {
    const good = renderReadinessReportCard(readiness({ checks: [CHECKS[0]] }));
    expect(ofType(good, 'TextBlock').find((b) => b.text === '1 passed · 0 failed · 0 warnings · 0 unknown')?.color).toBe('Good');
    const bad = renderReadinessReportCard(readiness());
    expect(ofType(bad, 'TextBlock').find((b) => String(b.text).startsWith('2 passed'))?.color).toBe('Attention');
  });

  it('truncates very long names and reasons with an ellipsis', () => {
    const card = renderReadinessReportCard(
      readiness({ workspaceName: LONG, checkedFor: LONG, checks: [{ title: LONG, result: 'Failed', reason: LONG, remediation: LONG }] }),
    );
    expectValidCard(card);
    for (const text of runTexts(card)) expect([...text].length).toBeLessThanOrEqual(512);
    expect(runTexts(card).filter((t) => t.endsWith('…')).length).toBeGreaterThanOrEqual(5);
  });

  it('maps check outcomes to the contract words', () => {
    expect(['pass', 'fail', 'warn', 'unknown'].map((o) => checkResultWord(o as 'pass'))).toEqual(['Passed', 'Failed', 'Warning', 'Unknown']);
  });
});
