import type { ArmPort, GraphPort, WorkspaceRef } from '../azure/ports';
import { evaluateApproverRoles, workspaceResourceId, type RequestKind, type RoleEvaluation } from '../workflow';

/**
 * Reads a person's Entra roles and Azure role assignments (groups included) and
 * evaluates them against what the portal demands for `kind`. Errors propagate:
 * a role that could not be read is never taken as held.
 */
export async function evaluatePersonRoles(
  arm: ArmPort,
  graph: GraphPort,
  personId: string,
  workspace: WorkspaceRef,
  kind: RequestKind,
): Promise<RoleEvaluation> {
  const workspaceId = workspaceResourceId(workspace);
  const [entraRoleTemplateIds, assignments] = await Promise.all([
    kind === 'connect' ? graph.listEntraRoleTemplateIds(personId) : Promise.resolve([]),
    // Listing at the workspace returns the assignments at it and above it: subscription, resource group, workspace.
    arm.listRoleAssignmentsFor(workspaceId, personId),
  ]);
  return evaluateApproverRoles({ kind, workspaceId, entraRoleTemplateIds, azureAssignments: assignments });
}
