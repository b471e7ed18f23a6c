import { deterministicGuid } from './deterministic-guid';
import type { FixtureAlertRule, FixtureDataConnector, FixtureWorkspace } from './fixture-schema';
import { SANDBOX_TIMESTAMP } from './arm-resources';

type Json = Record<string, unknown>;

const PROVIDER = 'providers/Microsoft.SecurityInsights';

const etag = (id: string): string => `"${deterministicGuid('etag', id)}"`;

/** `onboardingStates/default` of a Sentinel-enabled workspace. */
export function onboardingStateJson(workspaceId: string): Json {
  const id = `${workspaceId}/${PROVIDER}/onboardingStates/default`;
  return { id, name: 'default', type: 'Microsoft.SecurityInsights/onboardingStates', etag: etag(id), properties: { customerManagedKey: false } };
}

const state = (value: string | undefined, fallback: string): { state: string } => ({ state: value ?? fallback });

/** `properties.dataTypes` in the shape each connector kind has in the REST API. */
function dataTypes(dc: FixtureDataConnector): Json {
  switch (dc.kind) {
    case 'MicrosoftThreatProtection':
      return { incidents: state(dc.incidents, 'Disabled'), alerts: state(dc.alerts, 'Disabled') };
    case 'Office365':
      return { exchange: state(dc.alerts, 'Enabled'), sharePoint: state(dc.alerts, 'Enabled'), teams: state(dc.alerts, 'Enabled') };
    case 'MicrosoftCloudAppSecurity':
      return { alerts: state(dc.alerts, 'Enabled'), discoveryLogs: state(undefined, 'Disabled') };
    case 'ThreatIntelligence':
      return { indicators: state(dc.alerts, 'Enabled') };
    default:
      return { alerts: state(dc.alerts, 'Enabled'), ...(dc.incidents ? { incidents: state(dc.incidents, 'Enabled') } : {}) };
  }
}

/** A data connector as `…/dataConnectors` returns it (tenant- or subscription-scoped per kind). */
export function dataConnectorJson(workspaceId: string, subscriptionId: string, tenantId: string, dc: FixtureDataConnector): Json {
  const name = dc.name ?? dc.kind;
  const id = `${workspaceId}/${PROVIDER}/dataConnectors/${name}`;
  const scopeProps = dc.kind === 'AzureSecurityCenter' ? { subscriptionId } : { tenantId };
  return {
    id,
    name,
    etag: etag(id),
    type: 'Microsoft.SecurityInsights/dataConnectors',
    kind: dc.kind,
    properties: { ...scopeProps, dataTypes: dataTypes(dc) },
  };
}

/** Kind-specific alert rule properties, modelled on the REST API examples. */
function alertRuleProperties(rule: FixtureAlertRule): Json {
  const common = { displayName: rule.displayName, enabled: rule.enabled, lastModifiedUtc: SANDBOX_TIMESTAMP };
  switch (rule.kind) {
    case 'MicrosoftSecurityIncidentCreation':
      return {
        ...common,
        productFilter: rule.productFilter ?? 'Microsoft Cloud App Security',
        description: '',
        displayNamesFilter: null,
        severitiesFilter: null,
      };
    case 'Fusion':
      return {
        ...common,
        alertRuleTemplateName: 'f71aba3d-28fb-450b-b192-4e76a83015c8',
        description: 'Fusion uses machine learning to detect multistage attacks.',
        severity: 'High',
        tactics: ['Persistence', 'LateralMovement'],
      };
    case 'Scheduled':
    case 'NRT':
      return {
        ...common,
        query: 'SecurityEvent | take 1',
        severity: 'Medium',
        ...(rule.kind === 'Scheduled' ? { queryFrequency: 'PT1H', queryPeriod: 'PT1H', triggerOperator: 'GreaterThan', triggerThreshold: 0 } : {}),
        suppressionDuration: 'PT1H',
        suppressionEnabled: false,
        tactics: [],
      };
    default:
      return { ...common, ...(rule.productFilter ? { productFilter: rule.productFilter } : {}) };
  }
}

/** An alert rule as `…/alertRules` returns it. */
export function alertRuleJson(workspaceId: string, rule: FixtureAlertRule): Json {
  const id = `${workspaceId}/${PROVIDER}/alertRules/${rule.name}`;
  return { id, name: rule.name, etag: etag(id), type: 'Microsoft.SecurityInsights/alertRules', kind: rule.kind, properties: alertRuleProperties(rule) };
}

/** An automation rule as `…/automationRules` returns it. */
export function automationRuleJson(workspaceId: string, rule: FixtureWorkspace['automationRules'][number], order: number): Json {
  const id = `${workspaceId}/${PROVIDER}/automationRules/${rule.name}`;
  const client = {
    email: 'sandbox@contoso.example',
    name: 'Sandbox',
    objectId: '00000000-0000-4000-8000-000000000000',
    userPrincipalName: 'sandbox@contoso.example',
  };
  return {
    id,
    name: rule.name,
    etag: etag(id),
    type: 'Microsoft.SecurityInsights/automationRules',
    properties: {
      displayName: rule.displayName,
      order,
      triggeringLogic: { isEnabled: true, triggersOn: 'Incidents', triggersWhen: 'Created', conditions: [] },
      actions: [{ order: 1, actionType: 'ModifyProperties', actionConfiguration: { status: 'Active' } }],
      lastModifiedTimeUtc: SANDBOX_TIMESTAMP,
      createdTimeUtc: SANDBOX_TIMESTAMP,
      lastModifiedBy: client,
      createdBy: client,
    },
  };
}
