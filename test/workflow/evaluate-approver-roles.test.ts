import {
  APPROVER_REQUIREMENT,
  AZURE_ROLE,
  describeApproverRequirement,
  ENTRA_ROLE,
  evaluateApproverRoles,
  evaluateAzureRequirement,
  evaluateEntraRequirement,
  requirementHalves,
  type AzureAssignment,
  type RequestKind,
} from '../../src/workflow';

const SUB = '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0';
const RG = `${SUB}/resourceGroups/rg-soc`;
const WS = `${RG}/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod`;
const OTHER_RG = `${SUB}/resourceGroups/rg-soc2`;
const MG = '/providers/Microsoft.Management/managementGroups/contoso';
const ENTRA = [ENTRA_ROLE.securityAdministrator];

const owner = (scope: string): AzureAssignment => ({ scope, roleDefinitionGuid: AZURE_ROLE.owner });
const uaa = (scope: string): AzureAssignment => ({ scope, roleDefinitionGuid: AZURE_ROLE.userAccessAdministrator });
const sc = (scope: string): AzureAssignment => ({ scope, roleDefinitionGuid: AZURE_ROLE.sentinelContributor });

function evaluate(kind: RequestKind, azureAssignments: AzureAssignment[], entraRoleTemplateIds: string[] = ENTRA) {
  return evaluateApproverRoles({ kind, workspaceId: WS, entraRoleTemplateIds, azureAssignments });
}

