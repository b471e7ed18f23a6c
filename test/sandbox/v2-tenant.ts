import { loadTenantFixture, type TenantFixture } from '../../src/sandbox';
import { DANA, PROD, RAVI, SUB } from './sandbox-harness';

/** Ids of the v2 fixture's extra principals and subscriptions. */
export const V2 = {
  nested: '55555555-5555-4555-8555-555555555555',
  pimAdmin: '66666666-6666-4666-8666-666666666666',
  innerGroup: 'c0000000-0000-4000-8000-0000000000c1',
  outerGroup: 'c0000000-0000-4000-8000-0000000000c2',
  topGroup: 'c0000000-0000-4000-8000-0000000000c3',
  lighthouseSub: 'e0000000-0000-4000-8000-0000000000e1',
  customerTenant: 'f0000000-0000-4000-8000-0000000000f1',
  playbook: `/subscriptions/${SUB}/resourceGroups/rg-soc/providers/Microsoft.Logic/workflows/notify-soc`,
  condition:
    "((!(ActionMatches{'Microsoft.Authorization/roleAssignments/write'})) OR " +
    '(@Request[Microsoft.Authorization/roleAssignments:RoleDefinitionId] ForAnyOfAnyValues:GuidNotEquals {8e3af657-a8ff-443c-a75c-2fe8c4bcb635}))',
};

/**
 * The sample tenant with every v2 fixture field: nested groups holding Owner and an Entra
 * role, PIM eligibility (Entra and Azure), a conditional Owner, a Lighthouse subscription,
 * CMK, Scheduled / NRT / BuiltInFusion rules and automation rules with conditions and playbooks.
 */
export function v2Tenant(edit: (t: TenantFixture) => void = () => undefined): TenantFixture {
  const t = loadTenantFixture();
  t.groups.push(
    { id: V2.innerGroup, displayName: 'Tier 2', groups: [V2.outerGroup] },
    { id: V2.outerGroup, displayName: 'SOC engineers', groups: [V2.topGroup] },
    { id: V2.topGroup, displayName: 'Security owners', entraRoles: ['Security Administrator'] },
  );
  t.users.push(
    { id: V2.nested, displayName: 'Noor (nested)', upn: 'noor@contoso.example', entraRoles: [], groups: [V2.innerGroup] },
    { id: V2.pimAdmin, displayName: 'Pim (eligible)', upn: 'pim@contoso.example', entraRoles: [], eligibleEntraRoles: ['Global Administrator'], groups: [] },
  );
  const sub = t.subscriptions[0]!;
  sub.roleAssignments.push(
    { principalId: V2.topGroup, role: 'Owner', scope: 'subscription' },
    { principalId: V2.pimAdmin, role: 'Owner', scope: 'subscription', eligible: true },
    { principalId: DANA, role: 'Owner', scope: 'subscription', condition: V2.condition, conditionVersion: '2.0' },
  );
  t.subscriptions.push({
    id: V2.lighthouseSub,
    displayName: 'Customer (delegated)',
    tenantId: V2.customerTenant,
    managedByTenants: [t.tenantId],
    roleAssignments: [{ principalId: RAVI, role: 'Reader', scope: 'subscription' }],
    workspaces: [
      { resourceGroup: 'rg-cust', name: 'law-customer', location: 'eastus', sentinel: true, dataConnectors: [], alertRules: [], automationRules: [] },
    ],
  });
  const prod = sub.workspaces[0]!;
  prod.sentinelCustomerManagedKey = true;
  prod.alertRules = [
    ...prod.alertRules.filter((r) => r.kind !== 'Fusion'),
    { name: 'BuiltInFusion', kind: 'Fusion', displayName: 'Advanced Multistage Attack Detection', enabled: true },
    { name: 'sched-alerts-only', kind: 'Scheduled', displayName: 'Alerts only', enabled: true, createIncident: false },
    { name: 'sched-reopen', kind: 'Scheduled', displayName: 'Reopens', enabled: true, reopenClosedIncident: true, groupingEnabled: true },
    { name: 'nrt-logons', kind: 'NRT', displayName: 'NRT logons', enabled: true, createIncident: true, groupingEnabled: true },
  ];
  prod.automationRules = [
    {
      name: 'ar-provider',
      displayName: 'Tag Defender incidents',
      triggersOn: 'Incidents',
      triggersWhen: 'Updated',
      conditions: [{ property: 'IncidentProviderName', operator: 'Equals', values: ['Microsoft 365 Defender'] }],
      actions: [{ type: 'RunPlaybook', logicAppResourceId: V2.playbook }],
    },
    {
      name: 'ar-alerts',
      displayName: 'Alert playbook',
      triggersOn: 'Alerts',
      triggersWhen: 'Created',
      actions: [{ type: 'RunPlaybook', logicAppResourceId: V2.playbook }],
    },
  ];
  edit(t);
  return t;
}

export { PROD };
