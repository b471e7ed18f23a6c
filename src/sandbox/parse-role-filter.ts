import type { TenantFixture } from './fixture-schema';
import { principalAndGroups } from './tenant-lookup';

/** What a `$filter` on role assignments or eligibility instances asks for. */
export interface RoleFilter {
  atScope: boolean;
  /** Principal ids whose entries count (a principal and its groups, nesting expanded, for assignedTo()). */
  principals?: Set<string>;
}

/**
 * Parses `atScope()`, `assignedTo('{id}')`, `principalId eq '{id}'` (quotes optional) and, where
 * `allowAsTarget`, `asTarget()` (the caller's own entries: the bot has none), joined by `and`.
 * Returns the message of ARM's 400 for anything else.
 */
export function parseRoleFilter(tenant: TenantFixture, filter: string | null, allowAsTarget = false): RoleFilter | string {
  const parsed: RoleFilter = { atScope: false };
  if (!filter?.trim()) return parsed;
  for (const term of filter.trim().split(/\s+and\s+/i)) {
    const assignedTo = /^assignedTo\('([^']+)'\)$/i.exec(term);
    const principal = /^principalId\s+eq\s+'?([^']+?)'?$/i.exec(term);
    if (/^atScope\(\)$/i.test(term)) parsed.atScope = true;
    else if (allowAsTarget && /^asTarget\(\)$/i.test(term)) parsed.principals = new Set();
    else if (assignedTo?.[1]) parsed.principals = principalAndGroups(tenant, assignedTo[1]);
    else if (principal?.[1]) parsed.principals = new Set([principal[1].toLowerCase()]);
    else return `Unsupported $filter term "${term}"; supported: atScope(), assignedTo('{id}'), principalId eq '{id}'${allowAsTarget ? ', asTarget()' : ''}`;
  }
  return parsed;
}
