import { cardOf } from '../support/fake-connector';
import { cardText } from '../support/card-queries';
import { click, say, setSocChannel, submitConnect } from '../support/drive';
import { USERS } from '../support/teams-activities';
import { startOnFixture } from '../support/fixture-bot';
import type { TestBot } from '../support/test-bot';
import { V2, v2Tenant } from '../sandbox/v2-tenant';

const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const PIM = { id: V2.pimAdmin, name: 'Pim (eligible)' };
const NOOR = { id: V2.nested, name: 'Noor (nested)' };

describe('approvers as tenants have them: PIM eligibility, conditions, nested groups (roles read at the click)', () => {
  let t: TestBot;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    // Dana also holds Security Administrator, so only her conditional Owner can fail her.
    ({ t, cleanup } = await startOnFixture(v2Tenant((tenant) => (tenant.users.find((u) => u.id === USERS.dana.id)!.entraRoles = ['Security Administrator']))));
    await setSocChannel(t);
  });
  afterEach(async () => {
    await cleanup();
  });

  test('an approver whose roles are only PIM-eligible is refused with what to activate, and nothing changes', async () => {
    const { requestId } = await submitConnect(t, USERS.lena, 'law-soc-prod');
    const answer = await click(t, PIM, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(answer.statusCode).toBe(403);
    expect(answer.value.code).toBe('role_not_active');
    expect(answer.value.message).toMatch(
      new RegExp(`activate Global Administrator and Owner on subscription ${SUB}[^ ]* in Privileged Identity Management, then click again\\.$`),
    );
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');
  });

  test('an Owner assignment with a condition does not count as Owner', async () => {
    const { requestId } = await submitConnect(t, USERS.lena, 'law-soc-prod');
    const answer = await click(t, USERS.dana, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(answer.statusCode).toBe(403);
    expect(answer.value.code).toBe('not_qualified');
    expect(answer.value.message).toMatch(/needs an unconditional Owner on subscription/);
    expect(answer.value.message).toMatch(/Owner on subscription [^ ]+ \(with a condition\) does not count/);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('submitted');
  });

  test('Owner and Security Administrator held through groups nested three deep qualify', async () => {
    const { requestId } = await submitConnect(t, USERS.lena, 'law-soc-prod');
    const answer = await click(t, NOOR, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(answer.statusCode).toBe(200);
    expect((await t.bot.store.getRequest(requestId))!.state).toBe('approved');
  });

  test('the readiness report tells a PIM-eligible requester what to activate', async () => {
    const text = cardText(cardOf(await say(t, PIM, 'check law-soc-prod'))!);
    expect(text).toMatch(/Entra role for onboarding[\s\S]*Warning[\s\S]*eligible for Global Administrator but has not activated it/);
    expect(text).toMatch(/activate Global Administrator in Privileged Identity Management, then run "check" again/);
    expect(text).toMatch(
      /Azure roles for connecting[\s\S]*Warning[\s\S]*activate Owner on subscription [^ ]+ in Privileged Identity Management, then run "check" again/,
    );
  });
});
