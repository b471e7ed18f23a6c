import type { ChildProcess } from 'node:child_process';
import { readConfig } from '../../../src/config';
import { createLogger } from '../../../src/logger';
import { startBot, type RunningBot, type StartOptions } from '../../../src/start-bot';
import type { FakeConnector } from '../../support/fake-connector';
import { cleanEnv, startBotProcess } from '../../support/run-bot-process';
import type { TestBot } from '../../support/test-bot';

export interface InstanceOptions {
  /** DATABASE_URL (with `?schema=`) shared by the instances. */
  databaseUrl: string;
  /** The shared simulated tenant. */
  sandboxUrl: string;
  /** Where the bot's messages end up (shared by the instances). */
  connector: FakeConnector;
  /** The serviceUrl in incoming activities; default the connector's own URL (a ConnectorGate's otherwise). */
  serviceUrl?: string;
  env?: Record<string, string>;
}

async function httpCall(base: string, method: string, pathname: string, body?: unknown): Promise<{ status: number; body: any }> {
  const res = await fetch(`${base}${pathname}`, {
    method,
    headers: { 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  let parsed: unknown = text;
  try {
    parsed = text ? JSON.parse(text) : null;
  } catch {
    // keep the text
  }
  return { status: res.status, body: parsed as any };
}

/** A bot instance in this process (the real composition root), as drive.ts expects. */
export async function startInstance(options: InstanceOptions, start: StartOptions = {}): Promise<TestBot> {
  const config = readConfig({
    PORT: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: options.databaseUrl,
    SANDBOX_URL: options.sandboxUrl,
    VERIFY_POLL_SECONDS: '1',
    ...options.env,
  });
  const bot: RunningBot = await startBot(config, { logger: createLogger('silent'), outboxIntervalMs: 100, ...start });
  const call = (method: string, pathname: string, body?: unknown) => httpCall(bot.url, method, pathname, body);
  return {
    bot,
    connector: options.connector,
    serviceUrl: options.serviceUrl ?? options.connector.url,
    send: (activity) => call('POST', '/api/messages', activity),
    request: call,
    stop: () => bot.close(),
  };
}

/** A bot instance as its own process (`node dist/src/index.js`), for kill -9. */
export interface SpawnedInstance {
  driver: TestBot;
  child: ChildProcess;
  url: string;
  /** SIGKILL: no shutdown, no last outbox pass. */
  kill(): Promise<void>;
  /** SIGTERM and wait. */
  stop(): Promise<void>;
}

export async function spawnInstance(options: InstanceOptions): Promise<SpawnedInstance> {
  const env = cleanEnv({
    PORT: '0',
    DATABASE_URL: options.databaseUrl,
    SANDBOX_URL: options.sandboxUrl,
    VERIFY_POLL_SECONDS: '1',
    ...options.env,
  });
  const { child, url } = await startBotProcess(env);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const call = (method: string, pathname: string, body?: unknown) => httpCall(url, method, pathname, body);
  // drive.ts needs send/serviceUrl/connector only; a process has no RunningBot to hand out.
  const driver = {
    bot: undefined as unknown as RunningBot,
    connector: options.connector,
    serviceUrl: options.serviceUrl ?? options.connector.url,
    send: (activity: object) => call('POST', '/api/messages', activity),
    request: call,
    stop: async () => undefined,
  } satisfies TestBot;
  const signal = async (sig: NodeJS.Signals) => {
    if (child.exitCode === null && child.signalCode === null) child.kill(sig);
    await exited;
  };
  return { driver, child, url, kill: () => signal('SIGKILL'), stop: () => signal('SIGTERM') };
}

/** Waits until GET /readyz answers `status` (polling); returns the last body. */
export async function waitForReadyz(t: Pick<TestBot, 'request'>, status: number, timeoutMs = 20_000): Promise<any> {
  const deadline = Date.now() + timeoutMs;
  let last: { status: number; body: any } | null = null;
  while (Date.now() < deadline) {
    last = await t.request('GET', '/readyz').catch((err: unknown) => ({ status: -1, body: String(err) }));
    if (last.status === status) return last.body;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`/readyz did not answer ${status} within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

/** Polls `probe` until it returns a value that is not undefined. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Timed out waiting for ${what}${lastError ? ` (last error: ${String(lastError)})` : ''}`);
}
