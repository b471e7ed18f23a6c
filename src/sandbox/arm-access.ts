import type { ArmResourceType } from './api-versions';
import type { TenantFixture } from './fixture-schema';

/** Whether the bot holds Reader on the subscription (`botAccess.armReader`; absent: everywhere). */
export function botCanRead(tenant: TenantFixture, subscriptionId: string): boolean {
  const readers = tenant.botAccess?.armReader;
  if (readers === undefined) return true;
  return readers.some((r) => r === '*' || r.toLowerCase() === subscriptionId.toLowerCase());
}

/** The RBAC action a read of each type needs, as AuthorizationFailed names it. */
export const READ_ACTION: Record<ArmResourceType, string> = {
  subscriptions: 'Microsoft.Resources/subscriptions/read',
  workspaces: 'Microsoft.OperationalInsights/workspaces/read',
  onboardingStates: 'Microsoft.SecurityInsights/onboardingStates/read',
  dataConnectors: 'Microsoft.SecurityInsights/dataConnectors/read',
  alertRules: 'Microsoft.SecurityInsights/alertRules/read',
  automationRules: 'Microsoft.SecurityInsights/automationRules/read',
  roleAssignments: 'Microsoft.Authorization/roleAssignments/read',
  roleEligibilityScheduleInstances: 'Microsoft.Authorization/roleEligibilityScheduleInstances/read',
};
