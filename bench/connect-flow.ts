import { APPROVER, cardAction, channelMessage, personalConversationId, personalMessage, requester, socChannelId, type BenchUser } from './bench-activities';
import { cardActions, type BenchConnector } from './bench-connector';
import { requestJson } from './http-client';
import type { Recorder } from './recorder';

/** The workspace every simulated tenant connects (the built-in sample tenant's, with all checks passing). */
export const BENCH_WORKSPACE = { name: 'law-soc-prod', key: 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0/rg-soc/law-soc-prod' };

/** What a simulated user drives: the bot, its connector, the recorder. */
export interface FlowTarget {
  botUrl: string;
  connector: BenchConnector;
  recorder: Recorder;
  /** Pause between a user's steps (a person reading the card), ms. */
  thinkMs: number;
}

/** An approved request, waiting for the portal step; `verify` is the portal-step card's button data. */
export interface ApprovedRequest {
  tenantId: string;
  verify: Record<string, unknown>;
}

class FlowError extends Error {}

const sleep = (ms: number) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve());

/** POSTs a message activity; records the turn's latency (the HTTP answer comes after the bot's replies are sent). */
export async function messageTurn(t: FlowTarget, step: string, activity: object): Promise<void> {
  const answer = await requestJson('POST', `${t.botUrl}/api/messages`, activity).catch((err: Error) => {
    throw new FlowError(`${step}: ${err.message}`);
  });
  if (answer.status !== 200 && answer.status !== 201) throw new FlowError(`${step}: HTTP ${answer.status}`);
  t.recorder.record('message', step, answer.ms);
}

/** POSTs an invoke (card action); records its latency; returns the card of a 200 answer. */
export async function invokeTurn(t: FlowTarget, step: string, activity: object): Promise<unknown> {
  const answer = await requestJson('POST', `${t.botUrl}/api/messages`, activity).catch((err: Error) => {
    throw new FlowError(`${step}: ${err.message}`);
  });
  if (answer.status !== 200) throw new FlowError(`${step}: HTTP ${answer.status}`);
  t.recorder.record('invoke', step, answer.ms);
  const body = answer.body as { statusCode?: number; value?: { code?: string } } | null;
  if (body?.statusCode !== 200) throw new FlowError(`${step}: refused ${body?.statusCode} ${body?.value?.code ?? ''}`.trim());
  return body.value;
}

const actionsOf = (card: unknown) => cardActions({ id: '', body: { attachments: [{ content: card }] } });

/**
 * One simulated tenant's connect flow up to the portal step, over the Bot Framework
 * protocol: `notify here` in the SOC channel → `connect` in 1:1 → Submit → the
 * approver's Approve on the channel card → "Check now" before the portal step.
 */
export async function connectFlow(t: FlowTarget, tenantId: string, user: BenchUser): Promise<ApprovedRequest> {
  const url = t.connector.url;
  await messageTurn(t, 'notify here', channelMessage(url, tenantId, user, 'notify here'));
  await sleep(t.thinkMs);

  await messageTurn(t, 'connect', personalMessage(url, tenantId, user, `connect ${BENCH_WORKSPACE.name}`));
  const changes = t.connector.latest(personalConversationId(tenantId, user));
  const submit = cardActions(changes).find((a) => a.verb === 'request.submit');
  if (!submit) throw new FlowError('connect: no Submit button on the reply');
  await sleep(t.thinkMs);

  await invokeTurn(t, 'request.submit', cardAction(url, tenantId, user, 'personal', 'request.submit', submit.data));
  const approvalPost = await t.connector
    .waitFor(socChannelId(tenantId), (a) => cardActions(a).some((x) => x.verb === 'request.approve'), 30_000)
    .catch(() => {
      throw new FlowError('approval card not posted to the SOC channel within 30 s');
    });
  const approve = cardActions(approvalPost).find((a) => a.verb === 'request.approve')!;
  await sleep(t.thinkMs);

  const portalStep = await invokeTurn(
    t,
    'request.approve',
    cardAction(url, tenantId, APPROVER, 'channel', 'request.approve', { ...approve.data, comment: 'Approved by the benchmark' }, approvalPost.id),
  );
  const verify = actionsOf(portalStep).find((a) => a.verb === 'connection.verify');
  if (!verify) throw new FlowError('request.approve: no Check now button on the portal-step card');
  await sleep(t.thinkMs);

  await invokeTurn(t, 'connection.verify (before the portal step)', cardAction(url, tenantId, APPROVER, 'channel', 'connection.verify', verify.data));
  return { tenantId, verify: verify.data };
}

/**
 * "Check now" after the portal step: the bot verifies the connection from Azure signals.
 * The approver thinks before clicking, as between the other steps (a stampede is `--think 0`).
 */
export async function verifyConnected(t: FlowTarget, approved: ApprovedRequest): Promise<void> {
  await sleep(t.thinkMs);
  await invokeTurn(
    t,
    'connection.verify (after the portal step)',
    cardAction(t.connector.url, approved.tenantId, APPROVER, 'channel', 'connection.verify', approved.verify),
  );
}

/**
 * Runs `connectFlow` in a loop for one simulated user until `until` (performance.now());
 * each round is a new tenant (one tenant may have only one request in flight).
 */
export async function userLoop(t: FlowTarget, tenants: string[], userIndex: number, until: number, approved: ApprovedRequest[]): Promise<void> {
  // People don't all press Enter in the same millisecond: spread the first turns over one think time.
  await sleep(Math.random() * t.thinkMs);
  for (let round = 0; performance.now() < until && round < tenants.length; round++) {
    const tenantId = tenants[round]!;
    try {
      approved.push(await connectFlow(t, tenantId, requester(userIndex)));
    } catch (err) {
      t.recorder.fail(err instanceof FlowError ? err.message : `unexpected: ${(err as Error).message}`);
      await sleep(200);
    }
  }
}

export { FlowError, requester };
