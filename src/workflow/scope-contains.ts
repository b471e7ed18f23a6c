/** Lower-cased path segments of an ARM scope; empty segments (from `//` or a trailing `/`) dropped. */
function segments(scope: string): string[] {
  return scope
    .trim()
    .toLowerCase()
    .split('/')
    .filter((segment) => segment.length > 0);
}

/**
 * Whether `scope` is `resourceId` or one of its ancestors, so that a role held
 * at `scope` applies to the resource. Compares case-insensitively on whole path
 * segments (`…/rg` contains `…/rg/providers/…` but not `…/rg2/…`); `/` contains
 * everything.
 */
export function scopeContains(scope: string, resourceId: string): boolean {
  const outer = segments(scope);
  const inner = segments(resourceId);
  if (outer.length > inner.length) return false;
  return outer.every((segment, index) => segment === inner[index]);
}

/**
 * Whether `scope` is a management group. Its containment of a subscription
 * cannot be decided from the ids alone; ARM only returns such an assignment
 * for a subscription's scope when the group is one of its ancestors.
 */
export function isManagementGroupScope(scope: string): boolean {
  const parts = segments(scope);
  return parts.length === 4 && parts[0] === 'providers' && parts[1] === 'microsoft.management' && parts[2] === 'managementgroups';
}

/** Whether `scope` is the tenant root `/`. */
export function isRootScope(scope: string): boolean {
  return segments(scope).length === 0;
}
