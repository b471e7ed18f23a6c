import { ConfigError, readConfig } from './config';
import { createLogger } from './logger';
import { startBot } from './start-bot';

/** Starts the bot from the environment; a configuration error stops it with one clear line. */
async function main(): Promise<void> {
  let config;
  try {
    config = readConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`Configuration error: ${err.message}\n`);
      process.exit(2);
    }
    throw err;
  }
  const logger = createLogger(config.logLevel);
  const bot = await startBot(config, { logger });
  const where = config.mode === 'sandbox' ? ` (sandbox tenant${config.sandbox.tenantPath ? ` ${config.sandbox.tenantPath}` : ': built-in sample'})` : '';
  process.stdout.write(`Bot listening on ${bot.url}/api/messages${where}\n`);
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    // close() bounds each step (10 s for turns in flight, 5 s for the last outbox pass); this is the backstop.
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 25_000);
    force.unref();
    bot.close().then(
      () => {
        logger.info('stopped');
        process.exit(0);
      },
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  // A stray rejection is a bug to log, not a reason to drop every other conversation's turn.
  process.on('unhandledRejection', (reason) => logger.error({ err: reason }, 'unhandled rejection'));
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`The bot could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
