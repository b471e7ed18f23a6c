import { deterministicGuid } from './deterministic-guid';
import type { FixtureRoleAssignment } from './fixture-schema';

/** The deterministic GUID name of a role assignment that the fixture did not name. */
export function roleAssignmentName(subscriptionId: string, ra: Omit<FixtureRoleAssignment, 'name'>): string {
  return deterministicGuid('roleAssignment', subscriptionId, ra.scope, ra.principalId, ra.role);
}
