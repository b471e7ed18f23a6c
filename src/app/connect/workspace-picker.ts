import { renderWorkspacePickerCard } from '../../cards';
import type { Json } from '../../store/store';
import { whenAzureFails } from '../../checks/describe-call-error';
import type { AppContext } from '../context';
import { readInventory } from '../read-inventory';
import { mapBounded } from '../../azure/map-bounded';
import { WORKSPACE_DATASET } from '../search/workspace-search';

/** Above this many workspaces the picker searches (conversation contract, "Large tenants"); it lists at most this many. */
export const PICKER_LIST_MAX = 25;

/** The workspace picker: every Log Analytics workspace the bot can see (up to 25; more are searched), with Sentinel on or off. */
export async function workspacePickerCard(ctx: AppContext): Promise<{ ok: true; card: Json } | { ok: false; message: string }> {
  const inventory = await readInventory(ctx);
  if (!inventory) {
    return {
      ok: false,
      message: 'Azure did not answer when the bot listed the workspaces. Try again in a minute, or type `connect WORKSPACE` with its resource id.',
    };
  }
  const { workspaces, subscriptions } = inventory;
  if (workspaces.length === 0) {
    return {
      ok: false,
      message:
        'The bot cannot see any Log Analytics workspace. Give its identity Reader on the subscription that holds your Sentinel workspace, then try again.',
    };
  }
  // A large tenant searches (application/search) instead of listing: only the first ones are listed, and only their Sentinel state is read.
  const large = workspaces.length > PICKER_LIST_MAX;
  const listed = large ? [...workspaces].sort((a, b) => a.name.localeCompare(b.name) || a.id.localeCompare(b.id)).slice(0, PICKER_LIST_MAX) : workspaces;
  const sentinel = await mapBounded(listed, 8, (w) => ctx.arm.isSentinelEnabled(w).catch(whenAzureFails(null)));
  const subOf = (id: string) => subscriptions.find((s) => s.subscriptionId.toLowerCase() === id.toLowerCase());
  const home = ctx.config.azureTenantId?.toLowerCase();
  // A subscription of another tenant (Azure Lighthouse) is listed, marked: the portal connects its own tenant's workspaces only.
  const otherTenant = (id: string): string | undefined => {
    const tenant = subOf(id)?.tenantId;
    return home && tenant && tenant.toLowerCase() !== home ? tenant : undefined;
  };
  const card = renderWorkspacePickerCard({
    ...(large ? { search: { dataset: WORKSPACE_DATASET, total: workspaces.length } } : {}),
    workspaces: listed.map((w, i) => ({
      resourceId: w.id,
      name: w.name,
      resourceGroup: w.resourceGroup,
      subscription: subOf(w.subscriptionId)?.displayName ?? w.subscriptionId,
      sentinelEnabled: sentinel[i],
      ...(otherTenant(w.subscriptionId) ? { otherTenantId: otherTenant(w.subscriptionId) } : {}),
    })),
  });
  return { ok: true, card };
}
