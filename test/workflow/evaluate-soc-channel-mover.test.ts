import { AZURE_ROLE, ENTRA_ROLE, evaluateSocChannelMover } from '../../src/workflow';

const SUB = '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0';

describe('who may move the SOC channel', () => {
  it.each([
    ['Global Administrator', [ENTRA_ROLE.globalAdministrator], []],
    ['Security Administrator (any case)', [ENTRA_ROLE.securityAdministrator.toUpperCase()], []],
    ['Owner of a subscription', [], [{ scope: SUB, roleDefinitionGuid: AZURE_ROLE.owner }]],
    [
      'User Access Administrator of a subscription, as a full roleDefinitionId',
      [],
      [{ scope: SUB, roleDefinitionGuid: `${SUB}/providers/Microsoft.Authorization/roleDefinitions/${AZURE_ROLE.userAccessAdministrator}` }],
    ],
    ['Owner of a management group', [], [{ scope: '/providers/Microsoft.Management/managementGroups/contoso', roleDefinitionGuid: AZURE_ROLE.owner }]],
    ['Owner at the root', [], [{ scope: '/', roleDefinitionGuid: AZURE_ROLE.owner }]],
  ])('%s may', (_, entra, azure) => {
    expect(evaluateSocChannelMover({ entraRoleTemplateIds: entra, azureAssignments: azure }).qualified).toBe(true);
  });

  it.each([
    ['nobody special', [], []],
    ['Owner of a resource group only', [], [{ scope: `${SUB}/resourceGroups/rg-soc`, roleDefinitionGuid: AZURE_ROLE.owner }]],
    ['Microsoft Sentinel Contributor on the subscription', [], [{ scope: SUB, roleDefinitionGuid: AZURE_ROLE.sentinelContributor }]],
    ['a Security Reader', ['5d6b6bb7-de71-4623-b4af-96380a352509'], []],
  ])('%s may not', (_, entra, azure) => {
    expect(evaluateSocChannelMover({ entraRoleTemplateIds: entra, azureAssignments: azure })).toEqual({ qualified: false, held: [] });
  });
});
