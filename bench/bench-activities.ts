/**
 * Activities as Microsoft Teams sends them, for many tenants at once: every
 * simulated tenant has its own `channelData.tenant.id`, SOC channel and chats.
 */

export const BOT = { id: '28:bench-bot', name: 'Sentinel onboarding' };

/** A person in a simulated tenant (the Entra object id keys roles in the sandbox fixture). */
export interface BenchUser {
  id: string;
  name: string;
}

/** Ravi in the built-in sample tenant: Security Administrator and Owner, so he may approve. */
export const APPROVER: BenchUser = { id: '22222222-2222-4222-8222-222222222222', name: 'Ravi Menon (Security admin)' };

let counter = 0;
const nextId = () => `bench-${++counter}`;

/** A requester: a fresh Entra object id per simulated user (no roles in the fixture: the role checks warn, they don't block). */
export function requester(n: number): BenchUser {
  const hex = n.toString(16).padStart(12, '0');
  return { id: `0be0c400-0000-4000-8000-${hex}`, name: `Bench requester ${n}` };
}

export const socChannelId = (tenantId: string) => `19:soc-${tenantId}@thread.tacv2`;
export const personalConversationId = (tenantId: string, user: BenchUser) => `a:bench-${tenantId}-${user.id}`;

const from = (user: BenchUser) => ({ id: `29:${user.id}`, name: user.name, aadObjectId: user.id });

/** A message in the 1:1 chat with the bot. */
export function personalMessage(serviceUrl: string, tenantId: string, user: BenchUser, text: string) {
  return {
    type: 'message',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: from(user),
    recipient: BOT,
    conversation: { id: personalConversationId(tenantId, user), conversationType: 'personal', tenantId },
    channelData: { tenant: { id: tenantId } },
    text,
    textFormat: 'plain',
    locale: 'en-US',
  };
}

/** A message in the tenant's SOC channel with the bot's `<at>` mention. */
export function channelMessage(serviceUrl: string, tenantId: string, user: BenchUser, text: string) {
  const channelId = socChannelId(tenantId);
  return {
    type: 'message',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: from(user),
    recipient: BOT,
    conversation: { id: `${channelId};messageid=${++counter}`, conversationType: 'channel', isGroup: true, tenantId },
    channelData: { tenant: { id: tenantId }, team: { id: `19:team-${tenantId}@thread.tacv2` }, channel: { id: channelId } },
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
  };
}

/** An `Action.Execute` click (`adaptiveCard/action` invoke) in the 1:1 chat or the SOC channel. */
export function cardAction(
  serviceUrl: string,
  tenantId: string,
  user: BenchUser,
  where: 'personal' | 'channel',
  verb: string,
  data: Record<string, unknown>,
  replyToId?: string,
) {
  const channelId = socChannelId(tenantId);
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    from: from(user),
    recipient: BOT,
    replyToId,
    conversation:
      where === 'personal'
        ? { id: personalConversationId(tenantId, user), conversationType: 'personal', tenantId }
        : { id: `${channelId};messageid=1`, conversationType: 'channel', isGroup: true, tenantId },
    channelData:
      where === 'personal'
        ? { tenant: { id: tenantId } }
        : { tenant: { id: tenantId }, team: { id: `19:team-${tenantId}@thread.tacv2` }, channel: { id: channelId } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}
