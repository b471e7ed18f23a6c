import { runWithin } from '../../src/app/run-within';
import { AzureCallError } from '../../src/azure';
import { say, setSocChannel } from '../support/drive';
import { textOf } from '../support/fake-connector';
import { personalMessage, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';
import { captureLogs } from '../support/capture-logs';

// Only a typed Azure failure is "Azure did not answer"; a fault of the bot's own is logged with the
// turn's correlation id and answered as an internal error.
describe('the error boundary', () => {
  let t: TestBot;
  const log = captureLogs('info');
  let listWorkspaces: () => Promise<unknown>;
  beforeAll(async () => {
    t = await startTestBot({}, { logger: log.logger });
    await setSocChannel(t);
    listWorkspaces = t.bot.ctx.arm.listWorkspaces;
  });
  afterEach(() => {
    t.bot.ctx.arm.listWorkspaces = listWorkspaces as typeof t.bot.ctx.arm.listWorkspaces;
  });
  afterAll(() => t.stop());

  test('Azure not answering the picker is said as such', async () => {
    t.bot.ctx.arm.listWorkspaces = async () => {
      throw new AzureCallError('unavailable', 'list workspaces', 'service unavailable', 503);
    };
    expect(JSON.stringify(await say(t, USERS.dana, 'connect'))).toContain('Azure did not answer when the bot listed the workspaces');
  });

  test('a bug behind the picker is not "Azure did not answer": logged with the correlation id, answered as an internal error', async () => {
    t.bot.ctx.arm.listWorkspaces = async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'id')");
    };
    const activity = personalMessage(t.serviceUrl, USERS.dana, 'connect');
    const before = t.connector.calls.length;
    expect((await t.send(activity)).status).toBe(200);
    const calls = await t.connector.waitFor((c) => c.length > before, 10_000, 'the answer');
    const reply = textOf(calls[before]);
    expect(reply).toContain('something went wrong on my side');
    expect(reply).not.toContain('Azure did not answer');
    const failed = log.records().find((r) => r.msg === 'turn failed: answered as an internal error');
    expect(failed).toMatchObject({ level: 50, correlationId: activity.id, attempted: 'connect' });
    expect(JSON.stringify(failed)).toContain('TypeError');
  });
});

describe('runWithin', () => {
  test('a late part that fails is logged, not dropped', async () => {
    const errors: unknown[] = [];
    const logger = { error: (obj: unknown) => void errors.push(obj) };
    const work = new Promise<string>((resolve) => setTimeout(() => resolve('late'), 30));
    const answer = await runWithin(
      work,
      1,
      async () => {
        throw new Error('the card update failed');
      },
      logger,
    );
    expect(answer).toEqual({ done: false });
    await work;
    await new Promise((resolve) => setImmediate(resolve));
    expect(errors).toHaveLength(1);
    expect((errors[0] as { err: Error }).err.message).toBe('the card update failed');
  });
});
