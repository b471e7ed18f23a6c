/** Azure adapters: the ARM and Graph ports over the real SDK clients, and credentials. */
export * from './ports';
export { createArmAdapter, DEFAULT_RETRY_OPTIONS, type ArmAdapterOptions } from './create-arm-adapter';
export { createGraphAdapter, type GraphAdapterOptions } from './create-graph-adapter';
export { createLiveCredential, createSandboxCredential, describeCredential, SANDBOX_TOKEN } from './credentials';
export { cacheInventory, type InventoryCacheOptions } from './cache-inventory';
export { watchCredential, type CredentialHealth, type NeededToken } from './credential-health';
export { ARM_SCOPE } from './arm-clients';
export { GRAPH_SCOPE } from './graph-http';
export { isAbsentOrNotOnboarded, isSentinelNotOnboarded } from './sentinel-not-onboarded';
export { SENTINEL_API_VERSIONS } from './sentinel-api-versions';
