/** The simulated tenant: public API for the composition root and tests. */
export { createSandbox, type Sandbox, type SandboxOptions } from './create-sandbox';
export { loadTenantFixture } from './load-tenant-fixture';
export { parseTenantFixture } from './parse-tenant-fixture';
export { readSandboxEnv, type SandboxEnv } from './read-sandbox-env';
export type { TenantFixture } from './fixture-schema';
export { AZURE_ROLES, ENTRA_ROLES, FIRST_PARTY_APPS, MTP_SERVICE_PLAN } from './role-catalog';
