import { deterministicGuid } from '../src/sandbox/deterministic-guid';
import { loadTenantFixture } from '../src/sandbox/load-tenant-fixture';

/** The built-in sample tenant's id: the tenant the bot serves without ALLOWED_TENANT_IDS. */
export const SAMPLE_TENANT_ID = loadTenantFixture(undefined).tenantId;

/**
 * Roughly what fits in one environment variable (Linux caps a single one at 128 KB): the bot
 * serves only the tenants listed in ALLOWED_TENANT_IDS, so the benchmark lists each of its own.
 */
const MAX_LISTED_TENANTS = 3_000;

/** A simulated tenant of the benchmark: a GUID, as Entra tenant ids are. */
export function benchTenantId(...parts: (string | number)[]): string {
  return deterministicGuid('bench-tenant', ...parts.map(String));
}

/** The tenants one level's users go through: `rounds[user][round]`, at most MAX_LISTED_TENANTS in all. */
export function levelTenants(label: string, users: number, wantedRounds: number): string[][] {
  const rounds = Math.max(1, Math.min(wantedRounds, Math.floor(MAX_LISTED_TENANTS / users)));
  return Array.from({ length: users }, (_, u) => Array.from({ length: rounds }, (_, r) => benchTenantId(label, u, r)));
}

/** ALLOWED_TENANT_IDS for a bot that serves these tenants. */
export function allowedTenantsEnv(tenants: string[]): Record<string, string> {
  return tenants.length > 0 ? { ALLOWED_TENANT_IDS: tenants.join(',') } : {};
}
