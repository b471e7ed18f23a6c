import { isManagementGroupScope, scopeContains } from '../../src/workflow';

const ws = '/subscriptions/a/resourceGroups/rg/providers/Microsoft.OperationalInsights/workspaces/law';

describe('scopeContains', () => {
  it.each([
    ['/', ws, true],
    ['/subscriptions/a', ws, true],
    ['/subscriptions/a/resourceGroups/rg', ws, true],
    [ws, ws, true],
    ['/SUBSCRIPTIONS/A/resourcegroups/RG', ws, true],
    ['/subscriptions/a/resourceGroups/rg/', ws, true],
    ['/subscriptions/a/resourceGroups/rg', `${ws}/`, true],
    ['/subscriptions/a/resourceGroups/rg2', ws, false],
    ['/subscriptions/a/resourceGroups/r', ws, false],
    ['/subscriptions/a/resourceGroups/rg', '/subscriptions/a/resourceGroups/rg2/providers/x', false],
    ['/subscriptions/ab', ws, false],
    ['/subscriptions/b', ws, false],
    [`${ws}/tables/t`, ws, false],
    ['/subscriptions/a/resourceGroups/rg', '/subscriptions/a', false],
  ])('%s contains %s: %p', (scope, resourceId, expected) => {
    expect(scopeContains(scope, resourceId)).toBe(expected);
  });
});

describe('isManagementGroupScope', () => {
  it.each([
    ['/providers/Microsoft.Management/managementGroups/root-mg', true],
    ['/providers/microsoft.management/managementgroups/mg/', true],
    ['/subscriptions/a', false],
    ['/', false],
  ])('%s: %p', (scope, expected) => {
    expect(isManagementGroupScope(scope)).toBe(expected);
  });
});
