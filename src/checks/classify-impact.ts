import type { AlertRuleInfo, AutomationConditionInfo, AutomationRuleInfo } from '../azure/ports';
import {
  AUTOMATION_EFFECTS,
  type AffectedAlertRule,
  type AffectedAutomationRule,
  type AutomationEffect,
  type GroupingSetting,
  type ImpactAnalysis,
  type ImpactItemId,
} from './readiness';
import { DOC_LINKS } from './doc-links';

/** What the analysis reads; null where the read failed. */
export interface ImpactInput {
  alertRules: AlertRuleInfo[] | null;
  automationRules: AutomationRuleInfo[] | null;
  customerManagedKey: boolean | null;
}

const kindIs = (rule: AlertRuleInfo, kind: string): boolean => rule.kind.toLowerCase() === kind.toLowerCase();
const hasIncidentSettings = (rule: AlertRuleInfo): boolean => kindIs(rule, 'Scheduled') || kindIs(rule, 'NRT');
const byName = (a: { displayName: string; name: string }, b: { displayName: string; name: string }): number =>
  a.displayName.localeCompare(b.displayName) || a.name.localeCompare(b.name);

const affected = (rule: AlertRuleInfo, extra: Partial<AffectedAlertRule> = {}): AffectedAlertRule => ({
  name: rule.name,
  displayName: rule.displayName,
  kind: rule.kind,
  ...extra,
});

/** Enabled rules of kind Fusion (the built-in one is BuiltInFusion): the portal turns them off. */
export function fusionRulesToTurnOff(rules: AlertRuleInfo[]): AffectedAlertRule[] {
  return rules
    .filter((r) => r.enabled && kindIs(r, 'Fusion'))
    .map((r) => affected(r))
    .sort(byName);
}

/** Enabled Microsoft incident creation rules: the portal deactivates them. */
export function incidentCreationRulesToDeactivate(rules: AlertRuleInfo[]): AffectedAlertRule[] {
  return rules
    .filter((r) => r.enabled && kindIs(r, 'MicrosoftSecurityIncidentCreation'))
    .map((r) => affected(r, { product: r.productFilter ?? 'Unknown product' }))
    .sort(byName);
}

function groupingSettings(rule: AlertRuleInfo): GroupingSetting[] {
  return [...(rule.reopenClosedIncident ? (['reopen-closed-incidents'] as const) : []), ...(rule.groupingEnabled ? (['alert-grouping'] as const) : [])];
}

const isDefenderValue = (value: string): boolean => /365|defender/i.test(value);
const lastSegment = (id: string): string => id.replace(/\/+$/, '').split('/').pop() ?? id;

/** The effects of one condition; `fusionNames` are the lower-case names of the Fusion rules connecting turns off. */
function conditionEffects(c: AutomationConditionInfo, fusionNames: Set<string>): AutomationEffect[] {
  switch (c.property.toLowerCase()) {
    case 'incidentdescription':
      return ['description-condition'];
    case 'incidentprovidername':
      return ['provider-condition'];
    case 'incidentupdatedbysource':
      // Only "Microsoft 365 Defender" is replaced (by "Other"); the other sources keep their meaning.
      return c.values.some(isDefenderValue) ? ['updated-by-defender'] : [];
    case 'incidentrelatedanalyticruleids':
      return c.values.some((v) => fusionNames.has(lastSegment(v).toLowerCase())) ? ['fusion-rule-condition'] : [];
    case 'incidenttitle':
      return ['title-condition'];
    default:
      return [];
  }
}

/** Enabled automation rules whose conditions or trigger change meaning once connected, worst first. */
export function automationRulesAffected(rules: AutomationRuleInfo[], alertRules: AlertRuleInfo[] | null): AffectedAutomationRule[] {
  // Without the alert rules, the built-in Fusion rule's name still identifies it.
  const fusionNames = new Set(alertRules ? fusionRulesToTurnOff(alertRules).map((r) => r.name.toLowerCase()) : ['builtinfusion']);
  const rank = (effect: AutomationEffect): number => AUTOMATION_EFFECTS.indexOf(effect);
  return rules
    .filter((r) => r.enabled)
    .map((r) => {
      const found = new Set<AutomationEffect>(r.conditions.flatMap((c) => conditionEffects(c, fusionNames)));
      if (r.triggersOn.toLowerCase() === 'alerts') found.add('alert-trigger');
      return {
        name: r.name,
        displayName: r.displayName,
        effects: AUTOMATION_EFFECTS.filter((e) => found.has(e)),
        playbooks: r.playbooks.map(lastSegment),
      };
    })
    .filter((r) => r.effects.length > 0)
    .sort((a, b) => rank(a.effects[0]!) - rank(b.effects[0]!) || byName(a, b));
}

