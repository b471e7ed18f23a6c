import type { RequestKind } from './connection-request';
import { AZURE_ROLE, ENTRA_ROLE, roleDisplayName } from './role-ids';
import { isManagementGroupScope, isRootScope, scopeContains } from './scope-contains';

/** An Azure role assignment as far as the policy cares: where, which role, and whether it is conditional. */
export interface AzureAssignment {
  scope: string;
  /** Role definition GUID; a full roleDefinitionId is tolerated (its last segment is used). */
  roleDefinitionGuid: string;
  /**
   * The assignment's ABAC condition, when it has one. A conditional Owner or User Access
   * Administrator does not count: the Defender portal needs an unconditional Owner, and no
   * condition on either can be shown to let the portal assign Microsoft Sentinel Contributor.
   */
  condition?: string;
}

/** What the policy needs to know about a would-be approver. */
export interface ApproverRoleInput {
  kind: RequestKind;
  /** The workspace's full ARM resource id. */
  workspaceId: string;
  /** Entra role template ids the person holds (active), directly or through groups. */
  entraRoleTemplateIds: string[];
  /** The person's active Azure role assignments, groups expanded; unrelated scopes are ignored. */
  azureAssignments: AzureAssignment[];
  /**
   * Entra role template ids the person may activate in Privileged Identity Management. They never
   * qualify anyone; they only say what to activate. Absent when not read (or not readable).
   */
  eligibleEntraRoleTemplateIds?: string[];
  /** The person's PIM-eligible Azure roles, groups expanded; like the Entra ones, they never qualify. */
  eligibleAzureAssignments?: AzureAssignment[];
}

/** The verdict on a would-be approver's roles. */
export interface RoleEvaluation {
  qualified: boolean;
  /** Relevant roles held (active) that apply to the workspace, in words ("Owner on subscription …"). */
  held: string[];
  /**
   * What is missing, each a sentence fragment starting with "needs …" (no final
   * period) so callers can embed it: "Approving a connect request needs …".
   */
  missing: string[];
  /**
   * Present when the person is not qualified now but would be once these PIM-eligible roles are
   * active, in words ("Owner on subscription …"): what to activate in Privileged Identity Management.
   */
  activate?: string[];
  /** Relevant roles the person is eligible for but has not activated, in words; present when there are any. */
  eligible?: string[];
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
  return { entra: kind !== 'disconnect', azure: true };
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
  /** Not met, but met once these PIM-eligible roles are activated (in words); absent otherwise. */
  activate?: string[];
  /** Relevant PIM-eligible roles not active, in words; absent when there are none. */
  eligible?: string[];
}

const ENTRA_QUALIFYING = [ENTRA_ROLE.securityAdministrator, ENTRA_ROLE.globalAdministrator] as const;
const inEntra = (id: string): string => `${roleDisplayName(id)} in Microsoft Entra ID`;

/**
 * The Entra half: Global Administrator or Security Administrator, held (active) directly or through
 * a group. A PIM-eligible one does not count; it is named as what to activate (Security
 * Administrator first: the least privileged that qualifies).
 */
export function evaluateEntraRequirement(entraRoleTemplateIds: string[], eligibleRoleTemplateIds: string[] = []): RequirementVerdict & { roleNames: string[] } {
  const ids = entraRoleTemplateIds.map((id) => id.toLowerCase());
  const roleNames = [ENTRA_ROLE.globalAdministrator, ENTRA_ROLE.securityAdministrator].filter((id) => ids.includes(id)).map(roleDisplayName);
  const held = roleNames.map((name) => `${name} in Microsoft Entra ID`);
  const eligibleIds = ENTRA_QUALIFYING.filter((id) => !ids.includes(id) && eligibleRoleTemplateIds.some((e) => e.toLowerCase() === id));
  const eligible = eligibleIds.length > 0 ? { eligible: eligibleIds.map(inEntra) } : {};
  if (roleNames.length > 0) return { met: true, held, roleNames, ...eligible };
  const activate = eligibleIds.length > 0 ? { activate: [roleDisplayName(eligibleIds[0]!)] } : {};
  return { met: false, held, roleNames, missing: `needs ${APPROVER_REQUIREMENT.entra}`, ...activate, ...eligible };
}

interface Applicable {
  scope: string;
  role: string;
  conditional: boolean;
}

/** Whether these applicable assignments meet the Azure half: unconditional Owner or UAA at the subscription or above (+ Sentinel Contributor). */
function meetsAzure(applicable: Applicable[], atSubscriptionOrAbove: (scope: string) => boolean): boolean {
  const holds = (role: string, where: (scope: string) => boolean, unconditional: boolean): boolean =>
    applicable.some((a) => a.role === role && where(a.scope) && (!unconditional || !a.conditional));
  const owner = holds(AZURE_ROLE.owner, atSubscriptionOrAbove, true);
  const userAccessAdmin = holds(AZURE_ROLE.userAccessAdministrator, atSubscriptionOrAbove, true);
  return owner || (userAccessAdmin && holds(AZURE_ROLE.sentinelContributor, () => true, false));
}

/**
 * The Azure half: Owner at the subscription or above, or User Access Administrator at the
 * subscription or above together with Microsoft Sentinel Contributor at any scope containing
 * the workspace. Assignments at unrelated scopes are ignored. An Owner or User Access
 * Administrator assignment with an ABAC condition does not count ("For onboarding, the Owner
 * role assignment must be unconditional at the subscription scope": Learn, Connect Microsoft
 * Sentinel to the Microsoft Defender portal). PIM-eligible assignments never count; when
 * activating some of them would meet the half, they are named in `activate`.
 */
