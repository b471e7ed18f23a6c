import * as fs from 'node:fs';
import * as http from 'node:http';
import * as os from 'node:os';
import * as path from 'node:path';
import { cardOf, FakeConnector } from '../support/fake-connector';
import { cleanEnv, startBotProcess } from '../support/run-bot-process';
import { waitUntil } from '../support/settle';
import { personalConversationId, personalMessage, USERS } from '../support/teams-activities';

describe('SIGTERM during a turn', () => {
  const connector = new FakeConnector();
  let dir: string;
  beforeAll(async () => {
    await connector.start();
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-shutdown-'));
  });
  afterAll(async () => {
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('stops accepting, finishes the turn (its reply reaches the connector), and exits 0', async () => {
    const { child, url } = await startBotProcess(cleanEnv({ PORT: '0', DATABASE_URL: `sqlite:${path.join(dir, 'bot.db')}`, SANDBOX_LATENCY_MS: '800' }));
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      // A check makes several ARM and Graph calls, each 800 ms slow: a turn of a few seconds.
      const started = Date.now();
      const turn = fetch(`${url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(personalMessage(connector.url, USERS.dana, 'check law-soc-prod')),
      });
      // In flight once the sandbox has answered its first call. Each probe opens its own connection
      // (a kept-alive one would outlive SIGTERM and be answered, though the port no longer accepts).
      await waitUntil(async () => ((await getOnNewConnection(`${url}/sandbox/calls`)) as { calls: unknown[] }).calls.length > 0, 'the turn to reach Azure');
      child.kill('SIGTERM');
      const refused = () =>
        getOnNewConnection(`${url}/healthz`).then(
          () => false,
          (err: NodeJS.ErrnoException) => err.code === 'ECONNREFUSED',
        );
      await waitUntil(refused, 'the server to stop accepting', 5_000);

      // New connections are refused while the turn is still running.
      const late = await fetch(`${url}/healthz`).then(
        (res) => `answered ${res.status}`,
        (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
      );
      expect(late).toBe('ECONNREFUSED');
      expect(connector.posted(personalConversationId(USERS.dana))).toHaveLength(0);

      const res = await turn;
      expect(res.status).toBe(200);
      expect(Date.now() - started).toBeGreaterThan(1500); // it really was in flight at SIGTERM
      const replies = connector.posted(personalConversationId(USERS.dana));
      expect(replies).toHaveLength(1);
      expect(JSON.stringify(cardOf(replies[0]))).toMatch(/Microsoft Sentinel enabled/);
      expect(await exited).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  }, 30_000);
});

/** GET of a JSON answer on a connection of its own (no keep-alive pool). */
function getOnNewConnection(url: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { agent: false }, (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => resolve(body ? JSON.parse(body) : null));
      })
      .on('error', reject);
  });
}
