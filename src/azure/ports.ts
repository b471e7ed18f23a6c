/**
 * Ports to Azure Resource Manager and Microsoft Graph. Only `src/azure/` imports
 * Azure SDKs; everything else sees these interfaces and the typed errors below.
 */

import type { WorkspaceRef } from '../workflow/workspace-ref';

// The workflow owns the workspace reference; the ports speak of it too.
export type { WorkspaceRef };

export interface WorkspaceInfo extends WorkspaceRef {
  /** Full ARM resource id, as ARM returned it. */
  id: string;
  location: string;
}

export interface SubscriptionInfo {
  subscriptionId: string;
  displayName: string;
  /** The subscription's own Entra tenant (`tenantId` of `GET /subscriptions`); another tenant's means Azure Lighthouse. */
  tenantId?: string;
  /** Tenants that manage the subscription through Azure Lighthouse (`managedByTenants[].tenantId`), lower case. */
  managedByTenants?: string[];
}

export interface DataConnectorInfo {
  name: string;
  kind: string;
  /** `dataTypes.incidents.state` as ARM returned it (any case), when the connector has one. */
  incidentsState?: string;
  /** `dataTypes.alerts.state` as ARM returned it (any case), when the connector has one. */
  alertsState?: string;
}

export interface AlertRuleInfo {
  name: string;
  kind: string;
  displayName: string;
  /** `productFilter` of a MicrosoftSecurityIncidentCreation rule. */
  productFilter?: string;
  enabled: boolean;
  /** Scheduled / NRT: `incidentConfiguration.createIncident`; absent when the rule has no incident configuration. */
  createIncident?: boolean;
  /** Scheduled / NRT: `incidentConfiguration.groupingConfiguration.enabled`. */
  groupingEnabled?: boolean;
  /** Scheduled / NRT: `incidentConfiguration.groupingConfiguration.reopenClosedIncident`. */
  reopenClosedIncident?: boolean;
}

/** One property condition of an automation rule, wherever it sits (Boolean and array conditions are flattened). */
export interface AutomationConditionInfo {
  /** `propertyName`, e.g. IncidentProviderName, IncidentTitle, IncidentDescription, IncidentUpdatedBySource. */
  property: string;
  operator?: string;
  values: string[];
}

export interface AutomationRuleInfo {
  name: string;
  displayName: string;
  /** `triggeringLogic.isEnabled`. */
  enabled: boolean;
  /** `triggeringLogic.triggersOn`: Incidents or Alerts (as ARM wrote it). */
  triggersOn: string;
  /** `triggeringLogic.triggersWhen`: Created or Updated (as ARM wrote it). */
  triggersWhen: string;
  conditions: AutomationConditionInfo[];
  /** Logic App resource ids of the rule's RunPlaybook actions, in action order. */
  playbooks: string[];
}

/** `onboardingStates/default` of a workspace with Microsoft Sentinel. */
export interface SentinelOnboardingInfo {
  /** `properties.customerManagedKey`; false when ARM leaves it out. */
  customerManagedKey: boolean;
}

export interface RoleAssignmentInfo {
  /** ARM scope of the assignment, e.g. `/subscriptions/{id}` or a resource group / workspace id. */
  scope: string;
  /** Role definition GUID (last segment of roleDefinitionId), lower case. */
  roleDefinitionGuid: string;
  principalId: string;
  /** The ABAC condition of the assignment, when it has one (`properties.condition`). */
  condition?: string;
  /** `properties.principalType` (User, Group, ServicePrincipal, …), when ARM said. */
  principalType?: string;
}

/**
 * A role the principal may activate through Privileged Identity Management (an ARM
 * `roleEligibilityScheduleInstance`): it grants nothing until activated.
 */
export type RoleEligibilityInfo = RoleAssignmentInfo;

export interface DirectoryUser {
  id: string;
  displayName: string;
  userPrincipalName: string;
}

/** A user or group as Graph lists it among a role's holders or a group's members. */
export interface DirectoryPrincipal {
  id: string;
  kind: 'user' | 'group' | 'other';
  /** Empty when Graph returned the object with limited information (the bot may not read that type). */
  displayName: string;
}

export interface ServicePrincipalInfo {
  id: string;
  appId: string;
  displayName: string;
}