export function evaluateAzureRequirement(
  workspaceId: string,
  azureAssignments: AzureAssignment[],
  eligibleAssignments: AzureAssignment[] = [],
): RequirementVerdict {
  const subscriptionScope = subscriptionScopeOf(workspaceId);
  const applicableOf = (list: AzureAssignment[]): Applicable[] =>
    list
      .map((a) => ({ scope: a.scope, role: guidOf(a.roleDefinitionGuid), conditional: (a.condition ?? '').trim() !== '' }))
      .filter((a) => appliesTo(a.scope, workspaceId) && RELEVANT_AZURE_ROLES.includes(a.role));
  const applicable = applicableOf(azureAssignments);
  const atSubscriptionOrAbove = (scope: string): boolean =>
    subscriptionScope !== null && (isManagementGroupScope(scope) || scopeContains(scope, subscriptionScope));
  const holds = (role: string, where: (scope: string) => boolean): boolean => applicable.some((a) => a.role === role && where(a.scope) && !a.conditional);
  const words = (a: Applicable): string => `${roleDisplayName(a.role)} on ${describeScope(a.scope)}${a.conditional ? ' (with a condition)' : ''}`;
  const held = [...new Set(applicable.map(words))];

  const eligibleApplicable = applicableOf(eligibleAssignments).filter(
    (a) => !applicable.some((h) => h.role === a.role && h.scope === a.scope && !h.conditional),
  );
  const eligible = eligibleApplicable.length > 0 ? { eligible: [...new Set(eligibleApplicable.map(words))] } : {};
  if (meetsAzure(applicable, atSubscriptionOrAbove)) return { met: true, held, ...eligible };

  const userAccessAdmin = holds(AZURE_ROLE.userAccessAdministrator, atSubscriptionOrAbove);
  const sentinelContributor = holds(AZURE_ROLE.sentinelContributor, () => true);
  const ownerBelowSubscription = holds(AZURE_ROLE.owner, (scope) => !atSubscriptionOrAbove(scope));
  const conditional = applicable.filter((a) => a.conditional && a.role !== AZURE_ROLE.sentinelContributor && atSubscriptionOrAbove(a.scope));
  const activation = leastActivation(applicable, eligibleApplicable, atSubscriptionOrAbove);
  return {
    met: false,
    held,
    missing: azureMissing(subscriptionScope, userAccessAdmin, sentinelContributor, { ownerBelowSubscription, conditional: conditional.map(words) }),
    ...(activation ? { activate: activation.map(words) } : {}),
    ...eligible,
  };
}

/**
 * The fewest PIM-eligible assignments whose activation meets the Azure half, or undefined: a
 * single one first (Owner, then Microsoft Sentinel Contributor, then User Access Administrator),
 * then a pair.
 */
function leastActivation(active: Applicable[], eligible: Applicable[], atSubscriptionOrAbove: (scope: string) => boolean): Applicable[] | undefined {
  const order = [AZURE_ROLE.owner, AZURE_ROLE.sentinelContributor, AZURE_ROLE.userAccessAdministrator] as string[];
  const candidates = eligible
    .filter((a) => !a.conditional || a.role === AZURE_ROLE.sentinelContributor)
    .sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role));
  for (const one of candidates) if (meetsAzure([...active, one], atSubscriptionOrAbove)) return [one];
  for (const [i, a] of candidates.entries()) {
    for (const b of candidates.slice(i + 1)) if (meetsAzure([...active, a, b], atSubscriptionOrAbove)) return [a, b];
  }
  return undefined;
}

/**
 * Decides whether a person may approve (or reject) a request for the workspace, by the roles
 * the Defender portal itself demands: a connect needs the Entra half and the Azure half of
 * {@link APPROVER_REQUIREMENT}; a disconnect needs only the Azure half.
 */
export function evaluateApproverRoles(input: ApproverRoleInput): RoleEvaluation {
  const halves = requirementHalves(input.kind);
  const verdicts = [
    ...(halves.entra ? [evaluateEntraRequirement(input.entraRoleTemplateIds, input.eligibleEntraRoleTemplateIds)] : []),
    evaluateAzureRequirement(input.workspaceId, input.azureAssignments, input.eligibleAzureAssignments),
  ];
  const missing = verdicts.flatMap((v) => (v.missing ? [v.missing] : []));
  const evaluation: RoleEvaluation = { qualified: missing.length === 0, held: [...new Set(verdicts.flatMap((v) => v.held))], missing };
  // Activation helps only when it closes every half that is not met.
  const unmet = verdicts.filter((v) => !v.met);
  if (unmet.length > 0 && unmet.every((v) => v.activate)) evaluation.activate = unmet.flatMap((v) => v.activate ?? []);
  const eligible = verdicts.flatMap((v) => v.eligible ?? []);
  if (eligible.length > 0) evaluation.eligible = eligible;
  return evaluation;
}

/**
 * What to do with PIM-eligible roles, in words: "activate Owner on subscription … in Privileged
 * Identity Management" (the refusal and the readiness report end it as they need).
 */
export function activateInPim(roles: string[]): string {
  return `activate ${roles.join(' and ')} in Privileged Identity Management`;
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
  extra: { ownerBelowSubscription: boolean; conditional: string[] },
): string {
  const subscription = subscriptionScope ? `subscription ${subscriptionScope.split('/')[2]}` : "the workspace's subscription";
  if (extra.conditional.length > 0) {
    // The condition may forbid the role assignments the portal makes: only an unconditional assignment counts.
    return (
      `needs an unconditional Owner on ${subscription} (or an unconditional User Access Administrator on it together with Microsoft Sentinel ` +
      `Contributor); ${extra.conditional.join(' and ')} does not count, as the Defender portal requires the assignment to be unconditional`
    );
  }
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
