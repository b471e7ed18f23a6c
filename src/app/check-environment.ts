import { portalLinks, type PortalLinks } from '../clouds';
import type { AppContext } from './context';

/** What the readiness checks need to know of where the bot runs: its tenant and its cloud's portal pages. */
export function checkEnvironment(ctx: AppContext): { homeTenantId: string | null; links: PortalLinks } {
  return { homeTenantId: ctx.config.azureTenantId, links: portalLinks(ctx.config.cloud) };
}
