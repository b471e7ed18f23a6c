import type { AlertRuleUnion, AutomationRule, DataConnectorUnion } from '@azure/arm-securityinsight';
import type { WorkspaceResource } from './workspace-reads';
import type { RoleAssignment, RoleEligibilityScheduleInstance } from '@azure/arm-authorization';
import type {
  AlertRuleInfo,
  AutomationConditionInfo,
  AutomationRuleInfo,
  DataConnectorInfo,
  RoleAssignmentInfo,
  RoleEligibilityInfo,
  WorkspaceInfo,
  WorkspaceRef,
} from './ports';

/** Subscription, resource group and name of a workspace's ARM id, or undefined when it is not one. */
export function parseWorkspaceId(id: string): WorkspaceRef | undefined {
  const match = /^\/subscriptions\/([^/]+)\/resourceGroups\/([^/]+)\/providers\/Microsoft\.OperationalInsights\/workspaces\/([^/]+)$/i.exec(id);
  return match ? { subscriptionId: match[1]!, resourceGroup: match[2]!, name: match[3]! } : undefined;
}

/** A workspace as ARM answered it, or undefined when ARM returned no usable id. */
export function toWorkspaceInfo(ws: WorkspaceResource): WorkspaceInfo | undefined {
  const ref = ws.id ? parseWorkspaceId(ws.id) : undefined;
  return ref && ws.id ? { ...ref, name: ws.name ?? ref.name, id: ws.id, location: ws.location } : undefined;
}

type DataTypes = Record<string, { state?: string } | undefined>;

/**
 * The resource's own properties: the SDK flattens `properties` onto the object for the kinds
 * its models know, and leaves them nested under `properties` for the others.
 */
export function propertiesOf<T>(resource: object): T {
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

interface IncidentConfigurationJson {
  createIncident?: boolean;
  groupingConfiguration?: { enabled?: boolean; reopenClosedIncident?: boolean };
}

/**
 * An alert rule; MicrosoftSecurityIncidentCreation rules carry `productFilter`, Scheduled and NRT
 * rules their incident creation and grouping settings (`incidentConfiguration`).
 */
export function toAlertRuleInfo(rule: AlertRuleUnion): AlertRuleInfo {
  const props = propertiesOf<{ displayName?: string; enabled?: boolean; productFilter?: string; incidentConfiguration?: IncidentConfigurationJson }>(rule);
  const info: AlertRuleInfo = { name: rule.name ?? '', kind: rule.kind, displayName: props.displayName ?? rule.name ?? '', enabled: props.enabled === true };
  if (rule.kind === 'MicrosoftSecurityIncidentCreation' && props.productFilter !== undefined) info.productFilter = props.productFilter;
  const incidents = props.incidentConfiguration;
  if (incidents && typeof incidents.createIncident === 'boolean') {
    info.createIncident = incidents.createIncident;
    info.groupingEnabled = incidents.groupingConfiguration?.enabled === true;
    info.reopenClosedIncident = incidents.groupingConfiguration?.reopenClosedIncident === true;
  }
  return info;
}

type ConditionJson = { conditionType?: string; conditionProperties?: Record<string, unknown> };

/**
 * Every property condition of an automation rule, flattened: `Property` and `PropertyChanged`
 * conditions as they are, and the conditions inside `Boolean` (innerConditions) and
 * `PropertyArray` / `PropertyArrayChanged` (itemConditions) ones (AutomationRules.json).
 */
function flattenConditions(conditions: unknown, out: AutomationConditionInfo[] = []): AutomationConditionInfo[] {
  if (!Array.isArray(conditions)) return out;
  for (const c of conditions as ConditionJson[]) {
    const props = c?.conditionProperties ?? {};
    if (typeof props.propertyName === 'string') {
      const values = Array.isArray(props.propertyValues) ? props.propertyValues.filter((v): v is string => typeof v === 'string') : [];
      out.push({ property: props.propertyName, ...(typeof props.operator === 'string' ? { operator: props.operator } : {}), values });
    }
    flattenConditions(props.innerConditions, out);
    flattenConditions(props.itemConditions, out);
  }
  return out;
}

/** An automation rule: its trigger, its conditions (flattened) and the Logic Apps its RunPlaybook actions run. */
export function toAutomationRuleInfo(rule: AutomationRule): AutomationRuleInfo {
  const props = propertiesOf<{ displayName?: string; triggeringLogic?: Partial<AutomationRule['triggeringLogic']>; actions?: unknown[] }>(rule);
  const logic = props.triggeringLogic ?? {};
  const playbooks = (props.actions ?? [])
    .map((a) => a as { actionType?: string; actionConfiguration?: { logicAppResourceId?: string } })
    .filter((a) => a.actionType === 'RunPlaybook' && typeof a.actionConfiguration?.logicAppResourceId === 'string')
    .map((a) => a.actionConfiguration!.logicAppResourceId!);
  return {
    name: rule.name ?? '',
    displayName: props.displayName ?? rule.name ?? '',
    enabled: logic.isEnabled !== false,
    triggersOn: String(logic.triggersOn ?? ''),
    triggersWhen: String(logic.triggersWhen ?? ''),
    conditions: flattenConditions(logic.conditions),
    playbooks,
  };
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
  if (typeof ra.principalType === 'string' && ra.principalType !== '') info.principalType = ra.principalType;
  return info;
}

/** A PIM eligibility instance, in the shape of a role assignment (it grants nothing until activated). */
export const toRoleEligibilityInfo = (instance: RoleEligibilityScheduleInstance): RoleEligibilityInfo => toRoleAssignmentInfo(instance);
