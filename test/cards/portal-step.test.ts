import { renderPortalStepCard } from '../../src/cards';
import { actions, allText, expectRequestData, expectValidCard, inputIds, LONG, ofType, runTexts, verbs } from './card-harness';
import { portalStep, REQUEST_ID } from './sample-views';

/** The numbered steps as plain lines. */
function steps(card: object): string[] {
  return ofType(card, 'RichTextBlock')
    .map((b) => (b.inlines as Array<{ text: string }>).map((r) => r.text).join(''))
    .filter((line) => /^\d+\. /.test(line));
}

describe('portal step card', () => {
  it('connect: numbered steps, the portal link, Open the Defender portal and Check now', () => {
    const card = renderPortalStepCard(portalStep());
    expectValidCard(card);
    expect(inputIds(card)).toEqual([]);
    expect(verbs(card)).toEqual(['connection.verify']);
    const verify = actions(card).find((a) => a.verb === 'connection.verify')!;
    expect(verify.title).toBe('Check now');
    expectRequestData(verify, REQUEST_ID, 5);
    expect(actions(card).find((a) => a.type === 'Action.OpenUrl')).toMatchObject({
      title: 'Open the Defender portal',
      url: 'https://security.microsoft.com/homepage',
    });
    expect(steps(card)).toEqual([
      '1. Go to System > Settings > Microsoft Sentinel and select Connect a workspace.',
      '2. Choose the workspace law-soc-prod.',
      '3. Review the product changes.',
      '4. Select Connect.',
    ]);
    expect(allText(card)).toContain('https://security.microsoft.com/homepage');
    expect(allText(card)).toContain('The bot also checks every 60 seconds.');
    expect(allText(card)).not.toContain('Last check');
  });

  it('connect on the preview path starts with the Incidents step', () => {
    const card = renderPortalStepCard(portalStep({ previewPath: true }));
    expectValidCard(card);
    expect(steps(card)[0]).toBe('1. Open Investigation & response > Incidents and wait a few minutes (this tenant takes the preview path).');
    expect(steps(card)).toHaveLength(5);
  });

  it('disconnect: the Settings path, the reason to give, confirm; with the last verification', () => {
    const card = renderPortalStepCard(
      portalStep({
        kind: 'disconnect',
        reason: 'Moving the SOC to the new EU workspace.',
        pollIntervalSeconds: 30,
        lastVerification: { at: '14:32 UTC', text: 'Still connected: the Defender XDR connector has incidents on.', style: 'warning' },
      }),
    );
    expectValidCard(card);
    expect(verbs(card)).toEqual(['connection.verify']);
    expect(steps(card)).toEqual([
      '1. Go to System > Settings > Microsoft Sentinel > Workspaces.',
      '2. Select law-soc-prod and choose Disconnect workspace.',
      '3. Give the reason: Moving the SOC to the new EU workspace.',
      '4. Confirm.',
    ]);
    expect(runTexts(card)).toContain('Still connected: the Defender XDR connector has incidents on.');
    expect(allText(card)).toContain('The bot also checks every 30 seconds.');
    expect(ofType(card, 'Container').some((c) => c.style === 'warning')).toBe(true);
  });

  it('copes with a very long workspace name', () => {
    const card = renderPortalStepCard(portalStep({ workspaceName: LONG, lastVerification: { at: '', text: LONG } }));
    expectValidCard(card);
    for (const text of runTexts(card)) expect([...text].length).toBeLessThanOrEqual(512);
  });
});
