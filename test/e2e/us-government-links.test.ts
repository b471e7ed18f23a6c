import { cardText } from '../support/card-queries';
import { click, setSocChannel, submitConnect } from '../support/drive';
import { USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

describe('AZURE_CLOUD=AzureUSGovernment in sandbox mode: the cards link to the cloud’s portals', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({ AZURE_CLOUD: 'AzureUSGovernment' });
    await setSocChannel(t);
  });
  afterAll(async () => {
    await t.stop();
  });

  test('the approver’s portal step links to the GCC High Defender portal, never the public one', async () => {
    const { requestId } = await submitConnect(t, USERS.dana, 'law-soc-prod');
    const answer = await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel');
    expect(answer.statusCode).toBe(200);
    const text = cardText(answer.value);
    expect(text).toContain('https://security.microsoft.us/homepage');
    expect(JSON.stringify(answer.value)).not.toContain('security.microsoft.com');
  });
});
