import type { AlertRuleInfo, AutomationConditionInfo, AutomationRuleInfo } from '../../src/azure/ports';
import { classifyImpact, impactCount, impactItemsByConsequence, IMPACT_ORDER } from '../../src/checks/classify-impact';
import type { AutomationEffect, ImpactAnalysis } from '../../src/checks/readiness';

const rule = (name: string, kind: string, extra: Partial<AlertRuleInfo> = {}): AlertRuleInfo => ({
  name,
  kind,
  displayName: `${name} rule`,
  enabled: true,
  ...extra,
});
const scheduled = (name: string, extra: Partial<AlertRuleInfo> = {}): AlertRuleInfo =>
  rule(name, 'Scheduled', { createIncident: true, groupingEnabled: false, reopenClosedIncident: false, ...extra });
const automation = (name: string, extra: Partial<AutomationRuleInfo> = {}): AutomationRuleInfo => ({
  name,
  displayName: `${name} automation`,
  enabled: true,
  triggersOn: 'Incidents',
  triggersWhen: 'Created',
  conditions: [],
  playbooks: [],
  ...extra,
});
const cond = (property: string, ...values: string[]): AutomationConditionInfo => ({ property, operator: 'Equals', values });
const FUSION_ID =
  '/subscriptions/s/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/ws/providers/Microsoft.SecurityInsights/alertRules/BuiltInFusion';

describe('classifyImpact: analytics rules', () => {
  const names = (list: { name: string }[] | null) => list?.map((r) => r.name) ?? null;

  test.each<[string, AlertRuleInfo, keyof ImpactAnalysis | null]>([
    ['BuiltInFusion enabled → turned off', rule('BuiltInFusion', 'Fusion'), 'fusionRules'],
    ['any Fusion-kind rule enabled → turned off', rule('my-fusion', 'fusion'), 'fusionRules'],
    ['Fusion disabled → nothing', rule('BuiltInFusion', 'Fusion', { enabled: false }), null],
    ['incident creation rule enabled → deactivated', rule('mde', 'MicrosoftSecurityIncidentCreation', { productFilter: 'MDE' }), 'incidentCreationRules'],
    ['incident creation rule disabled → nothing', rule('mde', 'MicrosoftSecurityIncidentCreation', { enabled: false }), null],
    ['Scheduled without incidents → alerts not shown', scheduled('s', { createIncident: false }), 'alertsNotShown'],
    ['NRT without incidents → alerts not shown', rule('n', 'NRT', { createIncident: false }), 'alertsNotShown'],
    ['Scheduled without incidents, disabled → nothing', scheduled('s', { createIncident: false, enabled: false }), null],
    ['Scheduled reopening closed incidents → not honoured', scheduled('s', { reopenClosedIncident: true }), 'groupingNotHonoured'],
    ['NRT grouping alerts → not honoured', rule('n', 'NRT', { createIncident: true, groupingEnabled: true }), 'groupingNotHonoured'],
    ['grouping on a rule without incidents → only "not shown"', scheduled('s', { createIncident: false, groupingEnabled: true }), 'alertsNotShown'],
    ['a plain Scheduled rule → harmless', scheduled('s'), null],
    ['another kind (MLBehaviorAnalytics) → harmless', rule('ml', 'MLBehaviorAnalytics'), null],
  ])('%s', (_, r, where) => {
    const impact = classifyImpact({ alertRules: [r], automationRules: [], customerManagedKey: false });
    for (const key of ['fusionRules', 'incidentCreationRules', 'alertsNotShown', 'groupingNotHonoured'] as const) {
      expect(names(impact[key])).toEqual(key === where ? [r.name] : []);
    }
  });

  test('grouping settings, and the incident creation rule product, are named', () => {
    const impact = classifyImpact({
      alertRules: [
        scheduled('both', { reopenClosedIncident: true, groupingEnabled: true }),
        rule('mdc', 'MicrosoftSecurityIncidentCreation', { productFilter: 'Azure Security Center' }),
      ],
      automationRules: [],
      customerManagedKey: null,
    });
    expect(impact.groupingNotHonoured).toEqual([
      { name: 'both', displayName: 'both rule', kind: 'Scheduled', settings: ['reopen-closed-incidents', 'alert-grouping'] },
    ]);
    expect(impact.incidentCreationRules).toEqual([
      { name: 'mdc', displayName: 'mdc rule', kind: 'MicrosoftSecurityIncidentCreation', product: 'Azure Security Center' },
    ]);
  });

  test('rules that could not be read make every rule item unknown (null), never empty; automation still classified', () => {
    const impact = classifyImpact({
      alertRules: null,
      automationRules: [automation('a', { conditions: [cond('IncidentTitle', 'x')] })],
      customerManagedKey: true,
    });
    expect(impact).toMatchObject({ fusionRules: null, incidentCreationRules: null, alertsNotShown: null, groupingNotHonoured: null, customerManagedKey: true });
    expect(impact.automationRules?.map((a) => a.name)).toEqual(['a']);
  });
});

