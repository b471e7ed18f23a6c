import type { AdaptiveCard } from './adaptive-card';
import { DISPLAY_LIMITS, truncate } from './display-text';
import { expandCard } from './load-template';
import type { WorkspacePickerView } from './views';

/** The picker shown by `connect` without a workspace; submits `workspace` (a resource id) with `workspace.select`. */
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
  return expandCard('workspace-picker', {
    hasWorkspaces: workspaces.length > 0,
    workspaces,
    selected: selected ?? '',
  });
}
