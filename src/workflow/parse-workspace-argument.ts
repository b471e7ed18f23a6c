import type { WorkspaceRef } from './workspace-ref';
import { refuse, type Refusal } from './refusal';

/** What the user typed after `connect`, `check` or `disconnect`, understood. */
export type WorkspaceArgument =
  | { ok: true; kind: 'resourceId'; workspace: WorkspaceRef }
  | { ok: true; kind: 'path'; workspace: WorkspaceRef }
  /** A bare name: the caller resolves it, and it must be unique. */
  | { ok: true; kind: 'name'; name: string }
  | { ok: false; refusal: Refusal };

// Azure's Log Analytics workspace naming rule: 4–63 alphanumerics or hyphens, alphanumeric at both ends.
const WORKSPACE_NAME = /^[A-Za-z0-9][A-Za-z0-9-]{2,61}[A-Za-z0-9]$/;
// Azure's resource group rule: 1–90 letters, digits, `_ - . ( )`, not ending in a period.
const RESOURCE_GROUP = /^[\p{L}\p{N}_\-.()]{0,89}[\p{L}\p{N}_\-()]$/u;
// Subscription ids are GUIDs; accept any id-like segment so fixtures and typos get the right message.
const SUBSCRIPTION = /^[A-Za-z0-9-]{1,64}$/;
const RESOURCE_ID = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.OperationalInsights\/workspaces\/([^/]+)\/?$/i;

const FORMS =
  'Give the workspace as its full resource ID (/subscriptions/…/resourceGroups/…/providers/' +
  'Microsoft.OperationalInsights/workspaces/…), as subscriptionId/resourceGroup/name, or by its name.';

/**
 * Understands a workspace argument: a full ARM resource id (any case), the
 * short `subscriptionId/resourceGroup/name`, or a bare workspace name.
 */
export function parseWorkspaceArgument(text: string): WorkspaceArgument {
  // Teams users paste ids in backticks or quotes; they are not part of the id.
  const value = text
    .trim()
    .replace(/^[`'"<]+|[`'">]+$/g, '')
    .trim();
  if (value.length === 0) return invalid(`No workspace was given. ${FORMS}`);

  if (value.startsWith('/')) {
    const match = RESOURCE_ID.exec(value);
    if (!match) {
      return invalid(`"${value}" is not a Log Analytics workspace resource ID. ${FORMS}`);
    }
    return checked('resourceId', match[1]!, match[2]!, match[3]!);
  }
  if (value.includes('/')) {
    const parts = value.replace(/\/+$/, '').split('/');
    if (parts.length !== 3 || parts.some((p) => p.length === 0)) {
      return invalid(`"${value}" should have three parts, subscriptionId/resourceGroup/name. ${FORMS}`);
    }
    return checked('path', parts[0]!, parts[1]!, parts[2]!);
  }
  if (!WORKSPACE_NAME.test(value)) return invalid(nameProblem(value));
  return { ok: true, kind: 'name', name: value };
}

function checked(kind: 'resourceId' | 'path', subscriptionId: string, resourceGroup: string, name: string): WorkspaceArgument {
  if (!SUBSCRIPTION.test(subscriptionId)) {
    return invalid(`"${subscriptionId}" is not a subscription ID (a GUID). ${FORMS}`);
  }
  if (!RESOURCE_GROUP.test(resourceGroup)) {
    return invalid(
      `"${resourceGroup}" is not a valid resource group name (1–90 letters, digits, _ - . ( ), ` + 'not ending in a period). Check the name and try again.',
    );
  }
  if (!WORKSPACE_NAME.test(name)) return invalid(nameProblem(name));
  return { ok: true, kind, workspace: { subscriptionId, resourceGroup, name } };
}

function nameProblem(name: string): string {
  return (
    `"${name}" is not a valid workspace name: a workspace name has 4 to 63 letters, digits or ` +
    `hyphens, and starts and ends with a letter or digit. ${FORMS}`
  );
}

function invalid(message: string): WorkspaceArgument {
  return { ok: false, refusal: refuse('invalid_workspace', message) };
}