/** What the bot reads from Azure Resource Manager. */
export interface ArmPort {
  listSubscriptions(): Promise<SubscriptionInfo[]>;
  /** Every Log Analytics workspace in every subscription the bot can see (one Resource Graph query for the whole tenant). */
  listWorkspaces(): Promise<WorkspaceInfo[]>;
  /** The workspace, or `null` when ARM answers 404. */
  getWorkspace(ref: WorkspaceRef): Promise<WorkspaceInfo | null>;
  /** `onboardingStates/default`: true on 200, false on 404 / "not onboarded". */
  isSentinelEnabled(ref: WorkspaceRef): Promise<boolean>;
  /** `onboardingStates/default`, or null on 404 / "not onboarded" (the same call as isSentinelEnabled). */
  getSentinelOnboarding(ref: WorkspaceRef): Promise<SentinelOnboardingInfo | null>;
  listDataConnectors(ref: WorkspaceRef): Promise<DataConnectorInfo[]>;
  listAlertRules(ref: WorkspaceRef): Promise<AlertRuleInfo[]>;
  listAutomationRules(ref: WorkspaceRef): Promise<AutomationRuleInfo[]>;
  /**
   * Role assignments visible at `scope` for `principalId`, groups expanded
   * (`$filter=assignedTo('{id}')`). The caller decides which scopes apply.
   */
  listRoleAssignmentsFor(scope: string, principalId: string): Promise<RoleAssignmentInfo[]>;
  /** Every role assignment at or above `scope` (`$filter=atScope()`), whoever holds it. */
  listRoleAssignmentsAtScope(scope: string): Promise<RoleAssignmentInfo[]>;
  /**
   * The assignments of one role (its definition GUID) to these principals made at a subscription's own
   * scope, in every subscription the bot can read: one Resource Graph query for the whole tenant.
   */
  listSubscriptionRoleAssignments(principalIds: readonly string[], roleDefinitionGuid: string): Promise<RoleAssignmentInfo[]>;
  /**
   * The principal's PIM-eligible Azure roles visible at `scope`, groups expanded
   * (`roleEligibilityScheduleInstances?$filter=assignedTo('{id}')`). They grant nothing.
   */
  listRoleEligibilityFor(scope: string, principalId: string): Promise<RoleEligibilityInfo[]>;
}

/** The Graph reads the bot makes, each needing its own application permission (see graph-reads.ts). */
export type GraphRead = 'memberships' | 'roleAssignments' | 'roleEligibility' | 'subscribedSkus' | 'servicePrincipals' | 'users' | 'groupMembers';

/** What the bot reads from Microsoft Graph. */
export interface GraphPort {
  /** True when a subscribed SKU has the MTP service plan provisioned. */
  hasDefenderXdr(): Promise<boolean>;
  /** Entra role template ids held (active, tenant-wide) by the principal, directly or through groups, nesting expanded. */
  listEntraRoleTemplateIds(principalId: string): Promise<string[]>;
  /** Entra role template ids the principal may activate through PIM (tenant-wide eligibility instances). They grant nothing. */
  listEntraRoleEligibility(principalId: string): Promise<string[]>;
  /**
   * Makes one of the bot's Graph reads with an argument that touches nothing (the nil GUID, a
   * first-party app id): resolves when Graph lets the bot read, throws the AzureCallError otherwise.
   */
  probe(read: GraphRead): Promise<void>;
  getUser(id: string): Promise<DirectoryUser | null>;
  /**
   * The principals holding an Entra directory role tenant-wide (active assignments of that role
   * template, `$expand=principal`): users, role-assignable groups, service principals.
   */
  listEntraRoleHolders(roleTemplateId: string): Promise<DirectoryPrincipal[]>;
  /** The members of a group, nested groups expanded (`groups/{id}/transitiveMembers`); an unknown group: none. */
  listGroupMembers(groupId: string): Promise<DirectoryPrincipal[]>;
  findServicePrincipal(appId: string): Promise<ServicePrincipalInfo | null>;
}

export type AzureErrorKind = 'not-found' | 'forbidden' | 'throttled' | 'unavailable' | 'timeout' | 'malformed' | 'credential' | 'unexpected';

/** The service a call went to, as the advice for a refusal names it. */
export type AzureService = 'Azure Resource Manager' | 'Microsoft Graph';

/** What an error answer said beyond its status. */
export interface AzureErrorDetail {
  /** The service's error code (ARM `error.code`, e.g. NoRegisteredProviderFound; Graph's, e.g. Authorization_RequestDenied). */
  code?: string;
  /** How long the answer asked to wait before trying again (Retry-After), in ms. */
  retryAfterMs?: number;
}

/** A failed ARM or Graph call, with what was called, why it failed and the service's error code. */
export class AzureCallError extends Error {
  readonly code?: string;
  readonly retryAfterMs?: number;
  /** Which service failed (set by the adapter that made the call). */
  service?: AzureService;
  /**
   * What the bot's identity needs for this call: a Graph application permission
   * (e.g. RoleManagement.Read.Directory) or an Azure role (Reader). Set by the adapter.
   */
  permission?: string;

  constructor(
    readonly kind: AzureErrorKind,
    readonly operation: string,
    message: string,
    readonly status?: number,
    detail: AzureErrorDetail = {},
  ) {
    super(`${operation}: ${detail.code && !message.includes(detail.code) ? `${detail.code}: ` : ''}${message}`);
    this.name = 'AzureCallError';
    if (detail.code !== undefined) this.code = detail.code;
    if (detail.retryAfterMs !== undefined) this.retryAfterMs = detail.retryAfterMs;
  }
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Refuses an object id that is not a GUID before it reaches a filter or a URL (callers refuse such
 * ids at the edge already; this is the second net).
 */
export function assertObjectId(id: string, operation: string): void {
  if (!GUID.test(id)) throw new AzureCallError('unexpected', operation, 'the principal id is not a GUID, so it was not sent to Azure');
}

/** An OData string literal's content: single quotes doubled. */
export function odataString(value: string): string {
  return value.replace(/'/g, "''");
}
