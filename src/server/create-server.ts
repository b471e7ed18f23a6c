import { randomUUID } from 'node:crypto';
import * as restify from 'restify';
import type { ActivityHandler } from 'botbuilder';
import type { AuthenticateRequestResult } from 'botframework-connector';
import { runWithCorrelationId, type Logger } from '../logger';
import type { StoreLifecycle } from '../store/store';
import type { OnboardingAdapter } from './create-adapter';
import { trackInFlight } from './in-flight';
import { activityProblem, asActivity } from './validate-activity';

/** Something that may answer a raw HTTP request before routing (the sandbox). */
export interface RawHandler {
  handle(req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): Promise<boolean>;
}

export interface ServerOptions {
  adapter: OnboardingAdapter;
  bot: ActivityHandler;
  store: StoreLifecycle;
  logger: Logger;
  /** Mounted before routing; only in sandbox mode. */
  sandbox?: RawHandler;
  /** Largest accepted request body; larger ones get 413. Default 256 KB. */
  maxBodyBytes?: number;
  /** True when MicrosoftAppId is set: requests without a bearer token are refused before their body is read. */
  requireToken?: boolean;
  /** Readiness of the store (reachable, migrated, writable) and, live, of the Azure credential; default: the store answers a ping. */
  readiness?: () => Promise<{ ready: boolean; store: string; database?: string; azure?: string; message?: string }>;
  /** How long a client may take to send its headers and its whole request. */
  timeouts?: ServerTimeouts;
}

/** Slow clients are cut off (408) so that they cannot hold connections open. */
export interface ServerTimeouts {
  /** Default 10 s. */
  headersMs?: number;
  /** The whole request, body included; default 30 s (answering may take longer). */
  requestMs?: number;
}

const UNAUTHORIZED = { error: { code: 'Unauthorized', message: 'A valid Bot Framework token is required.' } };
const SAFE_ID = /^[A-Za-z0-9:;=@._|-]{1,128}$/;

/** The activity id when it is a plain id, else a new one: every turn's log lines share it. */
function correlationIdOf(body: unknown): string {
  const id = typeof body === 'object' && body !== null ? (body as { id?: unknown }).id : undefined;
  return typeof id === 'string' && SAFE_ID.test(id) ? id : randomUUID();
}

/** The bot's HTTP server: POST /api/messages, GET /healthz, GET /readyz (and /sandbox/* in sandbox mode). */
export function createServer(options: ServerOptions): restify.Server {
  const { adapter, bot, store, logger, sandbox } = options;
  const server = restify.createServer({ name: 'sentinel-onboarding-bot', handleUncaughtExceptions: false });
  const inFlight = trackInFlight(server);
  // Node answers 408 and closes a connection whose headers or body are not in by then (checked every second).
  const requestMs = options.timeouts?.requestMs ?? 30_000;
  server.server.requestTimeout = requestMs;
  server.server.headersTimeout = Math.min(options.timeouts?.headersMs ?? 10_000, requestMs);
  // Node reads this (a createServer option that restify does not pass on) when the server starts listening.
  (server.server as { connectionsCheckingInterval?: number }).connectionsCheckingInterval = Math.min(1_000, server.server.headersTimeout);

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

  // Without a valid token there is nothing to read: refuse before the body is parsed. The token's
  // signature, issuer, audience and expiry are checked here; its serviceUrl claim once the body is in.
  const requireBearer: restify.RequestHandler = (req, res, next) => {
    if (!options.requireToken) return next();
    const header = req.headers.authorization;
    const refuse = () => {
      res.header('Connection', 'close');
      res.send(401, UNAUTHORIZED);
      next(false);
    };
    if (typeof header !== 'string' || !/^Bearer \S+$/.test(header)) return refuse();
    adapter.authentication.authenticateRequest(asActivity({}), header).then(
      () => next(),
      (err: unknown) => {
        logger.warn({ err: errorText(err), errorName: err instanceof Error ? err.name : typeof err }, 'activity refused before its body: not authenticated');
        refuse();
      },
    );
  };
  const parseBody = restify.plugins.bodyParser({ maxBodySize: options.maxBodyBytes ?? 256 * 1024, mapParams: false, mapFiles: false });

  server.post('/api/messages', requireBearer, ...parseBody, async (req: restify.Request, res: restify.Response) => {
    const body = req.body as unknown;
    await runWithCorrelationId(correlationIdOf(body), () =>
      inFlight.run(async () => {
        const authorization = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
        let auth: AuthenticateRequestResult;
        try {
          const forAuth = typeof body === 'object' && body !== null && !Array.isArray(body) ? body : {};
          auth = await adapter.authentication.authenticateRequest(asActivity(forAuth), authorization);
        } catch (err) {
          // Any failure to validate the token is a refusal; the reason stays in the log, not in the answer.
          logger.warn({ err: errorText(err), errorName: err instanceof Error ? err.name : typeof err }, 'activity refused: not authenticated');
          res.send(401, UNAUTHORIZED);
          return;
        }
        const problem = activityProblem(body);
        if (problem) {
          logger.info({ problem }, 'activity refused: malformed');
          res.send(400, { error: { code: 'BadRequest', message: problem } });
          return;
        }
        try {
          const invokeResponse = await adapter.processAuthenticated(auth, asActivity(body), (context) => bot.run(context));
          if (invokeResponse) res.send(invokeResponse.status, invokeResponse.body);
          else res.send(200);
        } catch (err) {
          logger.error({ err: errorText(err) }, 'activity failed');
          if (!res.headersSent) res.send(500, { error: { code: 'InternalError', message: 'The bot could not process this activity. Please try again.' } });
        }
      }),
    );
  });

  server.get('/healthz', async (_req, res) => {
    res.send(200, { status: 'ok' });
  });

  server.get('/readyz', async (_req, res) => {
    if (options.readiness) {
      const { ready, ...report } = await options.readiness();
      res.send(ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...report });
      return;
    }
    try {
      await store.ping();
      res.send(200, { status: 'ready', store: store.kind });
    } catch {
      res.send(503, { status: 'not ready', store: store.kind, message: 'The database does not answer.' });
    }
  });

  return server;
}

function errorText(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
