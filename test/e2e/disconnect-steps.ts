/** Steps shared by the disconnect, status and expiry end-to-end tests. */
import { cardOf } from '../support/fake-connector';
import { executeActions, walk } from '../support/card-queries';
import { click, say, socPosts, submitConnect, type InvokeBody } from '../support/drive';
import { personalConversationId, TENANT_ID, USERS, type TeamsUser } from '../support/teams-activities';
import type { TestBot } from '../support/test-bot';

export const SUB = 'd0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
export const OMAR = { id: '77777777-7777-4777-8777-777777777777', name: 'Omar Haddad (Subscription owner)' };

/** connect → submit → Ravi approves → the portal connects → Check now: the workspace is connected. */
export async function connectWorkspace(t: TestBot, name: string, requester: TeamsUser = USERS.dana): Promise<string> {
  const { requestId } = await submitConnect(t, requester, name);
  const approved = await click(t, USERS.ravi, 'request.approve', { requestId, version: 2 }, 'channel');
  if (approved.statusCode !== 200) throw new Error(`approve refused: ${JSON.stringify(approved.value)}`);
  const portal = await t.request('POST', '/sandbox/portal/connect', { workspace: `${SUB}/rg-soc/${name}` });
  if (portal.status !== 200) throw new Error(`portal connect: ${portal.status} ${JSON.stringify(portal.body)}`);
  const verified = await click(t, USERS.ravi, 'connection.verify', { requestId, version: 3 }, 'channel');
  if (verified.statusCode !== 200) throw new Error(`verify refused: ${JSON.stringify(verified.value)}`);
  // Let the notifications settle, so that the next 1:1 reply is not mistaken for them.
  await t.connector.waitFor(
    () => t.connector.posted(personalConversationId(requester)).some((p) => String(p.body.summary).startsWith(`Connected ${name}`)),
    5000,
    'requester told of the connection',
  );
  const connection = await t.bot.store.getConnection(TENANT_ID);
  if (connection?.workspace.name !== name) throw new Error(`${name} not recorded as connected: ${JSON.stringify(connection)}`);
  return requestId;
}

/** `disconnect [arg]` in 1:1; returns the disconnect card and its request id. */
export async function startDisconnect(t: TestBot, user: TeamsUser, argument = ''): Promise<{ card: Record<string, unknown>; requestId: string }> {
  const card = cardOf(await say(t, user, `disconnect ${argument}`.trim()));
  const action = executeActions(card).find((a) => a.verb === 'disconnect.submit');
  if (!card || !action) throw new Error(`no disconnect card: ${JSON.stringify(card).slice(0, 600)}`);
  return { card, requestId: action.data.requestId as string };
}

/** disconnect → reason → confirmation → submit; returns the request id and the approval card post. */
export async function submitDisconnect(t: TestBot, user: TeamsUser, reason: string, argument = '') {
  const { requestId } = await startDisconnect(t, user, argument);
  const confirm = await click(t, user, 'disconnect.submit', { requestId, version: 1, reason }, 'personal');
  if (confirm.statusCode !== 200) throw new Error(`reason refused: ${JSON.stringify(confirm.value)}`);
  const before = socPosts(t).length;
  const submitted = await click(t, user, 'request.submit', { requestId, version: 2 }, 'personal');
  if (submitted.statusCode !== 200) throw new Error(`submit refused: ${JSON.stringify(submitted.value)}`);
  await t.connector.waitFor(() => socPosts(t).length > before, 5000, 'disconnect approval card');
  return { requestId, confirm, approvalPost: socPosts(t)[before] };
}

/** Waits until the requester's 1:1 chat got a notification whose summary matches (so the next reply is not mistaken for it). */
export async function requesterTold(t: TestBot, user: TeamsUser, pattern: RegExp, what = 'requester told'): Promise<void> {
  await t.connector.waitFor(() => t.connector.posted(personalConversationId(user)).some((p) => pattern.test(String(p.body.summary))), 5000, what);
}

/** Waits for a SOC-channel post whose summary matches. */
export async function socPostMatching(t: TestBot, pattern: RegExp, what: string) {
  await t.connector.waitFor(() => socPosts(t).some((p) => pattern.test(String(p.body.summary))), 5000, what);
  return socPosts(t).find((p) => pattern.test(String(p.body.summary)))!;
}

/**
 * User text is inert: wherever `text` appears in a card it is the whole text of a
 * TextRun (never markdown-rendered TextBlock text, a Fact, a title or a URL).
 */
export function expectInert(card: unknown, text: string): void {
  const holders = walk(card).filter((n) => Object.values(n).some((v) => typeof v === 'string' && v.includes(text)));
  if (holders.length === 0) throw new Error(`"${text.slice(0, 40)}" is not in the card`);
  for (const node of holders) {
    if (node.type !== 'TextRun') throw new Error(`user text in a ${String(node.type)} node: ${JSON.stringify(node).slice(0, 300)}`);
  }
}

export type { InvokeBody };
