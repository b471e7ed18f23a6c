import * as restify from 'restify';
import type { CloudAdapter } from 'botbuilder';
import type { ActivityHandler } from 'botbuilder';
import type { Logger } from '../logger';
import type { Store } from '../store/store';

/** Something that may answer a raw HTTP request before routing (the sandbox). */
export interface RawHandler {
  handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<boolean>;
}

export interface ServerOptions {
  adapter: CloudAdapter;
  bot: ActivityHandler;
  store: Store;
  logger: Logger;
  /** Mounted before routing; only in sandbox mode. */
  sandbox?: RawHandler;
  maxBodyBytes?: number;
}

/** The bot's HTTP server: POST /api/messages, GET /healthz, GET /readyz (and /sandbox/* in sandbox mode). */
export function createServer(options: ServerOptions): restify.Server {
  const { adapter, bot, store, logger, sandbox } = options;
  const server = restify.createServer({ name: 'sentinel-onboarding-bot', handleUncaughtExceptions: false });

  if (sandbox) {
    server.pre((req, res, next) => {
      if (!(req.url ?? '').startsWith('/sandbox/')) return next();
      sandbox
        .handle(req, res)
        .then((handled) => (handled ? next(false) : next()))
        .catch((err: unknown) => {
          logger.error({ err: String(err) }, 'sandbox request failed');
          if (!res.headersSent) {
            res.writeHead(500, { 'content-type': 'application/json' });
            res.end(JSON.stringify({ error: { code: 'InternalError', message: 'The sandbox failed to answer.' } }));
          }
          next(false);
        });
    });
  }

  server.use(restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes ?? 256 * 1024, mapParams: false }));

  server.post('/api/messages', async (req, res) => {
    const body = req.body as unknown;
    if (typeof body !== 'object' || body === null || Array.isArray(body) || typeof (body as { type?: unknown }).type !== 'string') {
      res.send(400, { error: { code: 'BadRequest', message: 'The body must be a Bot Framework activity (a JSON object with a type).' } });
      return;
    }
    try {
      await adapter.process(req, res, (context) => bot.run(context));
    } catch (err) {
      logger.warn({ err: String(err) }, 'activity refused');
      if (!res.headersSent) res.send(400, { error: { code: 'BadRequest', message: 'The activity could not be processed: check that it is a valid Bot Framework activity.' } });
    }
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    try {
      await store.ping();
      res.send(200, { status: 'ready', store: store.kind });
    } catch {
      res.send(503, { status: 'not ready', store: store.kind, message: 'The database does not answer.' });
    }
  });

  return server;
}
