/** ARM resource ids of the sandbox's resources (the casing ARM itself uses). */

export const subscriptionId = (sub: string): string => `/subscriptions/${sub}`;

export const resourceGroupId = (sub: string, rg: string): string => `/subscriptions/${sub}/resourceGroups/${rg}`;

export const workspaceId = (sub: string, rg: string, name: string): string =>
  `${resourceGroupId(sub, rg)}/providers/Microsoft.OperationalInsights/workspaces/${name}`;

/** The ARM scope id of a fixture scope (`subscription`, `resourceGroup:<rg>`, `workspace:<rg>/<name>`). */
export function fixtureScopeToId(sub: string, scope: string): string {
  if (scope.startsWith('resourceGroup:')) return resourceGroupId(sub, scope.slice('resourceGroup:'.length));
  if (scope.startsWith('workspace:')) {
    const [rg = '', name = ''] = scope.slice('workspace:'.length).split('/');
    return workspaceId(sub, rg, name);
  }
  return subscriptionId(sub);
}

/** True when `outer` is `inner` or contains it (ARM ids compare case-insensitively). */
export function scopeContains(outer: string, inner: string): boolean {
  const o = outer.toLowerCase().replace(/\/+$/, '');
  const i = inner.toLowerCase().replace(/\/+$/, '');
  return i === o || i.startsWith(`${o}/`);
}
