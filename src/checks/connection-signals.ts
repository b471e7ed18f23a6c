import type { ArmPort, GraphPort, ServicePrincipalInfo, WorkspaceRef } from '../azure/ports';
import { AZURE_ROLE } from '../workflow';

/** The first-party apps the portal gives Microsoft Sentinel Contributor when it connects a workspace. */
const DEFENDER_APPS = [
  { appId: '8ee8fdad-f234-4243-8f3b-15c294843740', name: 'Microsoft Threat Protection' },
  { appId: 'fc780465-2017-40d4-a0c5-307022471b92', name: 'WindowsDefenderATP' },
] as const;

const MTP_KIND = 'microsoftthreatprotection';
const INCIDENT_RULE_KIND = 'microsoftsecurityincidentcreation';

/** Whether an ARM state string means enabled; tenants return it in any case. */
export const isEnabledState = (state: string | undefined): boolean => (state ?? '').trim().toLowerCase() === 'enabled';

/** What Azure shows about a workspace's connection to the Defender portal. */
export interface ConnectionSignals {
  /** Both apps' service principals hold Microsoft Sentinel Contributor at the subscription scope. */
  appsHaveContributor: boolean;
  /** None of the workspace's MicrosoftSecurityIncidentCreation rules is enabled. */
  incidentRulesDisabled: boolean;
  /** The workspace's MicrosoftThreatProtection connector has incidents enabled. */
  connectorIncidentsOn: boolean;
}

/** Reads the signals of one workspace; every call runs concurrently. Errors propagate. */
export async function readConnectionSignals(arm: ArmPort, graph: GraphPort, ws: WorkspaceRef): Promise<ConnectionSignals> {
  const [appsHaveContributor, rules, connectors] = await Promise.all([
    appsHaveContributorOn(arm, graph, ws.subscriptionId),
    arm.listAlertRules(ws),
    arm.listDataConnectors(ws),
  ]);
  return {
    appsHaveContributor,
    incidentRulesDisabled: !rules.some((r) => r.kind.toLowerCase() === INCIDENT_RULE_KIND && r.enabled),
    connectorIncidentsOn: connectors.some((c) => c.kind.toLowerCase() === MTP_KIND && isEnabledState(c.incidentsState)),
  };
}

/** The service principals of both Defender apps, or null when the tenant lacks one of them. */
export async function defenderAppPrincipals(graph: GraphPort): Promise<ServicePrincipalInfo[] | null> {
  const principals = await Promise.all(DEFENDER_APPS.map((app) => graph.findServicePrincipal(app.appId)));
  return principals.every((p): p is ServicePrincipalInfo => p !== null) ? principals : null;
}

/** Whether both Defender apps hold Microsoft Sentinel Contributor at the subscription scope. */
export async function appsHaveContributorOn(arm: ArmPort, graph: GraphPort, subscriptionId: string): Promise<boolean> {
  const scope = `/subscriptions/${subscriptionId}`;
  const [principals, assignments] = await Promise.all([defenderAppPrincipals(graph), arm.listRoleAssignmentsAtScope(scope)]);
  if (principals === null) return false;
  return principals.every((p) =>
    assignments.some(
      (a) =>
        a.principalId.toLowerCase() === p.id.toLowerCase() &&
        a.roleDefinitionGuid === AZURE_ROLE.sentinelContributor &&
        a.scope.replace(/\/+$/, '').toLowerCase() === scope.toLowerCase(),
    ),
  );
}

export { MTP_KIND, INCIDENT_RULE_KIND };
