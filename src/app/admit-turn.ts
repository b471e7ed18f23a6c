import type { TurnOrigin } from './turn-origin';

/** Whose activities the bot serves (README, "Tenants and channels"). */
export interface Tenancy {
  mode: 'sandbox' | 'live';
  /** The bot's own tenant and ALLOWED_TENANT_IDS, lower case. */
  tenants: readonly string[];
}

/** Channels served in live mode: Teams only. */
const LIVE_CHANNELS: readonly string[] = ['msteams'];
/** Channels served in sandbox mode: Teams, and the clients without Universal Actions. */
const SANDBOX_CHANNELS: readonly string[] = ['msteams', 'emulator', 'webchat', 'directline'];

/** The one answer to anyone outside: it names nothing of the tenant the bot serves. */
export const TENANT_NOT_ALLOWED_MESSAGE =
  'Sorry, this bot serves another organisation, so it cannot help you here. Nothing was read or changed. Ask your Teams admin for the Sentinel ' +
  'onboarding app of your own organisation.';

export type Admission = { ok: true } | { ok: false; why: 'channel' | 'tenant' };

/**
 * Whether a turn may be served: its channel is one the mode serves and its tenant is the bot's
 * own or an allowed one. Decided before anything is read or stored.
 */
export function admitTurn(tenancy: Tenancy, origin: Pick<TurnOrigin, 'channel' | 'tenantId'>): Admission {
  const channels = tenancy.mode === 'live' ? LIVE_CHANNELS : SANDBOX_CHANNELS;
  if (!channels.includes(origin.channel)) return { ok: false, why: 'channel' };
  if (origin.tenantId === '' || !tenancy.tenants.includes(origin.tenantId)) return { ok: false, why: 'tenant' };
  return { ok: true };
}
