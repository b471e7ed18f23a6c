import type { RequestKind } from './connection-request';
import { AZURE_ROLE, ENTRA_ROLE, roleDisplayName } from './role-ids';
import { isManagementGroupScope, isRootScope, scopeContains } from './scope-contains';

/** An Azure role assignment as far as the policy cares: where, and which role. */
export interface AzureAssignment {
  scope: string;
  /** Role definition GUID; a full roleDefinitionId is tolerated (its last segment is used). */
  roleDefinitionGuid: string;
}

/** What the policy needs to know about a would-be approver. */
export interface ApproverRoleInput {
  kind: RequestKind;
  /** The workspace's full ARM resource id. */
  workspaceId: string;
  /** Entra role template ids the person holds, directly or through groups. */
  entraRoleTemplateIds: string[];
  /** The person's Azure role assignments, groups expanded; unrelated scopes are ignored. */
  azureAssignments: AzureAssignment[];
}

/** The verdict on a would-be approver's roles. */
export interface RoleEvaluation {
  qualified: boolean;
  /** Relevant roles held that apply to the workspace, in words ("Owner on subscription …"). */
  held: string[];
  /**
   * What is missing, each a sentence fragment starting with "needs …" (no final
   * period) so callers can embed it: "Approving a connect request needs …".
   */
  missing: string[];
}

/** The approver requirement in words: the Entra half, the Azure half (cards, checks and refusals quote these). */
export const APPROVER_REQUIREMENT = {
  entra: 'Global Administrator or Security Administrator in Microsoft Entra ID',
  azure:
    'either Owner on the subscription (or above), or User Access Administrator on the subscription (or above) together with ' +
    'Microsoft Sentinel Contributor on the subscription, the resource group or the workspace',
} as const;

/** Which halves of the requirement a request of this kind needs: a connect both, a disconnect the Azure half. */
export function requirementHalves(kind: RequestKind): { entra: boolean; azure: true } {
  return { entra: kind === 'connect', azure: true };
}

/** Who may approve a request of this kind, in one sentence. */
export function describeApproverRequirement(kind: RequestKind): string {
  return requirementHalves(kind).entra
    ? `Who may approve: someone who holds ${APPROVER_REQUIREMENT.entra} and, in Azure, ${APPROVER_REQUIREMENT.azure}.`
    : `Who may approve: someone who holds ${APPROVER_REQUIREMENT.azure}.`;
}

/** The verdict on one half of the requirement. */
export interface RequirementVerdict {
  met: boolean;
  /** The relevant roles held, in words ("Owner on subscription …", "Security Administrator in Microsoft Entra ID"). */
  held: string[];
  /** What is missing, a fragment starting with "needs …"; absent when met. */
  missing?: string;
}

/** The Entra half: Global Administrator or Security Administrator, held directly or through a group. */
export function evaluateEntraRequirement(entraRoleTemplateIds: string[]): RequirementVerdict & { roleNames: string[] } {
  const ids = entraRoleTemplateIds.map((id) => id.toLowerCase());
  const roleNames = [ENTRA_ROLE.globalAdministrator, ENTRA_ROLE.securityAdministrator].filter((id) => ids.includes(id)).map(roleDisplayName);
  const held = roleNames.map((name) => `${name} in Microsoft Entra ID`);
  return roleNames.length > 0 ? { met: true, held, roleNames } : { met: false, held, roleNames, missing: `needs ${APPROVER_REQUIREMENT.entra}` };
}

/**
 * The Azure half: Owner at the subscription or above, or User Access Administrator at the
 * subscription or above together with Microsoft Sentinel Contributor at any scope containing
 * the workspace. Assignments at unrelated scopes are ignored.
 */
