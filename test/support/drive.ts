import { cardOf, type ConnectorCall } from './fake-connector';
import { executeActions } from './card-queries';
import { cardAction, channelMessage, personalConversationId, personalMessage, SOC_CHANNEL_ID, USERS, type TeamsUser } from './teams-activities';
import type { TestBot } from './test-bot';

/** Sends a 1:1 message and returns the reply the fake connector received in that chat. */
export async function say(t: TestBot, user: TeamsUser, text: string): Promise<ConnectorCall> {
  const before = t.connector.calls.length;
  const res = await t.send(personalMessage(t.serviceUrl, user, text));
  if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}`);
  const calls = await t.connector.waitFor((c) => c.slice(before).some((x) => x.conversationId === personalConversationId(user)), 10_000, `reply to "${text}"`);
  return calls.slice(before).find((x) => x.conversationId === personalConversationId(user))!;
}

export interface InvokeBody {
  statusCode: number;
  type: string;
  value: any;
}

/** Clicks a card button (Action.Execute); returns the invoke response body (HTTP must be 200). */
export async function click(
  t: TestBot,
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  where: 'personal' | 'channel',
  replyToId?: string,
): Promise<InvokeBody> {
  const conversationId = where === 'personal' ? personalConversationId(user) : `${SOC_CHANNEL_ID};messageid=1`;
  const res = await t.send(cardAction(t.serviceUrl, user, verb, data, { conversationId, conversationType: where, replyToId }));
  if (res.status !== 200) throw new Error(`invoke answered HTTP ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body as InvokeBody;
}

/** New posts (not updates) in the SOC channel. */
export function socPosts(t: TestBot): ConnectorCall[] {
  return t.connector.posted().filter((c) => c.conversationId === SOC_CHANNEL_ID);
}

/** Makes the SOC channel the notification channel. */
export async function setSocChannel(t: TestBot, user: TeamsUser = USERS.lena): Promise<void> {
  const before = t.connector.calls.length;
  await t.send(channelMessage(t.serviceUrl, user, 'notify here'));
  await t.connector.waitFor((c) => c.length > before, 5000, 'notify here reply');
}

/** `connect <workspace>` then Submit; returns the request id and the approval card post. */
export async function submitConnect(t: TestBot, user: TeamsUser, workspace: string): Promise<{ requestId: string; approvalPost: ConnectorCall }> {
  const card = cardOf(await say(t, user, `connect ${workspace}`));
  const submit = executeActions(card).find((a) => a.verb === 'request.submit');
  if (!submit) throw new Error(`no submit button for ${workspace}: ${JSON.stringify(card).slice(0, 500)}`);
  const requestId = submit.data.requestId as string;
  const before = socPosts(t).length;
  const answer = await click(t, user, 'request.submit', { requestId, version: submit.data.version }, 'personal');
  if (answer.statusCode !== 200) throw new Error(`submit refused: ${JSON.stringify(answer.value)}`);
  await t.connector.waitFor(() => socPosts(t).length > before, 5000, 'approval card');
  return { requestId, approvalPost: socPosts(t)[before] };
}
