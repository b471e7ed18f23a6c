/** A Log Analytics workspace, addressed the way ARM addresses it. */
export interface WorkspaceRef {
  subscriptionId: string;
  resourceGroup: string;
  name: string;
}

/** `subscriptionId/resourceGroup/name`, the short form users type and the sandbox uses. */
export function formatWorkspace(ref: WorkspaceRef): string {
  return `${ref.subscriptionId}/${ref.resourceGroup}/${ref.name}`;
}

/** The workspace's full ARM resource id. */
export function workspaceResourceId(ref: WorkspaceRef): string {
  return `/subscriptions/${ref.subscriptionId}/resourceGroups/${ref.resourceGroup}` + `/providers/Microsoft.OperationalInsights/workspaces/${ref.name}`;
}

/** Whether two refs name the same workspace; ARM names are case-insensitive. */
export function sameWorkspace(a: WorkspaceRef, b: WorkspaceRef): boolean {
  return (
    a.subscriptionId.toLowerCase() === b.subscriptionId.toLowerCase() &&
    a.resourceGroup.toLowerCase() === b.resourceGroup.toLowerCase() &&
    a.name.toLowerCase() === b.name.toLowerCase()
  );
}
