import * as fs from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import Database from 'better-sqlite3';
import { personalMessage, USERS } from '../support/teams-activities';
import { startTestBot, type TestBot } from '../support/test-bot';

/** Sends the headers of a POST and then its body one byte every `everyMs`; resolves with what the server answered and when. */
function slowBody(url: string, everyMs: number): Promise<{ answer: string; ms: number }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = net.connect(Number(port), hostname, () => {
      socket.write(`POST /api/messages HTTP/1.1\r\nHost: ${hostname}\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{`);
      const drip = setInterval(() => socket.writable && socket.write(' '), everyMs);
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('close', () => {
        clearInterval(drip);
        resolve({ answer, ms: Date.now() - started });
      });
    });
    socket.on('error', reject);
  });
}

describe('server edges', () => {
  let t: TestBot;
  beforeAll(async () => {
    t = await startTestBot({}, { serverTimeouts: { headersMs: 500, requestMs: 1_500 } });
  });
  afterAll(() => t.stop());

  test('a client that sends its body slowly is cut off with 408 once the request timeout passes', async () => {
    const { answer, ms } = await slowBody(t.bot.url, 100);
    expect(answer).toMatch(/^HTTP\/1\.1 408/);
    expect(ms).toBeGreaterThanOrEqual(1_400);
    expect(ms).toBeLessThan(5_000);
    // Others are served meanwhile and afterwards.
    expect((await t.send(personalMessage(t.serviceUrl, USERS.dana, 'help'))).status).toBe(200);
  });
});

describe('readiness when the store cannot write', () => {
  test('a SQLite file at its size cap (DATABASE_MAX_MB) → /readyz 503 "cannot write"; /healthz stays 200', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-full-'));
    const file = path.join(dir, 'bot.db');
    try {
      // A first start creates the schema; the second may not grow the file beyond it.
      const first = await startTestBot({ DATABASE_URL: `sqlite:${file}` });
      expect((await first.request('GET', '/readyz')).status).toBe(200);
      await first.stop();
      const raw = new Database(file);
      raw.exec('VACUUM'); // no free pages left inside the file either: the next 64 KB must grow it
      const bytes = (Number(raw.pragma('page_count', { simple: true })) + 2) * Number(raw.pragma('page_size', { simple: true }));
      raw.close();
      const full = await startTestBot({ DATABASE_URL: `sqlite:${file}`, DATABASE_MAX_MB: String(bytes / 1024 / 1024) });
      try {
        const ready = await full.request('GET', '/readyz');
        expect(ready.status).toBe(503);
        expect(ready.body).toMatchObject({
          status: 'not ready',
          store: 'sqlite',
          database: 'cannot write',
          message: expect.stringMatching(/cannot store anything/),
        });
        expect((await full.request('GET', '/healthz')).status).toBe(200);
      } finally {
        await full.stop();
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
