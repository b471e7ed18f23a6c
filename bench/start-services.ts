import * as path from 'node:path';
import { freePort } from '../src/server/free-port';
import { allowedTenantsEnv } from './bench-tenants';
import { BOT_ENTRY, ECHO_ENTRY, SANDBOX_ENTRY, spawnService, type Child } from './processes';

/** The standalone simulated tenant (`npm run sandbox`), so that the bot process does only the bot's work. */
export async function startSandbox(workDir: string, latencyMs: number, tag: string): Promise<Child> {
  const port = await freePort();
  return spawnService({
    entry: SANDBOX_ENTRY,
    // One fixture stands in for thousands of tenants here; ARM meters each tenant's principal apart, so no throttling.
    env: { SANDBOX_PORT: String(port), SANDBOX_LATENCY_MS: String(latencyMs), SANDBOX_THROTTLE: 'off' },
    port,
    readyPath: '/sandbox/state',
    logFile: path.join(workDir, `sandbox-${tag}.log`),
  });
}

/**
 * The compiled bot (`node dist/src/index.js`), in sandbox mode with a fresh SQLite file.
 * With `sandboxUrl` it uses that sandbox; without, it starts its own in-process (the `npm start` default).
 */
export async function startBot(options: {
  workDir: string;
  tag: string;
  sandboxUrl?: string;
  latencyMs?: number;
  nodeArgs?: string[];
  logLevel?: string;
  tenants?: string[];
  /** More environment, last (e.g. SANDBOX_TENANT and SANDBOX_THROTTLE=on for a generated tenant). */
  env?: Record<string, string>;
}): Promise<Child> {
  const port = await freePort();
  return spawnService({
    entry: BOT_ENTRY,
    env: {
      DATABASE_URL: `sqlite:${path.join(options.workDir, `bot-${options.tag}.db`)}`,
      LOG_LEVEL: options.logLevel ?? 'info',
      ...allowedTenantsEnv(options.tenants ?? []),
      ...(options.sandboxUrl ? { SANDBOX_URL: options.sandboxUrl } : { SANDBOX_LATENCY_MS: String(options.latencyMs ?? 0), SANDBOX_THROTTLE: 'off' }),
      ...options.env,
    },
    port,
    readyPath: '/readyz',
    logFile: path.join(options.workDir, `bot-${options.tag}.log`),
    nodeArgs: options.nodeArgs,
  });
}

/** The minimal botbuilder echo bot: the floor. */
export async function startEchoBot(workDir: string): Promise<Child> {
  const port = await freePort();
  return spawnService({ entry: ECHO_ENTRY, env: {}, port, readyPath: '/readyz', logFile: path.join(workDir, 'echo-bot.log') });
}
