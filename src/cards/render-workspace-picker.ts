import type { AdaptiveCard } from './adaptive-card';
import { DISPLAY_LIMITS, truncate } from './display-text';
import { expandCard } from './load-template';
import type { WorkspacePickerView } from './views';

/**
 * The picker shown by `connect` without a workspace; submits `workspace` (a resource id) with `workspace.select`.
 * With `search` (more than 25 workspaces) the input is a typeahead (`choices.data` of type Data.Query) over the listed first ones.
 */
export function renderWorkspacePickerCard(view: WorkspacePickerView): AdaptiveCard {
  const workspaces = view.workspaces.map((ws) => ({
    resourceId: ws.resourceId,
    // A compact ChoiceSet renders titles as plain option text.
    title: truncate(
      [
        truncate(ws.name, DISPLAY_LIMITS.workspaceName),
        truncate(ws.resourceGroup, DISPLAY_LIMITS.name),
        truncate(ws.subscription, DISPLAY_LIMITS.name),
        ws.sentinelEnabled === null ? 'Sentinel unknown' : ws.sentinelEnabled ? 'Sentinel on' : 'Sentinel off',
        // Azure Lighthouse: listed, but the Defender portal connects its own tenant's workspaces only.
        ...(ws.otherTenantId ? ['another tenant (Lighthouse): cannot be connected here'] : []),
      ].join(' · '),
      DISPLAY_LIMITS.line,
    ),
  }));
  const selected = view.workspaces.some((ws) => ws.resourceId === view.selectedResourceId) ? view.selectedResourceId : '';
  const search = view.search;
  return expandCard('workspace-picker', {
    hasWorkspaces: workspaces.length > 0,
    hasSearch: search !== undefined,
    dataset: search?.dataset ?? '',
    searchNote: search
      ? `The bot sees ${search.total} workspaces: type part of a name to search them all. ` +
        `Without search (outside Teams) the first ${workspaces.length} are listed; for any other, type "connect WORKSPACE".`
      : '',
    workspaces,
    selected: selected ?? '',
  });
}
