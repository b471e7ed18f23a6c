import { click, setSocChannel } from '../support/drive';
import { USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

// Each verb's data is read by its schema before anything else; the answers are the contract's.
describe('card action data, read by one schema per verb', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await setSocChannel(t);
  });
  afterAll(() => t.stop());

  const GONE = '00000000-0000-4000-8000-000000000000';
  const answer = async (verb: string, data: Record<string, unknown>, where: 'personal' | 'channel' = 'channel') => {
    const body = await click(t, USERS.ravi, verb, data, where);
    return { statusCode: body.statusCode, code: body.value?.code, message: body.value?.message };
  };

  test.each([
    ['request.approve', { requestId: 'not an id!', version: 'x', comment: 5 }, 'InvalidData', /no valid requestId/],
    ['request.approve', { requestId: GONE, version: '2', comment: 5 }, 'InvalidData', /no valid version/],
    ['request.approve', { requestId: GONE, version: 2.5 }, 'InvalidData', /no valid version/],
    ['request.approve', { requestId: GONE, version: 0 }, 'InvalidData', /no valid version/],
    ['request.reject', { requestId: GONE, version: 2, comment: 5 }, 'InvalidInput', /^The comment must be text\.$/],
    ['disconnect.submit', { requestId: GONE, version: 1, reason: ['x'] }, 'InvalidInput', /^The reason must be text/],
    ['request.submit', { version: 1 }, 'InvalidData', /no valid requestId/],
  ])('%s with %j: 400 %s', async (verb, data, code, message) => {
    const got = await answer(verb, data);
    expect(got.statusCode).toBe(400);
    expect(got.code).toBe(code);
    expect(got.message).toMatch(message);
  });

  test.each([
    ['request.approve', { requestId: GONE, version: 2, comment: null }, /^This request no longer exists\.$/],
    ['request.cancel', { requestId: GONE, version: 1, extra: 'ignored' }, /^This request no longer exists\.$/],
    ['connection.verify', { requestId: GONE, version: 3 }, /^This request no longer exists\.$/],
    ['request.submit', { requestId: GONE, version: 1 }, /Start again with `connect`\./],
    ['disconnect.submit', { requestId: GONE, version: 1, reason: 'why' }, /Start again with `disconnect`\./],
  ])('%s of a request that does not exist: 404 NotFound', async (verb, data, message) => {
    const got = await answer(verb, data, 'personal');
    expect(got).toMatchObject({ statusCode: 404, code: 'NotFound' });
    expect(got.message).toMatch(message);
  });

  test('workspace.select: 1:1 only, then a workspace from the list', async () => {
    expect(await answer('workspace.select', { workspace: '' }, 'channel')).toMatchObject({ statusCode: 400, code: 'PersonalOnly' });
    for (const workspace of ['', '   ', 'x'.repeat(600), 42, 'law-soc-prod']) {
      expect(await answer('workspace.select', { workspace }, 'personal')).toEqual({
        statusCode: 400,
        code: 'InvalidInput',
        message: 'Choose a workspace from the list, then select it.',
      });
    }
  });
});
