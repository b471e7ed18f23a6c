import type { AppContext } from './context';

/** What the readiness checks need to know of where the bot runs: the tenant whose Defender portal the workspace would join. */
export function checkEnvironment(ctx: AppContext): { homeTenantId: string | null } {
  return { homeTenantId: ctx.config.azureTenantId };
}
