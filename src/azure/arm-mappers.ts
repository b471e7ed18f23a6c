import type { AlertRuleUnion, AutomationRule, DataConnectorUnion } from '@azure/arm-securityinsight';
import type { Workspace } from '@azure/arm-operationalinsights';
import type { RoleAssignment, RoleEligibilityScheduleInstance } from '@azure/arm-authorization';
import type { AlertRuleInfo, AutomationRuleInfo, DataConnectorInfo, RoleAssignmentInfo, RoleEligibilityInfo, WorkspaceInfo, WorkspaceRef } from './ports';

/** Subscription, resource group and name of a workspace's ARM id, or undefined when it is not one. */
function parseWorkspaceId(id: string): WorkspaceRef | undefined {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.OperationalInsights\/workspaces\/([^/]+)$/i.exec(id);
  return match ? { subscriptionId: match[1]!, resourceGroup: match[2]!, name: match[3]! } : undefined;
}

/** A workspace from the SDK model, or undefined when ARM returned no usable id. */
export function toWorkspaceInfo(ws: Workspace): WorkspaceInfo | undefined {
  const ref = ws.id ? parseWorkspaceId(ws.id) : undefined;
  return ref && ws.id ? { ...ref, name: ws.name ?? ref.name, id: ws.id, location: ws.location } : undefined;
}

type DataTypes = Record<string, { state?: string } | undefined>;

/**
 * The resource's own properties: the SDK flattens `properties` onto the object for the kinds
 * its models know, and leaves them nested under `properties` for the others.
 */
function propertiesOf<T>(resource: object): T {
  const nested = (resource as { properties?: unknown }).properties;
  return (typeof nested === 'object' && nested !== null ? { ...resource, ...nested } : resource) as T;
}

/** A data connector; `dataTypes` states are passed through as ARM wrote them. */
export function toDataConnectorInfo(dc: DataConnectorUnion): DataConnectorInfo {
  const { dataTypes } = propertiesOf<{ dataTypes?: DataTypes }>(dc);
  const info: DataConnectorInfo = { name: dc.name ?? '', kind: dc.kind };
  if (dataTypes?.incidents?.state !== undefined) info.incidentsState = dataTypes.incidents.state;
  if (dataTypes?.alerts?.state !== undefined) info.alertsState = dataTypes.alerts.state;
  return info;
}

/** An alert rule; MicrosoftSecurityIncidentCreation rules carry `productFilter`. */
export function toAlertRuleInfo(rule: AlertRuleUnion): AlertRuleInfo {
  const props = propertiesOf<{ displayName?: string; enabled?: boolean; productFilter?: string }>(rule);
  const info: AlertRuleInfo = { name: rule.name ?? '', kind: rule.kind, displayName: props.displayName ?? rule.name ?? '', enabled: props.enabled === true };
  if (rule.kind === 'MicrosoftSecurityIncidentCreation' && props.productFilter !== undefined) info.productFilter = props.productFilter;
  return info;
}

/** An automation rule. */
export function toAutomationRuleInfo(rule: AutomationRule): AutomationRuleInfo {
  return { name: rule.name ?? '', displayName: propertiesOf<{ displayName: string }>(rule).displayName };
}

/**
 * A role assignment; the role definition GUID is the last segment of roleDefinitionId, lower-cased.
 * The ABAC condition is kept: an Owner with a condition is not an unconditional Owner.
 */
export function toRoleAssignmentInfo(ra: RoleAssignment | RoleEligibilityScheduleInstance): RoleAssignmentInfo {
  const info: RoleAssignmentInfo = {
    scope: ra.scope ?? '',
    roleDefinitionGuid: (ra.roleDefinitionId ?? '').split('/').pop()?.toLowerCase() ?? '',
    principalId: ra.principalId ?? '',
  };
  if (typeof ra.condition === 'string' && ra.condition.trim() !== '') info.condition = ra.condition;
  return info;
}

/** A PIM eligibility instance, in the shape of a role assignment (it grants nothing until activated). */
export const toRoleEligibilityInfo = (instance: RoleEligibilityScheduleInstance): RoleEligibilityInfo => toRoleAssignmentInfo(instance);
