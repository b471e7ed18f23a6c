import { parseWorkspaceId } from './arm-mappers';
import type { RoleAssignmentInfo, WorkspaceInfo } from './ports';

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

/**
 * Workspaces from the rows of WORKSPACES_QUERY. Subscription, resource group and name are read
 * from `id`, which keeps ARM's casing (Resource Graph lower-cases `resourceGroup`).
 */
export function workspaceRows(rows: Record<string, unknown>[]): WorkspaceInfo[] {
  return rows.flatMap((row) => {
    const id = text(row.id);
    const ref = parseWorkspaceId(id);
    return ref ? [{ ...ref, name: text(row.name) || ref.name, id, location: text(row.location) }] : [];
  });
}

/** Role assignments from the rows of roleAssignmentsQuery. */
export function roleAssignmentRows(rows: Record<string, unknown>[]): RoleAssignmentInfo[] {
  return rows.map((row) => ({
    scope: text(row.scope),
    roleDefinitionGuid: text(row.roleDefinitionId).split('/').pop()?.toLowerCase() ?? '',
    principalId: text(row.principalId),
  }));
}
