import { randomUUID } from 'node:crypto';
import { freePort } from './server/free-port';
import type { Server } from 'restify';
import { createApplication } from './app/create-application';
import type { AppContext } from './app/context';
import { createVerificationPoller } from './app/verification/verification-poller';
import { cacheInventory } from './azure';
import { connectAzure } from './connect-azure';
import { OnboardingBot } from './bot/onboarding-bot';
import { createConnectedWorkspaceCache } from './checks/connected-workspace-cache';
import type { Config } from './config';
import { createLogger, type Logger } from './logger';
import { createConversationSender } from './notify/conversation-sender';
import { createOutboxDispatcher, type OutboxDispatcher } from './notify/outbox-dispatcher';
import { withTeamsLimits, type TeamsLimitOptions } from './notify/with-teams-limits';
import type { Sandbox } from './sandbox';
import { createAdapter, type AuthSettings } from './server/create-adapter';
import { createServer, type ServerTimeouts } from './server/create-server';
import { stopServer } from './server/in-flight';
import { openStore } from './store/open-store';
import { createStoreReadiness, type StoreReadiness } from './store/store-readiness';
import type { Store } from './store/store';
import type { StoredRequest } from './app/stored-request';
import { workspaceModel } from './workflow';

export interface StartOptions {
  logger?: Logger;
  /** The clock; tests pass their own. */
  now?: () => Date;
  /** Extra Bot Framework authentication settings (e.g. a test OpenID metadata URL). */
  authSettings?: AuthSettings;
  /** Outbox polling interval; default 1 s. */
  outboxIntervalMs?: number;
  /** Teams rate limits and retries of notifications; tests scale them down. */
  teamsLimits?: TeamsLimitOptions;
  /** How long a client may take to send its headers and its whole request (defaults 10 s and 30 s). */
  serverTimeouts?: ServerTimeouts;
  /** Live mode: how often a credential that failed is tried again (default 5 s, doubling up to 60 s). */
  credentialRetryMs?: number;
}

export interface RunningBot {
  url: string;
  port: number;
  store: Store<StoredRequest>;
  sandbox: Sandbox | null;
  ctx: AppContext;
  outbox: OutboxDispatcher;
  poller: ReturnType<typeof createVerificationPoller>;
  /** The store's schema and reachability (GET /readyz); `whenReady()` resolves once migrations are in place. */
  readiness: StoreReadiness;
  /** Stops accepting, lets in-flight work finish, closes the store. */
  close(): Promise<void>;
}

/** The composition root: config → store → azure → application → bot → server. */
export async function startBot(config: Config, options: StartOptions = {}): Promise<RunningBot> {
  const logger = options.logger ?? createLogger(config.logLevel);
  const port = config.port === 0 ? await freePort() : config.port;
  const store = openStore<StoredRequest>(config.database, {
    onPoolError: (err) => logger.warn({ err: err.message }, 'database connection lost; the next call reconnects'),
  });
  // Listen even while the database is away: /readyz says so, and the schema comes up in the background.
  const readiness = createStoreReadiness(store, { logger });
  await readiness.start();
  let closing = false;

  // Live never falls back to the sandbox: without a token, checks are Unknown and /readyz says why.
  const azure = await connectAzure(config, { logger, credentialRetryMs: options.credentialRetryMs });
  const { sandbox, sandboxListener, credentialHealth } = azure;
  credentialHealth?.start();
  // Live: an activity that names no tenant is refused; sandbox: it is the fixture's.
  const defaultTenantId = config.mode === 'sandbox' ? (azure.tenantId ?? '') : '';
  const ownTenantId = config.mode === 'sandbox' ? azure.tenantId : config.tenants.own;
  const tenancy = { mode: config.mode, tenants: [...new Set([ownTenantId ?? '', ...config.tenants.allowed].filter((id) => id !== ''))] };
  // Subscriptions, workspaces and the Defender apps' principals change rarely: reuse them for a few minutes.
  const { arm, graph } = cacheInventory(azure.arm, azure.graph);

  // A bot registered in Azure Government talks to its own Bot Framework channel service.
  const cloudAuth = config.cloud.botChannelService ? { ChannelService: config.cloud.botChannelService } : {};
  const adapter = createAdapter(config.bot, logger, { ...cloudAuth, ...options.authSettings });
  const outbox = createOutboxDispatcher({
    store,
    send: withTeamsLimits(createConversationSender(adapter, config.bot.appId, store), options.teamsLimits),
    logger,
    now: options.now,
    intervalMs: options.outboxIntervalMs,
  });
  const ctx: AppContext = {
    store,
    arm,
    graph,
    // Kept by the real clock: the test clock (options.now) may stand still.
    connectedWorkspaces: createConnectedWorkspaceCache({ homeTenantId: ownTenantId ?? undefined, secondaries: config.workspaceModel === 'multi' }),
    logger,
    config: {
      mode: config.mode,
      verify: config.verify,
      requestExpiryHours: config.requestExpiryHours,
      tenancy,
      cloud: config.cloud,
      azureTenantId: ownTenantId,
      azureClientId: config.azureClientId,
    },
    model: workspaceModel(config.workspaceModel),
    direct: { arm: azure.arm, graph: azure.graph },
    now: options.now ?? (() => new Date()),
    newId: randomUUID,
    kickOutbox: () => outbox.kick(),
  };
  const app = createApplication(ctx);
  const bot = new OnboardingBot({
    app,
    sandboxIdentity: config.mode === 'sandbox',
    submitActions: config.mode === 'sandbox',
    defaultTenantId,
    appId: config.bot.appId,
    onDetachedError: (err) => logger.error({ err }, 'a long command could not post its progress or replies'),
  });
  const server: Server = createServer({
    adapter,
    bot,
    store,
    logger,
    sandbox: sandbox ?? undefined,
    requireToken: config.bot.appId !== '',
    timeouts: options.serverTimeouts,
    readiness: async () => {
      const report = await readiness.check();
      const azure = credentialHealth?.status();
      if (!azure) return report;
      if (azure.ready) return { ...report, azure: 'ready' };
      return { ...report, ready: false, azure: 'no token', message: report.ready ? azure.message : `${report.message} ${azure.message}` };
    },
  });
  const poller = createVerificationPoller(ctx);

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, () => resolve());
  });
  // Notifications and verification need the schema: they start once it is in place.
  void readiness.whenReady().then(() => {
    if (closing) return;
    outbox.start();
    poller.start();
  });
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
    readiness,
    async close() {
      closing = true;
      readiness.stop();
      credentialHealth?.stop();
      // Stop accepting, let the turns in flight finish (bounded), deliver what they queued, then close.
      const { drained } = await stopServer(server, 10_000);
      if (!drained) logger.warn('shutdown: turns still in flight after 10 s were cut off');
      await Promise.all([outbox.stop(), poller.stop()]);
      await outbox.flush(5_000);
      await sandboxListener?.close();
      await store.close();
    },
  };
}
