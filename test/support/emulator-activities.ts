/**
 * Activities as the Bot Framework Emulator (and Web Chat over Direct Line) sends them: `channelId`
 * `emulator`, the user id from Settings > User ID, no tenant, no conversation type, and an
 * Action.Submit click as a message whose `value` is the button's data merged with the inputs.
 */
import type { ConnectorCall } from './fake-connector';
import type { TestBot } from './test-bot';
import type { TeamsUser } from './teams-activities';

export const EMULATOR_BOT = { id: 'bot-emulator', name: 'Bot', role: 'bot' };

let counter = 0;

/** An Emulator conversation id (`<guid>|livechat`) for a user's own chat window. */
export const emulatorConversationId = (user: TeamsUser, channelId = 'emulator') => `${user.id.slice(0, 8)}-conv-${channelId}|livechat`;

function base(serviceUrl: string, user: TeamsUser, conversationId: string, channelId: string) {
  return {
    type: 'message',
    id: `emu-${Date.now()}-${++counter}`,
    channelId,
    serviceUrl,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    from: { id: user.id, name: 'User', role: 'user' },
    recipient: EMULATOR_BOT,
    conversation: { id: conversationId },
    locale: 'en-US',
    entities: [{ type: 'ClientCapabilities', requiresBotState: true, supportsListening: true, supportsTts: true }],
    channelData: { clientActivityID: `client-${++counter}` },
  };
}

/** A typed message. */
export function emulatorMessage(serviceUrl: string, user: TeamsUser, text: string, conversationId: string, channelId = 'emulator') {
  return { ...base(serviceUrl, user, conversationId, channelId), text, textFormat: 'plain' };
}

/** An Action.Submit click: a message with no text whose value holds the verb, the data and the inputs. */
export function emulatorSubmit(serviceUrl: string, user: TeamsUser, value: unknown, conversationId: string, channelId = 'emulator') {
  const activity = base(serviceUrl, user, conversationId, channelId);
  return { ...activity, channelData: { ...activity.channelData, postBack: true }, value };
}

/** Sends an activity and returns the bot's reply to it (a post in that conversation answering that activity, not a notification). */
export async function replyTo(t: TestBot, activity: { id: string; conversation: { id: string } }, what: string): Promise<ConnectorCall> {
  const before = t.connector.calls.length;
  const res = await t.send(activity);
  if (res.status !== 200) throw new Error(`POST /api/messages answered ${res.status}: ${JSON.stringify(res.body)}`);
  const inConversation = (c: ConnectorCall) => c.method === 'POST' && c.conversationId === activity.conversation.id && c.activityId === activity.id;
  const calls = await t.connector.waitFor((c) => c.slice(before).some(inConversation), 10_000, what);
  return calls.slice(before).find(inConversation)!;
}
