import type { TenantFixture } from './fixture-schema';

/**
 * The groups a principal is a member of, directly or through nested groups
 * (`users[].groups`, then `groups[].groups` at every level), as lower-case ids.
 * A principal that is itself a group starts from its own parents.
 */
export function transitiveGroupsOf(tenant: TenantFixture, principalId: string): Set<string> {
  const id = principalId.toLowerCase();
  const parents = new Map(tenant.groups.map((g) => [g.id.toLowerCase(), (g.groups ?? []).map((p) => p.toLowerCase())]));
  const user = tenant.users.find((u) => u.id.toLowerCase() === id);
  const pending = user ? user.groups.map((g) => g.toLowerCase()) : [...(parents.get(id) ?? [])];
  const found = new Set<string>();
  while (pending.length > 0) {
    const next = pending.pop()!;
    if (found.has(next) || next === id) continue;
    found.add(next);
    pending.push(...(parents.get(next) ?? []));
  }
  return found;
}
