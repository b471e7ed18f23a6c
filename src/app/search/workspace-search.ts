import type { WorkspaceInfo } from '../../azure/ports';
import type { AppContext } from '../context';
import { readInventory } from '../read-inventory';
import type { SearchQuery, SearchResult } from '../types';

/** The dataset the picker's `Data.Query` names (conversation contract, "Large tenants"). */
export const WORKSPACE_DATASET = 'workspaces';

/** Teams shows at most 15 results in the dropdown. */
const MAX_RESULTS = 15;

/** The picker's option text of a workspace: its name, resource group and subscription. */
export function workspaceChoiceTitle(ws: Pick<WorkspaceInfo, 'name' | 'resourceGroup'>, subscription: string): string {
  return [ws.name, ws.resourceGroup, subscription].join(' · ');
}

/**
 * Answers the picker's typeahead (`application/search`, dataset `workspaces`): the workspaces the
 * bot can see whose name, resource group, subscription or resource id contains every word typed
 * (case-insensitive), by name, `skip`/`top` applied (top at most 15). It reads the inventory the
 * bot keeps, not Azure per keystroke; an empty query lists the first ones.
 */
export async function searchWorkspaces(ctx: AppContext, query: SearchQuery): Promise<SearchResult> {
  if (query.dataset !== WORKSPACE_DATASET) {
    return { ok: false, statusCode: 400, code: 'UnknownDataset', message: `This bot searches only the "${WORKSPACE_DATASET}" dataset.` };
  }
  const inventory = await readInventory(ctx);
  if (!inventory) {
    return {
      ok: false,
      statusCode: 503,
      code: 'AzureUnavailable',
      message: 'Azure did not answer when the bot listed the workspaces. Try again in a minute, or type `connect WORKSPACE` (its resource id).',
    };
  }
  const { workspaces, subscriptions } = inventory;
  const subName = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  const words = query.queryText.toLowerCase().split(/\s+/).filter(Boolean);
  const rows = workspaces
    .map((ws) => ({ ws, title: workspaceChoiceTitle(ws, subName.get(ws.subscriptionId.toLowerCase()) ?? ws.subscriptionId) }))
    .filter(({ ws, title }) => words.every((w) => `${title} ${ws.id}`.toLowerCase().includes(w)))
    .sort((a, b) => a.ws.name.localeCompare(b.ws.name) || a.ws.id.localeCompare(b.ws.id));
  const skip = Math.max(0, Math.floor(query.skip));
  const top = Math.min(MAX_RESULTS, Math.max(1, Math.floor(query.top)));
  return { ok: true, results: rows.slice(skip, skip + top).map(({ ws, title }) => ({ title, value: ws.id })) };
}
