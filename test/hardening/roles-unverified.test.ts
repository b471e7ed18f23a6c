import { click, setSocChannel, submitConnect } from '../support/drive';
import { TENANT_ID, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

// A role that cannot be read refuses the click (503), never grants it; the audit says why.
describe('an approval click while the approver roles cannot be read', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await setSocChannel(t);
  });
  afterAll(() => t.stop());

  test('answers 503 RolesUnverified, changes nothing, and audits roles_unverified (not not_qualified)', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    // Every role-assignment read fails, past the SDK's retries.
    expect((await t.request('POST', '/sandbox/faults', { match: 'roleAssignments', status: 500, count: 50 })).status).toBe(200);
    try {
      const answer = await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel');
      expect(answer.statusCode).toBe(503);
      expect(answer.value.code).toBe('RolesUnverified');
    } finally {
      await t.request('DELETE', '/sandbox/faults');
    }
    expect((await t.bot.store.getRequest(requestId))!).toMatchObject({ state: 'submitted', version: 2 });
    const [entry] = await t.bot.store.listAudit(TENANT_ID, 1);
    expect(entry).toMatchObject({ requestId, action: 'approve', outcome: 'refused', refusalCode: 'roles_unverified', actor: { id: USERS.ravi.id } });
  });
});
