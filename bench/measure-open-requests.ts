import { channelMessage, personalConversationId, personalMessage, requester } from './bench-activities';
import { cardActions, type BenchConnector } from './bench-connector';
import { BENCH_WORKSPACE } from './connect-flow';
import { requestJson } from './http-client';
import { readRss, stopChild } from './processes';
import { pool } from './recorder';
import { benchTenantId } from './bench-tenants';
import { startBot, startSandbox } from './start-services';

/** The bot's memory with many open requests. */
export interface OpenRequestsResult {
  requested: number;
  /** Drafts the bot created (replies with a Submit button). */
  created: number;
  tenants: number;
  /** RSS right after /readyz answered, MB. */
  baselineRssMb: number;
  /** RSS once every request is open, MB. */
  rssMb: number;
  /** Highest RSS of the bot process over its life (VmHWM), MB. */
  peakRssMb: number;
}

const USERS_PER_TENANT = 10;

/**
 * `count` distinct users, ten per tenant, each with an open connect draft
 * (drafts of different people don't block each other), made `concurrency` at a time
 * against a fresh bot; then the bot's peak RSS.
 */
export async function measureOpenRequests(options: {
  count: number;
  concurrency: number;
  latencyMs: number;
  workDir: string;
  connector: BenchConnector;
  nodeArgs?: string[];
}): Promise<OpenRequestsResult> {
  const tag = 'open-requests';
  const tenants = Array.from({ length: Math.ceil(options.count / USERS_PER_TENANT) }, (_, i) => benchTenantId(tag, i));
  const sandbox = await startSandbox(options.workDir, options.latencyMs, tag);
  const bot = await startBot({ workDir: options.workDir, tag, sandboxUrl: sandbox.url, nodeArgs: options.nodeArgs, tenants });
  try {
    options.connector.reset();
    const pid = bot.process.pid!;
    const baseline = readRss(pid).rssMb;
    const url = options.connector.url;
    await pool(tenants, options.concurrency, async (tenantId, i) => {
      await requestJson('POST', `${bot.url}/api/messages`, channelMessage(url, tenantId, requester(i), 'notify here'));
    });
    let created = 0;
    const users = Array.from({ length: options.count }, (_, i) => i);
    await pool(users, options.concurrency, async (i) => {
      const tenantId = tenants[Math.floor(i / USERS_PER_TENANT)];
      const user = requester(i);
      const answer = await requestJson('POST', `${bot.url}/api/messages`, personalMessage(url, tenantId, user, `connect ${BENCH_WORKSPACE.name}`)).catch(
        () => null,
      );
      if (answer?.status !== 200) return;
      if (cardActions(options.connector.latest(personalConversationId(tenantId, user))).some((a) => a.verb === 'request.submit')) created += 1;
    });
    const after = readRss(pid);
    return {
      requested: options.count,
      created,
      tenants: tenants.length,
      baselineRssMb: round(baseline),
      rssMb: round(after.rssMb),
      peakRssMb: round(after.peakRssMb),
    };
  } finally {
    await stopChild(bot);
    await stopChild(sandbox);
  }
}

const round = (n: number) => Math.round(n * 10) / 10;
