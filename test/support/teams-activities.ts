/** Builders for activities as Microsoft Teams sends them to a bot. */

export const TENANT_ID = '72f988bf-0000-4000-8000-00000000c0de';
export const TEAM_ID = '19:team-soc@thread.tacv2';
export const SOC_CHANNEL_ID = '19:soc-channel@thread.tacv2';
export const OTHER_CHANNEL_ID = '19:general@thread.tacv2';
export const BOT = { id: '28:bot-id', name: 'Sentinel onboarding' };

export const USERS = {
  dana: { id: '11111111-1111-4111-8111-111111111111', name: 'Dana Okafor (SOC lead)' },
  ravi: { id: '22222222-2222-4222-8222-222222222222', name: 'Ravi Menon (Security admin)' },
  lena: { id: '33333333-3333-4333-8333-333333333333', name: 'Lena Vogt (Analyst)' },
} as const;

export interface TeamsUser {
  id: string;
  name: string;
}

let counter = 0;
const nextId = () => `incoming-${Date.now()}-${++counter}`;

function from(user: TeamsUser) {
  return { id: `29:${user.id}`, name: user.name, aadObjectId: user.id };
}

/** The 1:1 conversation id of a user with the bot. */
export const personalConversationId = (user: TeamsUser) => `a:personal-${user.id}`;

/** A message in the 1:1 chat with the bot. */
export function personalMessage(serviceUrl: string, user: TeamsUser, text: string, extra: Record<string, unknown> = {}) {
  return {
    type: 'message',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: from(user),
    recipient: BOT,
    conversation: { id: personalConversationId(user), conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    text,
    textFormat: 'plain',
    locale: 'en-US',
    ...extra,
  };
}

/** A message in a team channel, with the bot's `<at>` mention as Teams sends it. */
export function channelMessage(serviceUrl: string, user: TeamsUser, text: string, channelId = SOC_CHANNEL_ID) {
  const threadId = `${channelId};messageid=${Date.now()}${++counter}`;
  return {
    type: 'message',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    timestamp: new Date().toISOString(),
    from: from(user),
    recipient: BOT,
    conversation: { id: threadId, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM_ID }, channel: { id: channelId } },
    text: `<at>${BOT.name}</at> ${text}`,
    textFormat: 'plain',
    entities: [{ type: 'mention', text: `<at>${BOT.name}</at>`, mentioned: BOT }],
  };
}

/** The bot added to a team: a conversationUpdate in the team's General channel. */
export function botAddedToTeam(serviceUrl: string, user: TeamsUser, channelId = OTHER_CHANNEL_ID) {
  return {
    type: 'conversationUpdate',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    from: from(user),
    recipient: BOT,
    conversation: { id: channelId, conversationType: 'channel', isGroup: true, tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID }, team: { id: TEAM_ID }, channel: { id: channelId }, eventType: 'teamMemberAdded' },
    membersAdded: [{ id: BOT.id }],
  };
}

/** An Action.Execute click (`adaptiveCard/action` invoke). */
export function cardAction(
  serviceUrl: string,
  user: TeamsUser,
  verb: string,
  data: Record<string, unknown>,
  where: { conversationId: string; conversationType: 'personal' | 'channel'; channelId?: string; replyToId?: string },
) {
  return {
    type: 'invoke',
    name: 'adaptiveCard/action',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    from: from(user),
    recipient: BOT,
    replyToId: where.replyToId,
    conversation: { id: where.conversationId, conversationType: where.conversationType, tenantId: TENANT_ID },
    channelData:
      where.conversationType === 'channel'
        ? { tenant: { id: TENANT_ID }, team: { id: TEAM_ID }, channel: { id: where.channelId ?? SOC_CHANNEL_ID } }
        : { tenant: { id: TENANT_ID } },
    value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
  };
}

/** The `application/search` invoke Teams sends while a user types into a `Data.Query` input, in the 1:1 chat. */
export function searchInvoke(serviceUrl: string, user: TeamsUser, queryText: string, options: { dataset?: string; skip?: number; top?: number } = {}) {
  return {
    type: 'invoke',
    name: 'application/search',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl,
    from: from(user),
    recipient: BOT,
    conversation: { id: personalConversationId(user), conversationType: 'personal', tenantId: TENANT_ID },
    channelData: { tenant: { id: TENANT_ID } },
    value: { queryText, dataset: options.dataset ?? 'workspaces', queryOptions: { skip: options.skip ?? 0, top: options.top ?? 15 } },
  };
}
