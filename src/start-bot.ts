import { randomUUID } from 'node:crypto';
import * as net from 'node:net';
import type { Server } from 'restify';
import { baseCommands, createApplication } from './app/create-application';
import type { AppContext } from './app/context';
import { connectParts, createVerificationPoller } from './app/connect';
import { createArmAdapter, createGraphAdapter, createLiveCredential, createSandboxCredential, type ArmPort, type GraphPort } from './azure';
import { OnboardingBot } from './bot/onboarding-bot';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { createConversationSender } from './notify/conversation-sender';
import { createOutboxDispatcher, type OutboxDispatcher } from './notify/outbox-dispatcher';
import { createSandbox, loadTenantFixture, type Sandbox } from './sandbox';
import { createAdapter, type AuthSettings } from './server/create-adapter';
import { createServer } from './server/create-server';
import { openStore } from './store/open-store';
import type { Store } from './store/store';

export interface StartOptions {
  logger?: Logger;
  /** The clock; tests pass their own. */
  now?: () => Date;
  /** Extra Bot Framework authentication settings (e.g. a test OpenID metadata URL). */
  authSettings?: AuthSettings;
  /** Outbox polling interval; default 1 s. */
  outboxIntervalMs?: number;
}

export interface RunningBot {
  url: string;
  port: number;
  store: Store;
  sandbox: Sandbox | null;
  ctx: AppContext;
  outbox: OutboxDispatcher;
  poller: ReturnType<typeof createVerificationPoller>;
  /** Stops accepting, lets in-flight work finish, closes the store. */
  close(): Promise<void>;
}

/** The composition root: config → store → azure → application → bot → server. */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const port = config.port === 0 ? await freePort() : config.port;
  const store = openStore(config.database);
  await store.migrate();

  let sandbox: Sandbox | null = null;
  let arm: ArmPort;
  let graph: GraphPort;
  let defaultTenantId = 'sandbox-tenant';
  if (config.mode === 'sandbox') {
    const tenant = loadTenantFixture(config.sandbox.tenantPath);
    defaultTenantId = tenant.tenantId;
    const origin = config.sandbox.url ?? `http://127.0.0.1:${port}`;
    if (!config.sandbox.url) sandbox = createSandbox({ tenant, latencyMs: config.sandbox.latencyMs });
    const credential = createSandboxCredential();
    arm = createArmAdapter({ endpoint: `${origin}/sandbox/arm`, credential, insecureSandbox: origin.startsWith('http:') });
    graph = createGraphAdapter({ baseUrl: `${origin}/sandbox/graph`, credential });
  } else {
    const credential = createLiveCredential();
    arm = createArmAdapter({ credential });
    graph = createGraphAdapter({ credential });
  }

  const adapter = createAdapter(config.bot, logger, options.authSettings);
  const outbox = createOutboxDispatcher({
    store,
    send: createConversationSender(adapter, config.bot.appId, store),
    logger,
    now: options.now,
    intervalMs: options.outboxIntervalMs,
  });
  const ctx: AppContext = {
    store,
    arm,
    graph,
    logger,
    config: { mode: config.mode, verify: config.verify, requestExpiryHours: config.requestExpiryHours },
    now: options.now ?? (() => new Date()),
    newId: randomUUID,
    kickOutbox: () => outbox.kick(),
  };
  const app = createApplication(ctx, {
    commands: { ...baseCommands, ...connectParts.commands },
    actions: { ...connectParts.actions },
  });
  const bot = new OnboardingBot({ app, sandboxIdentity: config.mode === 'sandbox', defaultTenantId });
  const server: Server = createServer({ adapter, bot, store, logger, sandbox: sandbox ?? undefined });
  const poller = createVerificationPoller(ctx);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  outbox.start();
  poller.start();
  const url = `http://127.0.0.1:${port}`;
  logger.info({ port, mode: config.mode, store: store.kind }, 'bot listening');

  return {
    url,
    port,
    store,
    sandbox,
    ctx,
    outbox,
    poller,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Idle keep-alive sockets would hold close() open.
        server.server.closeIdleConnections?.();
      });
      await Promise.all([outbox.stop(), poller.stop()]);
      await store.close();
    },
  };
}

/** A free TCP port on loopback (for PORT=0 in tests). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}
