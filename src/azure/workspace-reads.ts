import type { ServiceClient } from '@azure/core-client';
import { armGet, armList } from './arm-get';
import type { WorkspaceRef } from './ports';

/**
 * Log Analytics workspaces are read through an SDK pipeline at the newest stable api-version
 * (2025-07-01, whose list pages with `nextLink`), not through `@azure/arm-operationalinsights`:
 * its releases that install on Node 20 send an older version whose list the SDK does not page.
 */
const API_VERSION = '2025-07-01';

/** What the bot reads of a workspace resource. */
export interface WorkspaceResource {
  id?: string;
  name?: string;
  /** Required of every tracked resource in the ARM spec. */
  location: string;
}

const base = (endpoint: string) => endpoint.replace(/\/+$/, '');

/** `GET /subscriptions/{id}/providers/Microsoft.OperationalInsights/workspaces`, every page. */
export function listWorkspacesOf(
  client: ServiceClient,
  endpoint: string,
  subscriptionId: string,
  signal: AbortSignal,
  insecure: boolean,
): Promise<WorkspaceResource[]> {
  const url =
    `${base(endpoint)}/subscriptions/${encodeURIComponent(subscriptionId)}` + `/providers/Microsoft.OperationalInsights/workspaces?api-version=${API_VERSION}`;
  return armList<WorkspaceResource>(client, url, signal, insecure);
}

/** `GET` one workspace (a 404 is thrown as ARM answers it). */
export function getWorkspaceResource(
  client: ServiceClient,
  endpoint: string,
  ref: WorkspaceRef,
  signal: AbortSignal,
  insecure: boolean,
): Promise<WorkspaceResource> {
  const url =
    `${base(endpoint)}/subscriptions/${encodeURIComponent(ref.subscriptionId)}/resourceGroups/${encodeURIComponent(ref.resourceGroup)}` +
    `/providers/Microsoft.OperationalInsights/workspaces/${encodeURIComponent(ref.name)}?api-version=${API_VERSION}`;
  return armGet<WorkspaceResource>(client, url, signal, insecure);
}