/**
 * What connecting changes for a workspace's analytics rules, automation rules and keys, from what
 * was read (pure: the caller reads). Only enabled rules count: a disabled rule creates nothing and
 * runs nothing, before or after.
 */
export function classifyImpact(input: ImpactInput): ImpactAnalysis {
  const rules = input.alertRules;
  const incidentRules = rules?.filter((r) => r.enabled && hasIncidentSettings(r) && r.createIncident !== undefined) ?? null;
  return {
    fusionRules: rules ? fusionRulesToTurnOff(rules) : null,
    incidentCreationRules: rules ? incidentCreationRulesToDeactivate(rules) : null,
    alertsNotShown: incidentRules
      ? incidentRules
          .filter((r) => r.createIncident === false)
          .map((r) => affected(r))
          .sort(byName)
      : null,
    groupingNotHonoured: incidentRules
      ? incidentRules
          .filter((r) => r.createIncident === true && groupingSettings(r).length > 0)
          .map((r) => affected(r, { settings: groupingSettings(r) }))
          .sort(byName)
      : null,
    automationRules: input.automationRules ? automationRulesAffected(input.automationRules, rules) : null,
    customerManagedKey: input.customerManagedKey,
  };
}

/**
 * The items of an analysis, most consequential first: automation that stops working or runs on
 * more incidents, alerts that vanish from the portal, alerts and incidents leaving CMK, Fusion
 * turned off (replaced by the Defender XDR engine), incident creation rules deactivated (likewise),
 * grouping settings no longer honoured.
 */
export const IMPACT_ORDER: readonly ImpactItemId[] = [
  'automation',
  'alerts-not-shown',
  'customer-managed-key',
  'fusion',
  'incident-creation-rules',
  'grouping',
];

/** How many things an item affects, or null when it could not be checked. */
export function impactCount(analysis: ImpactAnalysis, id: ImpactItemId): number | null {
  switch (id) {
    case 'automation':
      return analysis.automationRules?.length ?? null;
    case 'alerts-not-shown':
      return analysis.alertsNotShown?.length ?? null;
    case 'customer-managed-key':
      return analysis.customerManagedKey === null ? null : analysis.customerManagedKey ? 1 : 0;
    case 'fusion':
      return analysis.fusionRules?.length ?? null;
    case 'incident-creation-rules':
      return analysis.incidentCreationRules?.length ?? null;
    case 'grouping':
      return analysis.groupingNotHonoured?.length ?? null;
  }
}

/** Item ids in the order to show them: those that affect the workspace or could not be checked, then those that do not. */
export function impactItemsByConsequence(analysis: ImpactAnalysis, ids: readonly ImpactItemId[] = IMPACT_ORDER): ImpactItemId[] {
  const ordered = IMPACT_ORDER.filter((id) => ids.includes(id));
  const matters = (id: ImpactItemId) => impactCount(analysis, id) !== 0;
  return [...ordered.filter(matters), ...ordered.filter((id) => !matters(id))];
}

/** The Microsoft Learn section behind each item (move-to-defender, ms.date 2026-09-10). */
export const IMPACT_LINKS: Record<ImpactItemId, string> = {
  automation: DOC_LINKS.moveAutomation,
  'alerts-not-shown': DOC_LINKS.moveAnalyticsRules,
  'customer-managed-key': DOC_LINKS.moveCustomerManagedKeys,
  fusion: DOC_LINKS.moveAnalyticsRules,
  'incident-creation-rules': DOC_LINKS.moveIncidents,
  grouping: DOC_LINKS.moveIncidents,
};

/** The rules or automation rules an item names (none for customer-managed keys). */
export function impactEntries(analysis: ImpactAnalysis, id: ImpactItemId): Array<AffectedAlertRule | AffectedAutomationRule> {
  switch (id) {
    case 'automation':
      return analysis.automationRules ?? [];
    case 'alerts-not-shown':
      return analysis.alertsNotShown ?? [];
    case 'customer-managed-key':
      return [];
    case 'fusion':
      return analysis.fusionRules ?? [];
    case 'incident-creation-rules':
      return analysis.incidentCreationRules ?? [];
    case 'grouping':
      return analysis.groupingNotHonoured ?? [];
  }
}