describe('evaluateApproverRoles: the Azure rule', () => {
  it.each<[string, AzureAssignment[], boolean]>([
    ['Owner at subscription', [owner(SUB)], true],
    ['Owner at the root', [owner('/')], true],
    ['Owner at a management group', [owner(MG)], true],
    ['Owner only at the resource group', [owner(RG)], false],
    ['Owner only at the workspace', [owner(WS)], false],
    ['Owner at another subscription', [owner('/subscriptions/other')], false],
    ['UAA at subscription + Sentinel Contributor at the resource group', [uaa(SUB), sc(RG)], true],
    ['UAA at subscription + Sentinel Contributor at the workspace', [uaa(SUB), sc(WS)], true],
    ['UAA at subscription + Sentinel Contributor at the subscription', [uaa(SUB), sc(SUB)], true],
    ['UAA at a management group + Sentinel Contributor at the workspace', [uaa(MG), sc(WS)], true],
    ['UAA at subscription + Sentinel Contributor at a different resource group', [uaa(SUB), sc(OTHER_RG)], false],
    ['UAA at subscription alone', [uaa(SUB)], false],
    ['UAA at the resource group + Sentinel Contributor at the workspace', [uaa(RG), sc(WS)], false],
    ['Sentinel Contributor alone', [sc(SUB)], false],
    ['nothing', [], false],
    ['Owner with different case and a trailing slash', [{ scope: `${SUB.toUpperCase()}/`, roleDefinitionGuid: AZURE_ROLE.owner.toUpperCase() }], true],
    ['a full roleDefinitionId', [{ scope: SUB, roleDefinitionGuid: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLE.owner}` }], true],
    ['Sentinel Contributor at the resource group in a different case', [uaa(SUB), sc(RG.toUpperCase())], true],
  ])('%s → qualified: %p (disconnect)', (_, assignments, expected) => {
    const result = evaluate('disconnect', assignments, []);
    expect(result.qualified).toBe(expected);
    expect(result.missing.length === 0).toBe(expected);
  });
});

describe('evaluateApproverRoles: the Entra rule', () => {
  it('connect without an Entra role names the Entra roles as missing', () => {
    const result = evaluate('connect', [owner(SUB)], []);
    expect(result.qualified).toBe(false);
    expect(result.missing).toEqual(['needs Global Administrator or Security Administrator in Microsoft Entra ID']);
  });

  it.each([ENTRA_ROLE.globalAdministrator, ENTRA_ROLE.securityAdministrator.toUpperCase()])('connect with Entra role %s and Owner is qualified', (role) => {
    const result = evaluate('connect', [owner(SUB)], [role]);
    expect(result).toMatchObject({ qualified: true, missing: [] });
  });

  it('connect with the Entra role but no Azure role names the Azure roles', () => {
    const result = evaluate('connect', [], [ENTRA_ROLE.globalAdministrator]);
    expect(result.qualified).toBe(false);
    expect(result.missing).toHaveLength(1);
    expect(result.missing[0]).toMatch(/^needs Owner on subscription d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/);
    expect(result.missing[0]).toContain('User Access Administrator');
    expect(result.missing[0]).toContain('Microsoft Sentinel Contributor');
  });

  it('connect with neither lists both', () => {
    expect(evaluate('connect', [], ['some-other-role']).missing).toHaveLength(2);
  });

  it('disconnect does not need an Entra role', () => {
    expect(evaluate('disconnect', [owner(SUB)], []).qualified).toBe(true);
  });

  it('an unrelated Entra role does not count', () => {
    expect(evaluate('connect', [owner(SUB)], ['f2ef992c-3afb-46b9-b7cf-a126ee74c451']).qualified).toBe(false);
  });
});

describe('evaluateApproverRoles: what it says', () => {
  it('says Sentinel Contributor is what a User Access Administrator lacks', () => {
    const result = evaluate('disconnect', [uaa(SUB), sc(OTHER_RG)]);
    expect(result.missing[0]).toMatch(/^needs Microsoft Sentinel Contributor on the workspace/);
  });

  it('says Owner on a resource group is not enough', () => {
    expect(evaluate('disconnect', [owner(RG)]).missing[0]).toContain('Owner on a resource group or on the workspace is not enough');
  });

  it('lists the relevant roles held that apply to the workspace, ignoring the rest', () => {
    const result = evaluate('connect', [owner(SUB), sc(RG), sc(OTHER_RG), { scope: SUB, roleDefinitionGuid: 'acdd72a7-3385-48ef-bd42-f606fba81ae7' }]);
    expect(result.held).toEqual([
      'Security Administrator in Microsoft Entra ID',
      'Owner on subscription d0cfe6b2-9ac0-4464-9919-dccaee2e48c0',
      'Microsoft Sentinel Contributor on resource group rg-soc',
    ]);
  });
});

describe('the approver requirement, in halves and in words', () => {
  const WS = '/subscriptions/sub-1/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc';
  const at = (scope: string, roleDefinitionGuid: string) => ({ scope, roleDefinitionGuid });

  test('the Entra half: Global or Security Administrator, any case', () => {
    expect(evaluateEntraRequirement([ENTRA_ROLE.securityAdministrator.toUpperCase()])).toMatchObject({ met: true, roleNames: ['Security Administrator'] });
    expect(evaluateEntraRequirement([])).toEqual({ met: false, held: [], roleNames: [], missing: `needs ${APPROVER_REQUIREMENT.entra}` });
  });

  test('the Azure half accepts Sentinel Contributor at the subscription, the resource group or the workspace', () => {
    const uaa = at('/subscriptions/sub-1', AZURE_ROLE.userAccessAdministrator);
    for (const scope of ['/subscriptions/sub-1', '/subscriptions/sub-1/resourceGroups/rg-soc', WS]) {
      expect(evaluateAzureRequirement(WS, [uaa, at(scope, AZURE_ROLE.sentinelContributor)]).met).toBe(true);
    }
    expect(evaluateAzureRequirement(WS, [uaa]).met).toBe(false);
    expect(evaluateAzureRequirement(WS, [at('/subscriptions/sub-1/resourceGroups/rg-soc', AZURE_ROLE.owner)]).met).toBe(false);
  });

  test('a connect needs both halves, a disconnect the Azure half; the description says the same', () => {
    expect(requirementHalves('connect')).toEqual({ entra: true, azure: true });
    expect(requirementHalves('disconnect')).toEqual({ entra: false, azure: true });
    expect(describeApproverRequirement('connect')).toContain(APPROVER_REQUIREMENT.entra);
    expect(describeApproverRequirement('connect')).toContain(APPROVER_REQUIREMENT.azure);
    expect(describeApproverRequirement('disconnect')).not.toContain('Entra');
    expect(APPROVER_REQUIREMENT.azure).toContain('Microsoft Sentinel Contributor on the subscription, the resource group or the workspace');
  });
});
