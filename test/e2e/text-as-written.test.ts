import { cardOf, textOf } from '../support/fake-connector';
import { say, setSocChannel } from '../support/drive';
import { cardText } from '../support/card-queries';
import { USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

/** Adaptive Card text has no code spans, and Teams shows `<…>` in a message as an HTML entity: neither may appear. */
const NOT_AS_WRITTEN = /`|&lt;|&gt;|<[a-z]/i;

describe('text renders as written in Teams: no HTML entities, no backticks in cards', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot();
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('help writes its placeholders in capitals, without angle brackets', async () => {
    const help = textOf(await say(t, USERS.dana, 'help'));
    expect(help).toContain('`check WORKSPACE`');
    expect(help).toContain('`history [N]`');
    expect(help).not.toMatch(/[<>]|&lt;|&gt;/);
  });

  test.each([
    ['connect no-such-workspace-anywhere', /"connect" alone/],
    ['check', /"check WORKSPACE"/],
    ['disconnect', /"connect"|"status"/],
  ])('the card answering "%s" quotes commands instead of showing backticks', async (command, quoted) => {
    const reply = await say(t, USERS.dana, command);
    const card = cardOf(reply);
    const text = card ? cardText(card) : textOf(reply);
    expect(text).toMatch(quoted);
    expect(text).not.toMatch(NOT_AS_WRITTEN);
  });
});
