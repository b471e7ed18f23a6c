import { FakeConnector } from '../../support/fake-connector';
import { dropSchema, requirePostgres, TEST_DATABASE_URL, uniqueSchema, urlWithSchema } from '../../support/postgres-test-db';
import type { TestBot } from '../../support/test-bot';
import { startInstance } from './bot-instances';
import { startSharedSandbox, type SharedSandbox } from './shared-sandbox';

/** Two in-process bot instances on one fresh PostgreSQL schema, one shared sandbox tenant and one FakeConnector. */
export interface InstancePair {
  a: TestBot;
  b: TestBot;
  sandbox: SharedSandbox;
  connector: FakeConnector;
  databaseUrl: string;
  stop(): Promise<void>;
}

export async function startInstancePair(options: { latencyMs?: number; env?: Record<string, string>; baseUrl?: string } = {}): Promise<InstancePair> {
  const baseUrl = options.baseUrl ?? TEST_DATABASE_URL;
  await requirePostgres(baseUrl);
  const schema = uniqueSchema('multi');
  const databaseUrl = urlWithSchema(baseUrl, schema);
  const sandbox = await startSharedSandbox({ latencyMs: options.latencyMs });
  const connector = new FakeConnector();
  await connector.start();
  const started: TestBot[] = [];
  try {
    // Started together, as a scale-out would: both migrate the brand-new schema at once.
    const results = await Promise.allSettled([0, 1].map(() => startInstance({ databaseUrl, sandboxUrl: sandbox.url, connector, env: options.env })));
    for (const r of results) if (r.status === 'fulfilled') started.push(r.value);
    for (const r of results) if (r.status === 'rejected') throw r.reason;
    const [a, b] = started;
    await Promise.all([a.bot.readiness.whenReady(), b.bot.readiness.whenReady()]);
    return {
      a,
      b,
      sandbox,
      connector,
      databaseUrl,
      async stop() {
        await Promise.all(started.map((t) => t.stop()));
        await sandbox.stop();
        await connector.stop();
        await dropSchema(baseUrl, schema);
      },
    };
  } catch (err) {
    await Promise.all(started.map((t) => t.stop()));
    await sandbox.stop();
    await connector.stop();
    await dropSchema(baseUrl, schema);
    throw err;
  }
}
