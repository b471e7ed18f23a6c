import { renderProductChangesCard } from '../../src/cards';
import { actions, allText, checkRows, expectRequestData, expectValidCard, inputIds, LONG, runTexts, verbs } from './card-harness';
import { productChanges, readiness, REQUEST_ID, SUB_ID } from './sample-views';

describe('product changes card', () => {
  it('shows readiness and the four product changes made concrete, with submit and cancel', () => {
    const card = renderProductChangesCard(productChanges());
    expectValidCard(card);
    expect(inputIds(card)).toEqual([]);
    expect(verbs(card)).toEqual(['request.submit', 'request.cancel']);
    for (const action of actions(card)) expectRequestData(action, REQUEST_ID, 3);
    expect(actions(card).find((a) => a.verb === 'request.submit')?.title).toBe('Submit for approval');
    expect(checkRows(card).map((r) => r.result)).toEqual(['Passed', 'Passed', 'Failed', 'Warning', 'Unknown']);

    const text = allText(card);
    expect(text).toContain('advanced hunting');
    expect(runTexts(card)).toContain('law-soc-prod');
    expect(text).toContain('Microsoft Sentinel Contributor is assigned to the Microsoft Threat Protection and WindowsDefenderATP apps in subscription');
    expect(runTexts(card)).toContain(`Contoso Security (${SUB_ID})`);
    expect(runTexts(card)).toEqual(
      expect.arrayContaining([
        'Create incidents from Microsoft Defender for Cloud',
        'Azure Security Center',
        'Create incidents from Entra ID Protection',
        'Azure Active Directory Identity Protection',
      ]),
    );
    expect(text).toContain('These 2 active Microsoft security incident creation rules are deactivated:');
    expect(text).toContain('All Defender XDR alerts stream from the Defender XDR connector');
    expect(text).not.toContain('Preview path');
    expect(text).not.toContain('cannot be submitted');
  });

  it('says "none" when no incident creation rule is enabled, and shows the preview path without Defender XDR', () => {
    const base = productChanges();
    const card = renderProductChangesCard(
      productChanges({ changes: { ...base.changes, subscriptionName: undefined, incidentCreationRules: [], hasDefenderXdr: false } }),
    );
    expectValidCard(card);
    const text = allText(card);
    expect(text).toContain('None: the workspace has no enabled Microsoft security incident creation rules to deactivate.');
    expect(runTexts(card)).toContain(SUB_ID);
    expect(text).toContain('Preview path: this tenant has no Defender XDR');
    expect(text).toContain('open Investigation & response > Incidents in the Defender portal and wait a few minutes');
  });

  it('offers no submit button when canSubmit is false, and names the blocking checks', () => {
    const card = renderProductChangesCard(productChanges({ canSubmit: false, blockingChecks: ['Defender XDR connector streams incidents and alerts'] }));
    expectValidCard(card);
    expect(verbs(card)).toEqual(['request.cancel']);
    const text = allText(card);
    expect(text).toContain('This request cannot be submitted yet.');
    expect(text).toContain('Fix these checks, then run connect again:');
    expect(runTexts(card)).toContain('Defender XDR connector streams incidents and alerts');
  });

  it('still explains itself when blocked without a list of checks', () => {
    const card = renderProductChangesCard(productChanges({ canSubmit: false, blockingChecks: [] }));
    expectValidCard(card);
    expect(verbs(card)).toEqual(['request.cancel']);
    expect(allText(card)).toContain('Fix the checks that did not pass, then run connect again.');
  });

  it('lists at most 20 rules by name and counts the rest', () => {
    const base = productChanges();
    const incidentCreationRules = Array.from({ length: 23 }, (_, i) => ({ displayName: `Rule ${i + 1}`, product: 'Azure Security Center' }));
    const card = renderProductChangesCard(productChanges({ changes: { ...base.changes, incidentCreationRules } }));
    expectValidCard(card);
    const text = allText(card);
    expect(text).toContain('These 23 active Microsoft security incident creation rules are deactivated:');
    expect(runTexts(card)).toContain('Rule 20');
    expect(runTexts(card)).not.toContain('Rule 21');
    expect(text).toContain('…and 3 more.');
  });

  it('copes with no checks and very long names', () => {
    const base = productChanges();
    const card = renderProductChangesCard(
      productChanges({
        report: readiness({ workspaceName: LONG, checks: [] }),
        changes: { ...base.changes, subscriptionName: LONG, incidentCreationRules: [{ displayName: LONG, product: LONG }] },
      }),
    );
    expectValidCard(card);
    for (const text of runTexts(card)) expect([...text].length).toBeLessThanOrEqual(512);
  });
});
