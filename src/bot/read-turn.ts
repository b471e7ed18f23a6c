import type { Activity } from 'botbuilder';
import type { TurnOrigin } from '../app/turn-origin';

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
