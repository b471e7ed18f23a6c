import { SANDBOX_TIMESTAMP } from './arm-resources';
import { deterministicGuid } from './deterministic-guid';
import type { FixtureAlertRule } from './fixture-schema';
import { alertRuleKindDefined, scheduledHasIncidentConfiguration } from './schema-features';

type Json = Record<string, unknown>;

/** The template of the built-in Fusion rule (stable/2025-12-01/examples/alertRules/GetFusionAlertRule.json). */
const FUSION_TEMPLATE = 'f71aba3d-28fb-450b-b192-4e76a83015c8';

/**
 * `incidentConfiguration` of a Scheduled or NRT rule, in the shape of
 * stable/2025-12-01/examples/alertRules/GetScheduledAlertRule.json.
 */
function incidentConfiguration(rule: FixtureAlertRule): Json {
  return {
    createIncident: rule.createIncident ?? true,
    groupingConfiguration: {
      enabled: rule.groupingEnabled ?? false,
      reopenClosedIncident: rule.reopenClosedIncident ?? false,
      lookbackDuration: 'PT5H',
      matchingMethod: 'AllEntities',
      groupByEntities: [],
      groupByAlertDetails: [],
      groupByCustomDetails: [],
    },
  };
}

/** Kind-specific alert rule properties at `apiVersion`, modelled on the REST API examples. */
function alertRuleProperties(rule: FixtureAlertRule, apiVersion: string): Json {
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
        alertRuleTemplateName: FUSION_TEMPLATE,
        description: 'Fusion uses machine learning to detect multistage attacks.',
        severity: 'High',
        tactics: ['Persistence', 'LateralMovement'],
      };
    case 'Scheduled':
    case 'NRT': {
      const schedule = rule.kind === 'Scheduled' ? { queryFrequency: 'PT1H', queryPeriod: 'PT1H', triggerOperator: 'GreaterThan', triggerThreshold: 0 } : {};
      const incidents = rule.kind === 'NRT' || scheduledHasIncidentConfiguration(apiVersion) ? { incidentConfiguration: incidentConfiguration(rule) } : {};
      return {
        ...common,
        query: 'SecurityEvent | take 1',
        severity: 'Medium',
        ...schedule,
        suppressionDuration: 'PT1H',
        suppressionEnabled: false,
        tactics: [],
        ...incidents,
      };
    }
    default:
      return { ...common, ...(rule.productFilter ? { productFilter: rule.productFilter } : {}) };
  }
}

/** An alert rule as `…/alertRules` returns it at `apiVersion`, or undefined when that version has no such kind (NRT is preview-only). */
export function alertRuleJson(workspaceId: string, rule: FixtureAlertRule, apiVersion: string): Json | undefined {
  if (!alertRuleKindDefined(rule.kind, apiVersion)) return undefined;
  const id = `${workspaceId}/providers/Microsoft.SecurityInsights/alertRules/${rule.name}`;
  return {
    id,
    name: rule.name,
    etag: `"${deterministicGuid('etag', id)}"`,
    type: 'Microsoft.SecurityInsights/alertRules',
    kind: rule.kind,
    properties: alertRuleProperties(rule, apiVersion),
  };
}