describe('classifyImpact: automation rules, with the consequence of each condition kind', () => {
  const effectsOf = (r: AutomationRuleInfo, alertRules: AlertRuleInfo[] | null = [rule('BuiltInFusion', 'Fusion')]): AutomationEffect[] | 'harmless' => {
    const found = classifyImpact({ alertRules, automationRules: [r], customerManagedKey: false }).automationRules!;
    return found.length === 0 ? 'harmless' : found[0]!.effects;
  };

  test.each<[string, AutomationRuleInfo, AutomationEffect[] | 'harmless']>([
    [
      'Incident provider condition: removed, runs on more incidents',
      automation('p', { conditions: [cond('IncidentProviderName', 'Azure Sentinel')] }),
      ['provider-condition'],
    ],
    ['Description condition: will not work', automation('d', { conditions: [cond('IncidentDescription', 'phish')] }), ['description-condition']],
    ['Title condition: titles may change', automation('t', { conditions: [cond('IncidentTitle', 'ransom')] }), ['title-condition']],
    [
      'Updated by Microsoft 365 Defender: becomes Other',
      automation('u', { conditions: [cond('IncidentUpdatedBySource', 'Microsoft 365 Defender')] }),
      ['updated-by-defender'],
    ],
    ['Updated by another source: harmless', automation('u2', { conditions: [cond('IncidentUpdatedBySource', 'Automation rule')] }), 'harmless'],
    [
      'analytics rule condition naming BuiltInFusion: matches nothing once Fusion is off',
      automation('f', { conditions: [cond('IncidentRelatedAnalyticRuleIds', FUSION_ID)] }),
      ['fusion-rule-condition'],
    ],
    [
      'analytics rule condition naming another rule: harmless',
      automation('f2', { conditions: [cond('IncidentRelatedAnalyticRuleIds', FUSION_ID.replace('BuiltInFusion', 'my-rule'))] }),
      'harmless',
    ],
    ['alert trigger: Sentinel alerts only', automation('al', { triggersOn: 'Alerts' }), ['alert-trigger']],
    ['severity condition: harmless', automation('s', { conditions: [cond('IncidentSeverity', 'High')] }), 'harmless'],
    ['no condition, incident trigger: harmless', automation('n'), 'harmless'],
    [
      'disabled, with a provider condition: harmless (it runs nothing)',
      automation('off', { enabled: false, conditions: [cond('IncidentProviderName', 'x')] }),
      'harmless',
    ],
    [
      'several: worst first, each once',
      automation('all', {
        triggersOn: 'alerts',
        conditions: [cond('IncidentTitle', 'a'), cond('incidentprovidername', 'b'), cond('IncidentDescription', 'c'), cond('IncidentTitle', 'd')],
      }),
      ['description-condition', 'provider-condition', 'title-condition', 'alert-trigger'],
    ],
  ])('%s', (_, r, expected) => {
    expect(effectsOf(r)).toEqual(expected);
  });

  test('a Fusion condition counts only while the Fusion rule is on; without the rules, BuiltInFusion by name', () => {
    const r = automation('f', { conditions: [cond('IncidentRelatedAnalyticRuleIds', FUSION_ID)] });
    expect(effectsOf(r, [rule('BuiltInFusion', 'Fusion', { enabled: false })])).toBe('harmless');
    expect(effectsOf(r, null)).toEqual(['fusion-rule-condition']);
  });

  test('the playbooks are the Logic App names; rules sorted by their worst consequence, then name', () => {
    const impact = classifyImpact({
      alertRules: [],
      automationRules: [
        automation('b-alerts', { triggersOn: 'Alerts', playbooks: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Logic/workflows/enrich'] }),
        automation('a-title', { conditions: [cond('IncidentTitle', 'x')] }),
        automation('c-desc', {
          conditions: [cond('IncidentDescription', 'x')],
          playbooks: ['/subscriptions/s/resourceGroups/rg/providers/Microsoft.Logic/workflows/ticket'],
        }),
        automation('harmless'),
      ],
      customerManagedKey: null,
    });
    expect(impact.automationRules).toEqual([
      { name: 'c-desc', displayName: 'c-desc automation', effects: ['description-condition'], playbooks: ['ticket'] },
      { name: 'a-title', displayName: 'a-title automation', effects: ['title-condition'], playbooks: [] },
      { name: 'b-alerts', displayName: 'b-alerts automation', effects: ['alert-trigger'], playbooks: ['enrich'] },
    ]);
  });

  test('automation rules that could not be read are unknown (null)', () => {
    expect(classifyImpact({ alertRules: [], automationRules: null, customerManagedKey: false }).automationRules).toBeNull();
  });
});

describe('impact items, most consequential first', () => {
  const empty: ImpactAnalysis = {
    fusionRules: [],
    incidentCreationRules: [],
    alertsNotShown: [],
    groupingNotHonoured: [],
    automationRules: [],
    customerManagedKey: false,
  };

  test('affected or unknown items first, in the order of consequence; then the unaffected ones', () => {
    const analysis: ImpactAnalysis = {
      ...empty,
      fusionRules: [{ name: 'BuiltInFusion', displayName: 'Fusion', kind: 'Fusion' }],
      groupingNotHonoured: null,
      customerManagedKey: true,
    };
    expect(impactItemsByConsequence(analysis)).toEqual([
      'customer-managed-key',
      'fusion',
      'grouping',
      'automation',
      'alerts-not-shown',
      'incident-creation-rules',
    ]);
    expect(impactItemsByConsequence(empty)).toEqual(IMPACT_ORDER);
  });

  test.each([
    ['customer-managed-key', true, 1],
    ['customer-managed-key', false, 0],
    ['customer-managed-key', null, null],
  ] as const)('count of %s when the key is %s: %s', (id, key, count) => {
    expect(impactCount({ ...empty, customerManagedKey: key }, id)).toBe(count);
  });
});
