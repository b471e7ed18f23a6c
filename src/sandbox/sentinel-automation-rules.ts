import { SANDBOX_TIMESTAMP } from './arm-resources';
import { deterministicGuid } from './deterministic-guid';
import type { FixtureAutomationRule } from './fixture-schema';

type Json = Record<string, unknown>;

const CLIENT = {
  email: 'sandbox@contoso.example',
  name: 'Sandbox',
  objectId: '00000000-0000-4000-8000-000000000000',
  userPrincipalName: 'sandbox@contoso.example',
};

/** `actions[]` as AutomationRules.json has them: `{order, actionType, actionConfiguration}`. */
function actionsJson(rule: FixtureAutomationRule, tenantId: string): Json[] {
  const actions = rule.actions ?? [{ type: 'ModifyProperties' as const, status: 'Active' as const }];
  return actions.map((a, i) =>
    a.type === 'RunPlaybook'
      ? { order: i + 1, actionType: 'RunPlaybook', actionConfiguration: { logicAppResourceId: a.logicAppResourceId, tenantId } }
      : {
          order: i + 1,
          actionType: 'ModifyProperties',
          actionConfiguration: { ...(a.status ? { status: a.status } : {}), ...(a.severity ? { severity: a.severity } : {}) },
        },
  );
}

/**
 * An automation rule as `…/automationRules` returns it (stable/2025-12-01/examples/automationRules/
 * AutomationRules_Get.json): `triggeringLogic` {isEnabled, triggersOn, triggersWhen, conditions[]
 * of conditionType Property} and `actions[]`. This shape is the same in every version that has
 * the type; enum values (triggersOn Alerts, triggersWhen Updated, newer property names) are
 * passed through as written (the propertyName enum is modelAsString; what an older version's
 * answer says for a newer triggersOn value is not documented).
 */
export function automationRuleJson(workspaceId: string, tenantId: string, rule: FixtureAutomationRule, order: number): Json {
  const id = `${workspaceId}/providers/Microsoft.SecurityInsights/automationRules/${rule.name}`;
  return {
    id,
    name: rule.name,
    etag: `"${deterministicGuid('etag', id)}"`,
    type: 'Microsoft.SecurityInsights/automationRules',
    properties: {
      displayName: rule.displayName,
      order,
      triggeringLogic: {
        isEnabled: rule.enabled ?? true,
        triggersOn: rule.triggersOn ?? 'Incidents',
        triggersWhen: rule.triggersWhen ?? 'Created',
        conditions: (rule.conditions ?? []).map((c) => ({
          conditionType: 'Property',
          conditionProperties: { propertyName: c.property, operator: c.operator, propertyValues: c.values },
        })),
      },
      actions: actionsJson(rule, tenantId),
      lastModifiedTimeUtc: SANDBOX_TIMESTAMP,
      createdTimeUtc: SANDBOX_TIMESTAMP,
      lastModifiedBy: CLIENT,
      createdBy: CLIENT,
    },
  };
}
