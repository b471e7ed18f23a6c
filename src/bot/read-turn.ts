import type { Activity } from 'botbuilder';

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

/** How activities are read: who a client without Entra may be, and whose tenant an activity without one is. */
export interface ReadTurnOptions {
  /** In sandbox mode a client without Entra (the Emulator, Web Chat) may act as a sandbox user through its user id. */
  sandboxIdentity: boolean;
  /** Tenant of an activity that names none (sandbox: the fixture's; live: '' so that it is refused). */
  defaultTenantId: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the origin of an activity. A user id only ever reaches Azure or Graph as a GUID:
 * `from.aadObjectId` that is not one is reported in `userIdProblem`.
 */
export function readTurn(activity: Partial<Activity>, options: ReadTurnOptions): TurnOrigin {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown }; team?: { id?: unknown }; channel?: { id?: unknown } };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const tenantId = (
    str(channelData.tenant?.id) ??
    str((activity.conversation as { tenantId?: unknown } | undefined)?.tenantId) ??
    options.defaultTenantId
  ).toLowerCase();
  const aad = str(activity.from?.aadObjectId);
  const fromId = str(activity.from?.id);
  let userId: string | null = null;
  let userIdProblem: string | null = null;
  if (aad !== null) {
    if (GUID.test(aad)) userId = aad;
    else userIdProblem = 'from.aadObjectId is not a Microsoft Entra object id (a GUID)';
  } else if (options.sandboxIdentity && fromId && GUID.test(fromId)) {
    userId = fromId;
  }
  const rawType = str(activity.conversation?.conversationType);
  const teamId = str(channelData.team?.id);
  const channelId = str(channelData.channel?.id);
  const conversationType = rawType === 'channel' || (teamId && channelId) ? 'channel' : rawType === 'groupChat' ? 'groupChat' : 'personal';
  return {
    channel: (str(activity.channelId) ?? '').toLowerCase(),
    tenantId,
    userId: userId ? userId.toLowerCase() : null,
    userIdProblem,
    userName: (str(activity.from?.name) ?? 'Unknown user').slice(0, 200),
    conversationType,
    teamId,
    channelId,
  };
}
