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
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    bot.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

main().catch((err: unknown) => {
  process.stderr.write(`The bot could not start: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
