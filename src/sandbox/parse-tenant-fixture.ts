import type { z } from 'zod';
import { tenantFixtureSchema, type TenantFixture } from './fixture-schema';

/** Turns a zod issue path into `subscriptions[0].roleAssignments[1].role`. */
function formatPath(path: readonly PropertyKey[]): string {
  if (path.length === 0) return '(top level)';
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '');
}

/** Formats validation issues as `field: what is wrong / accepted` lines. */
export function formatFixtureIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues.map((issue) => `${formatPath(issue.path)}: ${issue.message}`).join('; ');
}

/**
 * Validates parsed JSON as a tenant fixture. `source` names where it came from
 * (a file path) and is part of every error message.
 */
export function parseTenantFixture(data: unknown, source: string): TenantFixture {
  const result = tenantFixtureSchema.safeParse(data);
  if (!result.success) {
    throw new Error(
      `Invalid sandbox tenant fixture ${source}: ${formatFixtureIssues(result.error.issues)} ` + '(see contracts/sandbox-tenant.md for the accepted format)',
    );
  }
  return result.data;
}
