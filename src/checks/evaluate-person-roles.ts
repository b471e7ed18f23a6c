import type { ArmPort, GraphPort, WorkspaceRef } from '../azure/ports';
import { evaluateApproverRoles, workspaceResourceId, type AzureAssignment, type RequestKind, type RoleEvaluation } from '../workflow';
import { isAzureFailure, withDeadline } from './describe-call-error';

/** When to read PIM eligibility: only when the active roles do not qualify (default), always, or never. */
export type EligibilityReads = 'when-needed' | 'always' | 'never';

/** How {@link evaluatePersonRoles} reads. */
export interface PersonRoleOptions {
  eligibility?: EligibilityReads;
  /**
   * Epoch ms by which the verdict must be ready. The active roles are read under it (missing it is
   * an error, as any failed read); the eligibility read gives up a little earlier and counts as unread.
   */
  deadline?: number;
}

/** How much earlier than the deadline the eligibility read gives up, so that the verdict still makes it. */
const ELIGIBILITY_MARGIN_MS = 300;

/** A person's PIM-eligible roles, or undefined for a half that could not be read (or was not asked). */
export interface EligibleRoles {
  entra?: string[];
  azure?: AzureAssignment[];
}

/**
 * Reads a person's PIM-eligible Entra and Azure roles for the workspace (groups expanded on the
 * Azure side). A read that fails leaves its half undefined: eligibility only says what to
 * activate, so a failure to read it must change no verdict the active roles reach.
 */
export async function readEligibleRoles(
  arm: ArmPort,
  graph: GraphPort,
  personId: string,
  workspace: WorkspaceRef,
  kind: RequestKind,
  deadline?: number,
): Promise<EligibleRoles> {
  const tolerate = <T>(promise: Promise<T>): Promise<T | undefined> =>
    (deadline === undefined ? promise : withDeadline(promise, deadline - ELIGIBILITY_MARGIN_MS)).catch((err: unknown) => {
      if (isAzureFailure(err)) return undefined;
      throw err;
    });
  const [entra, azure] = await Promise.all([
    kind !== 'disconnect' ? tolerate(graph.listEntraRoleEligibility(personId)) : Promise.resolve(undefined),
    tolerate(arm.listRoleEligibilityFor(workspaceResourceId(workspace), personId)),
  ]);
  return { ...(entra ? { entra } : {}), ...(azure ? { azure } : {}) };
}

/**
 * Reads a person's active Entra roles and Azure role assignments (groups included, conditions
 * kept) and evaluates them against what the portal demands for `kind`. Errors of those reads
 * propagate: a role that could not be read is never taken as held. When the active roles do not
 * qualify, the person's PIM-eligible roles are read too, so the verdict can say what to activate;
 * they never qualify anyone, and failing to read them changes nothing.
 */
export async function evaluatePersonRoles(
  arm: ArmPort,
  graph: GraphPort,
  personId: string,
  workspace: WorkspaceRef,
  kind: RequestKind,
  options: PersonRoleOptions = {},
): Promise<RoleEvaluation> {
  const { eligibility = 'when-needed', deadline } = options;
  const workspaceId = workspaceResourceId(workspace);
  const bounded = <T>(promise: Promise<T>): Promise<T> => (deadline === undefined ? promise : withDeadline(promise, deadline));
  const [entraRoleTemplateIds, assignments, early] = await Promise.all([
    bounded(kind !== 'disconnect' ? graph.listEntraRoleTemplateIds(personId) : Promise.resolve([])),
    // Listing at the workspace returns the assignments at it and above it: subscription, resource group, workspace.
    bounded(arm.listRoleAssignmentsFor(workspaceId, personId)),
    eligibility === 'always' ? readEligibleRoles(arm, graph, personId, workspace, kind, deadline) : Promise.resolve(undefined),
  ]);
  const active = { kind, workspaceId, entraRoleTemplateIds, azureAssignments: assignments };
  const verdict = evaluateApproverRoles({ ...active, eligibleEntraRoleTemplateIds: early?.entra, eligibleAzureAssignments: early?.azure });
  if (verdict.qualified || eligibility !== 'when-needed') return verdict;
  const eligible = await readEligibleRoles(arm, graph, personId, workspace, kind, deadline);
  return evaluateApproverRoles({ ...active, eligibleEntraRoleTemplateIds: eligible.entra, eligibleAzureAssignments: eligible.azure });
}
