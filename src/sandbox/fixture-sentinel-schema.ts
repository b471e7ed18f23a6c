import { z } from 'zod';
import { armName, text } from './fixture-primitives';

/** The Microsoft Sentinel parts of a fixture workspace: connectors, analytics rules, automation rules. */

const dataConnector = z.object({
  kind: text,
  name: armName.optional(),
  /** Passed through as written (real tenants sometimes return lower case). */
  incidents: text.optional(),
  alerts: text.optional(),
});

/** Only Scheduled and NRT rules have an incident configuration (AlertRules.json). */
const INCIDENT_KINDS = ['scheduled', 'nrt'];

const alertRule = z
  .object({
    name: armName,
    kind: text,
    displayName: text,
    productFilter: text.optional(),
    enabled: z.boolean(),
    /** Scheduled / NRT: `incidentConfiguration.createIncident` (default true). */
    createIncident: z.boolean().optional(),
    /** Scheduled / NRT: `groupingConfiguration.reopenClosedIncident` (default false). */
    reopenClosedIncident: z.boolean().optional(),
    /** Scheduled / NRT: `groupingConfiguration.enabled` (default false). */
    groupingEnabled: z.boolean().optional(),
  })
  .superRefine((rule, ctx) => {
    if (INCIDENT_KINDS.includes(rule.kind.toLowerCase())) return;
    for (const field of ['createIncident', 'reopenClosedIncident', 'groupingEnabled'] as const) {
      if (rule[field] !== undefined) {
        ctx.addIssue({ code: 'custom', path: [field], message: `applies to kinds Scheduled and NRT only (this rule is ${rule.kind}); remove it` });
      }
    }
  });

/** The operators of a `Property` condition (AutomationRules.json, AutomationRulePropertyConditionSupportedOperator). */
const OPERATORS = ['Equals', 'NotEquals', 'Contains', 'NotContains', 'StartsWith', 'NotStartsWith', 'EndsWith', 'NotEndsWith'] as const;

const condition = z.object({
  /** A `propertyName` such as IncidentProviderName, IncidentTitle, IncidentDescription, IncidentUpdatedBySource. */
  property: text,
  operator: z.enum(OPERATORS),
  values: z.array(z.string()).min(1, { message: 'must list at least one value' }),
});

const action = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('RunPlaybook'),
    logicAppResourceId: z.string().regex(/^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.Logic\/workflows\/[^/]+$/i, {
      message: 'must be a Logic App resource id: /subscriptions/{sub}/resourceGroups/{rg}/providers/Microsoft.Logic/workflows/{name}',
    }),
  }),
  z.object({
    type: z.literal('ModifyProperties'),
    status: z.enum(['New', 'Active', 'Closed']).optional(),
    severity: z.enum(['High', 'Medium', 'Low', 'Informational']).optional(),
  }),
]);

const automationRule = z.object({
  name: armName,
  displayName: text,
  /** `triggeringLogic.isEnabled` (default true). */
  enabled: z.boolean().optional(),
  triggersOn: z.enum(['Incidents', 'Alerts']).optional(),
  triggersWhen: z.enum(['Created', 'Updated']).optional(),
  conditions: z.array(condition).max(50).optional(),
  /** Without it the rule sets the incident Active (one ModifyProperties action). */
  actions: z.array(action).min(1).max(20).optional(),
});

export const workspace = z
  .object({
    resourceGroup: armName,
    name: armName,
    location: text,
    sentinel: z.boolean(),
    /** `onboardingStates/default` has `properties.customerManagedKey: true`. */
    sentinelCustomerManagedKey: z.boolean().optional(),
    dataConnectors: z.array(dataConnector).default([]),
    alertRules: z.array(alertRule).default([]),
    automationRules: z.array(automationRule).default([]),
  })
  .superRefine((ws, ctx) => {
    if (ws.sentinelCustomerManagedKey && !ws.sentinel) {
      ctx.addIssue({
        code: 'custom',
        path: ['sentinelCustomerManagedKey'],
        message: 'needs "sentinel": true (the key is a property of the Sentinel onboarding state)',
      });
    }
  });
