import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { readConfig } from '../../src/config';
import { createLogger } from '../../src/logger';
import { startBot, type RunningBot, type StartOptions } from '../../src/start-bot';
import { FakeConnector } from './fake-connector';

export interface TestBot {
  bot: RunningBot;
  connector: FakeConnector;
  /** The fake connector's URL: the serviceUrl of incoming activities. */
  serviceUrl: string;
  /** POSTs an activity to /api/messages; returns the HTTP status and parsed body. */
  send(activity: object, headers?: Record<string, string>): Promise<{ status: number; body: any }>;
  /** GET/POST a path on the bot's server (e.g. /sandbox/state). */
  request(method: string, pathname: string, body?: unknown): Promise<{ status: number; body: any }>;
  stop(): Promise<void>;
}

/**
 * Starts the real bot (restify, CloudAdapter, sandbox tenant, SQLite in a temp
 * folder) on a free port, with a fake Bot Connector for its outgoing messages.
 */
export async function startTestBot(env: Record<string, string> = {}, options: StartOptions = {}): Promise<TestBot> {
  const connector = new FakeConnector();
  const serviceUrl = await connector.start();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bot-e2e-'));
  let bot: RunningBot;
  try {
    const config = readConfig({ PORT: '0', DATABASE_URL: `sqlite:${path.join(dir, 'bot.db')}`, LOG_LEVEL: 'silent', ...env }, dir);
    bot = await startBot(config, { logger: createLogger('silent'), outboxIntervalMs: 50, ...options });
  } catch (err) {
    await connector.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw err;
  }
  const request = async (method: string, pathname: string, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${bot.url}${pathname}`, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : null;
    } catch {
      // keep text
    }
    return { status: res.status, body: parsed as any };
  };
  return {
    bot,
    connector,
    serviceUrl,
    send: (activity, headers) => request('POST', '/api/messages', activity, headers),
    request: (method, pathname, body) => request(method, pathname, body),
    async stop() {
      await bot.close();
      await connector.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
