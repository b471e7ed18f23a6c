import { formatWorkspace, parseWorkspaceArgument, sameWorkspace, workspaceResourceId } from '../../src/workflow';
import { workspace } from './fixtures';

const ID = workspaceResourceId(workspace);

describe('workspace refs', () => {
  it('formats the short path and the full resource id', () => {
    expect(formatWorkspace(workspace)).toBe('d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/rg-soc/law-soc-prod');
    expect(ID).toBe(
      '/subscriptions/d0cfe6b2-9ac0-4464-9919-dccaee2e48c0/resourceGroups/rg-soc/providers/Microsoft.OperationalInsights/workspaces/law-soc-prod',
    );
  });

  it('compares case-insensitively', () => {
    expect(sameWorkspace(workspace, { ...workspace, name: 'LAW-SOC-PROD' })).toBe(true);
    expect(sameWorkspace(workspace, { ...workspace, resourceGroup: 'rg-other' })).toBe(false);
  });
});

describe('parseWorkspaceArgument', () => {
  it.each([
    ['the full resource id', ID],
    ['a lower-case resource id', ID.toLowerCase()],
    ['a resource id with a trailing slash and spaces', `  ${ID}/ `],
    ['a resource id in backticks', `\`${ID}\``],
  ])('accepts %s', (_, text) => {
    const result = parseWorkspaceArgument(text);
    expect(result).toMatchObject({ ok: true, kind: 'resourceId' });
    expect(result.ok && result.kind === 'resourceId' && sameWorkspace(result.workspace, workspace)).toBe(true);
  });

  it('accepts sub/rg/name', () => {
    expect(parseWorkspaceArgument(formatWorkspace(workspace))).toEqual({ ok: true, kind: 'path', workspace });
  });

  it('accepts a resource group with dots and parentheses', () => {
    expect(parseWorkspaceArgument('sub-1/rg.(prod)_1/law-1')).toMatchObject({ ok: true, kind: 'path' });
  });

  it.each(['law-soc-prod', 'abcd', 'a'.repeat(63), 'A1-b2'])('accepts the bare name %s', (name) => {
    expect(parseWorkspaceArgument(` ${name} `)).toEqual({ ok: true, kind: 'name', name });
  });

  it.each([
    ['empty', '   '],
    ['a name of 3 characters', 'abc'],
    ['a name of 64 characters', 'a'.repeat(64)],
    ['a name starting with a hyphen', '-law-soc'],
    ['a name ending with a hyphen', 'law-soc-'],
    ['a name with an underscore', 'law_soc'],
    ['a name with a space', 'law soc'],
    ['a path with two parts', 'sub/law-soc-prod'],
    ['a path with four parts', 'sub/rg/x/law-soc-prod'],
    ['a path with an empty part', 'sub//law-soc-prod'],
    ['a path with a bad workspace name', 'sub/rg/ab'],
    ['a resource group ending in a period', 'sub/rg./law-soc-prod'],
    ['a resource group of 91 characters', `sub/${'r'.repeat(91)}/law-soc-prod`],
    ['a subscription with odd characters', 'sub!/rg/law-soc-prod'],
    ['a resource id of another resource type', ID.replace('Microsoft.OperationalInsights/workspaces', 'Microsoft.Storage/storageAccounts')],
    ['a resource id of a child resource', `${ID}/tables/SecurityEvent`],
    ['a resource group id', '/subscriptions/a/resourceGroups/rg'],
  ])('refuses %s with a clear message', (_, text) => {
    const result = parseWorkspaceArgument(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.refusal.code).toBe('invalid_workspace');
    expect(result.refusal.message).toMatch(/\.$/);
  });
});
