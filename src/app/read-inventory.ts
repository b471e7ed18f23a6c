import type { SubscriptionInfo, WorkspaceInfo } from '../azure/ports';
import { isAzureFailure, whenAzureFails } from '../checks/describe-call-error';
import type { AppContext } from './context';

/** The workspaces the bot can see and their subscriptions' names. */
export interface Inventory {
  workspaces: WorkspaceInfo[];
  /** Empty when the subscriptions could not be read: names fall back to ids. */
  subscriptions: SubscriptionInfo[];
}

/**
 * Reads the tenant's workspaces beside their subscriptions (the picker, its search and `check all`).
 * Null when Azure did not answer for the workspaces; the caller says so in its own words.
 */
export async function readInventory(ctx: AppContext): Promise<Inventory | null> {
  try {
    const [workspaces, subscriptions] = await Promise.all([ctx.arm.listWorkspaces(), ctx.arm.listSubscriptions().catch(whenAzureFails([]))]);
    return { workspaces, subscriptions };
  } catch (err) {
    if (!isAzureFailure(err)) throw err;
    return null;
  }
}
