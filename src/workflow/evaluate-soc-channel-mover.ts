import type { AzureAssignment } from './evaluate-approver-roles';
import { AZURE_ROLE, ENTRA_ROLE, roleDisplayName } from './role-ids';
import { isManagementGroupScope, isRootScope } from './scope-contains';

/** What the policy needs to know about someone who wants to move the SOC channel. */
export interface SocChannelMoverInput {
  /** Entra role template ids the person holds, directly or through groups. */
  entraRoleTemplateIds: string[];
  /** The person's Azure role assignments on the subscriptions the bot sees (groups expanded). */
  azureAssignments: AzureAssignment[];
}

/** What moving the SOC channel needs, in words (refusals and the README quote it). */
export const SOC_CHANNEL_MOVER_RULE =
  'Moving the SOC channel needs Global Administrator or Security Administrator in Microsoft Entra ID, or Owner or User Access Administrator on a ' +
  'subscription the bot sees.';

/**
 * Whether a person may move an existing SOC channel elsewhere: the channel decides where approvals
 * are asked, so only an administrator of the tenant or of a subscription may move it.
 */
export function evaluateSocChannelMover(input: SocChannelMoverInput): { qualified: boolean; held: string[] } {
  const entra = input.entraRoleTemplateIds.map((id) => id.toLowerCase());
  const held = [ENTRA_ROLE.globalAdministrator, ENTRA_ROLE.securityAdministrator]
    .filter((id) => entra.includes(id))
    .map((id) => `${roleDisplayName(id)} in Microsoft Entra ID`);
  for (const a of input.azureAssignments) {
    const role = (a.roleDefinitionGuid.split('/').pop() ?? '').toLowerCase();
    if (role !== AZURE_ROLE.owner && role !== AZURE_ROLE.userAccessAdministrator) continue;
    const parts = a.scope.split('/').filter(Boolean);
    const subscriptionOrAbove = isRootScope(a.scope) || isManagementGroupScope(a.scope) || (parts.length === 2 && parts[0]!.toLowerCase() === 'subscriptions');
    if (subscriptionOrAbove) held.push(`${roleDisplayName(role)} on ${a.scope}`);
  }
  return { qualified: held.length > 0, held: [...new Set(held)] };
}