export function evaluateAzureRequirement(workspaceId: string, azureAssignments: AzureAssignment[]): RequirementVerdict {
  const subscriptionScope = subscriptionScopeOf(workspaceId);
  const applicable = azureAssignments.map((a) => ({ scope: a.scope, role: guidOf(a.roleDefinitionGuid) })).filter((a) => appliesTo(a.scope, workspaceId));
  const atSubscriptionOrAbove = (scope: string): boolean =>
    subscriptionScope !== null && (isManagementGroupScope(scope) || scopeContains(scope, subscriptionScope));
  const holds = (role: string, where: (scope: string) => boolean): boolean => applicable.some((a) => a.role === role && where(a.scope));

  const owner = holds(AZURE_ROLE.owner, atSubscriptionOrAbove);
  const userAccessAdmin = holds(AZURE_ROLE.userAccessAdministrator, atSubscriptionOrAbove);
  const sentinelContributor = holds(AZURE_ROLE.sentinelContributor, () => true);
  const held = [
    ...new Set(applicable.filter((a) => RELEVANT_AZURE_ROLES.includes(a.role)).map((a) => `${roleDisplayName(a.role)} on ${describeScope(a.scope)}`)),
  ];
  if (owner || (userAccessAdmin && sentinelContributor)) return { met: true, held };
  const ownerBelowSubscription = holds(AZURE_ROLE.owner, (scope) => !atSubscriptionOrAbove(scope));
  return { met: false, held, missing: azureMissing(subscriptionScope, userAccessAdmin, sentinelContributor, { ownerBelowSubscription }) };
}

/**
 * Decides whether a person may approve (or reject) a request for the workspace, by the roles
 * the Defender portal itself demands: a connect needs the Entra half and the Azure half of
 * {@link APPROVER_REQUIREMENT}; a disconnect needs only the Azure half.
 */
export function evaluateApproverRoles(input: ApproverRoleInput): RoleEvaluation {
  const halves = requirementHalves(input.kind);
  const verdicts = [
    ...(halves.entra ? [evaluateEntraRequirement(input.entraRoleTemplateIds)] : []),
    evaluateAzureRequirement(input.workspaceId, input.azureAssignments),
  ];
  const missing = verdicts.flatMap((v) => (v.missing ? [v.missing] : []));
  return { qualified: missing.length === 0, held: [...new Set(verdicts.flatMap((v) => v.held))], missing };
}

const RELEVANT_AZURE_ROLES: readonly string[] = [AZURE_ROLE.owner, AZURE_ROLE.userAccessAdministrator, AZURE_ROLE.sentinelContributor];

/** Whether an assignment at `scope` applies to the workspace (management groups: see isManagementGroupScope). */
function appliesTo(scope: string, workspaceId: string): boolean {
  return isManagementGroupScope(scope) || scopeContains(scope, workspaceId);
}

/** `/subscriptions/{id}` of an ARM id, or null when the id has no subscription. */
function subscriptionScopeOf(resourceId: string): string | null {
  const match = /^\/*subscriptions\/([^/]+)/i.exec(resourceId.trim());
  return match ? `/subscriptions/${match[1]}` : null;
}

/** Lower-case GUID from a GUID or a full roleDefinitionId. */
function guidOf(roleDefinition: string): string {
  const parts = roleDefinition.trim().split('/').filter(Boolean);
  return (parts[parts.length - 1] ?? '').toLowerCase();
}

function azureMissing(
  subscriptionScope: string | null,
  userAccessAdmin: boolean,
  sentinelContributor: boolean,
  extra: { ownerBelowSubscription: boolean },
): string {
  const subscription = subscriptionScope ? `subscription ${subscriptionScope.split('/')[2]}` : "the workspace's subscription";
  if (userAccessAdmin) {
    return (
      'needs Microsoft Sentinel Contributor on the workspace, its resource group or its ' +
      `subscription, to go with User Access Administrator (or Owner on ${subscription} instead)`
    );
  }
  const ownerNote = extra.ownerBelowSubscription ? ' (Owner on a resource group or on the workspace is not enough)' : '';
  if (sentinelContributor) {
    return `needs Owner or User Access Administrator on ${subscription}${ownerNote}`;
  }
  return (
    `needs Owner on ${subscription}${ownerNote}, or User Access Administrator on it together ` +
    'with Microsoft Sentinel Contributor on the workspace, its resource group or the subscription'
  );
}

/** An ARM scope in words: "subscription …", "resource group …", "workspace …". */
function describeScope(scope: string): string {
  if (isRootScope(scope)) return 'the root management group';
  const parts = scope.split('/').filter(Boolean);
  if (isManagementGroupScope(scope)) return `management group ${parts[3]}`;
  if (parts.length === 2) return `subscription ${parts[1]}`;
  if (parts.length === 4) return `resource group ${parts[3]}`;
  if (parts.length >= 8) return `workspace ${parts[parts.length - 1]}`;
  return scope;
}
