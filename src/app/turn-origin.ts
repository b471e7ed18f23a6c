/** Who sent an activity and where, in the terms the bot uses. */
export interface TurnOrigin {
  /** The activity's `channelId`, lower case: `msteams`, `emulator`, `webchat`, `directline`, … */
  channel: string;
  /** Entra tenant id (lower case) from `channelData.tenant.id` or `conversation.tenantId`; else the default; '' when none. */
  tenantId: string;
  /** Entra object id (lower case GUID), or null when the client sent none (e.g. an Emulator without a user id). */
  userId: string | null;
  /** Set when the client sent a user id that is not an Entra object id: the turn is refused before any call. */
  userIdProblem: string | null;
  userName: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  teamId: string | null;
  channelId: string | null;
}
