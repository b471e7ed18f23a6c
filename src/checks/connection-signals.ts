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
  /** Every Defender app that has a service principal in the tenant holds Microsoft Sentinel Contributor at the subscription scope. */
  appsHaveContributor: boolean;
  /** The Defender apps without a service principal in the tenant (e.g. WindowsDefenderATP), by name and appId: nothing can give them a role. */
  appsWithoutPrincipal: { name: string; appId: string }[];
  /** None of the workspace's MicrosoftSecurityIncidentCreation rules is enabled. */
  incidentRulesDisabled: boolean;
  /** The workspace's MicrosoftThreatProtection connector has incidents enabled. */
  connectorIncidentsOn: boolean;
}

/** Reads the signals of one workspace; every call runs concurrently. Errors propagate. */
export async function readConnectionSignals(arm: ArmPort, graph: GraphPort, ws: WorkspaceRef): Promise<ConnectionSignals> {
  const [apps, rules, connectors] = await Promise.all([readAppsRole(arm, graph, ws.subscriptionId), arm.listAlertRules(ws), arm.listDataConnectors(ws)]);
  return {
    appsHaveContributor: apps.haveContributor,
    appsWithoutPrincipal: apps.withoutPrincipal,
    incidentRulesDisabled: !rules.some((r) => r.kind.toLowerCase() === INCIDENT_RULE_KIND && r.enabled),
    connectorIncidentsOn: connectors.some((c) => c.kind.toLowerCase() === MTP_KIND && isEnabledState(c.incidentsState)),
  };
}

/**
 * The service principals of the Defender apps the tenant has, or null when it has neither. A
 * tenant may lack one (WindowsDefenderATP's exists only where Defender for Endpoint was set up).
 */
export async function defenderAppPrincipals(graph: GraphPort): Promise<ServicePrincipalInfo[] | null> {
  const principals = (await Promise.all(DEFENDER_APPS.map((app) => graph.findServicePrincipal(app.appId)))).filter(
    (p): p is ServicePrincipalInfo => p !== null,
  );
  return principals.length > 0 ? principals : null;
}

/**
 * Whether the Defender apps hold Microsoft Sentinel Contributor at the subscription scope. A tenant
 * may lack an app's service principal (WindowsDefenderATP's exists only where Defender for Endpoint
 * was set up); the portal cannot assign a role to a principal that does not exist, so the role is
 * required of the apps that have one, at least one must, and the others are named.
 */
export async function readAppsRole(
  arm: ArmPort,
  graph: GraphPort,
  subscriptionId: string,
): Promise<{ haveContributor: boolean; withoutPrincipal: { name: string; appId: string }[] }> {
  const scope = `/subscriptions/${subscriptionId}`;
  const [principals, assignments] = await Promise.all([
    Promise.all(DEFENDER_APPS.map((app) => graph.findServicePrincipal(app.appId))),
    arm.listRoleAssignmentsAtScope(scope),
  ]);
  const withoutPrincipal = DEFENDER_APPS.filter((_, i) => principals[i] === null).map((app) => ({ name: app.name, appId: app.appId }));
  const present = principals.filter((p): p is NonNullable<typeof p> => p !== null);
  const haveContributor =
    present.length > 0 &&
    present.every((p) =>
      assignments.some(
        (a) =>
          a.principalId.toLowerCase() === p.id.toLowerCase() &&
          a.roleDefinitionGuid === AZURE_ROLE.sentinelContributor &&
          a.scope.replace(/\/+$/, '').toLowerCase() === scope.toLowerCase(),
      ),
    );
  return { haveContributor, withoutPrincipal };
}

/** Whether the Defender apps (those with a service principal) hold Microsoft Sentinel Contributor at the subscription scope. */
export async function appsHaveContributorOn(arm: ArmPort, graph: GraphPort, subscriptionId: string): Promise<boolean> {
  return (await readAppsRole(arm, graph, subscriptionId)).haveContributor;
}

export { MTP_KIND, INCIDENT_RULE_KIND };
