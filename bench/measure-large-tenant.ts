import * as fs from 'node:fs';
import * as path from 'node:path';
import { generateTenant } from '../src/sandbox/generate-tenant';
import { APPROVER, channelMessage, personalConversationId, personalMessage, requester } from './bench-activities';
import type { BenchConnector, PostedActivity } from './bench-connector';
import { requestJson } from './http-client';
import { stopChild } from './processes';
import { startBot } from './start-services';

/** The figures of one generated tenant (10 workspaces per subscription), ARM throttling and the Resource Graph quota on. */
export interface LargeTenantResult {
  subscriptions: number;
  workspaces: number;
  /** `check <workspace>` right after a start (inventory read in that check) and once warm. */
  checkCold: CheckFigures;
  checkWarm: CheckFigures;
  /** `application/search` answers of the picker, ms (slowest of a few). */
  searchMaxMs: number;
  pickerCardBytes: number;
  /** `check all`: until the totals line arrived. */
  checkAll: { ms: number; rows: number; unknown: number; reportMessages: number; progressUpdates: number };
  /** The largest card the bot posted or updated in this tenant. */
  largestCardBytes: number;
}

export interface CheckFigures {
  ms: number;
  calls: number;
  armCalls: number;
  resourceGraphCalls: number;
  graphCalls: number;
  throttled: number;
  unknownRows: number;
}

const user = requester(1);
const TOTALS = /(\d+) workspaces: (\d+) passed · (\d+) failed · (\d+) warnings · (\d+) unknown/;
const cardOf = (a: PostedActivity | undefined) => (a?.body.attachments as { content?: unknown }[] | undefined)?.[0]?.content;
const cardJson = (a: PostedActivity | undefined) => JSON.stringify(cardOf(a) ?? {});

/**
 * Starts the compiled bot on a generated tenant of `workspaces` workspaces (10 per subscription;
 * the portal connected one in the 97th-percentile subscription) and measures `check`, the picker's
 * search and `check all` through its HTTP endpoint, counting the emulated calls through /sandbox/calls.
 */
export async function measureLargeTenant(options: {
  workspaces: number;
  latencyMs: number;
  workDir: string;
  connector: BenchConnector;
  nodeArgs: string[];
}): Promise<LargeTenantResult> {
  const subscriptions = Math.max(1, Math.ceil(options.workspaces / 10));
  const fixture = generateTenant({ subscriptions, workspaces: options.workspaces }) as {
    tenantId: string;
    subscriptions: { workspaces: { name: string }[] }[];
  };
  const file = path.join(options.workDir, `tenant-${options.workspaces}.json`);
  fs.writeFileSync(file, JSON.stringify(fixture));
  const tenantId = fixture.tenantId;
  options.connector.reset();
  let largestCardBytes = 0;
  const bot = await startBot({
    workDir: options.workDir,
    tag: `large-${options.workspaces}`,
    nodeArgs: options.nodeArgs,
    env: { SANDBOX_TENANT: file, SANDBOX_LATENCY_MS: String(options.latencyMs), SANDBOX_THROTTLE: 'on' },
  });
  const serviceUrl = options.connector.url;
  const chat = personalConversationId(tenantId, user);
  const send = (activity: object) => requestJson('POST', `${bot.url}/api/messages`, activity, 120_000);
  const calls = async () => ((await requestJson('GET', `${bot.url}/sandbox/calls`)).body as { calls: { service: string; status: number }[] }).calls;
  const clear = () => requestJson('DELETE', `${bot.url}/sandbox/calls`);
  try {
    await send(channelMessage(serviceUrl, tenantId, APPROVER, 'notify here'));
    const firstSub = fixture.subscriptions[0]!.workspaces.map((w) => w.name);
    const check = async (name: string): Promise<CheckFigures> => {
      await clear();
      const started = performance.now();
      const answer = await send(personalMessage(serviceUrl, tenantId, user, `check ${name}`));
      const ms = Math.round(performance.now() - started);
      if (answer.status !== 200) throw new Error(`bench: check ${name} answered HTTP ${answer.status}`);
      const reply = await options.connector.waitFor(chat, (a) => cardJson(a).includes('No other workspace connected'), 30_000);
      const made = await calls();
      const of = (service: string) => made.filter((c) => c.service === service).length;
      return {
        ms,
        calls: made.length,
        armCalls: of('arm'),
        resourceGraphCalls: of('resourceGraph'),
        graphCalls: of('graph'),
        throttled: made.filter((c) => c.status === 429).length,
        unknownRows: (cardJson(reply).match(/"Unknown"/g) ?? []).length,
      };
    };
    const checkCold = await check(firstSub[0]!);
    largestCardBytes = Math.max(largestCardBytes, options.connector.largestCardBytes);
    options.connector.reset();
    const checkWarm = await check(firstSub[1] ?? firstSub[0]!);

    largestCardBytes = Math.max(largestCardBytes, options.connector.largestCardBytes);
    options.connector.reset();
    await send(personalMessage(serviceUrl, tenantId, user, 'connect'));
    const picker = await options.connector.waitFor(chat, (a) => cardJson(a).includes('"workspace.select"'), 30_000);
    const pickerCardBytes = Buffer.byteLength(cardJson(picker));
    let searchMaxMs = 0;
    for (const text of ['law', 'law-0', '01', 'soc', 'zzz']) {
      const started = performance.now();
      const answer = await send({
        ...personalMessage(serviceUrl, tenantId, user, ''),
        type: 'invoke',
        name: 'application/search',
        value: { queryText: text, dataset: 'workspaces', queryOptions: { skip: 0, top: 15 } },
      });
      searchMaxMs = Math.max(searchMaxMs, Math.round(performance.now() - started));
      if ((answer.body as { statusCode?: number } | null)?.statusCode !== 200)
        throw new Error(`bench: search "${text}" was refused: ${JSON.stringify(answer.body)}`);
    }

    largestCardBytes = Math.max(largestCardBytes, options.connector.largestCardBytes);
    options.connector.reset();
    const before = { ...options.connector.counts };
    const started = performance.now();
    // The turn answers at once; the reports follow, the totals line last.
    await send(personalMessage(serviceUrl, tenantId, user, 'check all'));
    const last = await options.connector.waitFor(chat, (a) => TOTALS.test(cardJson(a)), 180_000);
    const checkAllMs = Math.round(performance.now() - started);
    const totals = TOTALS.exec(cardJson(last))!;
    return {
      subscriptions,
      workspaces: options.workspaces,
      checkCold,
      checkWarm,
      searchMaxMs,
      pickerCardBytes,
      checkAll: {
        ms: checkAllMs,
        rows: Number(totals[1]),
        unknown: Number(totals[5]),
        // Every post but the progress card.
        reportMessages: options.connector.counts.POST - before.POST - 1,
        progressUpdates: options.connector.counts.PUT - before.PUT,
      },
      largestCardBytes: Math.max(largestCardBytes, options.connector.largestCardBytes),
    };
  } finally {
    await stopChild(bot);
  }
}
