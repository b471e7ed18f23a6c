import type { Activity } from 'botbuilder';

/** Who sent an activity and where, in the terms the bot uses. */
export interface TurnOrigin {
  tenantId: string;
  /** Entra object id, or null when the client sent none (e.g. an Emulator without a user id). */
  userId: string | null;
  userName: string;
  conversationType: 'personal' | 'channel' | 'groupChat';
  teamId: string | null;
  channelId: string | null;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Reads the origin of an activity. `sandboxIdentity` lets a client without Entra
 * (the Emulator) act as a sandbox user by setting its user id to that user's object id.
 */
export function readTurn(activity: Partial<Activity>, sandboxIdentity: boolean, defaultTenantId: string): TurnOrigin {
  const channelData = (activity.channelData ?? {}) as { tenant?: { id?: unknown }; team?: { id?: unknown }; channel?: { id?: unknown } };
  const str = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : null);
  const tenantId = str(channelData.tenant?.id) ?? str((activity.conversation as { tenantId?: unknown } | undefined)?.tenantId) ?? defaultTenantId;
  const aad = str(activity.from?.aadObjectId);
  const fromId = str(activity.from?.id);
  const userId = aad ?? (sandboxIdentity && fromId && GUID.test(fromId) ? fromId : null);
  const rawType = str(activity.conversation?.conversationType);
  const teamId = str(channelData.team?.id);
  const channelId = str(channelData.channel?.id);
  const conversationType = rawType === 'channel' || (teamId && channelId) ? 'channel' : rawType === 'groupChat' ? 'groupChat' : 'personal';
  return {
    tenantId,
    userId: userId ? userId.toLowerCase() : null,
    userName: (str(activity.from?.name) ?? 'Unknown user').slice(0, 200),
    conversationType,
    teamId,
    channelId,
  };
}
